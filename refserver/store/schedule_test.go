package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
	"github.com/lanyan-dev/lanyan/schedule/storetest"
)

// scheduleTenantSeq names a new tenant for each store that a test asks for, so that
// the subtests of the conformance suite share a database but start empty.
var scheduleTenantSeq atomic.Int64

func newScheduleTenant() string { return fmt.Sprintf("t%d", scheduleTenantSeq.Add(1)) }

func TestScheduleStoreConformance(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		storetest.TestStore(t, func(t *testing.T) schedule.Store { return db.Schedule(newScheduleTenant()) })
	})
}

// TestScheduleStoreInTx runs the conformance suite on a store that calls
// each method in an Atomically transaction of its own, through tx.Schedule:
// every method must work inside a caller's transaction too. The batch of
// 100,000 activities, which takes the same paths as small ones and is the
// slowest subtest under the race detector, runs in TestScheduleStoreConformance
// only.
func TestScheduleStoreInTx(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		storetest.TestStore(t, func(t *testing.T) schedule.Store {
			if strings.HasSuffix(t.Name(), "/BulkActivities") {
				t.Skip("run by TestScheduleStoreConformance")
			}
			return txScheduleStore{db: db, tenant: newScheduleTenant()}
		})
	})
}

func TestScheduleTenantIsolation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := t.Context()
		a, b := db.Schedule("acme"), db.Schedule("bolt")
		_, err := a.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P1", Name: "Acme tower"}})
		require.NoError(t, err)
		require.NoError(t, a.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", Name: "secret"}}))

		_, err = b.GetProject(ctx, "P1")
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		_, err = b.GetActivity(ctx, "P1", "A1")
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		_, err = b.LoadNetwork(ctx, "P1")
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		err = b.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A2"}})
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		assert.True(t, errors.Is(b.DeleteProject(ctx, "P1"), lanyan.ErrNotFound))
		ps, err := b.ListProjects(ctx, schedule.Page{})
		require.NoError(t, err)
		assert.Empty(t, ps)

		// B takes the same id for a project of its own.
		got, err := b.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P1", Name: "Bolt depot"}})
		require.NoError(t, err)
		assert.Equal(t, int64(1), got.Version)
		require.NoError(t, b.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", Name: "bolt's own"}}))
		got, err = b.UpdateProject(ctx, got)
		require.NoError(t, err)
		assert.Equal(t, int64(2), got.Version)

		act, err := a.GetActivity(ctx, "P1", "A1")
		require.NoError(t, err)
		assert.Equal(t, "secret", act.Name)
		pa, err := a.GetProject(ctx, "P1")
		require.NoError(t, err)
		assert.Equal(t, "Acme tower", pa.Name)
		assert.Equal(t, int64(1), pa.Version)

		// Deleting B's project leaves A's.
		require.NoError(t, b.DeleteProject(ctx, "P1"))
		n, err := a.LoadNetwork(ctx, "P1")
		require.NoError(t, err)
		assert.Len(t, n.Activities, 1)
	})
}

func TestScheduleAtomicallyRollsBack(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := t.Context()
		s := db.Schedule("acme")
		_, err := s.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P1"}})
		require.NoError(t, err)
		require.NoError(t, s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", Name: "before"}}))

		boom := errors.New("boom")
		err = db.Atomically(ctx, func(tx *Tx) error {
			ts := tx.Schedule("acme")
			if err := ts.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", Name: "after"}, {ID: "A2"}}); err != nil {
				return err
			}
			// The transaction sees its own writes.
			as, err := ts.ListActivities(ctx, "P1", schedule.Page{})
			if err != nil {
				return err
			}
			if len(as) != 2 || as[0].Name != "after" {
				return fmt.Errorf("inside the transaction: %v", as)
			}
			return boom
		})
		require.ErrorIs(t, err, boom)
		as, err := s.ListActivities(ctx, "P1", schedule.Page{})
		require.NoError(t, err)
		assert.Equal(t, []schedule.Activity{{ID: "A1", Name: "before"}}, as, "rolled back")

		// A function that returns nil commits, even after a method refused a
		// write: the transaction stays usable.
		require.NoError(t, db.Atomically(ctx, func(tx *Tx) error {
			ts := tx.Schedule("acme")
			err := ts.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A1", Succ: "nowhere"}})
			if !errors.Is(err, lanyan.ErrNotFound) {
				return fmt.Errorf("PutLinks of a link to nowhere: %v", err)
			}
			return ts.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A2"}})
		}))
		as, err = s.ListActivities(ctx, "P1", schedule.Page{})
		require.NoError(t, err)
		assert.Len(t, as, 2)
	})
}

