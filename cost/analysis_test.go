package cost_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
)

// techniqueProject has one work package per technique, all covering A1, which
// works the ten days Mon 3 to Fri 14 March 2025, so that by the end of Friday 7
// March half its working time is done.
func techniqueProject() (*cost.Breakdown, *cost.Baseline) {
	el := func(id, budget string, tq cost.Technique) cost.Element {
		return cost.Element{ID: id, Kind: cost.WorkPackage, Budget: dec(budget), Activities: []string{"A1"}, Technique: tq}
	}
	b := &cost.Breakdown{Elements: []cost.Element{
		el("ZH", "1000.01", cost.Technique{Method: cost.ZeroHundred}),
		el("ZHdone", "1000.01", cost.Technique{Method: cost.ZeroHundred}),
		el("FF", "1000.01", cost.Technique{Method: cost.FiftyFifty}),
		el("XY", "1000.01", cost.Technique{Method: cost.FixedFormula, StartPercent: dec("20")}),
		el("XYnone", "1000.01", cost.Technique{Method: cost.FixedFormula, StartPercent: dec("20")}),
		el("PC", "1000.01", cost.Technique{Method: cost.PercentComplete}),
		el("PPC", "1000.01", cost.Technique{Method: cost.PhysicalPercentComplete}),
		el("WM", "1000.01", cost.Technique{Method: cost.WeightedMilestones, Milestones: []cost.Milestone{
			{ID: "m1", Name: "Foundations", Weight: dec("1")},
			{ID: "m2", Name: "Frame", Weight: dec("2")},
			{ID: "m3", Name: "Roof", Weight: dec("2")},
		}}),
		el("UC", "1000.01", cost.Technique{Method: cost.UnitsComplete, Units: dec("120")}),
		el("LOE", "1000.00", cost.Technique{Method: cost.LevelOfEffort}),
		// 0.1 × 1,000.01 = 100.001, so the budget must be 100.00.
		el("AE", "100.00", cost.Technique{Method: cost.ApportionedEffort, Base: "PC", Factor: dec("0.1")}),
	}}
	return b, baseline(b, act("A1", day(2025, 3, 3), day(2025, 3, 14)))
}

func TestTechniques(t *testing.T) {
	b, bl := techniqueProject()
	on := day(2025, 3, 7)
	prog := []cost.Progress{
		{Package: "ZH", Date: on, Percent: dec("40")},
		{Package: "ZHdone", Date: on, Percent: dec("100")},
		{Package: "FF", Date: on, Started: true},
		{Package: "XY", Date: on, Percent: dec("1")},
		{Package: "XYnone", Date: on},
		{Package: "PC", Date: on, Percent: dec("33.3")},
		{Package: "PPC", Date: on, Percent: dec("62.5")},
		{Package: "WM", Date: on, Milestones: []string{"m3", "m1"}},
		{Package: "UC", Date: on, Units: dec("45")},
		// Later than the status date: checked, but left out.
		{Package: "PC", Date: day(2025, 3, 10), Percent: dec("90")},
	}
	a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: bl, Phasing: cost.Phasing{Granularity: cost.Weeks},
		StatusDate: on, Progress: prog})
	require.NoError(t, err)

	tests := []struct{ id, ev, why string }{
		{"ZH", "0.00", "0/100 earns nothing before the finish"},
		{"ZHdone", "1000.01", "0/100 earns all at 100 %"},
		{"FF", "500.01", "50/50 at the start: 1,000.01 / 2 = 500.005, the odd cent at the start"},
		{"XY", "200.00", "20/80 started: 1,000.01 × 20 % = 200.002"},
		{"XYnone", "0.00", "not started"},
		{"PC", "333.00", "1,000.01 × 33.3 % = 333.00333"},
		{"PPC", "625.01", "1,000.01 × 62.5 % = 625.00625, half up"},
		// Weights 1:2:2 of 1,000.01: exact 200.002, 400.004, 400.004; floors
		// leave a cent for the largest remainder, m2 (tied with m3, earlier):
		// 200.00, 400.01, 400.00. m1 + m3 = 600.00.
		{"WM", "600.00", "weighted milestones m1 and m3"},
		{"UC", "375.00", "1,000.01 × 45/120 = 375.00375"},
		{"LOE", "500.00", "EV = PV: 5 of 10 days of 1,000.00"},
		{"AE", "33.30", "0.1 × EV of PC 333.00"},
	}
	for _, tt := range tests {
		s, ok := a.Status(tt.id)
		require.True(t, ok, tt.id)
		assert.True(t, s.EV.Equal(dec(tt.ev)), "%s: EV %s, want %s: %s", tt.id, s.EV, tt.ev, tt.why)
	}
	// PV by the end of Friday 7 March: half of each budget, rounded half up:
	// 1,000.01 / 2 = 500.005 → 500.01.
	s, _ := a.Status("PC")
	assert.True(t, s.PV.Equal(dec("500.01")), "%s", s.PV)
	s, _ = a.Status("AE")
	assert.True(t, s.PV.Equal(dec("50.00")), "%s", s.PV)

	// The techniques' weekly series: progress lands in the week of its date.
	ser, ok := a.Series("LOE")
	require.True(t, ok)
	assertDecimals(t, decs("500.00"), ser.EV, "LOE earns its plan")
	assertDecimals(t, decs("500.00", "500.00"), ser.PV)
}

