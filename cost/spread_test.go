package cost_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// spreadOne spreads one work package covering acts (dated by dates) with the
// given budget and curve, and returns the periods' labels and its amounts.
func spreadOne(t *testing.T, g cost.Granularity, budget string, curve cost.Curve, dates ...cost.BaselineActivity) ([]string, []decimal.Decimal) {
	t.Helper()
	ids := make([]string, len(dates))
	for i, a := range dates {
		ids[i] = a.ID
	}
	e := wp("WP1", budget, ids...)
	e.Curve = curve
	b := &cost.Breakdown{Elements: []cost.Element{e}}
	s, err := cost.SpreadBudgets(b, baseline(b, dates...), cost.Phasing{Granularity: g})
	require.NoError(t, err)
	amts, ok := s.Amounts("WP1")
	require.True(t, ok)
	assert.True(t, s.Total().Equal(dec(budget)), "total %s, budget %s", s.Total(), budget)
	return labels(s.Periods), amts
}

func TestSpreadLinear(t *testing.T) {
	linear := cost.Curve{}
	tests := []struct {
		name   string
		g      cost.Granularity
		budget string
		acts   []cost.BaselineActivity
		labels []string
		want   []string
	}{
		{
			// 1,000.00 / 3 = 333.333…: the floors 333.33 × 3 leave 0.01, and the
			// three remainders tie, so the earliest day takes it.
			name: "three working days", g: cost.Days, budget: "1000.00",
			acts:   []cost.BaselineActivity{act("A1", day(2025, 3, 3), day(2025, 3, 5))},
			labels: []string{"2025-03-03", "2025-03-04", "2025-03-05"},
			want:   []string{"333.34", "333.33", "333.33"},
		},
		{
			// Thursday, Friday, (Saturday, Sunday off), Monday: three working days
			// over five calendar days.
			name: "over a weekend", g: cost.Days, budget: "1000.00",
			acts:   []cost.BaselineActivity{act("A1", day(2025, 3, 6), day(2025, 3, 10))},
			labels: []string{"2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09", "2025-03-10"},
			want:   []string{"333.34", "333.33", "0.00", "0.00", "333.33"},
		},
		{
			// 0.05 / 3 = 1.666… cents: floors 1 + 1 + 1, two cents left, all
			// remainders equal, so the first two days take one each.
			name: "ties go to the earliest periods", g: cost.Days, budget: "0.05",
			acts:   []cost.BaselineActivity{act("A1", day(2025, 3, 3), day(2025, 3, 5))},
			labels: []string{"2025-03-03", "2025-03-04", "2025-03-05"},
			want:   []string{"0.02", "0.02", "0.01"},
		},
		{
			// Wed 24 Dec 2025 to Fri 2 Jan 2026 on the standard calendar (no
			// holidays): 3 working days in 2025-W52 (24–26 Dec) and 5 in 2026-W01,
			// which starts on Monday 29 Dec 2025. 1,000.00 × 3/8 = 375.00, × 5/8 =
			// 625.00.
			name: "ISO weeks across the year end", g: cost.Weeks, budget: "1000.00",
			acts:   []cost.BaselineActivity{act("A1", day(2025, 12, 24), day(2026, 1, 2))},
			labels: []string{"2025-W52", "2026-W01"},
			want:   []string{"375.00", "625.00"},
		},
		{
			// Wed 29 Jan to Tue 4 Feb 2025: 3 working days in January, 2 in
			// February. 1,000.00 × 3/5 = 600.00, × 2/5 = 400.00.
			name: "months", g: cost.Months, budget: "1000.00",
			acts:   []cost.BaselineActivity{act("A1", day(2025, 1, 29), day(2025, 2, 4))},
			labels: []string{"2025-01", "2025-02"},
			want:   []string{"600.00", "400.00"},
		},
		{
			// A1 works Mon–Tue, A2 Tue–Wed: 8 h Monday, 16 h Tuesday, 8 h
			// Wednesday of 32 h: 1,000.00 × 8/32, 16/32, 8/32.
			name: "two activities by working time", g: cost.Days, budget: "1000.00",
			acts: []cost.BaselineActivity{
				act("A1", day(2025, 3, 3), day(2025, 3, 4)),
				act("A2", day(2025, 3, 4), day(2025, 3, 5)),
			},
			labels: []string{"2025-03-03", "2025-03-04", "2025-03-05"},
			want:   []string{"250.00", "500.00", "250.00"},
		},
		{
			// Half days: 13:00 Monday to 12:00 Wednesday is 4 + 8 + 4 hours.
			name: "part days", g: cost.Days, budget: "100.00",
			acts: []cost.BaselineActivity{{ID: "A1",
				Start: at(2025, 3, 3, 13, 0), Finish: at(2025, 3, 5, 12, 0)}},
			labels: []string{"2025-03-03", "2025-03-04", "2025-03-05"},
			want:   []string{"25.00", "50.00", "25.00"},
		},
		{
			// Two milestones (no working time): 100.01 split evenly, the odd cent
			// to the first, each on its day.
			name: "milestones", g: cost.Weeks, budget: "100.01",
			acts: []cost.BaselineActivity{
				{ID: "M1", Start: at(2025, 3, 5, 17, 0), Finish: at(2025, 3, 5, 17, 0)},
				{ID: "M2", Start: at(2025, 3, 12, 17, 0), Finish: at(2025, 3, 12, 17, 0)},
			},
			labels: []string{"2025-W10", "2025-W11"},
			want:   []string{"50.01", "50.00"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls, amts := spreadOne(t, tt.g, tt.budget, linear, tt.acts...)
			assert.Equal(t, tt.labels, ls)
			assertDecimals(t, decs(tt.want...), amts)
		})
	}
}

