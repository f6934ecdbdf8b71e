package chart_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/chart"
	"github.com/lanyan-dev/lanyan/schedule"
)

const workDay = 8 * 60

// smallNetwork is three activities on the standard five-day calendar from Monday
// 2025-03-03 08:00: A (3 days), then B (5 days) and C (2 days) side by side.
// By hand (08:00–12:00 and 13:00–17:00, weekends off):
//
//	A 03-03 08:00 – 03-05 17:00  critical
//	B 03-06 08:00 – 03-12 17:00  critical (over the weekend of 03-08/09)
//	C 03-06 08:00 – 03-07 17:00  total float 3 days: late finish 03-12 17:00
func smallNetwork() *schedule.Network {
	return &schedule.Network{
		Project: schedule.Project{
			ID: "P1", Name: "Small", Start: at(2025, time.March, 3, 8, 0),
			DefaultCalendar: schedule.StandardFiveDayID,
		},
		Calendars: []schedule.Calendar{schedule.StandardFiveDay()},
		Activities: []schedule.Activity{
			{ID: "A", Name: "Excavate", Duration: 3 * workDay, RemainingDuration: -1},
			{ID: "B", Name: "Pour 基础", Duration: 5 * workDay, RemainingDuration: -1},
			{ID: "C", Name: "Order rebar", Duration: 2 * workDay, RemainingDuration: -1, PercentComplete: 50},
		},
		Links: []schedule.Link{
			{Pred: "A", Succ: "B", Type: schedule.FS},
			{Pred: "A", Succ: "C", Type: schedule.FS},
		},
	}
}

func compute(t testing.TB, net *schedule.Network) *schedule.Result {
	t.Helper()
	res, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	return res
}

func drawGantt(t testing.TB, net *schedule.Network, res *schedule.Result, opts chart.GanttOptions) ([]byte, *node) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, chart.Gantt(&buf, net, res, opts))
	return buf.Bytes(), parseSVG(t, buf.Bytes())
}