func TestTechniqueErrors(t *testing.T) {
	on := day(2025, 3, 7)
	tests := []struct {
		name     string
		change   func(b *cost.Breakdown, bl *cost.Baseline)
		prog     cost.Progress
		sentinel error
		record   string
		field    string
	}{
		{name: "percent above 100", prog: cost.Progress{Package: "PC", Date: on, Percent: dec("120")},
			sentinel: lanyan.ErrInvalid, record: `progress "PC" 2025-03-07`, field: "percent"},
		{name: "percent on units", prog: cost.Progress{Package: "UC", Date: on, Percent: dec("20")},
			sentinel: lanyan.ErrInvalid, record: `progress "UC" 2025-03-07`, field: "percent"},
		{name: "started on units", prog: cost.Progress{Package: "UC", Date: on, Started: true},
			sentinel: lanyan.ErrInvalid, record: `progress "UC" 2025-03-07`, field: "started"},
		{name: "units on percent", prog: cost.Progress{Package: "PC", Date: on, Units: dec("20")},
			sentinel: lanyan.ErrInvalid, record: `progress "PC" 2025-03-07`, field: "units"},
		{name: "units beyond the total", prog: cost.Progress{Package: "UC", Date: on, Units: dec("121")},
			sentinel: lanyan.ErrInvalid, record: `progress "UC" 2025-03-07`, field: "units"},
		{name: "unknown milestone", prog: cost.Progress{Package: "WM", Date: on, Milestones: []string{"m1", "m9"}},
			sentinel: lanyan.ErrNotFound, record: `progress "WM" 2025-03-07`, field: "milestones[1]"},
		{name: "milestone twice", prog: cost.Progress{Package: "WM", Date: on, Milestones: []string{"m1", "m1"}},
			sentinel: lanyan.ErrInvalid, record: `progress "WM" 2025-03-07`, field: "milestones[1]"},
		{name: "progress on level of effort", prog: cost.Progress{Package: "LOE", Date: on},
			sentinel: lanyan.ErrInvalid, record: `progress "LOE" 2025-03-07`, field: "package"},
		{name: "progress on apportioned effort", prog: cost.Progress{Package: "AE", Date: on},
			sentinel: lanyan.ErrInvalid, record: `progress "AE" 2025-03-07`, field: "package"},
		{name: "progress on an unknown package", prog: cost.Progress{Package: "WP9", Date: on},
			sentinel: lanyan.ErrNotFound, record: `progress "WP9" 2025-03-07`, field: "package"},
		{name: "progress without a date", prog: cost.Progress{Package: "PC"},
			sentinel: lanyan.ErrInvalid, record: `progress "PC" 0001-01-01`, field: "date"},
		{name: "apportioned budget not factor × base", change: func(b *cost.Breakdown, bl *cost.Baseline) {
			bl.Budgets[len(bl.Budgets)-1].Budget = dec("100.01")
		}, sentinel: lanyan.ErrInvalid, record: `baseline 0, work package "AE"`, field: "budget"},
		{name: "no method", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[0].Technique.Method = "" },
			sentinel: lanyan.ErrInvalid, record: `work package "ZH"`, field: "technique.method"},
		{name: "unknown method", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[0].Technique.Method = "guess" },
			sentinel: lanyan.ErrInvalid, record: `work package "ZH"`, field: "technique.method"},
		{name: "X above 100", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[3].Technique.StartPercent = dec("101") },
			sentinel: lanyan.ErrInvalid, record: `work package "XY"`, field: "technique.startPercent"},
		{name: "X on 0/100", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[0].Technique.StartPercent = dec("10") },
			sentinel: lanyan.ErrInvalid, record: `work package "ZH"`, field: "technique.startPercent"},
		{name: "milestone weight zero", change: func(b *cost.Breakdown, bl *cost.Baseline) {
			b.Elements[7].Technique.Milestones[1].Weight = decimal.Zero
		}, sentinel: lanyan.ErrInvalid, record: `work package "WM"`, field: "technique.milestones[1].weight"},
		{name: "no milestones", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[7].Technique.Milestones = nil },
			sentinel: lanyan.ErrInvalid, record: `work package "WM"`, field: "technique.milestones"},
		{name: "no units", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[8].Technique.Units = decimal.Zero },
			sentinel: lanyan.ErrInvalid, record: `work package "UC"`, field: "technique.units"},
		{name: "unknown base", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[10].Technique.Base = "WP9" },
			sentinel: lanyan.ErrNotFound, record: `work package "AE"`, field: "technique.base"},
		{name: "apportioned base", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[10].Technique.Base = "AE" },
			sentinel: lanyan.ErrInvalid, record: `work package "AE"`, field: "technique.base"},
		{name: "factor zero", change: func(b *cost.Breakdown, bl *cost.Baseline) { b.Elements[10].Technique.Factor = decimal.Zero },
			sentinel: lanyan.ErrInvalid, record: `work package "AE"`, field: "technique.factor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, bl := techniqueProject()
			if tt.change != nil {
				tt.change(b, bl)
			}
			var prog []cost.Progress
			if tt.prog.Package != "" || tt.prog.Date != 0 {
				prog = append(prog, tt.prog)
			}
			a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: bl,
				Phasing: cost.Phasing{Granularity: cost.Weeks}, StatusDate: on, Progress: prog})
			assert.Nil(t, a)
			assertLanyanError(t, err, tt.sentinel, tt.record, tt.field)
		})
	}
}

