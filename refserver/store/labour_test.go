package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/labour/storetest"
)

func TestLabourStore(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		n := 0
		storetest.TestStore(t, func(t *testing.T) labour.Store {
			skipBulk(t, db)
			// A new tenant for each subtest is a new, empty store.
			n++
			return db.Labour(fmt.Sprintf("tenant-%d", n))
		})
	})
}

func slipFixture(id, worker string, d date.Date) labour.Slip {
	return labour.Slip{
		ID: id, Date: d, Project: "P1", Team: "T1", Worker: labour.Worker{ID: worker, Name: "王五"}, Trade: "formwork",
		Hours: decimal.RequireFromString("7.125"), CostCode: "02-100",
	}
}

func TestLabourTenantIsolation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		a, b := db.Labour("a"), db.Labour("b")
		d := date.New(2025, 10, 9)
		_, err := a.PutSlips(ctx, []labour.Slip{slipFixture("S1", "WA", d), slipFixture("S2", "WA", d)})
		require.NoError(t, err)
		_, err = a.SetStatus(ctx, "S1", 1, labour.StatusSubmitted, "foreman", time.Now(), "")
		require.NoError(t, err)
		// The same id in another tenant is another slip.
		got, err := b.PutSlips(ctx, []labour.Slip{slipFixture("S1", "WB", d)})
		require.NoError(t, err)
		assert.Equal(t, int64(1), got[0].Version)
		assert.Equal(t, labour.StatusDraft, got[0].Status)

		_, err = b.GetSlip(ctx, "S2")
		assert.ErrorIs(t, err, lanyan.ErrNotFound)
		_, err = b.SetStatus(ctx, "S2", 1, labour.StatusSubmitted, "x", time.Now(), "")
		assert.ErrorIs(t, err, lanyan.ErrNotFound)
		l, err := b.ListSlips(ctx, labour.Filter{})
		require.NoError(t, err)
		require.Len(t, l, 1)
		assert.Equal(t, "WB", l[0].Worker.ID)
		l, err = a.ListSlips(ctx, labour.Filter{Worker: "WA"})
		require.NoError(t, err)
		assert.Len(t, l, 2)
		s1, err := a.GetSlip(ctx, "S1")
		require.NoError(t, err)
		assert.Equal(t, labour.StatusSubmitted, s1.Status)
		assert.True(t, decimal.RequireFromString("7.125").Equal(s1.Hours))
	})
}

// TestLabourAtomically checks that slips put in an Atomically transaction
// are rolled back with it when the function fails afterwards.
func TestLabourAtomically(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		d := date.New(2025, 10, 9)
		_, err := db.Labour("acme").PutSlips(ctx, []labour.Slip{slipFixture("S0", "W1", d)})
		require.NoError(t, err)

		boom := errors.New("boom")
		err = db.Atomically(ctx, func(tx *Tx) error {
			s := tx.Labour("acme")
			if _, err := s.PutSlips(ctx, []labour.Slip{slipFixture("S1", "W1", d), slipFixture("S0", "W2", d)}); err != nil {
				return err
			}
			l, err := s.ListSlips(ctx, labour.Filter{})
			if err != nil {
				return err
			}
			assert.Len(t, l, 2, "the transaction sees its own writes")
			if _, err := s.SetStatus(ctx, "S0", 2, labour.StatusSubmitted, "foreman", time.Now(), ""); err != nil {
				return err
			}
			return boom
		})
		require.ErrorIs(t, err, boom)
		s := db.Labour("acme")
		_, err = s.GetSlip(ctx, "S1")
		assert.ErrorIs(t, err, lanyan.ErrNotFound, "the new slip is rolled back")
		s0, err := s.GetSlip(ctx, "S0")
		require.NoError(t, err)
		assert.Equal(t, int64(1), s0.Version, "the replaced slip is rolled back")
		assert.Equal(t, "W1", s0.Worker.ID)
		assert.Equal(t, labour.StatusDraft, s0.Status)

		// A method failing inside a transaction leaves nothing of itself, and
		// the transaction can go on and commit.
		err = db.Atomically(ctx, func(tx *Tx) error {
			s := tx.Labour("acme")
			if _, err := s.PutSlips(ctx, []labour.Slip{slipFixture("S2", "W1", d)}); err != nil {
				return err
			}
			_, err := s.SetStatus(ctx, "S2", 9, labour.StatusSubmitted, "foreman", time.Now(), "")
			assert.ErrorIs(t, err, lanyan.ErrConflict)
			canceled, cancel := context.WithCancel(ctx)
			cancel()
			_, err = s.PutSlips(canceled, []labour.Slip{slipFixture("S3", "W1", d)})
			assert.ErrorIs(t, err, context.Canceled)
			_, err = s.SetStatus(ctx, "S2", 1, labour.StatusSubmitted, "foreman", time.Now(), "")
			return err
		})
		require.NoError(t, err)
		s2, err := s.GetSlip(ctx, "S2")
		require.NoError(t, err)
		assert.Equal(t, labour.StatusSubmitted, s2.Status)
		_, err = s.GetSlip(ctx, "S3")
		assert.ErrorIs(t, err, lanyan.ErrNotFound)
	})
}

