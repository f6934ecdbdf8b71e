package cost_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// benchProject builds the input of BenchmarkSeries: n activities from
// gen.Network(n, 1), scheduled by schedule.Compute, one work package per
// activity.
//
// The generated network's longest path grows with its size (at 100,000
// activities it spans centuries), so the baseline dates are scaled into five
// years: each activity's early start is moved to the same fraction of five years
// from the project start as it had of the whole schedule, and its finish is its
// original working duration after that on its own calendar (the next working
// minute, for a start that falls in non-working time). Durations, calendars,
// holidays and the order of the work are kept; only the overlap grows.
//
// The breakdown has 10 top control accounts, each with 10 accounts of ~1,000
// packages (so three levels), techniques in rotation (0/100, 50/50, 25/75,
// percent, physical percent, units, weighted milestones, level of effort,
// apportioned effort at 10 % of the package before it), curves in rotation
// (linear, front, back, bell) and budgets of 1,000.00 to 1,000,000.00. The
// status date is half way; every package started by then has a progress record
// and two actual costs.
func benchProject(tb testing.TB, n int) (cost.AnalysisInput, int64) {
	net := gen.Network(n, 1)
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		tb.Fatal(err)
	}
	start := net.Project.Start
	span := int64(res.EarlyFinish - start)
	five := int64(5 * 365 * schedule.MinutesPerDay)
	cals := map[string]*schedule.CompiledCalendar{}
	for _, c := range net.Calendars {
		if cals[c.ID], err = schedule.Compile(c.ID, net.Calendars...); err != nil {
			tb.Fatal(err)
		}
	}
	scaled := *res
	scaled.Activities = append([]schedule.ActivityResult(nil), res.Activities...)
	for i := range scaled.Activities {
		a, r := &net.Activities[i], &scaled.Activities[i]
		c := cals[a.Calendar]
		if c == nil {
			c = cals[net.Project.DefaultCalendar]
		}
		s := c.NextWorking(start + schedule.Instant(int64(r.EarlyStart-start)*five/span))
		r.EarlyStart, r.EarlyFinish = s, c.AddWork(s, a.Duration)
	}

	rng := rand.New(rand.NewPCG(1, 2))
	methods := []cost.Method{cost.ZeroHundred, cost.FiftyFifty, cost.FixedFormula, cost.PercentComplete,
		cost.PhysicalPercentComplete, cost.UnitsComplete, cost.WeightedMilestones, cost.LevelOfEffort, cost.ApportionedEffort}
	shapes := []cost.Shape{cost.Linear, cost.FrontLoaded, cost.BackLoaded, cost.Bell}
	b := &cost.Breakdown{UndistributedBudget: decimal.New(5_000_000, -2), ManagementReserve: decimal.New(10_000_000, -2)}
	for top := range 10 {
		b.Elements = append(b.Elements, cost.Element{ID: fmt.Sprintf("CA%d", top), Kind: cost.ControlAccount})
		for sub := range 10 {
			b.Elements = append(b.Elements, cost.Element{ID: fmt.Sprintf("CA%d.%d", top, sub), Kind: cost.ControlAccount, Parent: fmt.Sprintf("CA%d", top)})
		}
	}
	budgets := make([]int64, n)
	var total int64
	for i := range n {
		a := &net.Activities[i]
		m := methods[i%len(methods)]
		if i == 0 && m == cost.ApportionedEffort {
			m = cost.PercentComplete
		}
		e := cost.Element{
			ID: "WP" + a.ID, Kind: cost.WorkPackage, Parent: fmt.Sprintf("CA%d.%d", i*10/n, i*100/n%10),
			Activities: []string{a.ID}, Curve: cost.Curve{Shape: shapes[i%len(shapes)]}, Technique: cost.Technique{Method: m},
		}
		budgets[i] = 100_000 + rng.Int64N(99_900_001)
		switch m {
		case cost.FixedFormula:
			e.Technique.StartPercent = decimal.NewFromInt(25)
		case cost.UnitsComplete:
			e.Technique.Units = decimal.NewFromInt(480)
		case cost.WeightedMilestones:
			e.Technique.Milestones = []cost.Milestone{
				{ID: "m1", Weight: decimal.NewFromInt(1)}, {ID: "m2", Weight: decimal.NewFromInt(1)}, {ID: "m3", Weight: decimal.NewFromInt(2)}}
		case cost.ApportionedEffort:
			e.Technique.Base, e.Technique.Factor = "WP"+net.Activities[i-1].ID, decimal.New(1, -1)
			budgets[i] = (budgets[i-1] + 5) / 10 // 10 %, rounded half up
		}
		e.Budget = decimal.New(budgets[i], -2)
		total += budgets[i]
		b.Elements = append(b.Elements, e)
	}
	bl, err := cost.NewBaseline(0, "scaled into five years", b, net, &scaled)
	if err != nil {
		tb.Fatal(err)
	}

	status := (start + schedule.Instant(five/2)).Date()
	in := cost.AnalysisInput{
		Breakdown:  b,
		Baseline:   bl,
		Phasing:    cost.Phasing{Granularity: cost.Weeks},
		StatusDate: status,
		EACWeight:  decimal.New(8, -1),
	}
	types := []cost.CostType{cost.CostLabour, cost.CostMaterial, cost.CostEquipment, cost.CostSubcontract, cost.CostOther}
	for i := range n {
		r := &scaled.Activities[i]
		first, last := r.EarlyStart.Date(), (r.EarlyFinish - 1).Date()
		if first > status {
			continue
		}
		e := &b.Elements[110+i]
		done := last <= status
		on := min(last, status)
		p := cost.Progress{Package: e.ID, Date: on}
		pct := int64(100)
		if !done {
			pct = 1 + rng.Int64N(99)
		}
		switch e.Technique.Method {
		case cost.LevelOfEffort, cost.ApportionedEffort:
			goto actuals
		case cost.ZeroHundred, cost.FiftyFifty, cost.FixedFormula, cost.PercentComplete, cost.PhysicalPercentComplete:
			p.Percent, p.Started = decimal.NewFromInt(pct), true
		case cost.UnitsComplete:
			p.Units = decimal.NewFromInt(480 * pct / 100)
		case cost.WeightedMilestones:
			p.Milestones = []string{"m1"}
			if done {
				p.Milestones = append(p.Milestones, "m2", "m3")
			}
		}
		in.Progress = append(in.Progress, p)
	actuals:
		for k, d := range []date.Date{first, on} {
			in.Actuals = append(in.Actuals, cost.ActualCost{
				Code: e.ID, Date: d, Amount: decimal.New(budgets[i]*int64(40+k*30)/100, -2),
				Type: types[(i+k)%len(types)], SourceRef: fmt.Sprintf("INV-%d-%d", i, k),
			})
		}
	}
	return in, total
}