// rollUpProject is a small project: two levels of control accounts, three work
// packages and a planning package.
//
//	PP1                        planning package, 200.00, A4: 22 working days of April
//	C                          control account
//	├── C2
//	│   └── WP3                300.00 physical %, A3: Mon 3 – Fri 14 March (10 days)
//	└── C1
//	    ├── WP2                400.00 50/50,     A2: Mon 10 – Fri 14 March (5 days)
//	    └── WP1                600.00 percent,   A1: Mon 3 – Fri 7 March (5 days)
//
// with undistributed budget 50.00 and management reserve 25.00. The elements are
// listed out of order on purpose.
func rollUpProject() cost.AnalysisInput {
	b := &cost.Breakdown{
		Elements: []cost.Element{
			{ID: "WP3", Kind: cost.WorkPackage, Parent: "C2", Budget: dec("300.00"), Activities: []string{"A3"},
				Technique: cost.Technique{Method: cost.PhysicalPercentComplete}},
			{ID: "PP1", Kind: cost.PlanningPackage, Budget: dec("200.00"), Activities: []string{"A4"}},
			{ID: "C2", Kind: cost.ControlAccount, Parent: "C"},
			{ID: "C", Kind: cost.ControlAccount, Name: "Main building 主楼"},
			{ID: "WP2", Kind: cost.WorkPackage, Parent: "C1", Budget: dec("400.00"), Activities: []string{"A2"},
				Technique: cost.Technique{Method: cost.FiftyFifty}},
			{ID: "C1", Kind: cost.ControlAccount, Parent: "C"},
			{ID: "WP1", Kind: cost.WorkPackage, Parent: "C1", Budget: dec("600.00"), Activities: []string{"A1"},
				Technique: cost.Technique{Method: cost.PercentComplete}},
		},
		UndistributedBudget: dec("50.00"),
		ManagementReserve:   dec("25.00"),
	}
	bl := baseline(b,
		act("A1", day(2025, 3, 3), day(2025, 3, 7)),
		act("A2", day(2025, 3, 10), day(2025, 3, 14)),
		act("A3", day(2025, 3, 3), day(2025, 3, 14)),
		act("A4", day(2025, 4, 1), day(2025, 4, 30)),
	)
	return cost.AnalysisInput{
		Breakdown:  b,
		Baseline:   bl,
		Phasing:    cost.Phasing{Granularity: cost.Weeks},
		StatusDate: day(2025, 3, 12), // a Wednesday, in week 2025-W11
		Progress: []cost.Progress{
			{Package: "WP1", Date: day(2025, 3, 5), Percent: dec("50")},
			{Package: "WP1", Date: day(2025, 3, 11), Percent: dec("100")},
			{Package: "WP2", Date: day(2025, 3, 10), Started: true},
			{Package: "WP3", Date: day(2025, 3, 7), Percent: dec("40")},
			{Package: "WP3", Date: day(2025, 3, 12), Percent: dec("70")},
		},
		Actuals: []cost.ActualCost{
			{Code: "WP1", Date: day(2025, 3, 4), Amount: dec("300.00"), Type: cost.CostLabour, SourceRef: "PAY-0304"},
			{Code: "WP1", Date: day(2025, 3, 11), Amount: dec("310.00"), Type: cost.CostMaterial, SourceRef: "GRN-17"},
			{Code: "WP2", Date: day(2025, 3, 12), Amount: dec("150.00"), Type: cost.CostSubcontract, SourceRef: "SC-2"},
			{Code: "C1", Date: day(2025, 3, 6), Amount: dec("20.00"), Type: cost.CostOther, SourceRef: "PETTY-1"},
			{Code: "WP3", Date: day(2025, 3, 10), Amount: dec("190.00"), Type: cost.CostEquipment, SourceRef: "HIRE-3"},
			{Code: "WP3", Date: day(2025, 3, 13), Amount: dec("999.00"), Type: cost.CostEquipment, SourceRef: "LATER"},
		},
		EACWeight: dec("0.8"),
	}
}

