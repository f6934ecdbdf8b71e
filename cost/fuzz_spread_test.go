package cost_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// FuzzSpread checks the spread's invariants on random packages: the amounts are
// never negative and add up to the budget to the cent, whatever the budget,
// dates, calendar, curve and granularity; and PV at the status date never
// exceeds the budget.
func FuzzSpread(f *testing.F) {
	f.Add(int64(100000), uint16(0), uint32(3*480), uint8(0), uint8(0), uint8(0), uint16(1))
	f.Add(int64(5), uint16(3), uint32(10*480+17), uint8(3), uint8(1), uint8(1), uint16(9))
	f.Add(int64(9_000_000_000_000_000), uint16(400), uint32(700*480), uint8(1), uint8(2), uint8(2), uint16(300))
	f.Add(int64(1), uint16(5), uint32(0), uint8(2), uint8(0), uint8(3), uint16(0))
	shapes := []cost.Shape{cost.Linear, cost.FrontLoaded, cost.BackLoaded, cost.Bell}
	grans := []cost.Granularity{cost.Days, cost.Weeks, cost.Months}
	cals := []string{schedule.StandardFiveDayID, schedule.SixDayID, schedule.SevenDayID, schedule.TwentyFourHourID, schedule.ChinaStatutoryID}
	f.Fuzz(func(t *testing.T, budget int64, startDay uint16, work uint32, shape, gran, cal uint8, status uint16) {
		if budget < 0 {
			budget = -(budget + 1)
		}
		calID := cals[int(cal)%len(cals)]
		c, err := schedule.Compile(calID, schedule.BuiltinCalendars()...)
		if err != nil {
			t.Fatal(err)
		}
		start := c.NextWorking(at(2025, 1, 1, 0, 0) + schedule.Instant(int64(startDay)*schedule.MinutesPerDay))
		finish := c.AddWork(start, int64(work%(2000*480)))
		e := wp("WP", "0", "A1")
		e.Budget = decimal.New(budget, -2)
		e.Curve = cost.Curve{Shape: shapes[int(shape)%len(shapes)]}
		b := &cost.Breakdown{Elements: []cost.Element{e}}
		bl := baseline(b, cost.BaselineActivity{ID: "A1", Calendar: calID, Start: start, Finish: finish})
		g := grans[int(gran)%len(grans)]
		s, err := cost.SpreadBudgets(b, bl, cost.Phasing{Granularity: g})
		if err != nil {
			t.Fatal(err)
		}
		amts, _ := s.Amounts("WP")
		sum := decimal.Zero
		for k, a := range amts {
			if a.IsNegative() || a.GreaterThan(e.Budget) {
				t.Fatalf("period %s: amount %s of budget %s", s.Periods[k], a, e.Budget)
			}
			sum = sum.Add(a)
		}
		if !sum.Equal(e.Budget) || !s.Total().Equal(e.Budget) {
			t.Fatalf("amounts add up to %s (total %s), not the budget %s", sum, s.Total(), e.Budget)
		}
		a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: bl, Phasing: cost.Phasing{Granularity: g},
			StatusDate: start.Date() + 1 + dateDays(status)})
		if err != nil {
			t.Fatal(err)
		}
		p := a.Project()
		if p.PV.IsNegative() || p.PV.GreaterThan(e.Budget) || !p.BAC.Equal(e.Budget) {
			t.Fatalf("PV %s, BAC %s of budget %s", p.PV, p.BAC, e.Budget)
		}
		ser, _ := a.Series("")
		if !ser.CumPV[len(ser.CumPV)-1].Equal(e.Budget) {
			t.Fatalf("series PV adds up to %s, not %s", ser.CumPV[len(ser.CumPV)-1], e.Budget)
		}
	})
}
