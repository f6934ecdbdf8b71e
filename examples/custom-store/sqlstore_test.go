package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/storetest"
)

// TestSQLStore proves SQLStore with the conformance suite every
// schedule.Store implementation runs: a new, empty database per subtest.
func TestSQLStore(t *testing.T) {
	storetest.TestStore(t, func(t *testing.T) schedule.Store {
		st, err := OpenSQLStore(t.Context(), filepath.Join(t.TempDir(), "schedule.db"))
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		return st
	})
}

func TestRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schedule.db")
	for range 2 { // the second run finds the project of the first in the file
		var out bytes.Buffer
		require.NoError(t, run(t.Context(), path, &out))
		assert.Contains(t, out.String(), "Warehouse 7 extension: 6 activities in sched_task, finish 2025-03-19T17:00")
		assert.Contains(t, out.String(), "A40  Wall cladding          2025-03-13T08:00  2025-03-19T17:00  float  0d critical")
	}
}
