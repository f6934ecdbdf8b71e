package labour_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/labour"
)

// Price a rebar fixer's slips around China's National Day 2025 at 400 a
// work-day, then total them by month.
func Example() {
	rates, err := labour.NewRateTable([]labour.RateEntry{
		{Trade: "rebar", From: date.New(2025, time.January, 1), Rate: labour.Rate{Unit: labour.PerDay, Amount: decimal.New(400, 0)}},
	})
	if err != nil {
		panic(err)
	}
	cal := labour.Calendar{Holidays: []date.Date{date.New(2025, time.October, 1)}}
	mk := func(id string, d date.Date, hours int64) labour.Slip {
		return labour.Slip{
			ID: id, Date: d, Project: "P1", Team: "T1", Worker: labour.Worker{ID: "W1", Name: "张三"},
			Trade: "rebar", Hours: decimal.New(hours, 0), CostCode: "03-200", SiteInstruction: "QZ-017",
		}
	}
	slips := []labour.Slip{
		mk("S1", date.New(2025, time.September, 30), 10), // 1 day + 2 h at 150%
		mk("S2", date.New(2025, time.October, 1), 8),     // holiday: 8 h at 300%
	}
	pays, err := labour.ChinaRules().Price(slips, rates, cal.Kind)
	if err != nil {
		panic(err)
	}
	for _, p := range pays {
		fmt.Println(p.SlipID, p.WorkDays, "work-days", p.Amount)
	}
	groups, err := labour.Aggregate(slips, pays, labour.GroupBy{Project: true, Period: labour.ByMonth})
	if err != nil {
		panic(err)
	}
	for _, g := range groups {
		fmt.Println(g.Key.Project, g.Key.Period, g.Slips, g.Hours.Straight, g.Hours.Overtime, g.Hours.DoubleTime, g.Amount)
	}
	// Output:
	// S1 1.5 work-days 550
	// S2 1 work-days 1200
	// P1 2025-09-01 1 8 2 0 550
	// P1 2025-10-01 1 0 0 8 1200
}
