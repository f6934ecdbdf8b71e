package chart_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/chart"
	"github.com/lanyan-dev/lanyan/labour"
)

// weekGroups are work-days by team and ISO week, as labour.Aggregate gives them
// grouped by team, worker and week (so team A's week 11 comes in two groups):
//
//	week of    Team A (钢筋班)   Team B
//	03-03      3               5
//	03-10      2.5 + 1.5 = 4   –
//	03-17      –               –        (no slips: an empty slot)
//	03-24      –               2
func weekGroups() []labour.Group {
	g := func(team, worker string, d time.Time, wd, amt string) labour.Group {
		return labour.Group{
			Key:      labour.GroupKey{Team: team, Worker: worker, Trade: "rebar", Period: day(d.Year(), d.Month(), d.Day())},
			WorkDays: dec(wd), Amount: dec(amt), Slips: 1,
		}
	}
	w10 := time.Date(2025, time.March, 3, 0, 0, 0, 0, time.UTC)
	return []labour.Group{
		g("Team A 钢筋班", "W1", w10, "3", "1200.00"),
		g("Team A 钢筋班", "W1", w10.AddDate(0, 0, 7), "2.5", "1000.00"),
		g("Team A 钢筋班", "W2", w10.AddDate(0, 0, 7), "1.5", "600.00"),
		g("Team B", "W3", w10, "5", "2250.50"),
		g("Team B", "W3", w10.AddDate(0, 0, 21), "2", "900.00"),
	}
}

// TestLabourBarHeights checks the bars against heights worked out by hand.
//
// 800×400 px: the plot runs from x = 90 to 776 (686 px) and y = 32 to 356
// (324 px). Four weekly slots of 171.5 px; each bar is 70% of its slot,
// 120.05 px, centred: 25.72 px in (half of 51.45, rounded down to the
// hundredth), so at x = 115.72, 287.22, 458.72 and 630.22. The tallest bar is
// 8 work-days; a fifth of that is 1.6, so the step is 2 and the axis runs 0 to
// 8: 40.5 px a work-day, y(v) = 356 − 40.5·v.
//
//	Team A, W10: 3 → y 234.5, height 121.5      Team B, W10: 5 → y 32, height 202.5 (on top)
//	Team A, W11: 4 → y 194, height 162          Team B, W13: 2 → y 275, height 81
func TestLabourBarHeights(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, chart.LabourBars(&buf, weekGroups(), chart.LabourBarsOptions{Period: labour.ByWeek}))
	golden(t, "labour_bars.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())
	assert.Equal(t, "4", root.attr("data-periods"))
	assert.Equal(t, "2", root.attr("data-stacks"))

	type bar struct {
		stack, period string
		x, y, w, h    float64
		fill          string
	}
	var got []bar
	for _, n := range root.all("bar") {
		got = append(got, bar{n.attr("data-stack"), n.attr("data-period"),
			n.num(t, "x"), n.num(t, "y"), n.num(t, "width"), n.num(t, "height"), n.attr("fill")})
	}
	a, b := chart.PaletteColor(0), chart.PaletteColor(1)
	assert.Equal(t, []bar{
		{"Team A 钢筋班", "2025-W10", 115.72, 234.5, 120.05, 121.5, a},
		{"Team B", "2025-W10", 115.72, 32, 120.05, 202.5, b},
		{"Team A 钢筋班", "2025-W11", 287.22, 194, 120.05, 162, a},
		{"Team B", "2025-W13", 630.22, 275, 120.05, 81, b},
	}, got)
	assert.Equal(t, "4", root.all("bar")[2].attr("data-value"))

	var labels, totals []string
	for _, n := range root.all("axis", "x")[0].all("tick-label") {
		labels = append(labels, n.text())
	}
	for _, n := range root.all("total") {
		totals = append(totals, n.text())
	}
	assert.Equal(t, []string{"2025-W10", "2025-W11", "2025-W12", "2025-W13"}, labels)
	assert.Equal(t, []string{"8", "4", "2"}, totals)
	assert.Len(t, root.all("legend-item"), 2)
}

