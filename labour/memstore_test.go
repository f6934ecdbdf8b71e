package labour_test

import (
	"testing"

	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/labour/storetest"
)

func TestMemStore(t *testing.T) {
	storetest.TestStore(t, func(t *testing.T) labour.Store { return labour.NewMemStore() })
}
