package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

func TestTenantsAndKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		n, err := db.CountTenants(ctx)
		require.NoError(t, err)
		assert.Equal(t, 0, n)

		_, err = db.CreateTenant(ctx, "bad id", "x")
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
		_, err = db.CreateTenant(ctx, "acme", "Acme 建设")
		require.NoError(t, err)
		_, err = db.CreateTenant(ctx, "acme", "again")
		assert.True(t, errors.Is(err, lanyan.ErrConflict), "%v", err)
		got, err := db.GetTenant(ctx, "acme")
		require.NoError(t, err)
		assert.Equal(t, "Acme 建设", got.Name)
		assert.False(t, got.Operator)
		_, err = db.CreateOperator(ctx, "ops", "Operations")
		require.NoError(t, err)
		ops, err := db.GetTenant(ctx, "ops")
		require.NoError(t, err)
		assert.True(t, ops.Operator)

		_, _, err = db.MintKey(ctx, "nobody", "k", RoleViewer)
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		_, _, err = db.MintKey(ctx, "acme", "k", Role("root"))
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)

		k, token, err := db.MintKey(ctx, "acme", "ci", RoleEditor)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(token, "lanyan_"+k.ID+"_"), token)
		var stored string
		require.NoError(t, db.SQL().QueryRow(db.q(`SELECT hash FROM api_keys WHERE id = ?`), k.ID).Scan(&stored))
		assert.NotContains(t, stored, token[len(token)-10:], "the secret is not stored")

		who, err := db.Authenticate(ctx, token)
		require.NoError(t, err)
		assert.Equal(t, "acme", who.Tenant)
		assert.Equal(t, RoleEditor, who.Role)
		_, err = db.Authenticate(ctx, token+"x")
		assert.True(t, errors.Is(err, lanyan.ErrNotFound))

		_, err = db.CreateTenant(ctx, "other", "Other")
		require.NoError(t, err)
		assert.True(t, errors.Is(db.RevokeKey(ctx, "other", k.ID), lanyan.ErrNotFound), "another tenant's key is not found")
		require.NoError(t, db.RevokeKey(ctx, "acme", k.ID))
		require.NoError(t, db.RevokeKey(ctx, "acme", k.ID))
		_, err = db.Authenticate(ctx, token)
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "revoked")
		keys, err := db.ListKeys(ctx, "acme")
		require.NoError(t, err)
		require.Len(t, keys, 1)
		assert.NotNil(t, keys[0].RevokedAt)
	})
}

func TestRoles(t *testing.T) {
	assert.True(t, RoleAdmin.Allows(RoleEditor))
	assert.True(t, RoleEditor.Allows(RoleViewer))
	assert.False(t, RoleViewer.Allows(RoleEditor))
	assert.False(t, RoleEditor.Allows(RoleAdmin))
	assert.False(t, Role("").Allows(RoleViewer))
	assert.False(t, RoleAdmin.Allows(Role("x")))
}

func TestIdempotency(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, ok, err := db.GetIdempotent(ctx, "acme", "k1", time.Hour)
		require.NoError(t, err)
		assert.False(t, ok)
		require.NoError(t, db.PutIdempotent(ctx, "acme", "k1", Idempotent{Request: "POST /x", Status: 201, Headers: "{}", Body: []byte(`{"a":1}`)}))
		r, ok, err := db.GetIdempotent(ctx, "acme", "k1", time.Hour)
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, 201, r.Status)
		assert.Equal(t, `{"a":1}`, string(r.Body))
		_, ok, err = db.GetIdempotent(ctx, "other", "k1", time.Hour)
		require.NoError(t, err)
		assert.False(t, ok, "keys are per tenant")
	})
}

func TestRebind(t *testing.T) {
	d := &DB{dialect: Postgres, rebound: map[string]string{}}
	assert.Equal(t, `SELECT a FROM t WHERE x = $1 AND y = '?' AND z = $2`, d.q(`SELECT a FROM t WHERE x = ? AND y = '?' AND z = ?`))
}
