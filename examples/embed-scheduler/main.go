// Command embed-scheduler schedules a small network in-process with
// schedule.Compute and prints its dates, floats and critical path: what a
// program embedding lanyan's CPM engine does, with no server and no database.
//
//	go run ./examples/embed-scheduler
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

const day = 8 * 60 // durations and lags are working minutes; the calendars have 8-hour days

// footbridge is a small footbridge: work on site on China's statutory
// calendar (so the Qingming and Labour Day holidays are skipped), piling on a
// six-day week, and the precast beams made off site seven days a week.
func footbridge() *schedule.Network {
	return &schedule.Network{
		Project: schedule.Project{
			ID:              "FB-01",
			Name:            "Riverside footbridge 滨江人行桥",
			Start:           schedule.AtTime(date.New(2025, time.March, 24), 8, 0), // a Monday
			DefaultCalendar: schedule.ChinaStatutoryID,
		},
		// The built-in calendars: "cn-statutory" is based on "standard", so
		// both must be there.
		Calendars: schedule.BuiltinCalendars(),
		Activities: []schedule.Activity{
			{ID: "A1000", Name: "Site set-up", Duration: 5 * day},
			{ID: "A1010", Name: "Bored piles", Duration: 10 * day, Calendar: schedule.SixDayID},
			{ID: "A1020", Name: "Pile caps", Duration: 6 * day},
			{ID: "A1030", Name: "Piers", Duration: 8 * day},
			{ID: "A1040", Name: "Precast beams (off site)", Duration: 15 * day, Calendar: schedule.SevenDayID},
			{ID: "A1050", Name: "Erect beams", Duration: 3 * day},
			{ID: "A1060", Name: "Deck slab", Duration: 6 * day},
			{ID: "A1070", Name: "Parapets and surfacing", Duration: 5 * day},
			{ID: "M1080", Name: "Bridge open", Kind: schedule.FinishMilestone,
				Constraint: schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: schedule.AtTime(date.New(2025, time.May, 16), 17, 0)}}, // due by contract
		},
		Links: []schedule.Link{
			{Pred: "A1000", Succ: "A1010"}, // finish-to-start
			{Pred: "A1010", Succ: "A1020"},
			{Pred: "A1020", Succ: "A1030", Lag: 2 * day}, // two days' curing
			{Pred: "A1000", Succ: "A1040", Type: schedule.SS, Lag: 5 * day},
			{Pred: "A1030", Succ: "A1050"},
			{Pred: "A1040", Succ: "A1050"},
			{Pred: "A1050", Succ: "A1060"},
			{Pred: "A1060", Succ: "A1070", Type: schedule.FF, Lag: 2 * day}, // finish two days after the deck
			{Pred: "A1070", Succ: "M1080"},
		},
	}
}

// run schedules the footbridge and writes the schedule to w.
func run(w io.Writer) error {
	net := footbridge()
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		return err // it names the record and field at fault: activity "A1030": duration: is negative
	}
	fmt.Fprintf(w, "%s: %s to %s\n\n", net.Project.Name, net.Project.Start, res.EarlyFinish)
	fmt.Fprintf(w, "%-6s %-25s %-16s %-16s %-16s %s\n", "id", "name", "early start", "early finish", "late finish", "float")
	for i, a := range net.Activities {
		r := res.Activities[i]
		mark := ""
		if r.Critical {
			mark = " critical"
		}
		fmt.Fprintf(w, "%-6s %-25s %-16s %-16s %-16s %3dd%s\n", a.ID, a.Name, r.EarlyStart, r.EarlyFinish, r.LateFinish,
			r.TotalFloat/res.MinutesPerDay[i], mark)
	}
	fmt.Fprintf(w, "\nlongest path: %s\n", strings.Join(res.LongestPath, " → "))
	last := len(net.Activities) - 1
	if f := res.Activities[last].TotalFloat; f < 0 {
		fmt.Fprintf(w, "%s is due %s: %d working days late\n", net.Activities[last].Name,
			net.Activities[last].Constraint.Date, -f/res.MinutesPerDay[last])
	}
	return nil
}
