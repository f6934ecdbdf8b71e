package api

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/danielgtaylor/huma/v2/humatest"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// env is a server over a new SQLite database with two tenants: "acme", with a
// key of each role, and "rival", with an admin key, for cross-tenant checks.
type env struct {
	srv    *Server
	api    humatest.TestAPI // calls the API directly
	http   *httptest.Server // the whole handler, idempotency keys included
	tokens map[store.Role]string
	rival  string // rival's admin token
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.CreateOperator(ctx, "acme", "Acme Construction")
	require.NoError(t, err)
	_, err = db.CreateTenant(ctx, "rival", "Rival Builders")
	require.NoError(t, err)
	e := &env{srv: New(db, Options{}), tokens: map[store.Role]string{}}
	for _, r := range []store.Role{store.RoleViewer, store.RoleEditor, store.RoleAdmin} {
		_, tok, err := db.MintKey(ctx, "acme", string(r), r)
		require.NoError(t, err)
		e.tokens[r] = tok
	}
	_, e.rival, err = db.MintKey(ctx, "rival", "admin", store.RoleAdmin)
	require.NoError(t, err)
	e.api = humatest.Wrap(t, e.srv.API())
	e.http = httptest.NewServer(e.srv.Handler())
	t.Cleanup(e.http.Close)
	return e
}

// as returns the Authorization header of acme's key with role r.
func (e *env) as(r store.Role) string { return "Authorization: Bearer " + e.tokens[r] }

// asRival returns the Authorization header of rival's admin key.
func (e *env) asRival() string { return "Authorization: Bearer " + e.rival }