func ExampleDB_Schedule() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lanyan")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	db, err := Open(ctx, filepath.Join(dir, "lanyan.db"))
	if err != nil {
		panic(err)
	}
	defer db.Close()

	s := db.Schedule("acme") // the tenant's projects only
	p, err := s.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P1", Name: "Bridge"}})
	if err != nil {
		panic(err)
	}
	err = s.PutActivities(ctx, "P1", []schedule.Activity{
		{ID: "A", Name: "Excavate", Duration: 5 * 480},
		{ID: "B", Name: "Pour", Duration: 360},
	})
	if err != nil {
		panic(err)
	}
	if err := s.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A", Succ: "B"}}); err != nil {
		panic(err)
	}
	net, err := s.LoadNetwork(ctx, "P1")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Version, len(net.Activities), len(net.Links))

	_, err = db.Schedule("other").GetProject(ctx, "P1")
	fmt.Println(errors.Is(err, lanyan.ErrNotFound))
	// Output:
	// 1 2 1
	// true
}

// TestScheduleUnstorable checks what the SQL store refuses beyond the
// interface, alike on both databases, and that refused writes change nothing.
func TestScheduleUnstorable(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := t.Context()
		s := db.Schedule("acme")
		_, err := s.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P\x00"}})
		requireScheduleError(t, err, lanyan.ErrInvalid, `project "P\x00"`, "id")
		_, err = s.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P1", Start: -1 << 40}})
		requireScheduleError(t, err, lanyan.ErrInvalid, `project "P1"`, "start")
		_, err = s.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P1"}})
		require.NoError(t, err)

		err = s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1"}, {ID: "A\xff"}})
		requireScheduleError(t, err, lanyan.ErrInvalid, `activity "A\xff"`, "id")
		err = s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1"}, {ID: "A2", PercentComplete: math.NaN()}})
		requireScheduleError(t, err, lanyan.ErrInvalid, `activity "A2"`, "percentComplete")
		err = s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", ActualStart: 1 << 40}})
		requireScheduleError(t, err, lanyan.ErrInvalid, `activity "A1"`, "actualStart")
		// A reference that cannot be stored is simply unknown.
		err = s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", Parent: "W\x00"}})
		requireScheduleError(t, err, lanyan.ErrNotFound, `activity "A1"`, "parent")
		err = s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1", Calendar: "c\xff"}})
		requireScheduleError(t, err, lanyan.ErrNotFound, `activity "A1"`, "calendar")
		as, err := s.ListActivities(ctx, "P1", schedule.Page{})
		require.NoError(t, err)
		assert.Empty(t, as, "a refused batch was stored")

		require.NoError(t, s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1"}, {ID: "A2"}}))
		err = s.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A1", Succ: "A\x00"}})
		requireScheduleError(t, err, lanyan.ErrNotFound, "", "succ")
		err = s.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A1", Succ: "A2", LagPercent: math.Inf(1)}})
		requireScheduleError(t, err, lanyan.ErrInvalid, `link "A1"->"A2"`, "lagPercent")

		var c schedule.Calendar
		c.ID = "c"
		c.Week[1] = []schedule.Period{{Start: -5, End: 60}}
		requireScheduleError(t, s.PutCalendar(ctx, "P1", c), lanyan.ErrInvalid, `calendar "c"`, "week.monday")
		c.ID = "c\x00"
		requireScheduleError(t, s.PutCalendar(ctx, "P1", c), lanyan.ErrInvalid, `calendar "c\x00"`, "id")

		// Lookups of text that cannot be stored find nothing.
		_, err = s.GetActivity(ctx, "P1", "A\x00")
		requireScheduleError(t, err, lanyan.ErrNotFound, `activity "A\x00"`, "")
		_, err = s.GetProject(ctx, "P\xff")
		requireScheduleError(t, err, lanyan.ErrNotFound, `project "P\xff"`, "")
		_, err = s.ListActivities(ctx, "P\x00", schedule.Page{})
		requireScheduleError(t, err, lanyan.ErrNotFound, `project "P\x00"`, "")
		require.NoError(t, s.DeleteActivities(ctx, "P1", []string{"A\x00"}))
		require.NoError(t, s.DeleteLinks(ctx, "P1", []schedule.LinkKey{{Pred: "A\x00", Succ: "A1"}}))
		_, err = s.ListActivities(ctx, "P1", schedule.Page{After: "A\x00"})
		requireScheduleError(t, err, lanyan.ErrInvalid, "page", "after")
		as, err = s.ListActivities(ctx, "P1", schedule.Page{})
		require.NoError(t, err)
		assert.Len(t, as, 2)
	})
}

