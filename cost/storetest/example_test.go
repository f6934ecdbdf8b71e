package storetest_test

import (
	"testing"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/cost/storetest"
)

// A Store implementation proves itself by running the suite from its own tests,
// with a fresh, empty store for each subtest.
func ExampleTestStore() {
	_ = func(t *testing.T) {
		storetest.TestStore(t, func(t *testing.T) cost.Store { return cost.NewMemStore() })
	}
}