// TestGanttPositions checks the geometry of the small network against positions
// worked out by hand.
//
// Options: 20 px a day, rows 20 px, labels 100 px, no title. The schedule spans
// 03-03 08:00 to 03-12 17:00, so the window is whole days, 03-03 00:00 to 03-13
// 00:00: 10 days, 200 px, from x = 100 to 300; the chart is 300 + 8 = 308 wide.
// The header is two rows of 18 px, so row i starts at y = 36 + 20i and the
// chart is 36 + 3·20 + 4 = 100 high. A bar starts 20% down its row (4 px) and
// is 45% of it high (9 px). x(t) = 100 + minutes since 03-03 00:00 × 20/1440,
// rounded to the hundredth:
//
//	A 03-03 08:00 =   480 min → 106.67;  03-05 17:00 =  3900 min → 154.17 (width 47.50)
//	B 03-06 08:00 =  4800 min → 166.67;  03-12 17:00 = 13980 min → 294.17 (width 127.50)
//	C 03-06 08:00 → 166.67;              03-07 17:00 =  6780 min → 194.17 (width 27.50)
//
// C's float bar runs from 194.17 to its late finish 294.17 (width 100), 30% down
// the bar (80 + 2.7 = 82.7) and 40% of it high (3.6). C is 50% complete: its
// progress bar is 27.5/2 = 13.75 wide, a quarter down the bar (82.25), 4.5 high.
// B's baseline 03-06 08:00 – 03-11 17:00 (12540 min → 274.17) is 107.5 wide at
// 70% down its row (56 + 14 = 70), 3 high. The weekend 03-08/09 is shaded from
// x = 100 + 5·20 = 200, 40 wide, over the rows (y 36, height 60). The data date
// 03-05 12:00 (3600 min) is at x = 150.
func TestGanttPositions(t *testing.T) {
	net := smallNetwork()
	res := compute(t, net)
	opts := chart.GanttOptions{
		PixelsPerDay: 20, RowHeight: 20, LabelWidth: 100,
		DataDate: at(2025, time.March, 5, 12, 0),
		Baseline: map[string]chart.BaselineDates{
			"B": {Start: at(2025, time.March, 6, 8, 0), Finish: at(2025, time.March, 11, 17, 0)},
		},
	}
	b, root := drawGantt(t, net, res, opts)
	golden(t, "gantt_small.svg", b)

	assert.Equal(t, "308", root.attr("width"))
	assert.Equal(t, "100", root.attr("height"))
	assert.Equal(t, "0 0 308 100", root.attr("viewBox"))
	assert.Equal(t, "days", root.attr("data-scale"))
	assert.Equal(t, "3", root.attr("data-rows"))
	assert.Equal(t, "2025-03-03T00:00", root.attr("data-from"))
	assert.Equal(t, "2025-03-13T00:00", root.attr("data-to"))

	type box struct{ x, y, w, h float64 }
	geom := func(n *node) box {
		return box{n.num(t, "x"), n.num(t, "y"), n.num(t, "width"), n.num(t, "height")}
	}
	assert.Equal(t, box{106.67, 40, 47.5, 9}, geom(root.byID(t, "A", "bar")))
	assert.Equal(t, box{166.67, 60, 127.5, 9}, geom(root.byID(t, "B", "bar")))
	assert.Equal(t, box{166.67, 80, 27.5, 9}, geom(root.byID(t, "C", "bar")))
	assert.Equal(t, box{194.17, 82.7, 100, 3.6}, geom(root.byID(t, "C", "float")))
	assert.Equal(t, box{166.67, 82.25, 13.75, 4.5}, geom(root.byID(t, "C", "progress")))
	assert.Equal(t, box{166.67, 70, 107.5, 3}, geom(root.byID(t, "B", "baseline")))

	nonwork := root.all("nonwork")
	require.Len(t, nonwork, 1)
	assert.Equal(t, box{200, 36, 40, 60}, geom(nonwork[0]))
	assert.Equal(t, "2025-03-08", nonwork[0].attr("data-date"))
	assert.Equal(t, "2", nonwork[0].attr("data-days"))

	dd := root.all("data-date")
	require.Len(t, dd, 1)
	assert.Equal(t, 150.0, dd[0].num(t, "x1"))
	assert.Equal(t, 150.0, dd[0].num(t, "x2"))

	// Critical bars in the critical colour, the others in the normal one.
	assert.Len(t, root.all("bar"), 3)
	crit := root.all("bar", "critical")
	require.Len(t, crit, 2)
	for _, b := range crit {
		assert.Equal(t, chart.ColorCritical, b.attr("fill"), b.attr("data-id"))
	}
	assert.Equal(t, chart.ColorNormal, root.byID(t, "C", "bar").attr("fill"))
	assert.Equal(t, "#d62728", chart.ColorCritical)
	assert.Equal(t, "#1f77b4", chart.ColorNormal)

	// Floats only where there is float; rows in order with their labels.
	assert.Len(t, root.all("float"), 1)
	rows := root.all("row")
	require.Len(t, rows, 3)
	for i, id := range []string{"A", "B", "C"} {
		assert.Equal(t, id, rows[i].attr("data-id"))
	}
	assert.Equal(t, "B Pour 基础", root.byID(t, "B", "label").text())
	// Day labels: 3 … 12, one a day.
	assert.Len(t, root.all("tick-label"), 10+1, "ten days and one month")
}