func requireScheduleError(t *testing.T, err error, sentinel error, record, field string) {
	t.Helper()
	require.ErrorIs(t, err, sentinel)
	var le *lanyan.Error
	require.ErrorAs(t, err, &le)
	if record != "" {
		assert.Equal(t, record, le.Record, "%v", err)
	}
	assert.Equal(t, field, le.Field, "%v", err)
}

// TestScheduleGeneratedNetwork stores a generated network and reads it back
// whole, and computes a result and saves it.
func TestScheduleGeneratedNetwork(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := t.Context()
		net := gen.Network(2000, 7)
		s := db.Schedule("acme")
		loadGenerated(t, s, net)
		got, err := s.LoadNetwork(ctx, net.Project.ID)
		require.NoError(t, err)
		assert.Equal(t, net.Project, got.Project)
		assert.Equal(t, net.Options, got.Options)
		require.Len(t, got.Calendars, len(net.Calendars))
		assert.Equal(t, sortedActivitiesOf(net.Activities), got.Activities)
		assert.Equal(t, sortedLinksOf(net.Links), got.Links)

		res, err := schedule.Compute(got, got.Options)
		require.NoError(t, err)
		require.NoError(t, s.SaveResult(ctx, net.Project.ID, res))
		back, err := s.LoadResult(ctx, net.Project.ID)
		require.NoError(t, err)
		assert.Equal(t, res, back)
	})
}

// txScheduleStore runs each method of a schedule store in its own Atomically call,
// through a store bound to that transaction.
type txScheduleStore struct {
	db     *DB
	tenant string
}

// txScheduleDo runs fn in an Atomically transaction. Where the conformance
// suite runs writers and readers of one project at the same time, on
// PostgreSQL, transactions that fail to serialize more often than Atomically
// retries are tried again, as a caller of Atomically would.
func txScheduleDo[T any](ctx context.Context, s txScheduleStore, fn func(st *ScheduleStore) (T, error)) (T, error) {
	var out T
	for attempt := 0; ; attempt++ {
		err := s.db.Atomically(ctx, func(tx *Tx) error {
			var err error
			out, err = fn(tx.Schedule(s.tenant))
			return err
		})
		if err == nil || attempt >= 20 || !s.db.retryable(err) {
			return out, err
		}
		time.Sleep(time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt+1, 7))))
	}
}

