package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/cost/storetest"
	"github.com/lanyan-dev/lanyan/schedule"
)

func TestCostStore(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		n := 0
		storetest.TestStore(t, func(t *testing.T) cost.Store {
			skipBulk(t, db)
			// A new tenant for each subtest is a new, empty store.
			n++
			return db.Cost(fmt.Sprintf("tenant-%d", n))
		})
	})
}

// skipBulk skips a conformance suite's subtest of 100,000 rows in -short
// mode, and on SQLite under the race detector, which slows the pure-Go SQLite
// engine many times over: those subtests check size, not concurrency.
func skipBulk(t *testing.T, db *DB) {
	if !strings.HasSuffix(t.Name(), "/Bulk") {
		return
	}
	if testing.Short() {
		t.Skip("100,000-row batches skipped in -short mode")
	}
	if db.Dialect() == SQLite && raceDetector() {
		t.Skip("100,000-row batches on SQLite skipped under the race detector (run without -race)")
	}
}

// raceDetector reports whether the test binary was built with -race.
func raceDetector() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

func TestCostStoreInTx(t *testing.T) {
	// The conformance suite through a store bound to a transaction would hold
	// the transaction for the whole subtest; instead check that Tx stores see
	// and roll back their writes.
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Atomically(ctx, func(tx *Tx) error {
			s := tx.Cost("acme")
			if _, err := s.CreateProject(ctx, cost.Project{ID: "P1"}); err != nil {
				return err
			}
			if err := s.PutElements(ctx, "P1", []cost.Element{{ID: "CA", Kind: cost.ControlAccount}}); err != nil {
				return err
			}
			es, err := s.ListElements(ctx, "P1", schedule.Page{})
			if err != nil {
				return err
			}
			assert.Len(t, es, 1, "the transaction sees its own writes")
			return boom
		})
		require.ErrorIs(t, err, boom)
		_, err = db.Cost("acme").GetProject(ctx, "P1")
		assert.ErrorIs(t, err, lanyan.ErrNotFound, "rolled back")

		// A failed method inside a transaction leaves no trace, and the
		// transaction goes on.
		err = db.Atomically(ctx, func(tx *Tx) error {
			s := tx.Cost("acme")
			if _, err := s.CreateProject(ctx, cost.Project{ID: "P1"}); err != nil {
				return err
			}
			err := s.PutElements(ctx, "P1", []cost.Element{{ID: "WP", Parent: "nope"}})
			assert.ErrorIs(t, err, lanyan.ErrNotFound)
			return s.PutElements(ctx, "P1", []cost.Element{{ID: "CA", Kind: cost.ControlAccount}})
		})
		require.NoError(t, err)
		b, err := db.Cost("acme").LoadBreakdown(ctx, "P1")
		require.NoError(t, err)
		assert.Len(t, b.Elements, 1)
	})
}

func TestCostTenantIsolation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		a, b := db.Cost("a"), db.Cost("b")
		for _, s := range []*CostStore{a, b} {
			_, err := s.CreateProject(ctx, cost.Project{ID: "P1", Name: s.tenant})
			require.NoError(t, err, "the same project id in two tenants")
		}
		require.NoError(t, a.PutElements(ctx, "P1", []cost.Element{
			{ID: "CA", Kind: cost.ControlAccount},
			{ID: "WP", Kind: cost.WorkPackage, Parent: "CA", Budget: decimal.RequireFromString("10.01")},
		}))
		require.NoError(t, a.PutActuals(ctx, "P1", []cost.StoredActual{{ID: "AC1", ActualCost: cost.ActualCost{Code: "WP", Amount: decimal.RequireFromString("1")}}}))
		require.NoError(t, a.PutBaseline(ctx, "P1", cost.Baseline{Number: 0, Name: "a's"}))

		p, err := b.GetProject(ctx, "P1")
		require.NoError(t, err)
		assert.Equal(t, "b", p.Name)
		es, err := b.ListElements(ctx, "P1", schedule.Page{})
		require.NoError(t, err)
		assert.Empty(t, es)
		_, err = b.GetElement(ctx, "P1", "WP")
		assert.ErrorIs(t, err, lanyan.ErrNotFound)
		_, err = b.GetActual(ctx, "P1", "AC1")
		assert.ErrorIs(t, err, lanyan.ErrNotFound)
		hs, err := b.ListBaselines(ctx, "P1")
		require.NoError(t, err)
		assert.Empty(t, hs)
		// b cannot refer to a's elements.
		err = b.PutActuals(ctx, "P1", []cost.StoredActual{{ID: "AC1", ActualCost: cost.ActualCost{Code: "WP"}}})
		assert.ErrorIs(t, err, lanyan.ErrNotFound)
		err = b.PutElements(ctx, "P1", []cost.Element{{ID: "WP2", Parent: "CA"}})
		assert.ErrorIs(t, err, lanyan.ErrNotFound)

		// Deleting b's project leaves a's.
		require.NoError(t, b.DeleteProject(ctx, "P1"))
		in, err := a.LoadAnalysisInput(ctx, "P1")
		require.NoError(t, err)
		assert.Len(t, in.Breakdown.Elements, 2)
		assert.Len(t, in.Actuals, 1)
		assert.True(t, in.Breakdown.Elements[1].Budget.Equal(decimal.RequireFromString("10.01")))
		ps, err := b.ListProjects(ctx, schedule.Page{})
		require.NoError(t, err)
		assert.Empty(t, ps)
	})
}