func TestRollUp(t *testing.T) {
	a, err := cost.Analyze(rollUpProject())
	require.NoError(t, err)

	// By the end of Wednesday 12 March:
	//   PV: WP1 600.00 (done); WP2 3/5 × 400.00 = 240.00; WP3 8/10 × 300.00 =
	//       240.00; PP1 0. C1 = 840.00, C2 = 240.00, C = 1,080.00.
	//   EV: WP1 100 % = 600.00; WP2 started, 50/50 = 200.00; WP3 70 % = 210.00.
	//       C1 = 800.00, C2 = 210.00, C = 1,010.00.
	//   AC: WP1 300 + 310 = 610.00; WP2 150.00; C1's own 20.00; WP3 190.00 (the
	//       999.00 of 13 March is after the status date). C1 = 780.00, C2 =
	//       190.00, C = 970.00.
	//   BAC: C1 1,000.00, C2 300.00, C 1,300.00; the project adds PP1: 1,500.00.
	want := []struct {
		id, kind         string
		level            int
		bac, pv, ev, acS string
	}{
		{"", "", 0, "1500.00", "1080.00", "1010.00", "970.00"},
		{"PP1", "planningPackage", 1, "200.00", "0.00", "0.00", "0.00"},
		{"C", "controlAccount", 1, "1300.00", "1080.00", "1010.00", "970.00"},
		{"C2", "controlAccount", 2, "300.00", "240.00", "210.00", "190.00"},
		{"WP3", "workPackage", 3, "300.00", "240.00", "210.00", "190.00"},
		{"C1", "controlAccount", 2, "1000.00", "840.00", "800.00", "780.00"},
		{"WP2", "workPackage", 3, "400.00", "240.00", "200.00", "150.00"},
		{"WP1", "workPackage", 3, "600.00", "600.00", "600.00", "610.00"},
	}
	got := a.Statuses()
	require.Len(t, got, len(want))
	for k, w := range want {
		g := got[k]
		assert.Equal(t, w.id, g.ID)
		assert.Equal(t, w.kind, string(g.Kind), w.id)
		assert.Equal(t, w.level, g.Level, w.id)
		assertDecimals(t, decs(w.bac, w.pv, w.ev, w.acS), []decimal.Decimal{g.BAC, g.PV, g.EV, g.AC}, w.id)
	}
	c1, _ := a.Status("C1")
	assert.Equal(t, "C", c1.Parent)
	assertDecimals(t, decs("300.00", "310.00", "0.00", "150.00", "20.00"),
		[]decimal.Decimal{c1.ACByType.Labour, c1.ACByType.Material, c1.ACByType.Equipment, c1.ACByType.Subcontract, c1.ACByType.Other})
	c, _ := a.Status("C")
	assert.Equal(t, "Main building 主楼", c.Name)

	// The project's metrics: SPI = 1010/1080 = 0.93518518518…, CPI = 1010/970 =
	// 1.04123711340…, both to 10 places; SV = −70.00, CV = 40.00;
	// EAC = BAC/CPI = 1500 × 970/1010 = 1440.594…, to the cent 1440.59.
	p := a.Project()
	m := p.Metrics
	assert.True(t, m.SPI.Defined && m.SPI.Value.Equal(dec("0.9351851852")), "SPI %s", m.SPI.Value)
	assert.True(t, m.CPI.Defined && m.CPI.Value.Equal(dec("1.0412371134")), "CPI %s", m.CPI.Value)
	assert.True(t, m.SV.Value.Equal(dec("-70")), "SV %s", m.SV.Value)
	assert.True(t, m.CV.Value.Equal(dec("40")), "CV %s", m.CV.Value)
	assert.True(t, m.Estimates.CPI.EAC.Value.Equal(dec("1440.59")), "EAC %s", m.Estimates.CPI.EAC.Value)
	pp, _ := a.Status("PP1")
	assert.False(t, pp.Metrics.CPI.Defined, "no actual cost: CPI undefined")

	_, ok := a.Status("nope")
	assert.False(t, ok)
	_, ok = a.Series("nope")
	assert.False(t, ok)
}