func TestLabourBarsAmountByTrade(t *testing.T) {
	groups := weekGroups()
	groups[3].Key.Trade = "formwork 木工"
	var buf bytes.Buffer
	require.NoError(t, chart.LabourBars(&buf, groups, chart.LabourBarsOptions{
		StackBy: chart.StackByTrade, Measure: chart.MeasureAmount, Period: labour.ByWeek, Title: "人工费 by trade",
	}))
	golden(t, "labour_amount.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())
	assert.Equal(t, "trade", root.attr("data-stack-by"))
	assert.Equal(t, "amount", root.attr("data-measure"))
	// W10: rebar 1,200.00 under formwork 2,250.50, total 3,450.50, the most; a
	// fifth is 690.1, so the step is 1,000 and the axis runs to 4,000.
	var ticks []string
	for _, n := range root.all("axis", "y")[0].all("tick-label") {
		ticks = append(ticks, n.text())
	}
	assert.Equal(t, []string{"0", "1,000", "2,000", "3,000", "4,000"}, ticks)
	assert.Equal(t, "3,450.50", root.all("total")[0].text())
	bars := root.all("bar")
	require.Len(t, bars, 4)
	assert.Equal(t, "formwork 木工", bars[0].attr("data-stack"), "stacks in name order")
	assert.Equal(t, "2250.5", bars[0].attr("data-value"))
}

func TestLabourBarsPeriods(t *testing.T) {
	// Monthly, with a gap month; and one grand total with no period.
	groups := []labour.Group{
		{Key: labour.GroupKey{Team: "T", Period: day(2025, time.January, 1)}, WorkDays: dec("10")},
		{Key: labour.GroupKey{Team: "T", Period: day(2025, time.March, 1)}, WorkDays: dec("12")},
	}
	var buf bytes.Buffer
	require.NoError(t, chart.LabourBars(&buf, groups, chart.LabourBarsOptions{Period: labour.ByMonth}))
	root := parseSVG(t, buf.Bytes())
	var labels []string
	for _, n := range root.all("axis", "x")[0].all("tick-label") {
		labels = append(labels, n.text())
	}
	assert.Equal(t, []string{"2025-01", "2025-02", "2025-03"}, labels)

	buf.Reset()
	require.NoError(t, chart.LabourBars(&buf, []labour.Group{{Key: labour.GroupKey{Team: ""}, WorkDays: dec("7.5")}},
		chart.LabourBarsOptions{}))
	root = parseSVG(t, buf.Bytes())
	bars := root.all("bar")
	require.Len(t, bars, 1)
	assert.Equal(t, "Total", bars[0].attr("data-period"))
	assert.Equal(t, "(none)", strings.TrimSpace(root.all("legend-item")[0].text()))
	assert.Equal(t, "7.5", root.all("total")[0].text())
}

func TestLabourBarsEmptyAndErrors(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, chart.LabourBars(&buf, nil, chart.LabourBarsOptions{}))
	golden(t, "labour_empty.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())
	assert.Len(t, root.all("empty"), 1)
	assert.Empty(t, root.all("bar"))

	buf.Reset()
	for name, err := range map[string]error{
		"nil writer": chart.LabourBars(nil, weekGroups(), chart.LabourBarsOptions{}),
		"stack":      chart.LabourBars(&buf, weekGroups(), chart.LabourBarsOptions{StackBy: 42}),
		"measure":    chart.LabourBars(&buf, weekGroups(), chart.LabourBarsOptions{Measure: 9}),
		"period":     chart.LabourBars(&buf, weekGroups(), chart.LabourBarsOptions{Period: 7}),
		"size":       chart.LabourBars(&buf, weekGroups(), chart.LabourBarsOptions{Height: -1}),
		"too many": chart.LabourBars(&buf, []labour.Group{
			{Key: labour.GroupKey{Period: day(2000, time.January, 1)}, WorkDays: dec("1")},
			{Key: labour.GroupKey{Period: day(2060, time.January, 1)}, WorkDays: dec("1")},
		}, chart.LabourBarsOptions{Period: labour.ByDay}),
	} {
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%s: %v", name, err)
	}
	assert.Zero(t, buf.Len())
	assert.Equal(t, "trade", chart.StackByTrade.String())
	assert.Equal(t, "workDays", chart.MeasureWorkDays.String())
}