func txScheduleRun(ctx context.Context, s txScheduleStore, fn func(st *ScheduleStore) error) error {
	_, err := txScheduleDo(ctx, s, func(st *ScheduleStore) (struct{}, error) { return struct{}{}, fn(st) })
	return err
}

func (s txScheduleStore) CreateProject(ctx context.Context, p schedule.StoredProject) (schedule.StoredProject, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (schedule.StoredProject, error) { return st.CreateProject(ctx, p) })
}
func (s txScheduleStore) GetProject(ctx context.Context, id string) (schedule.StoredProject, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (schedule.StoredProject, error) { return st.GetProject(ctx, id) })
}
func (s txScheduleStore) ListProjects(ctx context.Context, page schedule.Page) ([]schedule.StoredProject, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) ([]schedule.StoredProject, error) { return st.ListProjects(ctx, page) })
}
func (s txScheduleStore) UpdateProject(ctx context.Context, p schedule.StoredProject) (schedule.StoredProject, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (schedule.StoredProject, error) { return st.UpdateProject(ctx, p) })
}
func (s txScheduleStore) DeleteProject(ctx context.Context, id string) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.DeleteProject(ctx, id) })
}
func (s txScheduleStore) PutCalendar(ctx context.Context, projectID string, c schedule.Calendar) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.PutCalendar(ctx, projectID, c) })
}
func (s txScheduleStore) GetCalendar(ctx context.Context, projectID, id string) (schedule.Calendar, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (schedule.Calendar, error) { return st.GetCalendar(ctx, projectID, id) })
}
func (s txScheduleStore) ListCalendars(ctx context.Context, projectID string) ([]schedule.Calendar, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) ([]schedule.Calendar, error) { return st.ListCalendars(ctx, projectID) })
}
func (s txScheduleStore) DeleteCalendar(ctx context.Context, projectID, id string) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.DeleteCalendar(ctx, projectID, id) })
}
func (s txScheduleStore) PutActivities(ctx context.Context, projectID string, as []schedule.Activity) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.PutActivities(ctx, projectID, as) })
}
func (s txScheduleStore) GetActivity(ctx context.Context, projectID, id string) (schedule.Activity, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (schedule.Activity, error) { return st.GetActivity(ctx, projectID, id) })
}
func (s txScheduleStore) ListActivities(ctx context.Context, projectID string, page schedule.Page) ([]schedule.Activity, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) ([]schedule.Activity, error) { return st.ListActivities(ctx, projectID, page) })
}
func (s txScheduleStore) DeleteActivities(ctx context.Context, projectID string, ids []string) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.DeleteActivities(ctx, projectID, ids) })
}
func (s txScheduleStore) PutLinks(ctx context.Context, projectID string, ls []schedule.Link) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.PutLinks(ctx, projectID, ls) })
}
func (s txScheduleStore) ListLinks(ctx context.Context, projectID string) ([]schedule.Link, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) ([]schedule.Link, error) { return st.ListLinks(ctx, projectID) })
}
func (s txScheduleStore) DeleteLinks(ctx context.Context, projectID string, keys []schedule.LinkKey) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.DeleteLinks(ctx, projectID, keys) })
}
func (s txScheduleStore) LoadNetwork(ctx context.Context, projectID string) (*schedule.Network, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (*schedule.Network, error) { return st.LoadNetwork(ctx, projectID) })
}
func (s txScheduleStore) SaveResult(ctx context.Context, projectID string, r *schedule.Result) error {
	return txScheduleRun(ctx, s, func(st *ScheduleStore) error { return st.SaveResult(ctx, projectID, r) })
}
func (s txScheduleStore) LoadResult(ctx context.Context, projectID string) (*schedule.Result, error) {
	return txScheduleDo(ctx, s, func(st *ScheduleStore) (*schedule.Result, error) { return st.LoadResult(ctx, projectID) })
}

// Helpers for generated networks.