func TestBudgetArithmetic(t *testing.T) {
	in := rollUpProject()
	// Packages 300.00 + 200.00 + 400.00 + 600.00 = 1,500.00 distributed;
	// PMB = 1,500.00 + 50.00 undistributed = 1,550.00; CBB = PMB + 25.00
	// management reserve = 1,575.00.
	for name, get := range map[string]func() (cost.BudgetSummary, error){
		"breakdown": in.Breakdown.Summary,
		"baseline":  in.Baseline.Summary,
	} {
		s, err := get()
		require.NoError(t, err, name)
		assertDecimals(t, decs("1500.00", "50.00", "1550.00", "25.00", "1575.00"),
			[]decimal.Decimal{s.Distributed, s.UndistributedBudget, s.PMB, s.ManagementReserve, s.CBB}, name)
	}
	a, err := cost.Analyze(in)
	require.NoError(t, err)
	assert.True(t, a.Budget.CBB.Equal(dec("1575")))
	assert.True(t, a.Project().BAC.Equal(a.Budget.Distributed), "the project's BAC is the distributed budget")

	in.Breakdown.ManagementReserve = dec("-0.01")
	_, err = in.Breakdown.Summary()
	assertLanyanError(t, err, lanyan.ErrInvalid, "breakdown", "managementReserve")
	in.Breakdown.ManagementReserve = dec("0.001")
	assertLanyanError(t, in.Breakdown.Validate(), lanyan.ErrInvalid, "breakdown", "managementReserve")
	in.Breakdown.ManagementReserve = dec("0")
	in.Breakdown.UndistributedBudget = dec("-5")
	assertLanyanError(t, in.Breakdown.Validate(), lanyan.ErrInvalid, "breakdown", "undistributedBudget")
}

