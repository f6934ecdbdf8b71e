package cost_test

import (
	"testing"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/cost/storetest"
)

func TestMemStore(t *testing.T) {
	storetest.TestStore(t, func(*testing.T) cost.Store { return cost.NewMemStore() })
}
