package cost_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// twoActivities is A1 then A2, each five days, from Monday 3 March 2025, with a
// work package on each.
func twoActivities() (*schedule.Network, *cost.Breakdown) {
	net := &schedule.Network{
		Project:   schedule.Project{ID: "P1", Start: at(2025, 3, 3, 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
		Calendars: schedule.BuiltinCalendars(),
		Activities: []schedule.Activity{
			{ID: "A1", Duration: 5 * 480},
			{ID: "A2", Duration: 5 * 480, Calendar: schedule.SixDayID},
		},
		Links: []schedule.Link{{Pred: "A1", Succ: "A2"}},
	}
	b := &cost.Breakdown{Elements: []cost.Element{wp("WP1", "1000.00", "A1"), wp("WP2", "600.00", "A2")},
		UndistributedBudget: dec("10"), ManagementReserve: dec("20")}
	b.Elements[0].Technique.Method = cost.LevelOfEffort
	return net, b
}

func TestNewBaseline(t *testing.T) {
	net, b := twoActivities()
	res, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	bl0, err := cost.NewBaseline(0, "original", b, net, res)
	require.NoError(t, err)
	assert.Equal(t, 0, bl0.Number)
	assert.Equal(t, "original", bl0.Name)
	assert.Equal(t, schedule.StandardFiveDayID, bl0.DefaultCalendar)
	require.Len(t, bl0.Activities, 2)
	// A2 follows A1 (Mon 3 – Fri 7 March) on the six-day calendar, which works
	// Saturdays: Sat 8 to Thu 13 March.
	assert.Equal(t, cost.BaselineActivity{ID: "A2", Calendar: schedule.SixDayID,
		Start: at(2025, 3, 8, 8, 0), Finish: at(2025, 3, 13, 17, 0)}, bl0.Activities[1])
	assert.Len(t, bl0.Budgets, 2)
	assert.True(t, bl0.UndistributedBudget.Equal(dec("10")))
	sum, err := bl0.Summary()
	require.NoError(t, err)
	assert.True(t, sum.CBB.Equal(dec("1630")), "1000 + 600 + 10 + 20")

	// The baseline keeps its own copy of the calendars.
	net.Calendars[0].Week[time.Monday][0].Start = 0
	assert.Equal(t, 8*60, bl0.Calendars[0].Week[time.Monday][0].Start)

	// Re-plan: A1 doubles, and WP1's budget grows by half. Baseline 1 records
	// that; baseline 0 still has the original.
	net, b = twoActivities()
	net.Activities[0].Duration = 10 * 480
	b.Elements[0].Budget = dec("1500.00")
	res, err = schedule.Compute(net, net.Options)
	require.NoError(t, err)
	bl1, err := cost.NewBaseline(1, "re-plan", b, net, res)
	require.NoError(t, err)

	// Earned value is measured against the baseline given: by the end of Friday
	// 7 March, A1 has done 5 of its 5 days in baseline 0 (all of 1,000.00) and
	// 5 of its 10 in baseline 1 (half of 1,500.00). WP1 is level of effort, so
	// EV follows PV.
	for _, tt := range []struct {
		bl     *cost.Baseline
		pv, ev string
	}{{bl0, "1000.00", "1000.00"}, {bl1, "750.00", "750.00"}} {
		a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: tt.bl, Phasing: cost.Phasing{Granularity: cost.Weeks},
			StatusDate: day(2025, 3, 7)})
		require.NoError(t, err)
		s, _ := a.Status("WP1")
		assert.True(t, s.PV.Equal(dec(tt.pv)), "baseline %d: PV %s", tt.bl.Number, s.PV)
		assert.True(t, s.EV.Equal(dec(tt.ev)), "baseline %d: EV %s", tt.bl.Number, s.EV)
	}
	a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: bl1, Phasing: cost.Phasing{Granularity: cost.Weeks},
		StatusDate: day(2025, 3, 7)})
	require.NoError(t, err)
	s, _ := a.Status("WP1")
	assert.True(t, s.BAC.Equal(dec("1500")), "baseline 1's budget")
	assert.Equal(t, []string{"2025-W10", "2025-W11", "2025-W12"}, labels(a.Periods), "baseline 1 runs to Thu 20 March")

	_, err = cost.NewBaseline(11, "", b, net, res)
	assertLanyanError(t, err, lanyan.ErrInvalid, "baseline 11", "number")
	_, err = cost.NewBaseline(0, "", b, net, &schedule.Result{})
	assertLanyanError(t, err, lanyan.ErrInvalid, "baseline 0", "")
	b.Elements[1].Budget = dec("-1")
	_, err = cost.NewBaseline(0, "", b, net, res)
	assertLanyanError(t, err, lanyan.ErrInvalid, `work package "WP2"`, "budget")
}

func TestBreakdownValidate(t *testing.T) {
	_, b := twoActivities()
	require.NoError(t, b.Validate())
	b.Elements[1].Curve = cost.Curve{Shape: cost.Bell, Points: decs("0")}
	assertLanyanError(t, b.Validate(), lanyan.ErrInvalid, `work package "WP2"`, "curve.points")
	b.Elements[1].Curve = cost.Curve{}
	b.Elements[1].Activities = []string{"A2", "A2"}
	assertLanyanError(t, b.Validate(), lanyan.ErrInvalid, `work package "WP2"`, "activities[1]")
	b.Elements[1].Activities = []string{""}
	assertLanyanError(t, b.Validate(), lanyan.ErrInvalid, `work package "WP2"`, "activities[0]")
	b.Elements[1].Activities = []string{"A2"}
	b.Elements = append(b.Elements, cost.Element{ID: "AE", Kind: cost.WorkPackage, Budget: dec("100.01"), Activities: []string{"A2"},
		Technique: cost.Technique{Method: cost.ApportionedEffort, Base: "WP2", Factor: dec("0.166675")}})
	// 0.166675 × 600.00 = 100.005, half away from zero: 100.01.
	require.NoError(t, b.Validate())
	b.Elements[2].Budget = dec("100.00")
	assertLanyanError(t, b.Validate(), lanyan.ErrInvalid, `work package "AE"`, "budget")
	b.Elements = append(b.Elements, cost.Element{Kind: cost.ControlAccount})
	assertLanyanError(t, b.Validate(), lanyan.ErrInvalid, "element 3", "id")
}

func TestAnalysisIsSafeForConcurrentUse(t *testing.T) {
	a, err := cost.Analyze(rollUpProject())
	require.NoError(t, err)
	want, _ := a.Series("C1")
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				s, _ := a.Series("C1")
				assertDecimals(t, want.CumPV, s.CumPV)
				a.Statuses()
			}
		}()
	}
	wg.Wait()
}