func TestSeries(t *testing.T) {
	a, err := cost.Analyze(rollUpProject())
	require.NoError(t, err)
	// Weeks from W10 (A1 and A3 start Mon 3 March) to W18 (A4 ends Wed 30 April).
	assert.Equal(t, []string{"2025-W10", "2025-W11", "2025-W12", "2025-W13", "2025-W14", "2025-W15", "2025-W16", "2025-W17", "2025-W18"},
		labels(a.Periods))
	assert.Equal(t, 1, a.StatusPeriod)

	s, ok := a.Series("")
	require.True(t, ok)
	// PV by week:
	//   W10: WP1 600.00 + WP3 5/10 × 300.00 = 750.00
	//   W11: WP2 400.00 + WP3 150.00 = 550.00
	//   W14–W18: PP1's 200.00 over April's 22 working days: 4, 5, 5, 5, 3
	//     days = 36.3636…, 45.4545… × 3, 27.2727…; floors 36.36 + 45.45 × 3 +
	//     27.27 = 199.98, two cents to the largest remainders (0.4545 cents,
	//     tied in W15, W16, W17: the earliest two).
	assertDecimals(t, decs("750.00", "550.00", "0.00", "0.00", "36.36", "45.46", "45.46", "45.45", "27.27"), s.PV)
	assertDecimals(t, decs("750.00", "1300.00", "1300.00", "1300.00", "1336.36", "1381.82", "1427.28", "1472.73", "1500.00"), s.CumPV)
	// EV: W10: WP1 50 % = 300.00 + WP3 40 % = 120.00; W11: WP1 +300.00, WP2
	// +200.00, WP3 +90.00 = 590.00. It ends at the status period.
	assertDecimals(t, decs("420.00", "590.00"), s.EV)
	assertDecimals(t, decs("420.00", "1010.00"), s.CumEV)
	// AC: W10: 300.00 + 20.00; W11: 310.00 + 150.00 + 190.00.
	assertDecimals(t, decs("320.00", "650.00"), s.AC)
	assertDecimals(t, decs("320.00", "970.00"), s.CumAC)
	require.Len(t, s.Metrics, 2)
	// Week 1: SPI = 420/750 = 0.56, CPI = 420/320 = 1.3125.
	assert.True(t, s.Metrics[0].SPI.Value.Equal(dec("0.56")))
	assert.True(t, s.Metrics[0].CPI.Value.Equal(dec("1.3125")))
	// The period metrics of week 2: SPI = 590/550, CPI = 590/650.
	assert.True(t, s.PeriodMetrics[1].SPI.Value.Equal(dec("1.0727272727")), "%s", s.PeriodMetrics[1].SPI.Value)
	assert.True(t, s.PeriodMetrics[1].CPI.Value.Equal(dec("0.9076923077")), "%s", s.PeriodMetrics[1].CPI.Value)
	// The cumulative series at the status period agree with the status.
	p := a.Project()
	assert.True(t, s.CumEV[1].Equal(p.EV))
	assert.True(t, s.CumAC[1].Equal(p.AC))

	// Earned schedule: EV 1,010.00 lies between cumulative PV 750.00 (end of
	// period 1) and 1,300.00 (period 2): ES = 1 + (1010 − 750)/(1300 − 750) =
	// 1 + 260/550 = 1.4727272727. Wednesday is not the end of W11, so one
	// whole period has elapsed: AT = 1, SV(t) = 0.4727272727. The plan has 9
	// periods.
	es := s.EarnedSchedule
	assert.Equal(t, 9, es.PlannedDuration)
	assert.Equal(t, 1, es.ActualTime)
	assert.True(t, es.ES.Value.Equal(dec("1.4727272727")), "ES %s", es.ES.Value)
	assert.True(t, es.SV.Value.Equal(dec("0.4727272727")), "SV(t) %s", es.SV.Value)

	// An account's series adds up its own packages and actual costs.
	c1, ok := a.Series("C1")
	require.True(t, ok)
	assert.Equal(t, "C1", c1.ID)
	assertDecimals(t, decs("600.00", "400.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"), c1.PV)
	assertDecimals(t, decs("300.00", "500.00"), c1.EV)
	assertDecimals(t, decs("320.00", "460.00"), c1.AC)
	assert.True(t, c1.BAC.Equal(dec("1000")))

	// A package's series.
	wp3, _ := a.Series("WP3")
	assertDecimals(t, decs("120.00", "90.00"), wp3.EV)
	assertDecimals(t, decs("150.00", "150.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"), wp3.PV)
}

