package chart_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/chart"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Draw the Gantt chart of a three-activity programme. A server would write it
// to its http.ResponseWriter with Content-Type image/svg+xml; here we count what
// it holds.
func ExampleGantt() {
	const day = 8 * 60
	net := &schedule.Network{
		Project: schedule.Project{
			ID: "P1", Name: "Block C 基础", DefaultCalendar: schedule.StandardFiveDayID,
			Start: schedule.AtTime(date.New(2025, time.March, 3), 8, 0), // a Monday
		},
		Calendars: []schedule.Calendar{schedule.StandardFiveDay()},
		Activities: []schedule.Activity{
			{ID: "A", Name: "Excavate 开挖", Duration: 3 * day},
			{ID: "B", Name: "Foundations", Duration: 5 * day},
			{ID: "C", Name: "Order rebar", Duration: 2 * day},
		},
		Links: []schedule.Link{{Pred: "A", Succ: "B"}, {Pred: "A", Succ: "C"}},
	}
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := chart.Gantt(&buf, net, res, chart.GanttOptions{Width: 800, Links: true}); err != nil {
		fmt.Println(err)
		return
	}
	svg := buf.String()
	fmt.Println("scale:", chart.ChooseScale(res.Activities[0].EarlyStart, res.EarlyFinish, 800-240-8))
	fmt.Println("bars:", strings.Count(svg, `class="bar`), "critical:", strings.Count(svg, `class="bar critical"`))
	fmt.Println("float bars:", strings.Count(svg, `class="float"`), "links:", strings.Count(svg, `class="link `))
	fmt.Println("weekend shaded:", strings.Contains(svg, `class="nonwork" data-date="2025-03-08" data-days="2"`))
	// Output:
	// scale: days
	// bars: 3 critical: 2
	// float bars: 1 links: 2
	// weekend shaded: true
}

// Stack a month's labour work-days by trade, week by week.
func ExampleLabourBars() {
	wk := func(d int) date.Date { return date.New(2025, time.March, d) }
	groups := []labour.Group{
		{Key: labour.GroupKey{Trade: "rebar 钢筋", Period: wk(3)}, WorkDays: decimal.New(12, 0)},
		{Key: labour.GroupKey{Trade: "formwork 木工", Period: wk(3)}, WorkDays: decimal.New(8, 0)},
		{Key: labour.GroupKey{Trade: "rebar 钢筋", Period: wk(17)}, WorkDays: decimal.New(15, 0)},
	}
	var buf bytes.Buffer
	err := chart.LabourBars(&buf, groups, chart.LabourBarsOptions{StackBy: chart.StackByTrade, Period: labour.ByWeek})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg := buf.String()
	fmt.Println("segments:", strings.Count(svg, `<rect class="bar"`))
	fmt.Println("empty week shown:", strings.Contains(svg, `data-period="2025-W11"`))
	// Output:
	// segments: 3
	// empty week shown: true
}
