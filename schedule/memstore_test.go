package schedule_test

import (
	"testing"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/storetest"
)

func TestMemStore(t *testing.T) {
	storetest.TestStore(t, func(*testing.T) schedule.Store { return schedule.NewMemStore() })
}
