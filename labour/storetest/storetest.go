// Package storetest checks that an implementation of [labour.Store] behaves as
// the interface documents, in the spirit of testing/fstest.TestFS: round trips,
// filters and paging, all-or-nothing batches, signed-off slips, optimistic
// versions on status changes, isolation, cancellation and concurrent use.
//
// An implementation runs it from its own tests, giving a function that returns
// a new, empty store:
//
//	func TestSQLStore(t *testing.T) {
//		storetest.TestStore(t, func(t *testing.T) labour.Store {
//			return sqlstore.New(openEmptyTestDatabase(t))
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
)

// TestStore runs the conformance suite as subtests of t. newStore is called
// once per subtest and must return a new, empty store.
func TestStore(t *testing.T, newStore func(t *testing.T) labour.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s labour.Store)
	}{
		{"PutAndGet", testPutAndGet},
		{"PutAllOrNothing", testPutAllOrNothing},
		{"Replace", testReplace},
		{"ListFilterAndPages", testList},
		{"SetStatus", testSetStatus},
		{"Isolation", testIsolation},
		{"CanceledContext", testCanceled},
		{"ConcurrentSetStatus", testConcurrentSetStatus},
		{"Bulk", testBulk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			require.NotNil(t, s, "newStore returned nil")
			tt.fn(t, s)
		})
	}
}

var t0 = time.Date(2025, 9, 29, 18, 0, 0, 0, time.UTC)

func fixture(id string, d date.Date, team string) labour.Slip {
	return labour.Slip{
		ID: id, Date: d, Project: "P1", Team: team, Subcontractor: "SC 劳务",
		Worker: labour.Worker{ID: "W-" + team, Name: "李四"}, Trade: "rebar",
		Hours: decimal.RequireFromString("8.5"), OvertimeHours: decimal.RequireFromString("1.25"),
		Rate: labour.Rate{Unit: labour.PerHour, Amount: decimal.RequireFromString("45.50")}, CostCode: "03-200",
		Activity: "A1030", Description: "rebar rework 钢筋返工", Reason: "design change", SiteInstruction: "QZ-017",
	}
}

func assertSlip(t *testing.T, want labour.Slip, got labour.StoredSlip) {
	t.Helper()
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.Date, got.Date)
	assert.Equal(t, want.Team, got.Team)
	assert.Equal(t, want.Worker, got.Worker)
	assert.Equal(t, want.SiteInstruction, got.SiteInstruction)
	assert.True(t, want.Hours.Equal(got.Hours), "hours %s", got.Hours)
	assert.True(t, want.OvertimeHours.Equal(got.OvertimeHours), "overtime %s", got.OvertimeHours)
	assert.True(t, want.Rate.Amount.Equal(got.Rate.Amount), "rate %s", got.Rate.Amount)
	assert.Equal(t, want.Rate.Unit, got.Rate.Unit)
	require.Len(t, got.History, len(want.History))
	for i := range want.History {
		assert.Equal(t, want.History[i].Status, got.History[i].Status)
		assert.Equal(t, want.History[i].By, got.History[i].By)
		assert.True(t, want.History[i].At.Equal(got.History[i].At))
	}
}

func checkErr(t *testing.T, err, sentinel error, record, field string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, sentinel)
	var le *lanyan.Error
	if assert.True(t, errors.As(err, &le), "not a *lanyan.Error: %v", err) {
		assert.Equal(t, record, le.Record)
		assert.Equal(t, field, le.Field)
	}
}

func testPutAndGet(t *testing.T, s labour.Store) {
	ctx := context.Background()
	a := fixture("S1", date.New(2025, 9, 29), "T1")
	b := fixture("S2", date.New(2025, 9, 30), "T2")
	b.Status = labour.StatusApproved
	b.History = []labour.StatusChange{
		{Status: labour.StatusSubmitted, By: "foreman", At: t0},
		{Status: labour.StatusVerified, By: "engineer", At: t0.Add(time.Hour)},
		{Status: labour.StatusApproved, By: "QS", At: t0.Add(2 * time.Hour)},
	}
	got, err := s.PutSlips(ctx, []labour.Slip{a, b})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, int64(1), got[0].Version)
	assert.Equal(t, labour.StatusDraft, got[0].Status, "empty status is stored as draft")
	g, err := s.GetSlip(ctx, "S2")
	require.NoError(t, err)
	assertSlip(t, b, g)
	assert.Equal(t, labour.StatusApproved, g.Status)
	_, err = s.GetSlip(ctx, "nope")
	checkErr(t, err, lanyan.ErrNotFound, `slip "nope"`, "")
}