func loadGenerated(tb testing.TB, s *ScheduleStore, net *schedule.Network) {
	tb.Helper()
	ctx := context.Background()
	_, err := s.CreateProject(ctx, schedule.StoredProject{Project: net.Project, Options: net.Options})
	require.NoError(tb, err)
	for _, c := range net.Calendars {
		require.NoError(tb, s.PutCalendar(ctx, net.Project.ID, c))
	}
	require.NoError(tb, s.PutActivities(ctx, net.Project.ID, net.Activities))
	require.NoError(tb, s.PutLinks(ctx, net.Project.ID, net.Links))
}

func sortedActivitiesOf(as []schedule.Activity) []schedule.Activity {
	out := append([]schedule.Activity(nil), as...)
	slices.SortFunc(out, func(a, b schedule.Activity) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

func sortedLinksOf(ls []schedule.Link) []schedule.Link {
	out := append([]schedule.Link(nil), ls...)
	slices.SortFunc(out, func(a, b schedule.Link) int {
		return cmp.Or(cmp.Compare(a.Pred, b.Pred), cmp.Compare(a.Succ, b.Succ))
	})
	return out
}

// Benchmarks, on SQLite files (PostgreSQL too when LANYAN_TEST_PG_DSN is
// set, as sub-benchmarks).

// BenchmarkSchedulePutActivities100k times storing the 100,000 activities of
// a generated network in one batch, into a new project (an import).
func BenchmarkSchedulePutActivities100k(b *testing.B) {
	net := gen.Network(100_000, 1)
	benchSchedulePut(b, net, false, func(s *ScheduleStore) error {
		return s.PutActivities(context.Background(), net.Project.ID, net.Activities)
	})
}

// BenchmarkSchedulePutLinks100k times storing the links (some 185,000) of a
// generated network of 100,000 activities in one batch, after its
// activities.
func BenchmarkSchedulePutLinks100k(b *testing.B) {
	net := gen.Network(100_000, 1)
	benchSchedulePut(b, net, true, func(s *ScheduleStore) error { return s.PutLinks(context.Background(), net.Project.ID, net.Links) })
}

// benchSchedulePut times put on a new project of a new tenant in each round:
// the project has net's record and calendars, and its activities too if
// withActivities.
func benchSchedulePut(b *testing.B, net *schedule.Network, withActivities bool, put func(s *ScheduleStore) error) {
	eachScheduleBenchDB(b, func(b *testing.B, db *DB) {
		ctx := context.Background()
		b.ReportAllocs()
		round := 0
		for b.Loop() {
			b.StopTimer()
			round++
			s := db.Schedule(fmt.Sprintf("bench%d", round))
			_, err := s.CreateProject(ctx, schedule.StoredProject{Project: net.Project, Options: net.Options})
			require.NoError(b, err)
			for _, c := range net.Calendars {
				require.NoError(b, s.PutCalendar(ctx, net.Project.ID, c))
			}
			if withActivities {
				require.NoError(b, s.PutActivities(ctx, net.Project.ID, net.Activities))
			}
			runtime.GC()
			b.StartTimer()
			require.NoError(b, put(s))
		}
	})
}

// BenchmarkScheduleLoadNetwork100k times reading back a stored network of
// 100,000 activities.
func BenchmarkScheduleLoadNetwork100k(b *testing.B) {
	net := gen.Network(100_000, 1)
	eachScheduleBenchDB(b, func(b *testing.B, db *DB) {
		s := db.Schedule("bench")
		loadGenerated(b, s, net)
		ctx := context.Background()
		runtime.GC()
		b.ReportAllocs()
		for b.Loop() {
			got, err := s.LoadNetwork(ctx, net.Project.ID)
			if err != nil || len(got.Activities) != len(net.Activities) {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScheduleListActivities100 times reading pages of 100 activities of
// a 10,000-activity project, from many goroutines at once.
func BenchmarkScheduleListActivities100(b *testing.B) {
	net := gen.Network(10_000, 1)
	eachScheduleBenchDB(b, func(b *testing.B, db *DB) {
		s := db.Schedule("bench")
		loadGenerated(b, s, net)
		ctx := context.Background()
		ids := make([]string, len(net.Activities))
		for i, a := range sortedActivitiesOf(net.Activities) {
			ids[i] = a.ID
		}
		var next atomic.Int64
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := int(next.Add(100)) % (len(ids) - 100)
				page, err := s.ListActivities(ctx, net.Project.ID, schedule.Page{After: ids[i], Limit: 100})
				if err != nil || len(page) != 100 {
					b.Error(err, len(page))
					return
				}
			}
		})
	})
}

func eachScheduleBenchDB(b *testing.B, fn func(b *testing.B, db *DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, openSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, openPostgres(b)) })
}

// Documents.

// scheduleDocActivities are activities whose documents exercise the codec:
// text that encoding/json escapes or keeps as it is, instants and floats of
// every form.
func scheduleDocActivities() []schedule.Activity {
	as := []schedule.Activity{
		{},
		{ID: "A1", Name: "Substructure 地下结构", Kind: schedule.WBSSummary, Calendar: "std", Parent: "W1",
			Duration: 2400, RemainingDuration: -1, PercentComplete: 62.5,
			Constraint:  schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: schedule.AtTime(date.New(2025, time.March, 4), 8, 0)},
			Constraint2: schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: maxDocInstant},
			ActualStart: minDocInstant, ActualFinish: 1},
		{ID: `quote " back \ slash`, Name: "tab\tnew\nline <b>&amp;</b>", Calendar: "\u2028", Parent: "\x7f\u00e9"},
		{ID: "bad \xff utf-8", Name: "\x00", PercentComplete: 1e-7},
		{ID: "big", Duration: math.MaxInt64, RemainingDuration: math.MinInt64, PercentComplete: 1e21},
		{ID: "neg", PercentComplete: -0.1, Kind: 255},
	}
	net := gen.Network(300, 3)
	return append(as, net.Activities...)
}