// TestGanttFoundations draws a realistic network: a WBS summary, milestones,
// every link type, two calendars, progress, a data date, Chinese text.
func TestGanttFoundations(t *testing.T) {
	net := foundations(t)
	res := compute(t, net)
	bl := map[string]chart.BaselineDates{}
	for i, r := range res.Activities {
		// A baseline a day earlier than the schedule.
		bl[r.ID] = chart.BaselineDates{Start: r.EarlyStart - schedule.MinutesPerDay, Finish: r.EarlyFinish - schedule.MinutesPerDay}
		if net.Activities[i].Kind == schedule.WBSSummary {
			delete(bl, r.ID)
		}
	}
	b, root := drawGantt(t, net, res, chart.GanttOptions{
		Title: "Block C foundations 基础工程", Width: 1000, Links: true, Baseline: bl,
	})
	golden(t, "gantt_foundations.svg", b)

	assert.Equal(t, "13", root.attr("data-rows"))
	assert.Equal(t, "1000", root.attr("width"))
	assert.Len(t, root.all("summary"), 1)
	assert.Len(t, root.all("milestone"), 2)
	assert.Len(t, root.all("bar"), 10)
	assert.Len(t, root.all("link"), len(net.Links))
	for _, ty := range []string{"fs", "ss", "ff", "sf"} {
		assert.NotEmpty(t, root.all("link", ty), ty)
	}
	assert.NotEmpty(t, root.all("link", "driving"))
	// Done and in-progress activities show progress: A1010 finished, A1020 60%.
	assert.Equal(t, "100", root.byID(t, "A1010", "progress").attr("data-percent"))
	assert.Equal(t, "60", root.byID(t, "A1020", "progress").attr("data-percent"))
	// The data date comes from the network's options.
	dd := root.all("data-date")
	require.Len(t, dd, 1)
	assert.Equal(t, "2025-03-11T07:00", dd[0].attr("data-date"))
	// The summary's children are indented one level.
	assert.Equal(t, "1", root.byID(t, "W1", "row").attr("data-depth"))
	assert.Equal(t, "2", root.byID(t, "A1010", "row").attr("data-depth"))
	// Holidays of the default calendar are shaded with the weekends: 清明节 is
	// Friday 04-04 to Sunday 04-06, one run of three days.
	if nw := root.all("nonwork"); len(nw) > 0 {
		found := false
		for _, n := range nw {
			if n.attr("data-date") == "2025-04-04" {
				found = true
				assert.Equal(t, "3", n.attr("data-days"))
			}
		}
		assert.True(t, found, "Qingming is shaded")
	}
	for _, n := range root.all("baseline") {
		assert.Equal(t, chart.ColorBaseline, n.attr("fill"))
	}
	assert.Len(t, root.all("baseline"), 12)
}

func foundations(t testing.TB) *schedule.Network {
	t.Helper()
	b, err := os.ReadFile("testdata/foundations.json")
	require.NoError(t, err)
	var net schedule.Network
	require.NoError(t, json.Unmarshal(b, &net))
	return &net
}

