package chart

import (
	"fmt"
	"io"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// SCurveOptions say how [SCurve] draws. The zero value draws 800×420 pixels
// with the EAC by CPI projected to the planned finish.
type SCurveOptions struct {
	// Title is drawn above the chart; empty draws none.
	Title string
	// Width and Height of the chart in pixels; zero means 800 and 420.
	Width, Height int
	// EACMethod chooses the estimate at completion the projection ends at; empty
	// means cost.EACByCPI. When that estimate is undefined no projection is drawn.
	EACMethod cost.EACMethod
	// FinishAtIEAC ends the projection at the finish that the earned schedule
	// forecasts, IEAC(t) periods from the first period, instead of the planned
	// finish (the end of the last period with planned value). It falls back to
	// the planned finish while IEAC(t) is undefined.
	FinishAtIEAC bool
	// FormatMoney formats the amounts of the axis and the labels, given the
	// decimal places the axis step needs; nil means [FormatAmount].
	FormatMoney func(v decimal.Decimal, places int32) string
}

// IndexTrendOptions say how [IndexTrend] draws. The zero value draws 800×360
// pixels of cumulative indices.
type IndexTrendOptions struct {
	// Title is drawn above the chart; empty draws none.
	Title string
	// Width and Height of the chart in pixels; zero means 800 and 360.
	Width, Height int
	// Current plots each period's own SPI and CPI (the series' PeriodMetrics)
	// instead of the cumulative ones (Metrics).
	Current bool
}

// Limits of the value charts.
const (
	defaultValueWidth   = 800
	defaultSCurveHeight = 420
	defaultTrendHeight  = 360
	maxValueSide        = 100_000
	// projectionReach bounds the EAC projection: it is clipped at this many times
	// the span from the first period to the later of the plan's end and the
	// status date.
	projectionReach = 3
)

// seriesData is what the value charts read from an analysis.
type seriesData struct {
	s          cost.Series
	periods    []cost.Period
	gran       cost.Granularity
	sp         int
	statusDate date.Date
}

func loadSeries(a *cost.Analysis, elementID, chart string) (*seriesData, error) {
	if a == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, chart, "analysis", "is nil")
	}
	if len(a.Periods) == 0 {
		// Analyze always gives at least the status period: this one was not made
		// by it, and asking it for a series could fail.
		return nil, lanyan.Errorf(lanyan.CodeInvalid, chart, "analysis", "has no periods: make it with cost.Analyze")
	}
	s, ok := a.Series(elementID)
	if !ok {
		return nil, lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("element %q", elementID), "", "is not in the analysis")
	}
	d := &seriesData{s: s, periods: a.Periods, gran: a.Granularity, sp: a.StatusPeriod, statusDate: a.StatusDate}
	n := len(d.periods)
	// An Analysis keeps these consistent; one made by hand might not.
	bad := len(s.PV) != n || len(s.CumPV) != n || d.sp < 0
	if n > 0 {
		bad = bad || d.sp >= n || len(s.CumEV) <= d.sp || len(s.CumAC) <= d.sp || len(s.Metrics) <= d.sp
	}
	if bad {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, chart, "analysis", "its series do not match its %d periods and status period %d", n, d.sp)
	}
	return d, nil
}

// boundary returns the first day of period k (k = len(periods) is the day after
// the last), extending the periods by their granularity beyond the last.
func (d *seriesData) boundary(k int) date.Date {
	n := len(d.periods)
	if k < n {
		return d.periods[max(k, 0)].First
	}
	end := d.periods[n-1].Last + 1
	extra := k - n
	switch d.gran {
	case cost.Days:
		return end + date.Date(extra)
	case cost.Weeks:
		return end + date.Date(7*extra)
	case cost.Months:
		y, m, _ := end.Date()
		return date.New(y, m+time.Month(extra), 1)
	}
	last := d.periods[n-1]
	return end + date.Date(extra*(int(last.Last-last.First)+1))
}

// minutesAt returns the instant, in minutes, p periods after the start of the
// first period; p may have a fraction, which is a share of its period's days.
func (d *seriesData) minutesAt(p decimal.Decimal) int64 {
	if p.IsNegative() {
		p = decimal.Zero
	}
	const far = 1_000_000 // periods; anything past this is off the chart anyway
	if p.GreaterThan(decimal.NewFromInt(far)) {
		p = decimal.NewFromInt(far)
	}
	whole := p.IntPart()
	frac := p.Sub(decimal.NewFromInt(whole))
	b0, b1 := d.boundary(int(whole)), d.boundary(int(whole)+1)
	m := frac.Mul(decimal.NewFromInt(int64(b1-b0) * schedule.MinutesPerDay)).Round(0).IntPart()
	return int64(b0)*schedule.MinutesPerDay + m
}