func scheduleDocLinks() []schedule.Link {
	ls := []schedule.Link{
		{},
		{Pred: "a\"b", Succ: "中", Type: schedule.SF, Lag: -480, LagPercent: 33.333333333333336, LagCalendar: schedule.Lag24Hour},
		{Pred: "x", Succ: "y", Lag: math.MinInt64, LagPercent: -1e-9, LagCalendar: 255},
	}
	return append(ls, gen.Network(300, 3).Links...)
}

func TestScheduleDocuments(t *testing.T) {
	for _, a := range scheduleDocActivities() {
		want, err := json.Marshal(a)
		require.NoError(t, err)
		doc := appendActivity(nil, &a)
		assert.Equal(t, string(want), string(doc), "document of %q as encoding/json writes it", a.ID)

		var fast, slow schedule.Activity
		p := docParser{b: doc}
		assert.NoError(t, p.activity(&fast), "%s: the parser recognises it", doc)
		require.NoError(t, json.Unmarshal(doc, &slow))
		assert.Equal(t, slow, fast, "%s", doc)
	}
	for _, l := range scheduleDocLinks() {
		want, err := json.Marshal(l)
		require.NoError(t, err)
		doc := appendLink(nil, &l)
		assert.Equal(t, string(want), string(doc))

		var fast, slow schedule.Link
		p := docParser{b: doc}
		assert.NoError(t, p.link(&fast), "%s: the parser recognises it", doc)
		require.NoError(t, json.Unmarshal(doc, &slow))
		assert.Equal(t, slow, fast, "%s", doc)
	}

	net := gen.Network(500, 5)
	computed, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	for _, r := range []*schedule.Result{
		{}, computed,
		{Activities: []schedule.ActivityResult{}, Driving: []bool{}, LongestPath: []string{}, MinutesPerDay: []int64{}},
		{Activities: []schedule.ActivityResult{{ID: "<&>", EarlyStart: minDocInstant, LateFinish: maxDocInstant, TotalFloat: -480, Critical: true}},
			Driving: []bool{true, false}, LongestPath: []string{"a", "\u2028"}, MinutesPerDay: []int64{480, -1}, EarlyFinish: 1},
	} {
		want, err := json.Marshal(r)
		require.NoError(t, err)
		doc := appendResult(nil, r)
		assert.Equal(t, string(want), string(doc))

		var fast, slow schedule.Result
		p := docParser{b: doc}
		assert.NoError(t, p.result(&fast), "the parser recognises the result")
		require.NoError(t, json.Unmarshal(doc, &slow))
		assert.Equal(t, slow, fast)
	}

	// Instants over the whole range the documents hold.
	for i := range 20000 {
		in := minDocInstant + schedule.Instant(int64(i)*int64(maxDocInstant-minDocInstant)/19999)
		if i%2 == 1 {
			in += schedule.Instant(i % 1440)
		}
		in = min(in, maxDocInstant)
		want, _ := json.Marshal(in)
		doc := appendInstant(nil, in)
		require.Equal(t, string(want), string(doc))
		p := docParser{b: doc}
		require.Equal(t, in, p.instant())
		require.NoError(t, p.end())
	}

	// A document in another layout is read by encoding/json.
	var a schedule.Activity
	require.NoError(t, decodeActivity([]byte(`{"Name": "spaced", "ID": "X", "Future": 1}`), &a))
	assert.Equal(t, schedule.Activity{ID: "X", Name: "spaced"}, a)
	var l schedule.Link
	require.NoError(t, decodeLink([]byte(`{"Succ":"B","Pred":"A","Lag":5}`), &l))
	assert.Equal(t, schedule.Link{Pred: "A", Succ: "B", Lag: 5}, l)
	assert.Error(t, decodeLink([]byte(`{"Pred":"A","Succ":"B","Type":0,"Lag":1.5,"LagPercent":0,"LagCalendar":0}`), &l))
}

