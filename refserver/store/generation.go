package store

import "sync"

// generations counts, per tenant, the schedule writes this DB has committed,
// so that the server can cache what it derives from schedule data and know
// when it is stale: see [DB.ScheduleGeneration].
type generations struct {
	mu sync.Mutex
	n  map[string]uint64
}

func (g *generations) bump(tenant string) {
	g.mu.Lock()
	if g.n == nil {
		g.n = map[string]uint64{}
	}
	g.n[tenant]++
	g.mu.Unlock()
}

func (g *generations) get(tenant string) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n[tenant]
}

// ScheduleGeneration returns a number that changes whenever a write to a
// tenant's schedule data (projects, calendars, activities, links, results)
// through this DB commits; it is bumped after the commit, so a value read
// before a read of the data never labels data older than itself.
//
// It sees only this process's writes, and ok is false when others may write
// the same database: on PostgreSQL, which several servers share. On SQLite
// the server owns its database file, and ok is true.
func (d *DB) ScheduleGeneration(tenant string) (gen uint64, ok bool) {
	return d.gens.get(tenant), d.dialect == SQLite
}