func TestSpreadCurves(t *testing.T) {
	four := act("A1", day(2025, 3, 3), day(2025, 3, 6)) // Mon–Thu: each day is 25 % of the time
	ten := act("A1", day(2025, 3, 3), day(2025, 3, 14)) // two weeks: each day is 10 %
	custom := func(ps ...string) cost.Curve { return cost.Curve{Shape: cost.Custom, Points: decs(ps...)} }
	tests := []struct {
		name  string
		curve cost.Curve
		act   cost.BaselineActivity
		want  []string
	}{
		// F(x) = 2x − x²: F(¼) = 0.4375, F(½) = 0.75, F(¾) = 0.9375; the days get
		// 43.75 %, 31.25 %, 18.75 %, 6.25 % of 1,000.00.
		{"front-loaded", cost.Curve{Shape: cost.FrontLoaded}, four, []string{"437.50", "312.50", "187.50", "62.50"}},
		// F(x) = x²: F(¼) = 0.0625, F(½) = 0.25, F(¾) = 0.5625.
		{"back-loaded", cost.Curve{Shape: cost.BackLoaded}, four, []string{"62.50", "187.50", "312.50", "437.50"}},
		// F(x) = 3x² − 2x³: F(¼) = 3/16 − 2/64 = 0.15625, F(½) = 0.5, F(¾) =
		// 0.84375.
		{"bell", cost.Curve{Shape: cost.Bell}, four, []string{"156.25", "343.75", "343.75", "156.25"}},
		{"linear by name", cost.Curve{Shape: cost.Linear}, four, []string{"250.00", "250.00", "250.00", "250.00"}},
		// Cumulative: 10 % per 5 % of time to 100 % at half time, then flat. Day
		// 1 ends at 25 % of the time (point 5: 50 %), day 2 at 50 % (point 10:
		// 100 %).
		{"21 points, cumulative", custom("0", "10", "20", "30", "40", "50", "60", "70", "80", "90",
			"100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100"), four,
			[]string{"500.00", "500.00", "0.00", "0.00"}},
		// The same curve per interval: 10 % in each of the first ten 5 % steps.
		{"21 points, per interval", custom("0", "10", "10", "10", "10", "10", "10", "10", "10", "10",
			"10", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"), four,
			[]string{"500.00", "500.00", "0.00", "0.00"}},
		// Per interval, P6 style: 24 % in the first 5 %, 4 % in each of the
		// other nineteen (24 + 19 × 4 = 100). Over ten days each day is two
		// steps: day 1 gets 24 + 4 = 28 %, the others 8 % each.
		{"21 points, front spike", custom("0", "24", "4", "4", "4", "4", "4", "4", "4", "4",
			"4", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4"), ten,
			[]string{"280.00", "80.00", "80.00", "80.00", "80.00", "0.00", "0.00", "80.00", "80.00", "80.00", "80.00", "80.00"}},
		// Between points the curve is a straight line. Over three days the day
		// ends fall at x = ⅓ and ⅔ of the time, between points. Back-loaded:
		// point 6 (30 %) is 6²/4 = 9 %, point 7 (35 %) is 12.25 %; x = ⅓ is ⅔ of
		// the way from 6 to 7: 9 + 3.25 × ⅔ = 11.1667 %. Point 13 is 42.25 %, 14
		// is 49 %; x = ⅔ is ⅓ of the way: 42.25 + 6.75 × ⅓ = 44.5 %. Exact
		// shares of 1,000.00: 111.666…, 333.333…, 555.00; floors 111.66 +
		// 333.33 + 555.00 = 999.99, and the cent goes to the largest remainder,
		// day 1 (0.667 of a cent).
		{"between points", cost.Curve{Shape: cost.BackLoaded}, act("A1", day(2025, 3, 3), day(2025, 3, 5)),
			[]string{"111.67", "333.33", "555.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, amts := spreadOne(t, cost.Days, "1000.00", tt.curve, tt.act)
			assertDecimals(t, decs(tt.want...), amts)
		})
	}
}

func TestSpreadPeriodsAndTotals(t *testing.T) {
	b := &cost.Breakdown{Elements: []cost.Element{
		{ID: "C1", Kind: cost.ControlAccount},
		wp("WP1", "700.00", "A1"),
		wp("WP2", "300.00", "A2"),
	}}
	b.Elements[1].Parent, b.Elements[2].Parent = "C1", "C1"
	bl := baseline(b, act("A1", day(2025, 3, 3), day(2025, 3, 7)), act("A2", day(2025, 3, 10), day(2025, 3, 14)))
	s, err := cost.SpreadBudgets(b, bl, cost.Phasing{Granularity: cost.Weeks, To: day(2025, 3, 24)})
	require.NoError(t, err)
	assert.Equal(t, []string{"2025-W10", "2025-W11", "2025-W12", "2025-W13"}, labels(s.Periods))
	assert.Equal(t, cost.Period{First: day(2025, 3, 3), Last: day(2025, 3, 9)}, s.Periods[0])
	assertDecimals(t, decs("700.00", "300.00", "0.00", "0.00"), s.Totals())
	assert.True(t, s.Total().Equal(dec("1000")))
	_, ok := s.Amounts("C1")
	assert.False(t, ok, "a control account has no amounts of its own")
	_, ok = s.Amounts("nope")
	assert.False(t, ok)
}

func TestPeriods(t *testing.T) {
	ps, err := cost.Periods(cost.Months, day(2024, 12, 15), day(2025, 2, 1))
	require.NoError(t, err)
	assert.Equal(t, []string{"2024-12", "2025-01", "2025-02"}, labels(ps))
	assert.Equal(t, day(2025, 2, 28), ps[2].Last)
	assert.True(t, ps[1].Contains(day(2025, 1, 31)))
	assert.False(t, ps[1].Contains(day(2025, 2, 1)))

	ps, err = cost.Periods(cost.Weeks, day(2020, 12, 31), day(2021, 1, 4))
	require.NoError(t, err)
	assert.Equal(t, []string{"2020-W53", "2021-W01"}, labels(ps)) // 2020 has 53 ISO weeks

	ps, err = cost.Periods(cost.Days, day(2025, 1, 2), day(2025, 1, 1))
	require.NoError(t, err)
	assert.Empty(t, ps)

	_, err = cost.Periods("fortnight", day(2025, 1, 1), day(2025, 1, 2))
	assertLanyanError(t, err, lanyan.ErrInvalid, "phasing", "granularity")
	assert.Equal(t, "2025-01-01/2025-01-10", cost.Period{First: day(2025, 1, 1), Last: day(2025, 1, 10)}.String())
}

func TestSpreadOnOtherCalendars(t *testing.T) {
	// The six-day calendar works Saturday: Fri–Mon is three working days.
	e := wp("WP1", "90.00", "A1")
	b := &cost.Breakdown{Elements: []cost.Element{e}}
	a := act("A1", day(2025, 3, 7), day(2025, 3, 10))
	a.Calendar = schedule.SixDayID
	s, err := cost.SpreadBudgets(b, baseline(b, a), cost.Phasing{Granularity: cost.Days})
	require.NoError(t, err)
	amts, _ := s.Amounts("WP1")
	assertDecimals(t, decs("30.00", "30.00", "0.00", "30.00"), amts)

	// China's statutory calendar: 2025-10-01 to 08 are holidays, Sunday 28
	// September and Saturday 11 October are make-up working days (调休). Fri 26
	// Sep to Sat 11 Oct works 26, 28, 29, 30 Sep, 9, 10, 11 Oct: seven days.
	a = act("A1", day(2025, 9, 26), day(2025, 10, 11))
	a.Calendar = schedule.ChinaStatutoryID
	b.Elements[0].Budget = dec("700.00")
	s, err = cost.SpreadBudgets(b, baseline(b, a), cost.Phasing{Granularity: cost.Weeks})
	require.NoError(t, err)
	amts, _ = s.Amounts("WP1")
	assert.Equal(t, []string{"2025-W39", "2025-W40", "2025-W41"}, labels(s.Periods))
	assertDecimals(t, decs("200.00", "200.00", "300.00"), amts)
}

func TestSpreadErrors(t *testing.T) {
	good := func() (*cost.Breakdown, *cost.Baseline) {
		b := &cost.Breakdown{Elements: []cost.Element{{ID: "C1", Kind: cost.ControlAccount}, wp("WP1", "100.00", "A1")}}
		b.Elements[1].Parent = "C1"
		return b, baseline(b, act("A1", day(2025, 3, 3), day(2025, 3, 5)))
	}
	tests := []struct {
		name     string
		change   func(b *cost.Breakdown, bl *cost.Baseline)
		sentinel error
		record   string
		field    string
	}{
		{"unknown activity", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[1].Activities = []string{"A1", "A9"} },
			lanyan.ErrNotFound, `work package "WP1"`, "activities[1]"},
		{"no activities", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[1].Activities = nil },
			lanyan.ErrInvalid, `work package "WP1"`, "activities"},
		{"curve not ending at 100", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements[1].Curve = cost.Curve{Shape: cost.Custom, Points: decs("0", "5", "10", "15", "20", "25", "30", "35", "40",
				"45", "50", "55", "60", "65", "70", "75", "80", "85", "90", "95", "95")}
		}, lanyan.ErrInvalid, `work package "WP1"`, "curve.points[20]"},
		{"curve not starting at 0", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements[1].Curve = cost.Curve{Shape: cost.Custom, Points: decs("5", "5", "10", "15", "20", "25", "30", "35", "40",
				"45", "50", "55", "60", "65", "70", "75", "80", "85", "90", "95", "100")}
		}, lanyan.ErrInvalid, `work package "WP1"`, "curve.points[0]"},
		{"curve falling and not summing to 100", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements[1].Curve = cost.Curve{Shape: cost.Custom, Points: decs("0", "50", "40", "15", "20", "25", "30", "35", "40",
				"45", "50", "55", "60", "65", "70", "75", "80", "85", "90", "95", "100")}
		}, lanyan.ErrInvalid, `work package "WP1"`, "curve.points[2]"},
		{"curve with 20 points", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements[1].Curve = cost.Curve{Shape: cost.Custom, Points: decs("0", "100")}
		}, lanyan.ErrInvalid, `work package "WP1"`, "curve.points"},
		{"curve point with 5 places", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements[1].Curve = cost.Curve{Shape: cost.Custom, Points: decs("0", "5.00001", "10", "15", "20", "25", "30", "35", "40",
				"45", "50", "55", "60", "65", "70", "75", "80", "85", "90", "95", "100")}
		}, lanyan.ErrInvalid, `work package "WP1"`, "curve.points[1]"},
		{"unknown shape", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[1].Curve.Shape = "wiggly" },
			lanyan.ErrInvalid, `work package "WP1"`, "curve.shape"},
		{"budget with fractional cents", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[1].Budget = dec("100.005") },
			lanyan.ErrInvalid, `work package "WP1"`, "budget"},
		{"negative budget", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[1].Budget = dec("-1.00") },
			lanyan.ErrInvalid, `work package "WP1"`, "budget"},
		{"baseline budget with fractional cents", func(b *cost.Breakdown, bl *cost.Baseline) { bl.Budgets[0].Budget = dec("0.001") },
			lanyan.ErrInvalid, `baseline 0, package "WP1"`, "budget"},
		{"negative baseline budget", func(b *cost.Breakdown, bl *cost.Baseline) { bl.Budgets[0].Budget = dec("-100") },
			lanyan.ErrInvalid, `baseline 0, package "WP1"`, "budget"},
		{"baseline budgets an unknown package", func(b *cost.Breakdown, bl *cost.Baseline) {
			bl.Budgets = append(bl.Budgets, cost.PackageBudget{Package: "WP9", Budget: dec("1")})
		}, lanyan.ErrNotFound, "baseline 0", "budgets[1]"},
		{"baseline budgets a control account", func(b *cost.Breakdown, bl *cost.Baseline) {
			bl.Budgets = append(bl.Budgets, cost.PackageBudget{Package: "C1", Budget: dec("1")})
		}, lanyan.ErrInvalid, `baseline 0, package "C1"`, "budget"},
		{"control account with a budget", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[0].Budget = dec("5") },
			lanyan.ErrInvalid, `control account "C1"`, "budget"},
		{"parent is a package", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements = append(b.Elements, wp("WP2", "1", "A1"))
			b.Elements[2].Parent = "WP1"
		}, lanyan.ErrInvalid, `work package "WP2"`, "parent"},
		{"unknown parent", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[1].Parent = "C9" },
			lanyan.ErrNotFound, `work package "WP1"`, "parent"},
		{"accounts in a loop", func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements = append(b.Elements, cost.Element{ID: "C2", Kind: cost.ControlAccount, Parent: "C1"})
			b.Elements[0].Parent = "C2"
		}, lanyan.ErrInvalid, `control account "C1"`, "parent"},
		{"duplicate id", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[0].ID = "WP1" },
			lanyan.ErrInvalid, `work package "WP1"`, "id"},
		{"unknown kind", func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[0].Kind = "division" },
			lanyan.ErrInvalid, `element "C1"`, "kind"},
		{"finish before start", func(b *cost.Breakdown, bl *cost.Baseline) { bl.Activities[0].Finish = at(2025, 3, 2, 17, 0) },
			lanyan.ErrInvalid, `baseline 0, activity "A1"`, "finish"},
		{"unknown calendar", func(b *cost.Breakdown, bl *cost.Baseline) { bl.Activities[0].Calendar = "night" },
			lanyan.ErrNotFound, `baseline 0, activity "A1"`, "calendar"},
		{"baseline number", func(b *cost.Breakdown, bl *cost.Baseline) { bl.Number = 11 },
			lanyan.ErrInvalid, "baseline 11", "number"},
		{"negative management reserve", func(b *cost.Breakdown, bl *cost.Baseline) { bl.ManagementReserve = dec("-1") },
			lanyan.ErrInvalid, "baseline 0", "managementReserve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, bl := good()
			tt.change(b, bl)
			s, err := cost.SpreadBudgets(b, bl, cost.Phasing{Granularity: cost.Days})
			assert.Nil(t, s)
			assertLanyanError(t, err, tt.sentinel, tt.record, tt.field)
		})
	}
	b, bl := good()
	_, err := cost.SpreadBudgets(b, bl, cost.Phasing{})
	assertLanyanError(t, err, lanyan.ErrInvalid, "phasing", "granularity")
	_, err = cost.SpreadBudgets(nil, bl, cost.Phasing{Granularity: cost.Days})
	assertLanyanError(t, err, lanyan.ErrInvalid, "breakdown", "")
}

