package api

import (
	"context"
	"sync"
	"time"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// keyCacheTTL is how long a key once looked up is trusted without asking the
// database again. A key revoked through this server stops working at once;
// through another server sharing the database, within this time.
const keyCacheTTL = 2 * time.Second

// keyCache remembers the keys of recent requests, so that a client making
// thousands of requests a second costs one key lookup every keyCacheTTL.
type keyCache struct {
	mu      sync.Mutex
	entries map[string]cachedKey // by token
}

type cachedKey struct {
	key     store.Key
	expires time.Time
}

// authenticate returns the key of a token, from the cache or the database.
func (c *keyCache) authenticate(ctx context.Context, db *store.DB, token string, now time.Time) (store.Key, error) {
	c.mu.Lock()
	e, ok := c.entries[token]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.key, nil
	}
	k, err := db.Authenticate(ctx, token)
	if err != nil {
		return k, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) > 10000 {
		c.entries = map[string]cachedKey{} // bounded: start again rather than grow
	}
	c.entries[token] = cachedKey{key: k, expires: now.Add(keyCacheTTL)}
	c.mu.Unlock()
	return k, nil
}

// forget drops a revoked key from the cache.
func (c *keyCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for t, e := range c.entries {
		if e.key.ID == id {
			delete(c.entries, t)
		}
	}
}
