package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

func TestProjectLifecycle(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"id": "P1", "name": "Bridge", "start": "2025-03-03T08:00", "defaultCalendar": "standard",
		"options": map[string]any{"dataDate": "2025-04-01T08:00", "criticalFloat": map[string]any{"days": 1}}}

	// Without a key, with a viewer key: refused.
	assert.Equal(t, http.StatusUnauthorized, e.api.Post("/projects", body).Code)
	assert.Equal(t, http.StatusForbidden, e.api.Post("/projects", e.as(store.RoleViewer), body).Code)

	resp := e.api.Post("/projects", e.as(store.RoleEditor), body)
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	assert.Equal(t, `"v1"`, resp.Header().Get("ETag"))
	assert.Equal(t, "/projects/P1", resp.Header().Get("Location"))
	var got Project
	require.NoError(t, json.Unmarshal(resp.Body.Bytes(), &got))
	assert.Equal(t, "2025-03-03T08:00", got.Start)
	require.NotNil(t, got.Options)
	assert.Equal(t, "2025-04-01T08:00", got.Options.DataDate)
	assert.Equal(t, 1.0, got.Options.CriticalFloat.Days) // 480 minutes at 8 h a day

	// Same id again: conflict.
	assert.Equal(t, http.StatusConflict, e.api.Post("/projects", e.as(store.RoleEditor), body).Code)

	// A viewer reads it; the rival tenant does not see it at all.
	assert.Equal(t, http.StatusOK, e.api.Get("/projects/P1", e.as(store.RoleViewer)).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1", e.asRival()).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Put("/projects/P1", e.asRival(), body).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Delete("/projects/P1", e.asRival()).Code)

	// Update with the current tag, then a stale one: 412, nothing lost.
	body["name"] = "Bridge (revised)"
	resp = e.api.Put("/projects/P1", e.as(store.RoleEditor), "If-Match: \"v1\"", body)
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, `"v2"`, resp.Header().Get("ETag"))
	body["name"] = "lost update"
	resp = e.api.Put("/projects/P1", e.as(store.RoleEditor), "If-Match: \"v1\"", body)
	assert.Equal(t, http.StatusPreconditionFailed, resp.Code)
	resp = e.api.Get("/projects/P1", e.as(store.RoleViewer))
	require.NoError(t, json.Unmarshal(resp.Body.Bytes(), &got))
	assert.Equal(t, "Bridge (revised)", got.Name)

	// Bad input names the field.
	bad := map[string]any{"id": "P2", "start": "2025-02-29T08:00"}
	resp = e.api.Post("/projects", e.as(store.RoleEditor), bad)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "start")
	assert.Contains(t, resp.Header().Get("Content-Type"), "application/problem+json")

	// Paging.
	for _, id := range []string{"P2", "P3"} {
		b := map[string]any{"id": id, "start": "2025-03-03T08:00"}
		require.Equal(t, http.StatusCreated, e.api.Post("/projects", e.as(store.RoleEditor), b).Code)
	}
	var page struct {
		Items      []Project `json:"items"`
		NextCursor string    `json:"nextCursor"`
	}
	resp = e.api.Get("/projects?limit=2", e.as(store.RoleViewer))
	require.NoError(t, json.Unmarshal(resp.Body.Bytes(), &page))
	require.Len(t, page.Items, 2)
	assert.Equal(t, "P1", page.Items[0].ID)
	require.NotEmpty(t, page.NextCursor)
	resp = e.api.Get("/projects?limit=2&cursor="+page.NextCursor, e.as(store.RoleViewer))
	page.NextCursor = ""
	require.NoError(t, json.Unmarshal(resp.Body.Bytes(), &page))
	require.Len(t, page.Items, 1)
	assert.Equal(t, "P3", page.Items[0].ID)
	assert.Empty(t, page.NextCursor)

	// Delete with a stale tag fails; with the current one it goes.
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Delete("/projects/P1", e.as(store.RoleEditor), "If-Match: \"v1\"").Code)
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1", e.as(store.RoleEditor), "If-Match: \"v2\"").Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1", e.as(store.RoleViewer)).Code)
}
