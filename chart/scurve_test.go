package chart_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/chart"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// tinyAnalysis is one work package of 1,000.00 over activity A1, ten working
// days from Monday 2025-03-03 (03-03 to 03-14), phased by ISO week, at status
// date Tuesday 2025-03-11:
//
//	period        PV     cum PV   EV   cum EV   AC    cum AC
//	2025-W10 03-03  500    500      0     0      300   300
//	2025-W11 03-10  500   1000    400   400      250   550   (the status period)
//
// WP1 is 40% complete on 03-11 (EV 400); 300.00 was spent on 03-07 and 250.00
// on 03-11. CPI = 400/550 and EAC by CPI = BAC/CPI = 1000·550/400 = 1375.00.
// The cumulative SPI and CPI at the end of W10 are 0/500 = 0 and 0/300 = 0; at
// the status date 400/1000 = 0.4 and 400/550 = 0.7272727273.
func tinyAnalysis(t testing.TB) *cost.Analysis {
	t.Helper()
	net := &schedule.Network{
		Project:    schedule.Project{ID: "P1", Start: at(2025, time.March, 3, 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
		Calendars:  schedule.BuiltinCalendars(),
		Activities: []schedule.Activity{{ID: "A1", Name: "Excavate", Duration: 10 * workDay, RemainingDuration: -1}},
	}
	res := compute(t, net)
	b := &cost.Breakdown{Elements: []cost.Element{
		{ID: "CA1", Name: "Earthworks 土方", Kind: cost.ControlAccount},
		{ID: "WP1", Kind: cost.WorkPackage, Parent: "CA1", Budget: dec("1000.00"),
			Activities: []string{"A1"}, Technique: cost.Technique{Method: cost.PercentComplete}},
	}}
	bl, err := cost.NewBaseline(0, "baseline", b, net, res)
	require.NoError(t, err)
	a, err := cost.Analyze(cost.AnalysisInput{
		Breakdown: b, Baseline: bl,
		Phasing:    cost.Phasing{Granularity: cost.Weeks},
		StatusDate: day(2025, time.March, 11),
		Progress:   []cost.Progress{{Package: "WP1", Date: day(2025, time.March, 11), Percent: dec("40")}},
		Actuals: []cost.ActualCost{
			{Code: "WP1", Date: day(2025, time.March, 7), Amount: dec("300.00"), Type: cost.CostLabour},
			{Code: "WP1", Date: day(2025, time.March, 11), Amount: dec("250.00"), Type: cost.CostMaterial},
		},
	})
	require.NoError(t, err)
	// The figures the comment above works out, as the analysis has them.
	s, _ := a.Series("")
	require.Len(t, a.Periods, 2)
	require.Equal(t, 1, a.StatusPeriod)
	require.True(t, s.CumPV[0].Equal(dec("500")) && s.CumPV[1].Equal(dec("1000")))
	require.True(t, s.CumEV[0].IsZero() && s.CumEV[1].Equal(dec("400")))
	require.True(t, s.CumAC[0].Equal(dec("300")) && s.CumAC[1].Equal(dec("550")))
	require.True(t, s.Metrics[1].Estimates.CPI.EAC.Value.Equal(dec("1375")))
	return a
}

// TestSCurvePoints checks the curves of the tiny analysis against coordinates
// worked out by hand.
//
// 800×420 px, no title: the plot runs from x = 90 to 800 − 24 = 776 and from
// y = 24 + 8 = 32 (under the legend) to 420 − 44 = 376. Time runs from 03-03 to
// 03-17 (the end of W11; the EAC projection ends there too, at the planned
// finish): 14 days over 686 px, 49 px a day. Values reach 1,375 (EAC); a fifth
// of that is 275, so the step is 500 and the axis runs 0 to 1,500 over 344 px:
// y(v) = 376 − v·344/1500, to the hundredth.
//
//	x: 03-03 → 90;  03-10 → 90 + 7·49 = 433;  03-12 (end of the status date) → 90 + 9·49 = 531;  03-17 → 776
//	y: 0 → 376;  300 → 307.2;  400 → 284.27;  500 → 261.33;  550 → 249.87;  1000 → 146.67;  1375 → 60.67
func TestSCurvePoints(t *testing.T) {
	a := tinyAnalysis(t)
	var buf bytes.Buffer
	require.NoError(t, chart.SCurve(&buf, a, "", chart.SCurveOptions{}))
	golden(t, "scurve.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())

	points := func(key string) string {
		s := root.all("series", key)
		require.Len(t, s, 1, key)
		assert.Equal(t, "polyline", s[0].XMLName.Local)
		return s[0].attr("points")
	}
	assert.Equal(t, "90,376 433,261.33 776,146.67", points("pv"))
	assert.Equal(t, "90,376 433,376 531,284.27", points("ev"))
	assert.Equal(t, "90,376 433,307.2 531,249.87", points("ac"))
	assert.Equal(t, chart.ColorPV, root.all("series", "pv")[0].attr("stroke"))
	assert.Equal(t, chart.ColorEV, root.all("series", "ev")[0].attr("stroke"))
	assert.Equal(t, chart.ColorAC, root.all("series", "ac")[0].attr("stroke"))

	eac := root.all("eac")
	require.Len(t, eac, 1)
	assert.Equal(t, []float64{531, 249.87, 776, 60.67},
		[]float64{eac[0].num(t, "x1"), eac[0].num(t, "y1"), eac[0].num(t, "x2"), eac[0].num(t, "y2")})
	assert.NotEmpty(t, eac[0].attr("stroke-dasharray"))
	assert.Equal(t, "1375", eac[0].attr("data-value"))
	assert.Equal(t, "2025-03-17T00:00", eac[0].attr("data-finish"))

	status := root.all("status-date")
	require.Len(t, status, 1)
	assert.Equal(t, 531.0, status[0].num(t, "x1"))
	assert.Equal(t, "2025-03-11", status[0].attr("data-date"))

	bac := root.all("bac")
	require.Len(t, bac, 1)
	assert.Equal(t, 146.67, bac[0].num(t, "y1"))

	// Money ticks 0, 500, 1,000, 1,500.
	var ticks []string
	for _, l := range root.all("axis", "y")[0].all("tick-label") {
		ticks = append(ticks, l.text())
	}
	assert.Equal(t, []string{"0", "500", "1,000", "1,500"}, ticks)
	// Period labels under the x axis, and a legend of five entries.
	var periods []string
	for _, l := range root.all("axis", "x")[0].all("tick-label") {
		periods = append(periods, l.text())
	}
	assert.Equal(t, []string{"2025-W10", "2025-W11"}, periods)
	assert.Len(t, root.all("legend-item"), 5)
}

// TestSCurveIEAC ends the projection at IEAC(t) instead. The earned schedule:
// EV 400 lies in W10's plan (cumulative PV 500), so ES = 0 + 400/500 = 0.8
// periods; AT = 1 (W10 has ended by 03-11), SPI(t) = 0.8, IEAC(t) = 2/0.8 =
// 2.5 periods: halfway through the week after W11, 03-17 + 3.5 days = 03-20
// 12:00. The time axis then runs 03-03 to 03-20 12:00, 17.5 days over 686 px
// (39.2 px a day), so the projection ends at x = 776.
func TestSCurveIEAC(t *testing.T) {
	a := tinyAnalysis(t)
	s, _ := a.Series("")
	require.True(t, s.EarnedSchedule.IEAC.Value.Equal(dec("2.5")), s.EarnedSchedule.IEAC.Value.String())
	var buf bytes.Buffer
	require.NoError(t, chart.SCurve(&buf, a, "CA1", chart.SCurveOptions{FinishAtIEAC: true, Title: "土方 S-curve", Width: 800, Height: 420}))
	golden(t, "scurve_ieac.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())
	eac := root.all("eac")
	require.Len(t, eac, 1)
	assert.Equal(t, "2025-03-20T12:00", eac[0].attr("data-finish"))
	assert.Equal(t, 776.0, eac[0].num(t, "x2"))
	// The status date (03-12 00:00, 9 days in) is at 90 + 9·39.2 = 442.8.
	assert.Equal(t, 442.8, eac[0].num(t, "x1"))
	assert.Equal(t, "CA1", root.attr("data-element"))
	assert.Len(t, root.all("title"), 1)

	// Any other method of estimating, by name; an unknown one is an error.
	buf.Reset()
	require.NoError(t, chart.SCurve(&buf, a, "WP1", chart.SCurveOptions{EACMethod: cost.EACAtBudgetRate}))
	root = parseSVG(t, buf.Bytes())
	assert.Equal(t, "1150", root.all("eac")[0].attr("data-value")) // AC + (BAC − EV) = 550 + 600
}

// TestIndexTrendPoints: 800×360 px, plot x 90–776 and y 32–316 (284 px). The
// indices are 0 and 0 at the end of W10 (x = 433), 0.4 and 0.7272727273 at the
// status date (x = 531). The axis covers 0.9–1.1 and them, 0 to 1.1; a fifth is
// 0.22, so the step is 0.5 and the axis 0 to 1.5: y(v) = 316 − v·284/1.5.
//
//	0 → 316;  0.4 → 240.27;  0.7272727273 → 178.3;  1 → 126.67
func TestIndexTrendPoints(t *testing.T) {
	a := tinyAnalysis(t)
	var buf bytes.Buffer
	require.NoError(t, chart.IndexTrend(&buf, a, "", chart.IndexTrendOptions{}))
	golden(t, "index_trend.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())

	assert.Equal(t, "M433,316L531,240.27", root.all("series", "spi")[0].attr("d"))
	assert.Equal(t, "M433,316L531,178.3", root.all("series", "cpi")[0].attr("d"))
	ref := root.all("reference")
	require.Len(t, ref, 1)
	assert.Equal(t, 126.67, ref[0].num(t, "y1"))
	pts := root.all("point", "cpi")
	require.Len(t, pts, 2)
	assert.Equal(t, "2025-W11", pts[1].attr("data-period"))
	assert.Equal(t, "0.7272727273", pts[1].attr("data-value"))

	// Each period's own indices: W11's SPI is 400/500 = 0.8, CPI 400/250 = 1.6.
	buf.Reset()
	require.NoError(t, chart.IndexTrend(&buf, a, "", chart.IndexTrendOptions{Current: true}))
	root = parseSVG(t, buf.Bytes())
	spi := root.all("point", "spi")
	require.Len(t, spi, 2)
	assert.Equal(t, "0.8", spi[1].attr("data-value"))
	assert.Equal(t, "1.6", root.all("point", "cpi")[1].attr("data-value"))
}

// An undefined index leaves a gap: with no actual cost in the first period,
// CPI is undefined there, and the path starts at the second.
func TestIndexTrendGap(t *testing.T) {
	net := &schedule.Network{
		Project:    schedule.Project{ID: "P1", Start: at(2025, time.March, 3, 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
		Calendars:  schedule.BuiltinCalendars(),
		Activities: []schedule.Activity{{ID: "A1", Duration: 15 * workDay, RemainingDuration: -1}},
	}
	res := compute(t, net)
	b := &cost.Breakdown{Elements: []cost.Element{{ID: "WP1", Kind: cost.WorkPackage, Budget: dec("1500.00"),
		Activities: []string{"A1"}, Technique: cost.Technique{Method: cost.PercentComplete}}}}
	bl, err := cost.NewBaseline(0, "", b, net, res)
	require.NoError(t, err)
	a, err := cost.Analyze(cost.AnalysisInput{
		Breakdown: b, Baseline: bl, Phasing: cost.Phasing{Granularity: cost.Weeks},
		StatusDate: day(2025, time.March, 19),
		Progress:   []cost.Progress{{Package: "WP1", Date: day(2025, time.March, 12), Percent: dec("50")}},
		Actuals:    []cost.ActualCost{{Code: "WP1", Date: day(2025, time.March, 12), Amount: dec("900.00"), Type: cost.CostLabour}},
	})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, chart.IndexTrend(&buf, a, "WP1", chart.IndexTrendOptions{Current: true}))
	root := parseSVG(t, buf.Bytes())
	cpi := root.all("series", "cpi")[0].attr("d")
	// Only W11 has actual cost: W10's and W12's own CPI are undefined, so the
	// path is one point, at the end of W11 (x > 90), while SPI has all three.
	assert.False(t, strings.HasPrefix(cpi, "M90"), cpi)
	assert.Len(t, root.all("point", "cpi"), 1)
	assert.Len(t, root.all("point", "spi"), 3)
}

func TestSCurveErrors(t *testing.T) {
	a := tinyAnalysis(t)
	var buf bytes.Buffer
	for name, err := range map[string]error{
		"nil writer":    chart.SCurve(nil, a, "", chart.SCurveOptions{}),
		"nil analysis":  chart.SCurve(&buf, nil, "", chart.SCurveOptions{}),
		"width":         chart.SCurve(&buf, a, "", chart.SCurveOptions{Width: -1}),
		"height":        chart.SCurve(&buf, a, "", chart.SCurveOptions{Height: 1 << 30}),
		"method":        chart.SCurve(&buf, a, "", chart.SCurveOptions{EACMethod: "guess"}),
		"trend writer":  chart.IndexTrend(nil, a, "", chart.IndexTrendOptions{}),
		"trend nil":     chart.IndexTrend(&buf, nil, "", chart.IndexTrendOptions{}),
		"trend size":    chart.IndexTrend(&buf, a, "", chart.IndexTrendOptions{Width: -3}),
		"unknown":       chart.SCurve(&buf, a, "WP9", chart.SCurveOptions{}),
		"trend unknown": chart.IndexTrend(&buf, a, "WP9", chart.IndexTrendOptions{}),
		"zero analysis": chart.SCurve(&buf, &cost.Analysis{}, "X", chart.SCurveOptions{}),
		"zero trend":    chart.IndexTrend(&buf, &cost.Analysis{}, "", chart.IndexTrendOptions{}),
	} {
		require.Error(t, err, name)
		if strings.Contains(name, "unknown") {
			assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%s: %v", name, err)
			assert.Contains(t, err.Error(), `element "WP9"`)
		} else {
			assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%s: %v", name, err)
		}
	}
	assert.Zero(t, buf.Len())
	err := chart.SCurve(failWriter{}, a, "", chart.SCurveOptions{})
	assert.Equal(t, lanyan.CodeInternal, lanyan.CodeOf(err))
}

// A plan that runs long: the IEAC(t) finish is far beyond the chart's span, so
// the projection is clipped at three times the span, at the value on its way.
func TestSCurveClipped(t *testing.T) {
	net := &schedule.Network{
		Project:    schedule.Project{ID: "P1", Start: at(2025, time.March, 3, 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
		Calendars:  schedule.BuiltinCalendars(),
		Activities: []schedule.Activity{{ID: "A1", Duration: 10 * workDay, RemainingDuration: -1}},
	}
	res := compute(t, net)
	b := &cost.Breakdown{Elements: []cost.Element{{ID: "WP1", Kind: cost.WorkPackage, Budget: dec("1000.00"),
		Activities: []string{"A1"}, Technique: cost.Technique{Method: cost.PercentComplete}}}}
	bl, err := cost.NewBaseline(0, "", b, net, res)
	require.NoError(t, err)
	a, err := cost.Analyze(cost.AnalysisInput{
		Breakdown: b, Baseline: bl, Phasing: cost.Phasing{Granularity: cost.Weeks},
		StatusDate: day(2025, time.March, 16),
		Progress:   []cost.Progress{{Package: "WP1", Date: day(2025, time.March, 14), Percent: dec("1")}},
		Actuals:    []cost.ActualCost{{Code: "WP1", Date: day(2025, time.March, 14), Amount: dec("500.00"), Type: cost.CostLabour}},
	})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, chart.SCurve(&buf, a, "", chart.SCurveOptions{FinishAtIEAC: true}))
	root := parseSVG(t, buf.Bytes())
	eac := root.all("eac", "clipped")
	require.Len(t, eac, 1)
	assert.Equal(t, 776.0, eac[0].num(t, "x2"))
	// The status date ends the plan (03-17): the reach is 3 × 14 days, to 04-14.
	assert.Equal(t, 318.67, eac[0].num(t, "x1"), "x1 at 14 of 42 days: 90 + 686/3")
}

// An analysis of an empty breakdown draws flat, empty curves: a valid chart.
func TestSCurveEmptyBreakdown(t *testing.T) {
	net := &schedule.Network{
		Project:   schedule.Project{ID: "P1", Start: at(2025, time.March, 3, 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
		Calendars: schedule.BuiltinCalendars(),
	}
	res := compute(t, net)
	b := &cost.Breakdown{}
	bl, err := cost.NewBaseline(0, "", b, net, res)
	require.NoError(t, err)
	a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: bl, Phasing: cost.Phasing{Granularity: cost.Months},
		StatusDate: day(2025, time.March, 11)})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, chart.SCurve(&buf, a, "", chart.SCurveOptions{}))
	golden(t, "scurve_empty.svg", buf.Bytes())
	root := parseSVG(t, buf.Bytes())
	assert.Equal(t, "90,376 776,376", root.all("series", "pv")[0].attr("points"))
	assert.Empty(t, root.all("eac"), "no EAC without actual cost")
	buf.Reset()
	require.NoError(t, chart.IndexTrend(&buf, a, "", chart.IndexTrendOptions{}))
	root = parseSVG(t, buf.Bytes())
	assert.Empty(t, root.all("point"))
}