// FuzzScheduleDocuments checks that the fast parser of documents, whenever it
// recognises one (an activity, a link or a result), reads what encoding/json
// reads.
func FuzzScheduleDocuments(f *testing.F) {
	for _, a := range scheduleDocActivities()[:8] {
		f.Add(appendActivity(nil, &a))
	}
	for _, l := range scheduleDocLinks()[:5] {
		f.Add(appendLink(nil, &l))
	}
	f.Add([]byte(`{"Pred":"a","Succ":"b","Type":01,"Lag":0,"LagPercent":0,"LagCalendar":0}`))
	f.Add(appendResult(nil, &schedule.Result{Activities: []schedule.ActivityResult{{ID: "a", EarlyStart: 1e9}}, Driving: []bool{true}}))
	f.Add([]byte(`{"Activities":null,"Driving":[],"EarlyFinish":"2025-02-29T08:00","LongestPath":null,"MinutesPerDay":[1]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		var fa, sa schedule.Activity
		p := docParser{b: doc}
		if p.activity(&fa) == nil {
			require.NoError(t, json.Unmarshal(doc, &sa), "%q recognised but not JSON", doc)
			require.Equal(t, sa, fa, "%q", doc)
		}
		var fl, sl schedule.Link
		p = docParser{b: doc}
		if p.link(&fl) == nil {
			require.NoError(t, json.Unmarshal(doc, &sl), "%q recognised but not JSON", doc)
			require.Equal(t, sl, fl, "%q", doc)
		}
		var fr, sr schedule.Result
		p = docParser{b: doc}
		if p.result(&fr) == nil {
			require.NoError(t, json.Unmarshal(doc, &sr), "%q recognised but not JSON", doc)
			require.Equal(t, sr, fr, "%q", doc)
		}
	})
}
