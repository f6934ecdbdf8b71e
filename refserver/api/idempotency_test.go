package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// post sends a JSON POST through the whole handler (idempotency included).
func (e *env) post(t *testing.T, path, token, idemKey string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.http.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestIdempotencyKey(t *testing.T) {
	e := newEnv(t)
	tok := e.tokens[store.RoleEditor]
	body := `{"id": "P1", "start": "2025-03-03T08:00"}`

	first, b1 := e.post(t, "/projects", tok, "create-P1", body)
	require.Equal(t, http.StatusCreated, first.StatusCode, b1)
	assert.Empty(t, first.Header.Get("Idempotent-Replayed"))

	// The same request again: the first answer, not a 409 for a duplicate.
	again, b2 := e.post(t, "/projects", tok, "create-P1", body)
	assert.Equal(t, http.StatusCreated, again.StatusCode)
	assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
	assert.Equal(t, b1, b2)
	assert.Equal(t, first.Header.Get("ETag"), again.Header.Get("ETag"))
	assert.Equal(t, "/projects/P1", again.Header.Get("Location"))

	// The same key with another body: refused, nothing created.
	other, b3 := e.post(t, "/projects", tok, "create-P1", `{"id": "P2", "start": "2025-03-03T08:00"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, other.StatusCode)
	assert.Contains(t, b3, "different request")
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P2", e.as(store.RoleViewer)).Code)

	// Keys are the tenant's own: the rival's identical key is a new request.
	rival, b4 := e.post(t, "/projects", e.rival, "create-P1", body)
	assert.Equal(t, http.StatusCreated, rival.StatusCode, b4)
	assert.Empty(t, rival.Header.Get("Idempotent-Replayed"))

	// Without a key, a repeat is a conflict, as it should be.
	dup, _ := e.post(t, "/projects", tok, "", body)
	assert.Equal(t, http.StatusConflict, dup.StatusCode)
}

func TestRequestSizeLimit(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "limit.db"))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.CreateOperator(ctx, "acme", "Acme")
	require.NoError(t, err)
	_, tok, err := db.MintKey(ctx, "acme", "ed", store.RoleEditor)
	require.NoError(t, err)
	srv := New(db, Options{MaxBodyBytes: 1024})
	h := srv.Handler()

	big, _ := json.Marshal(map[string]any{"id": "P1", "start": "2025-03-03T08:00", "name": strings.Repeat("x", 2000)})
	req, _ := http.NewRequest(http.MethodPost, "/projects", bytes.NewReader(big))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Header().Get("Content-Type"), "problem+json")
	_, err = db.Schedule("acme").GetProject(ctx, "P1")
	assert.Error(t, err, "nothing was created")
}
