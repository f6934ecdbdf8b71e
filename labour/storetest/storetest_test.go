package storetest_test

import (
	"testing"

	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/labour/storetest"
)

// A Store implementation proves itself by running the suite from its own
// tests, with a fresh, empty store for each subtest.
func ExampleTestStore() {
	_ = func(t *testing.T) {
		storetest.TestStore(t, func(t *testing.T) labour.Store { return labour.NewMemStore() })
	}
}