func TestCurveErrorMessages(t *testing.T) {
	b := &cost.Breakdown{Elements: []cost.Element{wp("WP1", "100.00", "A1")}}
	b.Elements[0].Curve = cost.Curve{Shape: cost.Custom, Points: decs("0", "5", "10", "15", "20", "25", "30", "35", "40",
		"45", "50", "55", "60", "65", "70", "75", "80", "85", "90", "95", "95")}
	err := b.Validate()
	require.Error(t, err)
	assert.Equal(t, `work package "WP1": curve.points[20]: ends at 95, not 100 (read as per-interval percentages, the points sum to 1045, not 100)`, err.Error())
}

func TestSpreadLargeAmountsAreExact(t *testing.T) {
	// A budget near the top of the int64 range of cents, over a year of days
	// with a bell curve: the amounts still add up exactly.
	_, amts := spreadOne(t, cost.Days, "90000000000000000.01", cost.Curve{Shape: cost.Bell},
		act("A1", day(2025, 1, 6), day(2025, 12, 31)))
	sum := decimal.Zero
	for _, a := range amts {
		assert.False(t, a.IsNegative())
		sum = sum.Add(a)
	}
	assert.True(t, sum.Equal(dec("90000000000000000.01")), "%s", sum)
	_ = time.Monday
}