func TestCostAmountsExact(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		s := db.Cost("acme")
		big := decimal.RequireFromString("123456789012345678901234.56")
		_, err := s.CreateProject(ctx, cost.Project{ID: "P1", ManagementReserve: big, UndistributedBudget: decimal.RequireFromString("0.10")})
		require.NoError(t, err)
		p, err := s.GetProject(ctx, "P1")
		require.NoError(t, err)
		assert.True(t, big.Equal(p.ManagementReserve), "%s", p.ManagementReserve)
		assert.True(t, decimal.RequireFromString("0.1").Equal(p.UndistributedBudget))
	})
}

func TestCostDeleteProgressKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		s := db.Cost("acme")
		_, err := s.CreateProject(ctx, cost.Project{ID: "P1"})
		require.NoError(t, err)
		// A package id with the ':' that PostgreSQL's form of a key uses, and
		// more keys than one statement takes on SQLite.
		require.NoError(t, s.PutElements(ctx, "P1", []cost.Element{{ID: "A"}, {ID: "1:A"}, {ID: "B"}}))
		var ps []cost.Progress
		var keys []cost.ProgressKey
		start := date.New(2025, 1, 1)
		for i := range 600 {
			for _, p := range []string{"A", "1:A", "B"} {
				ps = append(ps, cost.Progress{Package: p, Date: start + date.Date(i)})
			}
			keys = append(keys, cost.ProgressKey{Package: "1:A", Date: start + date.Date(i)})
		}
		require.NoError(t, s.PutProgress(ctx, "P1", ps))
		keys = append(keys, cost.ProgressKey{Package: "B", Date: start}, cost.ProgressKey{Package: "nope", Date: start})
		require.NoError(t, s.DeleteProgress(ctx, "P1", keys))
		left, err := s.ListProgress(ctx, "P1")
		require.NoError(t, err)
		require.Len(t, left, 600+599)
		assert.Equal(t, "A", left[0].Package)
		assert.Equal(t, "B", left[600].Package)
		assert.Equal(t, start+1, left[600].Date)
	})
}

// BenchmarkCostPutElements10k stores a new breakdown of 10,000 elements (and
// an account they belong to) in a new project.
func BenchmarkCostPutElements10k(b *testing.B) {
	db := openSQLite(b)
	ctx := context.Background()
	s := db.Cost("bench")
	const n = 10_000
	es := make([]cost.Element, 0, n+1)
	es = append(es, cost.Element{ID: "CA", Kind: cost.ControlAccount})
	for i := range n {
		es = append(es, cost.Element{ID: fmt.Sprintf("WP%06d", i), Kind: cost.WorkPackage, Parent: "CA",
			Budget: decimal.New(int64(i)*37+1, -2), Activities: []string{fmt.Sprintf("A%06d", i)},
			Technique: cost.Technique{Method: cost.PercentComplete}})
	}
	project := 0
	for b.Loop() {
		project++
		id := fmt.Sprintf("P%d", project)
		if _, err := s.CreateProject(ctx, cost.Project{ID: id}); err != nil {
			b.Fatal(err)
		}
		if err := s.PutElements(ctx, id, es); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(es)), "ns/element")
}
