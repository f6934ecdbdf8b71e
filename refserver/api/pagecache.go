package api

import "sync"

// pageCacheSize bounds the pages kept; when full, the cache starts again.
const pageCacheSize = 4096

// pageCache keeps list pages already worked out, by a key that holds the
// tenant's schedule generation (store.DB.ScheduleGeneration), so that a
// write makes every page of the tenant stale at once. Cached values are
// shared: handlers must not change them.
type pageCache struct {
	mu sync.Mutex
	m  map[string]any
}

func (c *pageCache) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *pageCache) put(key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= pageCacheSize {
		c.m = make(map[string]any, 64)
	}
	c.m[key] = v
}
