package api

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// TestActivityPagesFollowWrites lists a page (cached), changes the project
// through each kind of write, and lists again: the page always shows the
// change.
func TestActivityPagesFollowWrites(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	ed, vw := e.as(store.RoleEditor), e.as(store.RoleViewer)
	require.Equal(t, http.StatusOK, e.api.Post("/projects/P1/network", ed, threeInARow).Code)

	names := func() []string {
		resp := e.api.Get("/projects/P1/activities?limit=10", vw)
		require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
		page := decodeBody[struct {
			Items []Activity `json:"items"`
		}](t, resp)
		var out []string
		for _, a := range page.Items {
			out = append(out, a.ID+" "+a.Name)
		}
		return out
	}
	assert.Equal(t, []string{"A Excavate", "B Pour footings", "C Strip forms"}, names())
	assert.Equal(t, []string{"A Excavate", "B Pour footings", "C Strip forms"}, names(), "from the cache")

	resp := e.api.Put("/projects/P1/activities/B", ed, map[string]any{"id": "B", "name": "Pour slab", "duration": map[string]any{"days": 3}})
	require.Contains(t, []int{http.StatusOK, http.StatusCreated}, resp.Code, resp.Body.String())
	assert.Equal(t, []string{"A Excavate", "B Pour slab", "C Strip forms"}, names(), "after a PUT")

	require.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/activities/C", ed).Code)
	assert.Equal(t, []string{"A Excavate", "B Pour slab"}, names(), "after a DELETE")

	resp = e.api.Post("/projects/P1/network", ed, map[string]any{"activities": []any{map[string]any{"id": "D", "name": "Backfill", "duration": map[string]any{"days": 1}}}})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, []string{"A Excavate", "B Pour slab", "D Backfill"}, names(), "after a bulk write")
}
