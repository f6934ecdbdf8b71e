package storetest_test

import (
	"testing"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/storetest"
)

// A Store implementation proves itself by running the suite from its own tests,
// with a fresh, empty store for each subtest.
func ExampleTestStore() {
	_ = func(t *testing.T) {
		storetest.TestStore(t, func(t *testing.T) schedule.Store { return schedule.NewMemStore() })
	}
}