// timeAxis maps minutes (since 0001-01-01) to x coordinates.
type timeAxis struct {
	m0, m1      int64
	left, right px
}

func (t timeAxis) x(m int64) px {
	return t.left + px(mulDivRound(m-t.m0, int64(t.right-t.left), t.m1-t.m0))
}

func dayMinutes(d date.Date) int64 { return int64(d) * schedule.MinutesPerDay }

func checkSize(width, height, defW, defH int) (int, int, error) {
	if width < 0 || width > maxValueSide {
		return 0, 0, invalidOption("width", "%d is outside 0–%d", width, maxValueSide)
	}
	if height < 0 || height > maxValueSide {
		return 0, 0, invalidOption("height", "%d is outside 0–%d", height, maxValueSide)
	}
	if width == 0 {
		width = defW
	}
	if height == 0 {
		height = defH
	}
	return width, height, nil
}

// SCurve draws the cumulative planned value, earned value and actual cost of
// element elementID of the analysis (the project when elementID is empty) as an
// S-curve (S曲线) on w: three polylines with class "series pv", "series ev" and
// "series ac". PV runs over every period; EV and AC to the status date. Each
// cumulative figure is plotted at the end of its period (midnight after its
// last day), and the status period's EV and AC at the end of the status date,
// where the dashed status line (class "status-date") is drawn. Periods are
// drawn in proportion to their days.
//
// The projection (class "eac", dashed) runs from AC at the status date to the
// estimate at completion of opts.EACMethod at the planned finish or, with
// FinishAtIEAC, at the earned schedule's IEAC(t); a projection reaching beyond
// three times the chart's span is clipped there (class "eac clipped") at the
// value on its way. A dotted line marks BAC. The money axis has ticks at 1, 2 or
// 5 times a power of ten.
//
// A nil w or a, or an unknown element, gives a *lanyan.Error and writes nothing.
func SCurve(w io.Writer, a *cost.Analysis, elementID string, opts SCurveOptions) error {
	if w == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "s-curve", "writer", "is nil")
	}
	width, height, err := checkSize(opts.Width, opts.Height, defaultValueWidth, defaultSCurveHeight)
	if err != nil {
		return err
	}
	method := opts.EACMethod
	if method == "" {
		method = cost.EACByCPI
	}
	if _, ok := (cost.Estimates{}).ByMethod(method); !ok {
		return invalidOption("eacMethod", "unknown method %q", string(method))
	}
	d, err := loadSeries(a, elementID, "s-curve")
	if err != nil {
		return err
	}
	format := moneyFormat(opts.FormatMoney)
	f := newFrame(width, height, opts.Title)
	s := newSVG(w)
	name := opts.Title
	if name == "" {
		name = "S-curve"
		if elementID != "" {
			name += " of " + elementID
		}
	}
	n, sp := len(d.periods), d.sp
	f.begin(s, "lanyan-chart scurve", name, opts.Title, func(r *svg) {
		r.str("data-element", elementID).str("data-status-date", d.statusDate.Format("2006-01-02")).
			int("data-periods", n).int("data-status-period", sp)
	})
	if n == 0 {
		f.emptyMessage(s, "No periods")
		s.closeTag("svg")
		return s.close()
	}
	ser := &d.s

	// Time: the periods, the status date, and the projection's end.
	m0 := dayMinutes(d.boundary(0))
	planEnd := dayMinutes(d.boundary(n))
	statusM := dayMinutes(d.statusDate + 1)
	// The plan ends with the last period that has planned value.
	plan := n
	for plan > 0 && ser.PV[plan-1].IsZero() {
		plan--
	}
	finish := dayMinutes(d.boundary(plan))
	if plan == 0 {
		finish = planEnd
	}
	es := ser.EarnedSchedule
	if opts.FinishAtIEAC && es.IEAC.Defined {
		finish = d.minutesAt(es.IEAC.Value)
	}
	if finish <= statusM && es.IEAC.Defined {
		if m := d.minutesAt(es.IEAC.Value); m > statusM {
			finish = m
		}
	}
	acS := ser.CumAC[sp]
	est, _ := ser.Metrics[sp].Estimates.ByMethod(method)
	project := est.EAC.Defined && finish > statusM
	eacEnd, eacY := finish, est.EAC.Value
	clipped := false
	reach := m0 + projectionReach*(max(planEnd, statusM)-m0)
	if project && eacEnd > reach {
		// Clip the line at reach, at the value it has there.
		eacY = acS.Add(eacY.Sub(acS).Mul(decimal.NewFromInt(reach-statusM)).
			DivRound(decimal.NewFromInt(eacEnd-statusM), 2))
		eacEnd, clipped = reach, true
	}
	m1 := max(planEnd, statusM)
	if project {
		m1 = max(m1, eacEnd)
	}
	tx := timeAxis{m0: m0, m1: m1, left: f.left, right: f.right}

	// Values.
	lo, hi := decimal.Zero, ser.BAC
	see := func(v decimal.Decimal) {
		lo, hi = decimal.Min(lo, v), decimal.Max(hi, v)
	}
	for _, v := range ser.CumPV {
		see(v)
	}
	for k := 0; k <= sp; k++ {
		see(ser.CumEV[k])
		see(ser.CumAC[k])
	}
	if project {
		see(eacY)
	}
	ay := newValueAxis(lo, hi, 5, decimal.New(1, -2), f.top, f.bottom)

	items := []legendItem{
		{key: "pv", label: "PV", color: ColorPV},
		{key: "ev", label: "EV", color: ColorEV},
		{key: "ac", label: "AC", color: ColorAC},
	}
	if project {
		items = append(items, legendItem{key: "eac", label: "EAC (" + methodLabel(method) + ")", color: ColorEAC, dashed: true})
	}
	items = append(items, legendItem{key: "bac", label: "BAC", color: ColorBAC, dashed: true})
	f.legend(s, items)
	f.yAxis(s, ay, format)
	periodAxis(s, f, tx, d, n)

	// BAC.
	yb := ay.y(ser.BAC)
	s.open("line").str("class", "bac").str("data-value", ser.BAC.String()).px("x1", f.left).px("y1", yb).
		px("x2", f.right).px("y2", yb).str("stroke", ColorBAC).str("stroke-dasharray", "2 3").done()
	s.open("text").str("class", "bac-label").px("x", f.left+pixels(4)).px("y", yb-pixels(4)).str("fill", ColorBAC).
		textBody("BAC " + format(ser.BAC, 2))

	// The curves: 0 at the start of the first period, then each period's end.
	xs := make([]px, 0, n+1)
	ys := make([]px, 0, n+1)
	curve := func(key, color string, cum []decimal.Decimal, upto int, lastAtStatus bool) {
		xs, ys = append(xs[:0], tx.x(m0)), append(ys[:0], ay.y(decimal.Zero))
		for k := 0; k < upto; k++ {
			m := dayMinutes(d.boundary(k + 1))
			if lastAtStatus && k == upto-1 {
				m = statusM
			}
			xs, ys = append(xs, tx.x(m)), append(ys, ay.y(cum[k]))
		}
		s.open("polyline").str("class", "series "+key).str("data-series", key).raw(` points="`)
		s.b = appendPoints(s.b, xs, ys)
		s.raw(`"`).str("fill", "none").str("stroke", color).str("stroke-width", "2").done()
	}
	curve("pv", ColorPV, ser.CumPV, n, false)
	curve("ev", ColorEV, ser.CumEV, sp+1, true)
	curve("ac", ColorAC, ser.CumAC, sp+1, true)

	if project {
		cls := "eac"
		if clipped {
			cls = "eac clipped"
		}
		x1, y1 := tx.x(statusM), ay.y(acS)
		x2, y2 := tx.x(eacEnd), ay.y(eacY)
		s.open("line").str("class", cls).str("data-value", est.EAC.Value.String()).
			str("data-finish", schedule.Instant(eacEnd).String()).
			px("x1", x1).px("y1", y1).px("x2", x2).px("y2", y2).
			str("stroke", ColorEAC).str("stroke-width", "2").str("stroke-dasharray", "6 4").done()
		s.open("circle").str("class", "eac-point").px("cx", x2).px("cy", y2).px("r", pixels(3)).
			str("fill", ColorEAC).done()
		s.open("text").str("class", "eac-label").px("x", x2-pixels(4)).px("y", y2-pixels(6)).
			str("text-anchor", "end").str("fill", ColorEAC).textBody("EAC " + format(est.EAC.Value, 2))
	}
	statusLine(s, f, tx.x(statusM), d.statusDate)
	s.closeTag("svg")
	return s.close()
}

