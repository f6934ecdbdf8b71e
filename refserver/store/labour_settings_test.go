package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

func TestLabourSettings(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, err := db.CreateTenant(ctx, "acme", "Acme")
		require.NoError(t, err)
		_, err = db.CreateTenant(ctx, "rival", "Rival")
		require.NoError(t, err)

		// None stored: nil document, version 0.
		doc, v, err := db.LabourSettings(ctx, "acme")
		require.NoError(t, err)
		assert.Nil(t, doc)
		assert.Equal(t, int64(0), v)

		// The first write names version 0; a second write from 0 is stale.
		v, err = db.PutLabourSettings(ctx, "acme", []byte(`{"rates":[]}`), 0)
		require.NoError(t, err)
		assert.Equal(t, int64(1), v)
		_, err = db.PutLabourSettings(ctx, "acme", []byte(`{"stale":true}`), 0)
		assert.True(t, errors.Is(err, lanyan.ErrConflict), "%v", err)
		v, err = db.PutLabourSettings(ctx, "acme", []byte(`{"rates":[1]}`), 1)
		require.NoError(t, err)
		assert.Equal(t, int64(2), v)
		_, err = db.PutLabourSettings(ctx, "acme", []byte(`{"stale":true}`), 1)
		assert.True(t, errors.Is(err, lanyan.ErrConflict), "%v", err)
		v, err = db.PutLabourSettings(ctx, "acme", []byte(`{"any":true}`), AnyVersion)
		require.NoError(t, err)
		assert.Equal(t, int64(3), v)
		doc, v, err = db.LabourSettings(ctx, "acme")
		require.NoError(t, err)
		assert.JSONEq(t, `{"any":true}`, string(doc))
		assert.Equal(t, int64(3), v)

		// Tenants do not see each other's settings.
		doc, v, err = db.LabourSettings(ctx, "rival")
		require.NoError(t, err)
		assert.Nil(t, doc)
		assert.Equal(t, int64(0), v)

		// Bad input.
		_, err = db.PutLabourSettings(ctx, "nobody", []byte(`{}`), AnyVersion)
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		_, err = db.PutLabourSettings(ctx, "acme", nil, AnyVersion)
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
		_, err = db.PutLabourSettings(ctx, "acme", []byte(`{}`), -2)
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)

		// In a transaction: a failed one leaves nothing behind.
		boom := errors.New("boom")
		err = db.Atomically(ctx, func(tx *Tx) error {
			_, v, err := tx.LabourSettings(ctx, "rival")
			if err != nil {
				return err
			}
			if _, err := tx.PutLabourSettings(ctx, "rival", []byte(`{"x":1}`), v); err != nil {
				return err
			}
			doc, _, err := tx.LabourSettings(ctx, "rival")
			if err != nil {
				return err
			}
			assert.JSONEq(t, `{"x":1}`, string(doc))
			return boom
		})
		assert.ErrorIs(t, err, boom)
		doc, _, err = db.LabourSettings(ctx, "rival")
		require.NoError(t, err)
		assert.Nil(t, doc)

		// Concurrent writers from the same version: exactly one wins.
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins, conflicts := 0, 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := db.PutLabourSettings(ctx, "rival", []byte(`{"race":true}`), 0)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case errors.Is(err, lanyan.ErrConflict):
					conflicts++
				default:
					t.Errorf("unexpected error: %v", err)
				}
			}()
		}
		wg.Wait()
		assert.Equal(t, 1, wins)
		assert.Equal(t, 7, conflicts)
	})
}
