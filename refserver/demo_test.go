package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

func TestDemoIsDeterministic(t *testing.T) {
	a, err := buildDemo()
	require.NoError(t, err)
	b, err := buildDemo()
	require.NoError(t, err)
	ja, err := json.Marshal(a)
	require.NoError(t, err)
	jb, err := json.Marshal(b)
	require.NoError(t, err)
	assert.JSONEq(t, string(ja), string(jb))
}

func TestDemoShape(t *testing.T) {
	d, err := buildDemo()
	require.NoError(t, err)
	net := d.Network
	assert.Equal(t, demoProject, net.Project.ID)
	assert.GreaterOrEqual(t, len(net.Activities), 200)
	assert.LessOrEqual(t, len(net.Activities), 500)
	kinds := map[schedule.Kind]int{}
	var started, finished int
	for _, a := range net.Activities {
		kinds[a.Kind]++
		if a.ActualStart != 0 {
			started++
		}
		if a.ActualFinish != 0 {
			finished++
		}
	}
	assert.Greater(t, kinds[schedule.WBSSummary], 10, "WBS summaries")
	assert.Greater(t, kinds[schedule.FinishMilestone], 1, "milestones")
	assert.Equal(t, 1, kinds[schedule.LevelOfEffort])
	assert.Greater(t, finished, 50, "finished activities")
	assert.Greater(t, started, finished, "activities under way")
	assert.Less(t, started, len(net.Activities)/2+1, "most of the work is still to do")
	assert.Equal(t, schedule.At(d.StatusDate+1, 0), net.Options.DataDate)

	// The schedule has slipped past the baseline's finish, and a little past
	// the contract completion: the handover has negative float.
	require.Len(t, d.Result.Activities, len(net.Activities))
	var baselineFinish schedule.Instant
	for _, a := range d.Baseline.Activities {
		baselineFinish = max(baselineFinish, a.Finish)
	}
	assert.Greater(t, d.Result.EarlyFinish, baselineFinish)
	for i, a := range net.Activities {
		if a.Constraint.Type == schedule.FinishNoLaterThan {
			assert.Negative(t, d.Result.Activities[i].TotalFloat, "the float of %s %s", a.ID, a.Name)
		}
	}
	assert.NotEmpty(t, d.Result.LongestPath)

	// Earned value at the status date: behind and over budget, but not wildly.
	a, err := cost.Analyze(cost.AnalysisInput{
		Breakdown: d.Breakdown, Baseline: d.Baseline, Phasing: cost.Phasing{Granularity: cost.Months},
		StatusDate: d.StatusDate, Progress: d.Progress, Actuals: actualCosts(d.Actuals),
	})
	require.NoError(t, err)
	p := a.Project()
	require.True(t, p.Metrics.SPI.Defined && p.Metrics.CPI.Defined)
	spi, cpi := p.Metrics.SPI.Value.InexactFloat64(), p.Metrics.CPI.Value.InexactFloat64()
	assert.InDelta(t, 0.95, spi, 0.1, "SPI")
	assert.InDelta(t, 0.95, cpi, 0.1, "CPI")
	assert.True(t, p.BAC.IsPositive())
	assert.Equal(t, "CNY", d.Cost.Currency)

	// Day-work slips over several weeks, teams, trades and workers, most
	// signed off.
	assert.GreaterOrEqual(t, len(d.Slips), 200)
	teams, trades, workers := map[string]bool{}, map[string]bool{}, map[string]bool{}
	status := map[labour.Status]int{}
	ids := map[string]bool{}
	for _, s := range d.Slips {
		require.NoError(t, s.Validate())
		assert.False(t, ids[s.ID], "slip id %s twice", s.ID)
		ids[s.ID] = true
		teams[s.Team], trades[s.Trade], workers[s.Worker.ID] = true, true, true
		status[s.Status]++
		assert.LessOrEqual(t, s.Date, d.StatusDate)
		assert.GreaterOrEqual(t, int(d.StatusDate-s.Date), 0)
	}
	assert.GreaterOrEqual(t, len(teams), 5)
	assert.GreaterOrEqual(t, len(trades), 5)
	assert.GreaterOrEqual(t, len(workers), 15)
	assert.Greater(t, status[labour.StatusApproved], len(d.Slips)/2)
	for _, st := range []labour.Status{labour.StatusDraft, labour.StatusSubmitted, labour.StatusVerified, labour.StatusRejected} {
		assert.Positive(t, status[st], "slips %s", st)
	}
}

func actualCosts(as []cost.StoredActual) []cost.ActualCost {
	out := make([]cost.ActualCost, len(as))
	for i, a := range as {
		out[i] = a.ActualCost
	}
	return out
}

// The demo goes through the stores intact: the saved result is what Compute
// gives on the network as the store returns it, and earned value can be
// analysed from the cost store.
func TestSeedDemo(t *testing.T) {
	ctx := context.Background()
	t.Run("memory", func(t *testing.T) {
		ss, cs, ls := schedule.NewMemStore(), cost.NewMemStore(), labour.NewMemStore()
		d, err := seedDemo(ctx, ss, cs, ls)
		require.NoError(t, err)
		checkSeeded(t, d, ss, cs, ls)
	})
	t.Run("sqlite", func(t *testing.T) {
		db, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
		require.NoError(t, err)
		defer db.Close()
		_, err = db.CreateOperator(ctx, demoTenant, demoTenantName)
		require.NoError(t, err)
		var d *demoData
		require.NoError(t, db.Atomically(ctx, func(tx *store.Tx) error {
			d, err = seedDemo(ctx, tx.Schedule(demoTenant), tx.Cost(demoTenant), tx.Labour(demoTenant))
			return err
		}))
		checkSeeded(t, d, db.Schedule(demoTenant), db.Cost(demoTenant), db.Labour(demoTenant))

		// All or nothing: seeding again fails (the project exists) and
		// changes nothing.
		err = db.Atomically(ctx, func(tx *store.Tx) error {
			_, err := seedDemo(ctx, tx.Schedule(demoTenant), tx.Cost(demoTenant), tx.Labour(demoTenant))
			return err
		})
		require.Error(t, err)
		checkSeeded(t, d, db.Schedule(demoTenant), db.Cost(demoTenant), db.Labour(demoTenant))
	})
}

func checkSeeded(t *testing.T, d *demoData, ss schedule.Store, cs cost.Store, ls labour.Store) {
	t.Helper()
	ctx := context.Background()
	net, err := ss.LoadNetwork(ctx, demoProject)
	require.NoError(t, err)
	require.Len(t, net.Activities, len(d.Network.Activities))
	require.Len(t, net.Links, len(d.Network.Links))
	saved, err := ss.LoadResult(ctx, demoProject)
	require.NoError(t, err)
	again, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	assert.Equal(t, again, saved, "the saved result is not the network's")

	in, err := cs.LoadAnalysisInput(ctx, demoProject)
	require.NoError(t, err)
	in.StatusDate, in.Phasing = d.StatusDate, cost.Phasing{Granularity: cost.Months}
	_, err = cost.Analyze(in)
	require.NoError(t, err)
	assert.Len(t, in.Actuals, len(d.Actuals))
	assert.Len(t, in.Progress, len(d.Progress))

	slips, err := ls.ListSlips(ctx, labour.Filter{Project: demoProject})
	require.NoError(t, err)
	assert.Len(t, slips, len(d.Slips))
}