// methodLabel names an estimating method in the legend.
func methodLabel(m cost.EACMethod) string {
	switch m {
	case cost.EACByCPI:
		return "BAC/CPI"
	case cost.EACAtBudgetRate:
		return "budget rate"
	case cost.EACByCPIAndSPI:
		return "CPI×SPI"
	case cost.EACComposite:
		return "composite"
	case cost.EACBottomUp:
		return "bottom-up"
	}
	return string(m)
}

// statusLine draws the dashed status date line with its label.
func statusLine(s *svg, f frame, x px, d date.Date) {
	ds := d.Format("2006-01-02")
	s.open("line").str("class", "status-date").str("data-date", ds).px("x1", x).px("y1", f.top).
		px("x2", x).px("y2", f.bottom).str("stroke", ColorDataDate).str("stroke-width", "1.5").
		str("stroke-dasharray", "4 3").done()
	s.open("text").str("class", "status-label").px("x", x+pixels(4)).px("y", f.top+pixels(12)).
		str("fill", ColorDataDate).textBody(ds)
}

// periodAxis draws a tick at each period boundary on the x axis (when the
// periods are at least 3 pixels wide) and labels every k-th period, with k as
// small as keeps the labels apart.
func periodAxis(s *svg, f frame, tx timeAxis, d *seriesData, n int) {
	fs := pixels(fontSize)
	var widest px
	for _, p := range d.periods {
		widest = max(widest, textWidth(p.String(), fs))
	}
	avg := (tx.x(dayMinutes(d.boundary(n))) - tx.x(dayMinutes(d.boundary(0)))) / px(n)
	k := 1
	if avg > 0 {
		k = max(1, int((widest+pixels(10)+avg-1)/avg))
	} else {
		k = n
	}
	s.open("g").str("class", "axis x").end().raw("\n")
	for j := 0; j <= n; j++ {
		if avg < pixels(3) && j%k != 0 {
			continue
		}
		x := tx.x(dayMinutes(d.boundary(j)))
		s.open("line").str("class", "tick").px("x1", x).px("y1", f.bottom).px("x2", x).px("y2", f.bottom+pixels(4)).
			str("stroke", ColorAxis).done()
		if j < n && j%k == 0 {
			xe := tx.x(dayMinutes(d.boundary(j + 1)))
			label := d.periods[j].String()
			s.open("text").str("class", "tick-label").str("data-period", label).px("x", (x+xe)/2).
				px("y", f.bottom+pixels(17)).str("text-anchor", "middle").str("fill", ColorText).textBody(label)
		}
	}
	s.closeTag("g")
}