func TestSeriesEVTakenBack(t *testing.T) {
	in := rollUpProject()
	// WP3 reports 40 % in W10, then is corrected to 30 % in W11: the period EV
	// of W11 is −30.00.
	in.Progress = []cost.Progress{
		{Package: "WP3", Date: day(2025, 3, 7), Percent: dec("40")},
		{Package: "WP3", Date: day(2025, 3, 11), Percent: dec("30")},
	}
	a, err := cost.Analyze(in)
	require.NoError(t, err)
	s, _ := a.Series("WP3")
	assertDecimals(t, decs("120.00", "-30.00"), s.EV)
	assertDecimals(t, decs("120.00", "90.00"), s.CumEV)
	// Two records in one period: the later one counts.
	in.Progress = []cost.Progress{
		{Package: "WP3", Date: day(2025, 3, 11), Percent: dec("50")},
		{Package: "WP3", Date: day(2025, 3, 10), Percent: dec("10")},
	}
	a, err = cost.Analyze(in)
	require.NoError(t, err)
	s, _ = a.Series("WP3")
	assertDecimals(t, decs("0.00", "150.00"), s.EV)
}

func TestSeriesStatusAtPeriodEnd(t *testing.T) {
	in := rollUpProject()
	in.StatusDate = day(2025, 3, 16) // Sunday, the last day of W11
	in.Phasing.Granularity = cost.Days
	a, err := cost.Analyze(in)
	require.NoError(t, err)
	assert.Equal(t, "2025-03-16", a.Periods[a.StatusPeriod].String())
	s, _ := a.Series("")
	assert.Equal(t, a.StatusPeriod+1, s.EarnedSchedule.ActualTime, "a status date ending its period counts it")
	assert.Len(t, s.EV, a.StatusPeriod+1)
	// By Sunday all of the March work is planned: 1,300.00.
	assert.True(t, a.Project().PV.Equal(dec("1300")))
	assert.True(t, s.CumPV[a.StatusPeriod].Equal(dec("1300")))
}

func TestAnalysisWidensPeriods(t *testing.T) {
	in := rollUpProject()
	// A cost booked before the plan starts, and a status date after it ends.
	in.Actuals = append(in.Actuals, cost.ActualCost{Code: "C", Date: day(2025, 2, 20), Amount: dec("5.00"), Type: cost.CostOther})
	in.StatusDate = day(2025, 5, 20)
	a, err := cost.Analyze(in)
	require.NoError(t, err)
	assert.Equal(t, "2025-W08", a.Periods[0].String())
	assert.Equal(t, "2025-W21", a.Periods[len(a.Periods)-1].String())
	assert.Equal(t, len(a.Periods)-1, a.StatusPeriod)
	p := a.Project()
	assert.True(t, p.PV.Equal(dec("1500")), "all planned by then")
	assert.True(t, p.AC.Equal(dec("1974")), "970 + 999 + 5: %s", p.AC)
}