func testPutAllOrNothing(t *testing.T, s labour.Store) {
	ctx := context.Background()
	good := fixture("S1", date.New(2025, 9, 29), "T1")
	bad := fixture("S2", date.New(2025, 9, 29), "T1")
	bad.Hours = decimal.RequireFromString("-1")
	_, err := s.PutSlips(ctx, []labour.Slip{good, bad})
	checkErr(t, err, lanyan.ErrInvalid, `slip "S2"`, "hours")
	_, err = s.PutSlips(ctx, []labour.Slip{good, good})
	checkErr(t, err, lanyan.ErrInvalid, `slip "S1"`, "id")
	empty := good
	empty.ID = ""
	_, err = s.PutSlips(ctx, []labour.Slip{good, empty})
	checkErr(t, err, lanyan.ErrInvalid, "slip 1", "id")
	list, err := s.ListSlips(ctx, labour.Filter{})
	require.NoError(t, err)
	assert.Empty(t, list, "a rejected batch stores nothing")
}

func testReplace(t *testing.T, s labour.Store) {
	ctx := context.Background()
	a := fixture("S1", date.New(2025, 9, 29), "T1")
	_, err := s.PutSlips(ctx, []labour.Slip{a})
	require.NoError(t, err)
	st, err := s.SetStatus(ctx, "S1", 1, labour.StatusSubmitted, "foreman", t0, "")
	require.NoError(t, err)
	a.Hours = decimal.RequireFromString("9")
	a.Status = labour.StatusApproved // ignored: status moves through SetStatus
	a.History = nil
	got, err := s.PutSlips(ctx, []labour.Slip{a})
	require.NoError(t, err)
	assert.Equal(t, st.Version+1, got[0].Version)
	assert.Equal(t, labour.StatusSubmitted, got[0].Status)
	assert.Len(t, got[0].History, 1)
	g, err := s.GetSlip(ctx, "S1")
	require.NoError(t, err)
	assert.True(t, decimal.RequireFromString("9").Equal(g.Hours))

	_, err = s.SetStatus(ctx, "S1", g.Version, labour.StatusVerified, "engineer", t0.Add(time.Hour), "")
	require.NoError(t, err)
	other := fixture("S0", date.New(2025, 9, 29), "T1")
	_, err = s.PutSlips(ctx, []labour.Slip{other, a})
	checkErr(t, err, lanyan.ErrConflict, `slip "S1"`, "status")
	_, err = s.GetSlip(ctx, "S0")
	assert.ErrorIs(t, err, lanyan.ErrNotFound, "all or nothing")
}

func testList(t *testing.T, s labour.Store) {
	ctx := context.Background()
	var batch []labour.Slip
	for i := range 30 {
		team := []string{"T1", "T2", "T3"}[i%3]
		batch = append(batch, fixture(fmt.Sprintf("S%02d", 29-i), date.New(2025, 9, 1+i), team))
	}
	_, err := s.PutSlips(ctx, batch)
	require.NoError(t, err)

	all, err := s.ListSlips(ctx, labour.Filter{})
	require.NoError(t, err)
	require.Len(t, all, 30)
	for i := 1; i < len(all); i++ {
		assert.Less(t, all[i-1].ID, all[i].ID)
	}
	// Filter by team and dates, paged by 3.
	f := labour.Filter{Team: "T2", From: date.New(2025, 9, 5), To: date.New(2025, 9, 25), Limit: 3}
	var ids []string
	for {
		page, err := s.ListSlips(ctx, f)
		require.NoError(t, err)
		for _, p := range page {
			assert.Equal(t, "T2", p.Team)
			ids = append(ids, p.ID)
		}
		if len(page) < f.Limit {
			break
		}
		f.After = page[len(page)-1].ID
	}
	// T2 slips are i = 1, 4, 7, …; dates 1+i in 5…25 → i = 4, 7, 10, 13, 16, 19, 22; ids 29-i.
	assert.Equal(t, []string{"S07", "S10", "S13", "S16", "S19", "S22", "S25"}, ids)

	st, err := s.ListSlips(ctx, labour.Filter{Status: labour.StatusDraft, Worker: "W-T3", Limit: 2})
	require.NoError(t, err)
	assert.Len(t, st, 2)
	none, err := s.ListSlips(ctx, labour.Filter{Status: labour.StatusApproved})
	require.NoError(t, err)
	assert.Empty(t, none)
	_, err = s.ListSlips(ctx, labour.Filter{Limit: -1})
	checkErr(t, err, lanyan.ErrInvalid, "filter", "limit")
}