// Bounds of the index axis: indices beyond them are drawn at the edge, with
// class "clipped".
var (
	indexFloor   = decimal.Zero
	indexCeiling = decimal.NewFromInt(3)
)

// IndexTrend draws the schedule and cost performance indices (SPI, CPI) of
// element elementID of the analysis (the project when elementID is empty)
// period by period up to the status period, with a reference line at 1.0
// (class "reference"). Each index is a path (class "series spi" or "series
// cpi") through points (<circle class="point spi" data-period=…
// data-value=…>) at the end of each period, the status period's at the end of
// the status date; an undefined index (nothing planned, nothing spent) leaves a
// gap. Indices are cumulative, or each period's own with opts.Current. The axis
// covers 0.9 to 1.1 and the indices, within 0 to 3; an index outside is drawn at
// the edge, its point with class "clipped".
//
// A nil w or a, or an unknown element, gives a *lanyan.Error and writes nothing.
func IndexTrend(w io.Writer, a *cost.Analysis, elementID string, opts IndexTrendOptions) error {
	if w == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "index trend", "writer", "is nil")
	}
	width, height, err := checkSize(opts.Width, opts.Height, defaultValueWidth, defaultTrendHeight)
	if err != nil {
		return err
	}
	d, err := loadSeries(a, elementID, "index trend")
	if err != nil {
		return err
	}
	metrics := d.s.Metrics
	if opts.Current {
		metrics = d.s.PeriodMetrics
	}
	if len(d.periods) > 0 && len(metrics) < d.sp+1 {
		return lanyan.Errorf(lanyan.CodeInvalid, "index trend", "analysis", "has %d metrics for status period %d", len(metrics), d.sp)
	}
	f := newFrame(width, height, opts.Title)
	s := newSVG(w)
	name := opts.Title
	if name == "" {
		name = "SPI and CPI"
		if elementID != "" {
			name += " of " + elementID
		}
	}
	n, sp := len(d.periods), d.sp
	f.begin(s, "lanyan-chart index-trend", name, opts.Title, func(r *svg) {
		r.str("data-element", elementID).str("data-status-date", d.statusDate.Format("2006-01-02")).
			int("data-periods", n).int("data-status-period", sp)
	})
	if n == 0 {
		f.emptyMessage(s, "No periods")
		s.closeTag("svg")
		return s.close()
	}

	lo, hi := decimal.RequireFromString("0.9"), decimal.RequireFromString("1.1")
	for k := 0; k <= sp; k++ {
		for _, v := range [2]cost.Value{metrics[k].SPI, metrics[k].CPI} {
			if v.Defined {
				c := decimal.Min(decimal.Max(v.Value, indexFloor), indexCeiling)
				lo, hi = decimal.Min(lo, c), decimal.Max(hi, c)
			}
		}
	}
	ay := newValueAxis(lo, hi, 5, decimal.New(5, -2), f.top, f.bottom)
	m0 := dayMinutes(d.boundary(0))
	statusM := dayMinutes(d.statusDate + 1)
	tx := timeAxis{m0: m0, m1: max(dayMinutes(d.boundary(sp+1)), statusM), left: f.left, right: f.right}

	f.legend(s, []legendItem{
		{key: "spi", label: "SPI", color: ColorSPI},
		{key: "cpi", label: "CPI", color: ColorCPI},
	})
	f.yAxis(s, ay, func(v decimal.Decimal, places int32) string { return v.StringFixed(max(places, 1)) })
	trendAxis := *d
	trendAxis.periods = d.periods[:sp+1]
	periodAxis(s, f, tx, &trendAxis, sp+1)

	one := ay.y(decimal.NewFromInt(1))
	s.open("line").str("class", "reference").str("data-value", "1").px("x1", f.left).px("y1", one).
		px("x2", f.right).px("y2", one).str("stroke", ColorReference).str("stroke-dasharray", "4 3").done()

	for _, ser := range []struct {
		key, color string
		get        func(cost.Metrics) cost.Value
	}{
		{"spi", ColorSPI, func(m cost.Metrics) cost.Value { return m.SPI }},
		{"cpi", ColorCPI, func(m cost.Metrics) cost.Value { return m.CPI }},
	} {
		type pt struct {
			x, y    px
			k       int
			v       decimal.Decimal
			clipped bool
		}
		var pts []pt
		s.open("path").str("class", "series "+ser.key).str("data-series", ser.key).raw(` d="`)
		pen := false
		for k := 0; k <= sp; k++ {
			v := ser.get(metrics[k])
			if !v.Defined {
				pen = false
				continue
			}
			m := dayMinutes(d.boundary(k + 1))
			if k == sp {
				m = statusM
			}
			c := decimal.Min(decimal.Max(v.Value, ay.lo), ay.hi)
			p := pt{x: tx.x(m), y: ay.y(c), k: k, v: v.Value, clipped: !c.Equal(v.Value)}
			pts = append(pts, p)
			if pen {
				s.b = append(s.b, 'L')
			} else {
				if len(pts) > 1 {
					s.b = append(s.b, ' ')
				}
				s.b = append(s.b, 'M')
			}
			s.b = appendPx(s.b, p.x)
			s.b = append(s.b, ',')
			s.b = appendPx(s.b, p.y)
			pen = true
		}
		s.raw(`"`).str("fill", "none").str("stroke", ser.color).str("stroke-width", "2").done()
		for _, p := range pts {
			cls := "point " + ser.key
			if p.clipped {
				cls += " clipped"
			}
			s.open("circle").str("class", cls).str("data-period", d.periods[p.k].String()).
				str("data-value", p.v.String()).px("cx", p.x).px("cy", p.y).px("r", pixels(3)).
				str("fill", ser.color).done()
		}
	}
	statusLine(s, f, tx.x(statusM), d.statusDate)
	s.closeTag("svg")
	return s.close()
}