// failingCtx is a context whose Err reports it canceled after it has been
// asked n times, so that a method fails part way through.
type failingCtx struct {
	context.Context
	n atomic.Int32
}

func (c *failingCtx) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestLabourCanceledInTx checks that a batch canceled part way inside an
// Atomically transaction leaves none of its slips behind in it.
func TestLabourCanceledInTx(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		batch := make([]labour.Slip, 1000)
		for i := range batch {
			batch[i] = slipFixture(fmt.Sprintf("S%04d", i), "W1", date.New(2025, 10, 9))
		}
		for n := range int32(8) {
			tenant := fmt.Sprintf("acme-%d", n)
			err := db.Atomically(ctx, func(tx *Tx) error {
				s := tx.Labour(tenant)
				c := &failingCtx{Context: ctx}
				c.n.Store(n)
				_, err := s.PutSlips(c, batch)
				require.ErrorIs(t, err, context.Canceled, "canceled after %d checks", n)
				l, err := s.ListSlips(ctx, labour.Filter{})
				require.NoError(t, err)
				assert.Empty(t, l, "canceled after %d checks: slips of the batch remain", n)
				// The transaction is still usable.
				_, err = s.PutSlips(ctx, batch[:1])
				return err
			})
			require.NoError(t, err)
			l, err := db.Labour(tenant).ListSlips(ctx, labour.Filter{})
			require.NoError(t, err)
			assert.Len(t, l, 1)
		}
	})
}

// TestLabourListSlipsFilters checks each filter column against Filter.Match.
func TestLabourListSlipsFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		s := db.Labour("acme")
		var batch []labour.Slip
		for i := range 60 {
			sl := slipFixture(fmt.Sprintf("S%03d", i), fmt.Sprintf("W%d", i%4), date.New(2025, 9, 1)+date.Date(i%20))
			sl.Project = fmt.Sprintf("P%d", i%2)
			sl.Team = fmt.Sprintf("T%d", i%3)
			sl.Subcontractor = fmt.Sprintf("SC%d", i%5)
			sl.Trade = []string{"rebar", "formwork"}[i%2]
			sl.CostCode = fmt.Sprintf("C%d", i%6)
			if i%7 == 0 {
				sl.Status = labour.StatusSubmitted
				sl.History = []labour.StatusChange{{Status: labour.StatusSubmitted, By: "f", At: time.Unix(0, 0).UTC()}}
			}
			batch = append(batch, sl)
		}
		_, err := s.PutSlips(ctx, batch)
		require.NoError(t, err)
		filters := []labour.Filter{
			{Project: "P1"}, {Team: "T2"}, {Subcontractor: "SC3"}, {Worker: "W1"}, {Trade: "rebar"}, {CostCode: "C5"},
			{Status: labour.StatusSubmitted}, {Status: labour.StatusDraft}, {From: date.New(2025, 9, 5)},
			{To: date.New(2025, 9, 3)}, {From: date.New(2025, 9, 5), To: date.New(2025, 9, 5)},
			{Project: "P0", Team: "T0", Worker: "W2", From: date.New(2025, 9, 2)}, {Project: "none"},
		}
		for _, f := range filters {
			var want []string
			for _, sl := range batch {
				if f.Match(sl) {
					want = append(want, sl.ID)
				}
			}
			var got []string
			for page := f; ; {
				page.Limit = 4
				l, err := s.ListSlips(ctx, page)
				require.NoError(t, err)
				for _, sl := range l {
					got = append(got, sl.ID)
				}
				if len(l) < page.Limit {
					break
				}
				page.After = l[len(l)-1].ID
			}
			assert.Equal(t, want, got, "%+v", f)
		}
	})
}

// BenchmarkLabourPutSlips100k stores a batch of 100,000 new slips.
func BenchmarkLabourPutSlips100k(b *testing.B) {
	db := openSQLite(b)
	ctx := context.Background()
	const n = 100_000
	batch := make([]labour.Slip, n)
	for i := range batch {
		batch[i] = slipFixture(fmt.Sprintf("B%06d", i), fmt.Sprintf("W%04d", i%3000), date.New(2025, 1, 1)+date.Date(i%365))
		batch[i].Team = fmt.Sprintf("T%02d", i%40)
	}
	tenant := 0
	for b.Loop() {
		tenant++
		if _, err := db.Labour(fmt.Sprintf("t%d", tenant)).PutSlips(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/slip")
}