// wbsNetwork has two levels of WBS under two top-level summaries, and a task at
// the top level:
//
//	W1 Building
//	  W11 Substructure
//	    T1, T2
//	  T3
//	W2 Services
//	  T4
//	T5
func wbsNetwork() *schedule.Network {
	net := &schedule.Network{
		Project:   schedule.Project{ID: "P", Start: at(2025, time.March, 3, 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
		Calendars: []schedule.Calendar{schedule.StandardFiveDay()},
		Activities: []schedule.Activity{
			{ID: "T1", Name: "Piling", Parent: "W11", Duration: 4 * workDay},
			{ID: "W1", Name: "Building", Kind: schedule.WBSSummary},
			{ID: "W11", Name: "Substructure", Kind: schedule.WBSSummary, Parent: "W1"},
			{ID: "T2", Name: "Pile caps", Parent: "W11", Duration: 3 * workDay},
			{ID: "T3", Name: "Frame", Parent: "W1", Duration: 10 * workDay},
			{ID: "W2", Name: "Services", Kind: schedule.WBSSummary},
			{ID: "T4", Name: "MEP", Parent: "W2", Duration: 6 * workDay},
			{ID: "T5", Name: "Handover", Kind: schedule.FinishMilestone},
		},
		Links: []schedule.Link{
			{Pred: "T1", Succ: "T2"}, {Pred: "T2", Succ: "T3"}, {Pred: "T2", Succ: "T4", Type: schedule.SS},
			{Pred: "T3", Succ: "T5"}, {Pred: "T4", Succ: "T5"},
		},
	}
	for i := range net.Activities {
		net.Activities[i].RemainingDuration = -1
	}
	return net
}

func rowIDs(root *node) []string {
	var ids []string
	for _, r := range root.all("row") {
		ids = append(ids, r.attr("data-id"))
	}
	return ids
}

func TestGanttWBSOrderAndCollapse(t *testing.T) {
	net := wbsNetwork()
	res := compute(t, net)
	tests := []struct {
		depth     int
		rows      []string
		collapsed []string
	}{
		{0, []string{"W1", "W11", "T1", "T2", "T3", "W2", "T4", "T5"}, nil},
		{1, []string{"W1", "W2", "T5"}, []string{"W1", "W2"}},
		{2, []string{"W1", "W11", "T3", "W2", "T4", "T5"}, []string{"W11"}},
		{3, []string{"W1", "W11", "T1", "T2", "T3", "W2", "T4", "T5"}, nil},
	}
	for _, tt := range tests {
		b, root := drawGantt(t, net, res, chart.GanttOptions{CollapseDepth: tt.depth, Links: true})
		assert.Equal(t, tt.rows, rowIDs(root), "depth %d", tt.depth)
		var collapsed []string
		for _, n := range root.all("summary", "collapsed") {
			collapsed = append(collapsed, n.attr("data-id"))
		}
		assert.Equal(t, tt.collapsed, collapsed, "depth %d", tt.depth)
		// Links are drawn only between rows that are shown.
		for _, l := range root.all("link") {
			assert.Contains(t, tt.rows, l.attr("data-pred"))
			assert.Contains(t, tt.rows, l.attr("data-succ"))
		}
		if tt.depth == 2 {
			golden(t, "gantt_collapsed.svg", b)
		}
	}
	// A collapsed summary spans its children: W1 from T1's start to T3's finish.
	_, root := drawGantt(t, net, res, chart.GanttOptions{CollapseDepth: 1, PixelsPerDay: 20, LabelWidth: 100})
	w1 := root.byID(t, "W1", "summary", "collapsed")
	assert.True(t, strings.HasPrefix(w1.attr("d"), "M106.67,"), w1.attr("d")) // 08:00 on the first day
}

func TestGanttPaging(t *testing.T) {
	net := wbsNetwork()
	res := compute(t, net)
	all := []string{"W1", "W11", "T1", "T2", "T3", "W2", "T4", "T5"}
	var full []byte
	for _, tt := range []struct {
		offset, limit int
		want          []string
	}{
		{0, 0, all},
		{0, 3, all[:3]},
		{3, 3, all[3:6]},
		{6, 3, all[6:]},
		{8, 3, nil},
		{100, 0, nil},
	} {
		b, root := drawGantt(t, net, res, chart.GanttOptions{Offset: tt.offset, Limit: tt.limit, Links: true})
		assert.Equal(t, tt.want, rowIDs(root), "offset %d limit %d", tt.offset, tt.limit)
		assert.Equal(t, "8", root.attr("data-total-rows"))
		for i, r := range root.all("row") {
			assert.Equal(t, tt.offset+i, int(r.num(t, "data-row")))
		}
		if tt.limit == 0 && tt.offset == 0 {
			full = b
		}
		if len(tt.want) == 0 {
			assert.Len(t, root.all("empty"), 1)
		}
		// Every page has the same time axis.
		_, first := drawGantt(t, net, res, chart.GanttOptions{})
		assert.Equal(t, first.attr("data-from"), root.attr("data-from"))
		assert.Equal(t, first.attr("data-to"), root.attr("data-to"))
	}
	// Deterministic: the same input gives the same bytes.
	again, _ := drawGantt(t, net, res, chart.GanttOptions{Links: true})
	assert.Equal(t, full, again)
}

func TestGanttEscaping(t *testing.T) {
	net := smallNetwork()
	net.Activities[0].Name = `Dig <deep> & "wide" 'now' 开挖` + "\x01\ttab\xff"
	net.Project.Name = "A&B <项目>"
	res := compute(t, net)
	_, root := drawGantt(t, net, res, chart.GanttOptions{LabelWidth: 600})
	assert.Equal(t, "A Dig <deep> & \"wide\" 'now' 开挖\uFFFD tab\uFFFD", root.byID(t, "A", "label").text())
	assert.Equal(t, "A&B <项目>", root.Nodes[0].text())
	// A long label is cut with an ellipsis to fit its column.
	net.Activities[1].Name = strings.Repeat("基础", 50)
	_, root = drawGantt(t, net, res, chart.GanttOptions{LabelWidth: 120})
	l := root.byID(t, "B", "label").text()
	assert.True(t, strings.HasSuffix(l, "…"), l)
	assert.Less(t, len([]rune(l)), 20)
}

func TestGanttScaleAndShading(t *testing.T) {
	net := smallNetwork()
	res := compute(t, net)
	for _, tt := range []struct {
		opts    chart.GanttOptions
		scale   string
		shading bool
	}{
		{chart.GanttOptions{PixelsPerDay: 20}, "days", true},
		{chart.GanttOptions{PixelsPerDay: 5}, "weeks", true},
		{chart.GanttOptions{PixelsPerDay: 2}, "months", false},
		{chart.GanttOptions{PixelsPerDay: 0.5}, "quarters", false},
		{chart.GanttOptions{PixelsPerDay: 0.1}, "years", false},
		{chart.GanttOptions{PixelsPerDay: 20, HideNonWorkingTime: true}, "days", false},
		{chart.GanttOptions{PixelsPerDay: 20, Scale: chart.ScaleMonths}, "months", true},
		// Days forced at 1 px a day would be a smear: the automatic choice stays.
		{chart.GanttOptions{PixelsPerDay: 1, Scale: chart.ScaleDays}, "months", false},
	} {
		_, root := drawGantt(t, net, res, tt.opts)
		assert.Equal(t, tt.scale, root.attr("data-scale"), "%+v", tt.opts)
		assert.Equal(t, tt.shading, len(root.all("nonwork")) > 0, "%+v", tt.opts)
	}
	// A fixed window clips the bars to it.
	_, root := drawGantt(t, net, res, chart.GanttOptions{
		PixelsPerDay: 20, LabelWidth: 100,
		From: at(2025, time.March, 4, 0, 0), To: at(2025, time.March, 7, 0, 0),
	})
	assert.Equal(t, "168", root.attr("width")) // 100 + 3 days × 20 + 8
	a := root.byID(t, "A", "bar")
	assert.Equal(t, 100.0, a.num(t, "x"))
	assert.Equal(t, 34.17, a.num(t, "width")) // to 03-05 17:00: 1 day 17 h
	bb := root.byID(t, "B", "bar")
	assert.Equal(t, 146.67, bb.num(t, "x")) // 03-06 08:00: 2 days 8 h
	assert.InDelta(t, 160, bb.num(t, "x")+bb.num(t, "width"), 1e-9)
}

func TestChooseScale(t *testing.T) {
	start := at(2025, time.January, 1, 0, 0)
	span := func(days int) schedule.Instant { return start + schedule.Instant(days*schedule.MinutesPerDay) }
	for _, tt := range []struct {
		days, width int
		want        chart.Scale
	}{
		{10, 1000, chart.ScaleDays},       // 100 px a day
		{62, 1000, chart.ScaleDays},       // 16.1 px a day
		{63, 1000, chart.ScaleWeeks},      // 15.9
		{250, 1000, chart.ScaleWeeks},     // 4
		{251, 1000, chart.ScaleMonths},    // 3.98
		{1000, 1000, chart.ScaleMonths},   // 1
		{1001, 1000, chart.ScaleQuarters}, // 0.999
		{3333, 1000, chart.ScaleQuarters}, // 0.3
		{3334, 1000, chart.ScaleYears},    // 0.2999
		{36500, 1000, chart.ScaleYears},
		{0, 1000, chart.ScaleDays},
		{10, 0, chart.ScaleYears},
	} {
		assert.Equal(t, tt.want, chart.ChooseScale(start, span(tt.days), tt.width), "%d days in %d px", tt.days, tt.width)
	}
	assert.Equal(t, "quarters", chart.ScaleQuarters.String())
}

func TestGanttEmptyAndErrors(t *testing.T) {
	// An empty network gives a valid, empty chart.
	empty := &schedule.Network{Project: schedule.Project{ID: "E", Start: at(2025, time.March, 3, 8, 0)}}
	b, root := drawGantt(t, empty, &schedule.Result{}, chart.GanttOptions{})
	assert.Equal(t, "0", root.attr("data-rows"))
	assert.Len(t, root.all("empty"), 1)
	golden(t, "gantt_empty.svg", b)

	net := smallNetwork()
	res := compute(t, net)
	var buf bytes.Buffer
	for name, err := range map[string]error{
		"nil writer":   chart.Gantt(nil, net, res, chart.GanttOptions{}),
		"nil network":  chart.Gantt(&buf, nil, res, chart.GanttOptions{}),
		"nil result":   chart.Gantt(&buf, net, nil, chart.GanttOptions{}),
		"wrong result": chart.Gantt(&buf, wbsNetwork(), res, chart.GanttOptions{}),
		"offset":       chart.Gantt(&buf, net, res, chart.GanttOptions{Offset: -1}),
		"limit":        chart.Gantt(&buf, net, res, chart.GanttOptions{Limit: -1}),
		"collapse":     chart.Gantt(&buf, net, res, chart.GanttOptions{CollapseDepth: -1}),
		"width":        chart.Gantt(&buf, net, res, chart.GanttOptions{Width: -5}),
		"ppd":          chart.Gantt(&buf, net, res, chart.GanttOptions{PixelsPerDay: -1}),
		"scale":        chart.Gantt(&buf, net, res, chart.GanttOptions{Scale: 99}),
		"window":       chart.Gantt(&buf, net, res, chart.GanttOptions{From: at(2025, 3, 5, 0, 0), To: at(2025, 3, 4, 0, 0)}),
		"too wide":     chart.Gantt(&buf, net, res, chart.GanttOptions{PixelsPerDay: 10000, To: at(2400, 1, 1, 0, 0)}),
		"baseline": chart.Gantt(&buf, net, res, chart.GanttOptions{Baseline: map[string]chart.BaselineDates{
			"A": {Start: at(2025, 3, 5, 0, 0), Finish: at(2025, 3, 4, 0, 0)}}}),
	} {
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%s: %v", name, err)
	}
	assert.Zero(t, buf.Len(), "nothing is written on an error")

	// A result for the same number of other activities is caught too.
	other := *res
	other.Activities = append([]schedule.ActivityResult(nil), res.Activities...)
	other.Activities[1].ID = "X"
	err := chart.Gantt(&buf, net, &other, chart.GanttOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `activity "B"`)

	// A failing writer gives an internal error.
	err = chart.Gantt(failWriter{}, net, res, chart.GanttOptions{})
	require.Error(t, err)
	assert.Equal(t, lanyan.CodeInternal, lanyan.CodeOf(err))
}

func TestBaselineDatesOf(t *testing.T) {
	assert.Nil(t, chart.BaselineDatesOf(nil))
}
