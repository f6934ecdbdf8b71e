package cost_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// A two-activity programme: baseline it, spread the budgets by week, and measure
// earned value at a status date.
func ExampleAnalyze() {
	mon := schedule.AtTime(date.New(2025, time.March, 3), 8, 0)
	net := &schedule.Network{
		Project:   schedule.Project{ID: "P1", Start: mon, DefaultCalendar: schedule.StandardFiveDayID},
		Calendars: schedule.BuiltinCalendars(),
		Activities: []schedule.Activity{
			{ID: "A1", Name: "Excavate", Duration: 5 * 480},
			{ID: "A2", Name: "Pour concrete", Duration: 5 * 480},
		},
		Links: []schedule.Link{{Pred: "A1", Succ: "A2"}},
	}
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := &cost.Breakdown{
		Elements: []cost.Element{
			{ID: "CA1", Name: "Substructure", Kind: cost.ControlAccount},
			{ID: "WP1", Kind: cost.WorkPackage, Parent: "CA1", Budget: decimal.RequireFromString("10000.00"),
				Activities: []string{"A1"}, Technique: cost.Technique{Method: cost.PercentComplete}},
			{ID: "WP2", Kind: cost.WorkPackage, Parent: "CA1", Budget: decimal.RequireFromString("20000.00"),
				Activities: []string{"A2"}, Curve: cost.Curve{Shape: cost.FrontLoaded},
				Technique: cost.Technique{Method: cost.FiftyFifty}},
		},
		UndistributedBudget: decimal.RequireFromString("2000.00"),
		ManagementReserve:   decimal.RequireFromString("3000.00"),
	}
	bl, err := cost.NewBaseline(0, "contract baseline", b, net, res)
	if err != nil {
		fmt.Println(err)
		return
	}

	// WP2's front-loaded curve spends 2x − x² of its budget by x of its time.
	spread, err := cost.SpreadBudgets(b, bl, cost.Phasing{Granularity: cost.Days})
	if err != nil {
		fmt.Println(err)
		return
	}
	amts, _ := spread.Amounts("WP2")
	for k, amt := range amts {
		if !amt.IsZero() {
			fmt.Println(spread.Periods[k], amt.StringFixed(2))
		}
	}

	a, err := cost.Analyze(cost.AnalysisInput{
		Breakdown:  b,
		Baseline:   bl,
		Phasing:    cost.Phasing{Granularity: cost.Weeks},
		StatusDate: date.New(2025, time.March, 11),
		Progress: []cost.Progress{
			{Package: "WP1", Date: date.New(2025, time.March, 7), Percent: decimal.NewFromInt(100)},
			{Package: "WP2", Date: date.New(2025, time.March, 10), Started: true},
		},
		Actuals: []cost.ActualCost{
			{Code: "WP1", Date: date.New(2025, time.March, 7), Amount: decimal.RequireFromString("11000.00"), Type: cost.CostSubcontract},
			{Code: "WP2", Date: date.New(2025, time.March, 11), Amount: decimal.RequireFromString("4500.00"), Type: cost.CostMaterial},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("PMB", a.Budget.PMB.StringFixed(2), "CBB", a.Budget.CBB.StringFixed(2))
	for _, s := range a.Statuses() {
		fmt.Printf("%-4s BAC %9s PV %9s EV %9s AC %9s CPI %s\n", s.ID, s.BAC.StringFixed(2), s.PV.StringFixed(2),
			s.EV.StringFixed(2), s.AC.StringFixed(2), s.Metrics.CPI.Value.StringFixed(3))
	}
	// Output:
	// 2025-03-10 7200.00
	// 2025-03-11 5600.00
	// 2025-03-12 4000.00
	// 2025-03-13 2400.00
	// 2025-03-14 800.00
	// PMB 32000.00 CBB 35000.00
	//      BAC  30000.00 PV  22800.00 EV  20000.00 AC  15500.00 CPI 1.290
	// CA1  BAC  30000.00 PV  22800.00 EV  20000.00 AC  15500.00 CPI 1.290
	// WP1  BAC  10000.00 PV  10000.00 EV  10000.00 AC  11000.00 CPI 0.909
	// WP2  BAC  20000.00 PV  12800.00 EV  10000.00 AC   4500.00 CPI 2.222
}