func testSetStatus(t *testing.T, s labour.Store) {
	ctx := context.Background()
	_, err := s.PutSlips(ctx, []labour.Slip{fixture("S1", date.New(2025, 9, 29), "T1")})
	require.NoError(t, err)
	got, err := s.SetStatus(ctx, "S1", 1, labour.StatusSubmitted, "foreman", t0, "for sign-off")
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version)
	assert.Equal(t, labour.StatusSubmitted, got.Status)
	require.Len(t, got.History, 1)
	assert.Equal(t, "for sign-off", got.History[0].Note)

	_, err = s.SetStatus(ctx, "S1", 1, labour.StatusVerified, "engineer", t0, "")
	checkErr(t, err, lanyan.ErrConflict, `slip "S1"`, "version")
	_, err = s.SetStatus(ctx, "S1", 2, labour.StatusApproved, "QS", t0, "")
	checkErr(t, err, lanyan.ErrConflict, `slip "S1"`, "status")
	_, err = s.SetStatus(ctx, "S1", 2, labour.StatusVerified, "", t0, "")
	checkErr(t, err, lanyan.ErrInvalid, `slip "S1"`, "by")
	_, err = s.SetStatus(ctx, "S9", 1, labour.StatusSubmitted, "x", t0, "")
	checkErr(t, err, lanyan.ErrNotFound, `slip "S9"`, "")

	g, err := s.GetSlip(ctx, "S1")
	require.NoError(t, err)
	assert.Equal(t, int64(2), g.Version, "failed changes change nothing")
	assert.Len(t, g.History, 1)
}

func testIsolation(t *testing.T, s labour.Store) {
	ctx := context.Background()
	a := fixture("S1", date.New(2025, 9, 29), "T1")
	a.Status = labour.StatusSubmitted
	a.History = []labour.StatusChange{{Status: labour.StatusSubmitted, By: "foreman", At: t0}}
	got, err := s.PutSlips(ctx, []labour.Slip{a})
	require.NoError(t, err)
	a.History[0].By = "changed"
	got[0].History[0].By = "changed"
	g, err := s.GetSlip(ctx, "S1")
	require.NoError(t, err)
	assert.Equal(t, "foreman", g.History[0].By)
	g.History[0].By = "changed"
	l, err := s.ListSlips(ctx, labour.Filter{})
	require.NoError(t, err)
	assert.Equal(t, "foreman", l[0].History[0].By)
}

func testCanceled(t *testing.T, s labour.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.PutSlips(ctx, []labour.Slip{fixture("S1", date.New(2025, 9, 29), "T1")})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = s.GetSlip(ctx, "S1")
	assert.ErrorIs(t, err, context.Canceled)
	_, err = s.ListSlips(ctx, labour.Filter{})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = s.SetStatus(ctx, "S1", 1, labour.StatusSubmitted, "x", t0, "")
	assert.ErrorIs(t, err, context.Canceled)
	l, err := s.ListSlips(context.Background(), labour.Filter{})
	require.NoError(t, err)
	assert.Empty(t, l)
}

// testConcurrentSetStatus: many goroutines submit the same version; exactly
// one wins, the others get ErrConflict.
func testConcurrentSetStatus(t *testing.T, s labour.Store) {
	ctx := context.Background()
	_, err := s.PutSlips(ctx, []labour.Slip{fixture("S1", date.New(2025, 9, 29), "T1")})
	require.NoError(t, err)
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.SetStatus(ctx, "S1", 1, labour.StatusSubmitted, fmt.Sprintf("user%d", i), t0, "")
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		if err == nil {
			wins++
		} else {
			assert.ErrorIs(t, err, lanyan.ErrConflict)
		}
	}
	assert.Equal(t, 1, wins)
	g, err := s.GetSlip(ctx, "S1")
	require.NoError(t, err)
	assert.Equal(t, int64(2), g.Version)
	assert.Len(t, g.History, 1)
}

func testBulk(t *testing.T, s labour.Store) {
	ctx := context.Background()
	const n = 100_000
	batch := make([]labour.Slip, n)
	for i := range batch {
		batch[i] = fixture(fmt.Sprintf("B%06d", i), date.New(2025, 1, 1)+date.Date(i%365), "T1")
	}
	_, err := s.PutSlips(ctx, batch)
	require.NoError(t, err)
	page, err := s.ListSlips(ctx, labour.Filter{After: "B049999", Limit: 2})
	require.NoError(t, err)
	require.Len(t, page, 2)
	assert.Equal(t, "B050000", page[0].ID)
}