// BenchmarkSeries times the earned value analysis of 100,000 work packages over
// some five years in weekly periods (see benchProject): spreading every budget,
// PV at the status date, EV by technique, AC, the roll-up to accounts and
// project, the project's cumulative and period series with their metrics and
// earned schedule, and the status with metrics of the project and every control
// account. It checks that the spread adds up to the total budget to the cent.
func BenchmarkSeries(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		if testing.Short() && n > 10_000 {
			continue
		}
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			in, total := benchProject(b, n)
			want := decimal.New(total, -2)
			runtime.GC()
			b.ReportAllocs()
			var periods int
			for b.Loop() {
				a, err := cost.Analyze(in)
				if err != nil {
					b.Fatal(err)
				}
				s, _ := a.Series("")
				if got := s.CumPV[len(s.CumPV)-1]; !got.Equal(want) {
					b.Fatalf("the spread adds up to %s, not the total budget %s", got, want)
				}
				for _, e := range in.Breakdown.Elements {
					if e.Kind == cost.ControlAccount {
						a.Status(e.ID)
					}
				}
				if p := a.Project(); !p.BAC.Equal(want) {
					b.Fatalf("BAC %s, want %s", p.BAC, want)
				}
				periods = len(a.Periods)
			}
			b.ReportMetric(float64(periods), "periods")
			b.ReportMetric(float64(len(in.Progress)), "progress")
			b.ReportMetric(float64(len(in.Actuals)), "actuals")
		})
	}
}