func TestAnalysisErrors(t *testing.T) {
	tests := []struct {
		name     string
		change   func(in *cost.AnalysisInput)
		sentinel error
		record   string
		field    string
	}{
		{"no status date", func(in *cost.AnalysisInput) { in.StatusDate = 0 }, lanyan.ErrInvalid, "analysis", "statusDate"},
		{"weight above 1", func(in *cost.AnalysisInput) { in.EACWeight = dec("1.5") }, lanyan.ErrInvalid, "analysis", "eacWeight"},
		{"actual to an unknown code", func(in *cost.AnalysisInput) { in.Actuals[0].Code = "WP9" },
			lanyan.ErrNotFound, `actual cost "PAY-0304"`, "code"},
		{"actual to a planning package", func(in *cost.AnalysisInput) { in.Actuals[0].Code = "PP1" },
			lanyan.ErrInvalid, `actual cost "PAY-0304"`, "code"},
		{"actual with a fraction of a cent", func(in *cost.AnalysisInput) { in.Actuals[5].Amount = dec("0.001") },
			lanyan.ErrInvalid, `actual cost "LATER"`, "amount"},
		{"actual of an unknown type", func(in *cost.AnalysisInput) { in.Actuals[1].Type = "beer" },
			lanyan.ErrInvalid, `actual cost "GRN-17"`, "type"},
		{"actual without a date", func(in *cost.AnalysisInput) { in.Actuals[1].Date = 0; in.Actuals[1].SourceRef = "" },
			lanyan.ErrInvalid, "actuals[1]", "date"},
		{"progress on a planning package", func(in *cost.AnalysisInput) {
			in.Progress = append(in.Progress, cost.Progress{Package: "PP1", Date: day(2025, 3, 3)})
		}, lanyan.ErrInvalid, `progress "PP1" 2025-03-03`, "package"},
		{"progress on a control account", func(in *cost.AnalysisInput) {
			in.Progress = append(in.Progress, cost.Progress{Package: "C1", Date: day(2025, 3, 3)})
		}, lanyan.ErrInvalid, `progress "C1" 2025-03-03`, "package"},
		{"two records on one day", func(in *cost.AnalysisInput) {
			in.Progress = append(in.Progress, cost.Progress{Package: "WP1", Date: day(2025, 3, 5), Percent: dec("60")})
		}, lanyan.ErrInvalid, `progress "WP1" 2025-03-05`, "date"},
		{"no baseline", func(in *cost.AnalysisInput) { in.Baseline = nil }, lanyan.ErrInvalid, "baseline", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rollUpProject()
			tt.change(&in)
			a, err := cost.Analyze(in)
			assert.Nil(t, a)
			assertLanyanError(t, err, tt.sentinel, tt.record, tt.field)
		})
	}
}

func TestPackageNotInBaseline(t *testing.T) {
	in := rollUpProject()
	// WP4 was added after the baseline was taken: it has no budget in it and
	// its activity is not dated there, but its actual cost still counts.
	in.Breakdown.Elements = append(in.Breakdown.Elements, cost.Element{ID: "WP4", Kind: cost.WorkPackage, Parent: "C2",
		Budget: dec("80.00"), Activities: []string{"A9"}, Technique: cost.Technique{Method: cost.PercentComplete}})
	in.Actuals = append(in.Actuals, cost.ActualCost{Code: "WP4", Date: day(2025, 3, 12), Amount: dec("7.00"), Type: cost.CostLabour})
	in.Progress = append(in.Progress, cost.Progress{Package: "WP4", Date: day(2025, 3, 12), Percent: dec("50")})
	a, err := cost.Analyze(in)
	require.NoError(t, err)
	s, _ := a.Status("WP4")
	assertDecimals(t, decs("0.00", "0.00", "0.00", "7.00"), []decimal.Decimal{s.BAC, s.PV, s.EV, s.AC})
	c2, _ := a.Status("C2")
	assert.True(t, c2.AC.Equal(dec("197")))
}
