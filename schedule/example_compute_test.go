package schedule_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

// Three activities on the standard calendar (Mon–Fri, 08:00–12:00 and
// 13:00–17:00): excavation, then foundations and ordering rebar side by side.
// Durations are working minutes; one day is 480.
func ExampleCompute() {
	const day = 8 * 60
	net := &schedule.Network{
		Project: schedule.Project{
			ID:              "P1",
			Start:           schedule.AtTime(date.New(2025, time.March, 3), 8, 0), // a Monday
			DefaultCalendar: schedule.StandardFiveDayID,
		},
		Calendars: []schedule.Calendar{schedule.StandardFiveDay()},
		Activities: []schedule.Activity{
			{ID: "A", Name: "Excavate", Duration: 3 * day},
			{ID: "B", Name: "Foundations", Duration: 5 * day},
			{ID: "C", Name: "Order rebar", Duration: 2 * day},
		},
		Links: []schedule.Link{
			{Pred: "A", Succ: "B", Type: schedule.FS},
			{Pred: "A", Succ: "C", Type: schedule.FS},
		},
	}
	res, err := schedule.Compute(net, schedule.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, r := range res.Activities {
		crit := ""
		if r.Critical {
			crit = " critical"
		}
		fmt.Printf("%s %-11s %s – %s  float %dd%s\n", r.ID, net.Activities[i].Name,
			r.EarlyStart, r.EarlyFinish, r.TotalFloat/res.MinutesPerDay[i], crit)
	}
	fmt.Println("finish", res.EarlyFinish, "longest path", res.LongestPath)
	// Output:
	// A Excavate    2025-03-03T08:00 – 2025-03-05T17:00  float 0d critical
	// B Foundations 2025-03-06T08:00 – 2025-03-12T17:00  float 0d critical
	// C Order rebar 2025-03-06T08:00 – 2025-03-07T17:00  float 3d
	// finish 2025-03-12T17:00 longest path [A B]
}
