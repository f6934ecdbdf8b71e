package chart

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// BaselineDates are an activity's baseline start and finish (计划开始, 计划完成),
// drawn as a thin bar under its bar.
type BaselineDates struct {
	Start  schedule.Instant
	Finish schedule.Instant
}

// BaselineDatesOf returns the activity dates of a cost baseline keyed by
// activity id, ready for GanttOptions.Baseline. A nil baseline gives nil.
func BaselineDatesOf(bl *cost.Baseline) map[string]BaselineDates {
	if bl == nil {
		return nil
	}
	m := make(map[string]BaselineDates, len(bl.Activities))
	for _, a := range bl.Activities {
		m[a.ID] = BaselineDates{Start: a.Start, Finish: a.Finish}
	}
	return m
}

// GanttOptions say how [Gantt] draws a schedule. The zero value draws every
// activity, 1,200 pixels wide, on a time scale chosen to fit.
type GanttOptions struct {
	// Title is drawn above the chart; empty draws none (the SVG's <title> is
	// then the project's name).
	Title string
	// Width is the width of the whole chart in pixels when PixelsPerDay is zero;
	// the time axis gets what the label column leaves. Zero means 1,200.
	Width int
	// PixelsPerDay fixes the horizontal scale (a calendar day is this many
	// pixels, to the hundredth) and the chart is as wide as the span needs. Zero
	// fits the span into Width.
	PixelsPerDay float64
	// RowHeight is the height of a row in pixels; zero means 24.
	RowHeight int
	// LabelWidth is the width of the label column on the left; zero means 240.
	LabelWidth int
	// Scale forces the time scale; ScaleAuto (zero) lets [ChooseScale] choose.
	// A forced scale far too dense for the room (units under a quarter of
	// their least width) is replaced by the automatic choice.
	Scale Scale
	// From and To fix the window of the time axis; zero means the span of the
	// schedule (early and late dates, baseline dates and the data date) widened
	// to whole units of the scale. Bars are clipped to the window.
	From, To schedule.Instant
	// DataDate is the data date (数据日期) drawn as a vertical line; zero means
	// the network's Options.DataDate, and no line when that is zero too.
	DataDate schedule.Instant
	// Baseline holds baseline dates by activity id ([BaselineDatesOf] makes it
	// from a cost baseline); ids not in the network are ignored.
	Baseline map[string]BaselineDates
	// Links draws the links between activities of the page as elbows.
	Links bool
	// HideFloat leaves out the total float bars.
	HideFloat bool
	// HideNonWorkingTime leaves out the shading of non-working days. Shading is
	// drawn only when a day is at least 4 pixels wide.
	HideNonWorkingTime bool
	// CollapseDepth, when positive, shows only the rows at that depth of the WBS
	// or above (activities without a parent are at depth 1); a WBS summary at
	// that depth with activities under it is drawn collapsed, as its summary bar.
	// Zero shows every row.
	CollapseDepth int
	// Offset and Limit select a page of rows: the rows from Offset (0-based),
	// at most Limit of them; Limit zero means all. The time axis is the same on
	// every page unless FitToPage is set.
	Offset, Limit int
	// FitToPage spans the time axis over the rows of the page only (their
	// early and baseline dates; float bars running further are clipped) rather
	// than the whole schedule, so that a page of a long programme is drawn at a
	// readable scale. The data date line is drawn when it falls within.
	FitToPage bool
}

// Defaults and sizes of the Gantt chart, in pixels.
const (
	defaultGanttWidth = 1200
	defaultRowHeight  = 24
	defaultLabelWidth = 240
	maxChartSide      = 1_000_000
	fontSize          = 11
	headerRowHeight   = 18
	titleHeight       = 26
	rightMargin       = 8
	indentPerLevel    = 12
	linkOffset        = 6
	minShadePPD       = 400 // shade non-working days from 4 px a day
)

// row is one row of the chart: an activity, its depth in the WBS, and whether it
// is a summary drawn collapsed.
type row struct {
	act       int32
	depth     int32
	collapsed bool
}

type gantt struct {
	net  *schedule.Network
	res  *schedule.Result
	opts GanttOptions

	rows  []row // every row shown, after collapsing
	page  []row // the rows of the page
	rowOf []int32
	index map[string]int32

	t0, t1   schedule.Instant
	ppd      int64 // hundredths of a pixel per day
	scale    Scale
	step     int // years per unit of a year scale
	dataDate schedule.Instant
	cal      *schedule.CompiledCalendar // the default calendar, when shading

	width, height   px
	left, right     px
	titleH, top, rh px
}

// Gantt draws the schedule res of net as an SVG Gantt chart (横道图) on w.
//
// Rows follow the WBS: each WBS summary (Kind WBSSummary) is followed by the
// activities whose Parent it is, depth first, in network order; activities
// without a parent are at the top level. Each activity has a bar from its early
// start to its early finish, in [ColorCritical] when critical and [ColorNormal]
// otherwise, with its progress (the percent complete, or 100% when it has an
// actual finish, or what its remaining duration leaves) as a darker inner bar;
// milestones are diamonds, summaries black bars with pointed ends. Behind them
// are the total float bars (early finish to late finish), baseline bars, the
// non-working days of the project's default calendar, and the data date line.
//
// Every element carries a class and data- attributes so that a browser or a
// test can find it: rows are <g class="row" data-id=… data-row=… data-depth=…>;
// bars have class "bar" (with "critical" and "loe" for level of effort),
// "milestone", "summary" (with "collapsed"), "float", "baseline" or
// "progress", and data-id; links are <path class="link fs|ss|ff|sf"
// data-pred=… data-succ=…> (with "driving"); the root <svg> has data-scale,
// data-rows (on the page), data-total-rows, data-offset and data-limit.
//
// net and res must belong together, as [schedule.Compute] returns them. Nil
// arguments, a result of another network, and bad options give a
// *lanyan.Error and write nothing. The same input gives the same bytes.
func Gantt(w io.Writer, net *schedule.Network, res *schedule.Result, opts GanttOptions) error {
	g, err := newGantt(w, net, res, opts)
	if err != nil {
		return err
	}
	s := newSVG(w)
	g.draw(s)
	return s.close()
}

func invalidOption(field, format string, args ...any) error {
	return lanyan.Errorf(lanyan.CodeInvalid, "chart options", field, format, args...)
}

func newGantt(w io.Writer, net *schedule.Network, res *schedule.Result, opts GanttOptions) (*gantt, error) {
	switch {
	case w == nil:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "gantt", "writer", "is nil")
	case net == nil:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "gantt", "network", "is nil")
	case res == nil:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "gantt", "result", "is nil")
	case len(res.Activities) != len(net.Activities):
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "gantt", "result",
			"has %d activities for the network's %d: it is not this network's result", len(res.Activities), len(net.Activities))
	}
	for i := range net.Activities {
		if res.Activities[i].ID != net.Activities[i].ID {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %q", net.Activities[i].ID), "result",
				"result %d is for activity %q: it is not this network's result", i, res.Activities[i].ID)
		}
	}
	if err := checkGanttOptions(&opts); err != nil {
		return nil, err
	}
	if opts.Links && len(res.Driving) != len(net.Links) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "gantt", "result",
			"has %d driving flags for the network's %d links: it is not this network's result", len(res.Driving), len(net.Links))
	}
	for i := range net.Activities {
		id := net.Activities[i].ID
		if b, ok := opts.Baseline[id]; ok && b.Finish != 0 && b.Finish < b.Start {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("baseline activity %q", id), "finish",
				"%s is before start %s", b.Finish, b.Start)
		}
	}

	g := &gantt{net: net, res: res, opts: opts}
	g.dataDate = opts.DataDate
	if g.dataDate == 0 {
		g.dataDate = net.Options.DataDate
	}
	g.buildRows()
	from := min(opts.Offset, len(g.rows))
	to := len(g.rows)
	if opts.Limit > 0 && opts.Limit < to-from {
		to = from + opts.Limit
	}
	g.page = g.rows[from:to]

	g.rh = pixels(opts.RowHeight)
	g.left = pixels(opts.LabelWidth)
	if opts.Title != "" {
		g.titleH = pixels(titleHeight)
	}
	g.top = g.titleH + 2*pixels(headerRowHeight)
	if err := g.layoutTime(); err != nil {
		return nil, err
	}
	g.height = g.top + g.rh*px(max(len(g.page), 1)) + pixels(4) // an empty page has a row for its message
	if !opts.HideNonWorkingTime && g.ppd >= minShadePPD && len(g.page) > 0 {
		// Compiled before anything is written, so that a bad calendar writes nothing.
		cal, err := g.defaultCalendar()
		if err != nil {
			return nil, err
		}
		g.cal = cal
	}
	return g, nil
}

func checkGanttOptions(o *GanttOptions) error {
	switch {
	case o.Width < 0 || o.Width > maxChartSide:
		return invalidOption("width", "%d is outside 0–%d", o.Width, maxChartSide)
	case o.PixelsPerDay < 0 || o.PixelsPerDay > 10000 || math.IsNaN(o.PixelsPerDay):
		return invalidOption("pixelsPerDay", "%v is outside 0–10000", o.PixelsPerDay)
	case o.RowHeight < 0 || o.RowHeight > 1000:
		return invalidOption("rowHeight", "%d is outside 0–1000", o.RowHeight)
	case o.LabelWidth < 0 || o.LabelWidth > 10000:
		return invalidOption("labelWidth", "%d is outside 0–10000", o.LabelWidth)
	case o.Scale > ScaleYears:
		return invalidOption("scale", "unknown scale %d", o.Scale)
	case o.From != 0 && o.To != 0 && o.To <= o.From:
		return invalidOption("to", "%s is not after from %s", o.To, o.From)
	case o.CollapseDepth < 0:
		return invalidOption("collapseDepth", "is negative (%d)", o.CollapseDepth)
	case o.Offset < 0:
		return invalidOption("offset", "is negative (%d)", o.Offset)
	case o.Limit < 0:
		return invalidOption("limit", "is negative (%d)", o.Limit)
	}
	if o.Width == 0 {
		o.Width = defaultGanttWidth
	}
	if o.RowHeight == 0 {
		o.RowHeight = defaultRowHeight
	}
	if o.LabelWidth == 0 {
		o.LabelWidth = defaultLabelWidth
	}
	return nil
}

// buildRows orders the activities by the WBS, depth first, iteratively (a
// parent loop, which Compute rejects, cannot make it loop here either).
func (g *gantt) buildRows() {
	acts := g.net.Activities
	n := len(acts)
	g.index = make(map[string]int32, n)
	for i := range acts {
		if _, dup := g.index[acts[i].ID]; !dup {
			g.index[acts[i].ID] = int32(i)
		}
	}
	parent := make([]int32, n)
	cnt := make([]int32, n+1)
	for i := range acts {
		parent[i] = -1
		if p, ok := g.index[acts[i].Parent]; ok && acts[i].Parent != "" && int(p) != i && acts[p].Kind == schedule.WBSSummary {
			parent[i] = p
			cnt[p+1]++
		}
	}
	for i := 0; i < n; i++ {
		cnt[i+1] += cnt[i]
	}
	kids := make([]int32, cnt[n])
	fill := make([]int32, n)
	for i := range acts {
		if p := parent[i]; p >= 0 {
			kids[cnt[p]+fill[p]] = int32(i)
			fill[p]++
		}
	}
	seen := make([]bool, n)
	g.rows = make([]row, 0, n)
	type frame struct{ node, next, depth int32 }
	var stack []frame
	visit := func(root int32) {
		stack = append(stack[:0], frame{root, cnt[root], 1})
		seen[root] = true
		g.emit(root, 1, cnt[root+1] > cnt[root])
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next >= cnt[f.node+1] {
				stack = stack[:len(stack)-1]
				continue
			}
			c := kids[f.next]
			f.next++
			if seen[c] {
				continue
			}
			seen[c] = true
			d := f.depth + 1
			g.emit(c, d, cnt[c+1] > cnt[c])
			stack = append(stack, frame{c, cnt[c], d})
		}
	}
	for i := range acts {
		if parent[i] < 0 {
			visit(int32(i))
		}
	}
	// Activities caught in a parent loop are reached from no root: show them
	// at the top level rather than lose them.
	for i := range acts {
		if !seen[i] {
			visit(int32(i))
		}
	}
	g.rowOf = make([]int32, n)
	for i := range g.rowOf {
		g.rowOf[i] = -1
	}
}

// emit adds the row of activity i at depth d unless the collapse depth hides
// it (hidden rows are still walked, so that they are not taken for orphans),
// collapsed when it has children that the collapse depth hides.
func (g *gantt) emit(i, d int32, hasKids bool) {
	limit := g.opts.CollapseDepth
	if limit > 0 && int(d) > limit {
		return
	}
	collapsed := hasKids && limit > 0 && int(d) == limit
	g.rows = append(g.rows, row{act: i, depth: d, collapsed: collapsed})
}

// layoutTime finds the window, the scale and the pixels per day.
func (g *gantt) layoutTime() error {
	o := &g.opts
	var lo, hi schedule.Instant
	see := func(t schedule.Instant) {
		if t == 0 {
			return
		}
		if lo == 0 || t < lo {
			lo = t
		}
		if hi == 0 || t > hi {
			hi = t
		}
	}
	span := func(i int) {
		r := &g.res.Activities[i]
		see(r.EarlyStart)
		see(r.EarlyFinish)
		if !o.HideFloat && !o.FitToPage && g.net.Activities[i].Kind != schedule.WBSSummary && r.TotalFloat > 0 {
			see(r.LateFinish)
		}
		if b, ok := o.Baseline[g.net.Activities[i].ID]; ok {
			see(b.Start)
			see(b.Finish)
		}
	}
	if o.FitToPage {
		for _, r := range g.page {
			span(int(r.act))
		}
	} else {
		for i := range g.res.Activities {
			span(i)
		}
		see(g.dataDate)
	}
	fixed := o.From != 0 || o.To != 0
	if o.From != 0 {
		lo = o.From
	}
	if o.To != 0 {
		hi = o.To
	}
	if lo == 0 && hi == 0 {
		// Nothing dated: an empty axis of one day at the project start.
		lo = g.net.Project.Start
		if lo == 0 {
			lo = schedule.At(date.New(2000, 1, 1), 0)
		}
		hi = lo + schedule.MinutesPerDay
	}
	if lo == 0 {
		lo = hi - schedule.MinutesPerDay
	}
	if hi <= lo {
		hi = lo + schedule.MinutesPerDay
	}

	plotW := int64(max(o.Width-o.LabelWidth-rightMargin, 100)) * 100
	ppd := func(lo, hi schedule.Instant) int64 {
		if o.PixelsPerDay > 0 {
			return max(int64(math.Round(o.PixelsPerDay*100)), 1)
		}
		return ppdFor(int64(hi-lo), plotW)
	}
	p := ppd(lo, hi)
	sc := scaleFor(p)
	// A forced scale is kept unless it would be a smear of ticks.
	if o.Scale != ScaleAuto && (o.Scale >= sc || p*4 >= minPPD(o.Scale)) {
		sc = o.Scale
	}
	step := 1
	if sc == ScaleYears {
		step = yearStep(p)
	}
	if !fixed {
		d0 := unitStart(sc, lo.Date(), step)
		d1 := hi.Date()
		if hi.Minute() != 0 {
			d1++
		}
		if u := unitStart(sc, d1, step); u < d1 {
			d1 = nextUnit(sc, u, step)
		}
		lo, hi = schedule.At(d0, 0), schedule.At(d1, 0)
		p = ppd(lo, hi)
	}
	g.t0, g.t1, g.ppd, g.scale, g.step = lo, hi, p, sc, step

	plot := px(mulDivRound(int64(hi-lo), p, schedule.MinutesPerDay))
	if plot > pixels(maxChartSide) {
		return invalidOption("pixelsPerDay", "the time axis would be %d pixels wide; lower pixelsPerDay or set from and to",
			int64(plot/100))
	}
	g.right = g.left + plot
	if o.PixelsPerDay > 0 {
		g.width = g.right + pixels(rightMargin)
	} else {
		g.width = max(pixels(o.Width), g.right+pixels(rightMargin))
	}
	return nil
}

// minPPD is the least hundredths of a pixel per day scale s is drawn at when
// chosen automatically.
func minPPD(s Scale) int64 {
	switch s {
	case ScaleDays:
		return minDayPPD
	case ScaleWeeks:
		return minWeekPPD
	case ScaleMonths:
		return minMonthPPD
	case ScaleQuarters:
		return minQuarterPPD
	}
	return 0
}

// x returns the x coordinate of instant t, clamped to the window.
func (g *gantt) x(t schedule.Instant) px {
	t = min(max(t, g.t0), g.t1)
	return g.left + px(mulDivRound(int64(t-g.t0), g.ppd, schedule.MinutesPerDay))
}

// Geometry of a row, from its top, in proportions of the row height.
func (g *gantt) barTop() px      { return g.rh * 20 / 100 }
func (g *gantt) barHeight() px   { return g.rh * 45 / 100 }
func (g *gantt) baseTop() px     { return g.rh * 70 / 100 }
func (g *gantt) baseHeight() px  { return g.rh * 15 / 100 }
func (g *gantt) textBase() px    { return g.rh * 70 / 100 }
func (g *gantt) rowY(i int) px   { return g.top + g.rh*px(i) }
func (g *gantt) bodyBottom() px  { return g.top + g.rh*px(len(g.page)) }
func (g *gantt) midY(i int) px   { return g.rowY(i) + g.barTop() + g.barHeight()/2 }
func (g *gantt) fontPx() px      { return pixels(fontSize) }
func (g *gantt) headerTop() px   { return g.titleH }
func (g *gantt) headerSplit() px { return g.titleH + pixels(headerRowHeight) }

func (g *gantt) draw(s *svg) {
	name := g.opts.Title
	if name == "" {
		name = g.net.Project.Name
	}
	if name == "" {
		name = "Gantt chart"
	}
	rootOpen(s, g.width, g.height, "lanyan-chart gantt").
		str("data-scale", g.scale.String()).
		str("data-from", g.t0.String()).
		str("data-to", g.t1.String()).
		int("data-rows", len(g.page)).
		int("data-total-rows", len(g.rows)).
		int("data-offset", g.opts.Offset).
		int("data-limit", g.opts.Limit).
		end().raw("\n")
	s.title(name)
	if g.opts.Links {
		s.raw(`<defs><marker id="lanyan-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">` +
			`<path d="M0,0L6,3L0,6Z" fill="` + ColorDrivingLink + `"/></marker></defs>` + "\n")
	}
	s.open("rect").str("class", "background").px("width", g.width).px("height", g.height).str("fill", "#ffffff").done()
	if g.opts.Title != "" {
		s.open("text").str("class", "title").px("x", pixels(8)).px("y", pixels(18)).str("font-size", "14").
			str("font-weight", "bold").str("fill", ColorText).textBody(g.opts.Title)
	}
	for i := range g.page {
		if i%2 == 1 {
			s.open("rect").str("class", "stripe").px("x", 0).px("y", g.rowY(i)).px("width", g.width).
				px("height", g.rh).str("fill", "#f7f7f7").done()
		}
	}
	g.drawNonWorking(s)
	g.drawHeader(s)
	s.open("g").str("class", "rows").end().raw("\n")
	for i, r := range g.page {
		g.rowOf[r.act] = int32(i)
	}
	for i, r := range g.page {
		g.drawRow(s, i, r)
	}
	s.closeTag("g")
	if g.opts.Links {
		g.drawLinks(s)
	}
	if dd := g.dataDate; dd != 0 && dd >= g.t0 && dd <= g.t1 {
		x := g.x(dd)
		s.open("line").str("class", "data-date").str("data-date", dd.String()).
			px("x1", x).px("y1", g.headerTop()).px("x2", x).px("y2", g.bodyBottom()).
			str("stroke", ColorDataDate).str("stroke-width", "1.5").str("stroke-dasharray", "4 3").done()
	}
	if len(g.page) == 0 {
		msg := "No activities"
		if len(g.rows) > 0 {
			msg = "No rows on this page"
		}
		s.open("text").str("class", "empty").px("x", g.left+pixels(8)).px("y", g.top+g.textBase()).
			str("fill", ColorAxis).textBody(msg)
	}
	s.closeTag("svg")
}

// rootOpen starts the <svg> element; the caller adds attributes and ends it.
func rootOpen(s *svg, width, height px, class string) *svg {
	return s.open("svg").str("xmlns", "http://www.w3.org/2000/svg").
		px("width", width).px("height", height).
		raw(` viewBox="0 0 `).raw(string(appendPx(nil, width))).raw(" ").raw(string(appendPx(nil, height))).raw(`"`).
		str("class", class).str("role", "img").
		str("font-family", "sans-serif").int("font-size", fontSize)
}

// drawNonWorking shades the runs of non-working days of the project's default
// calendar, when a day is at least 4 pixels wide.
func (g *gantt) drawNonWorking(s *svg) {
	cal := g.cal
	if cal == nil {
		return
	}
	y, h := g.top, g.rh*px(len(g.page))
	first := g.t0.Date()
	last := g.t1.Date()
	if g.t1.Minute() == 0 {
		last--
	}
	s.open("g").str("class", "nonworking").end().raw("\n")
	for d := first; d <= last; {
		if cal.IsWorkDay(d) {
			d++
			continue
		}
		e := d
		for e+1 <= last && !cal.IsWorkDay(e+1) {
			e++
		}
		x0, x1 := g.x(schedule.At(d, 0)), g.x(schedule.At(e+1, 0))
		s.open("rect").str("class", "nonwork").str("data-date", d.Format("2006-01-02")).int("data-days", int(e-d)+1).
			px("x", x0).px("y", y).px("width", x1-x0).px("height", h).str("fill", ColorNonWorking).done()
		d = e + 1
	}
	s.closeTag("g")
}

// defaultCalendar compiles the project's default calendar as Compute does: the
// built-in five-day calendar when the network has none, the only calendar when
// no default is named. It returns nil when there is none to choose.
func (g *gantt) defaultCalendar() (*schedule.CompiledCalendar, error) {
	cals := g.net.Calendars
	if len(cals) == 0 {
		cals = []schedule.Calendar{schedule.StandardFiveDay()}
	}
	id := g.net.Project.DefaultCalendar
	if id == "" {
		if len(cals) != 1 {
			return nil, nil
		}
		id = cals[0].ID
	}
	return schedule.Compile(id, cals...)
}

// drawHeader draws the two rows of the time axis, the grid lines through the
// body, and the heading of the label column.
func (g *gantt) drawHeader(s *svg) {
	s.open("g").str("class", "axis time").end().raw("\n")
	s.open("rect").str("class", "header").px("x", 0).px("y", g.headerTop()).px("width", g.width).
		px("height", 2*pixels(headerRowHeight)).str("fill", "#f2f2f2").done()
	s.open("text").str("class", "heading").px("x", pixels(6)).px("y", g.headerSplit()+pixels(13)).
		str("fill", ColorText).str("font-weight", "bold").textBody("Activity")
	if up, ok := upper(g.scale); ok {
		step := 1
		if up == ScaleYears && g.scale == ScaleYears {
			step = g.step
		}
		g.tier(s, up, step, g.headerTop(), g.headerSplit(), false, upperLabel)
	}
	g.tier(s, g.scale, g.step, g.headerSplit(), g.top, true, unitLabel)
	s.open("line").str("class", "axis").px("x1", g.left).px("y1", g.headerTop()).px("x2", g.left).
		px("y2", g.bodyBottom()).str("stroke", ColorAxis).done()
	s.open("line").str("class", "axis").px("x1", 0).px("y1", g.top).px("x2", g.width).
		px("y2", g.top).str("stroke", ColorAxis).done()
	s.closeTag("g")
}

// tier draws the units of scale sc between y0 and y1: a tick at each unit's
// start, and its label where it fits (centred in the lower row, at the left in
// the upper). With grid, the ticks run on through the body as grid lines.
func (g *gantt) tier(s *svg, sc Scale, step int, y0, y1 px, grid bool, label func(Scale, date.Date) string) {
	fs := g.fontPx()
	bottom := g.bodyBottom()
	for d := unitStart(sc, g.t0.Date(), step); schedule.At(d, 0) < g.t1; {
		next := nextUnit(sc, d, step)
		t := schedule.At(d, 0)
		xa, xb := g.x(t), g.x(schedule.At(next, 0))
		if t > g.t0 {
			s.open("line").str("class", "tick").px("x1", xa).px("y1", y0).px("x2", xa).px("y2", y1).
				str("stroke", ColorGrid).done()
			if grid && bottom > y1 {
				s.open("line").str("class", "grid").px("x1", xa).px("y1", y1).px("x2", xa).px("y2", bottom).
					str("stroke", ColorGrid).done()
			}
		}
		text := label(sc, d)
		tw := textWidth(text, fs)
		if tw+pixels(4) <= xb-xa {
			x := xa + pixels(4)
			anchor := "start"
			if grid {
				x, anchor = (xa+xb)/2, "middle"
			}
			s.open("text").str("class", "tick-label").str("data-date", d.Format("2006-01-02")).
				px("x", x).px("y", y0+pixels(13)).str("text-anchor", anchor).str("fill", ColorText).textBody(text)
		}
		d = next
	}
}

// percentDone returns an activity's progress in tenths of a per cent: 100% once
// it has an actual finish, else its percent complete, else what its remaining
// duration leaves of its duration once it has started.
func percentDone(a *schedule.Activity) int64 {
	switch {
	case a.ActualFinish != 0:
		return 1000
	case a.PercentComplete > 0:
		return min(max(int64(math.Round(a.PercentComplete*10)), 0), 1000)
	case a.ActualStart != 0 && a.Duration > 0 && a.RemainingDuration >= 0 && a.RemainingDuration <= a.Duration:
		return mulDivRound(a.Duration-a.RemainingDuration, 1000, a.Duration)
	}
	return 0
}

// days formats working minutes as days of mpd minutes, to the tenth: "3d",
// "-1.5d".
func days(m, mpd int64) string {
	if mpd <= 0 {
		mpd = 480
	}
	t := mulDivRound(m, 10, mpd)
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	s := sign + strconv.FormatInt(t/10, 10)
	if t%10 != 0 {
		s += "." + strconv.FormatInt(t%10, 10)
	}
	return s + "d"
}

func (g *gantt) drawRow(s *svg, i int, r row) {
	a := &g.net.Activities[r.act]
	res := &g.res.Activities[r.act]
	mpd := int64(480)
	if int(r.act) < len(g.res.MinutesPerDay) {
		mpd = g.res.MinutesPerDay[r.act]
	}
	y := g.rowY(i)
	s.open("g").str("class", "row").str("data-id", a.ID).int("data-row", g.opts.Offset+i).
		int("data-depth", int(r.depth)).end().raw("\n")

	// Tooltip: id, name, dates, float.
	tip := a.ID
	if a.Name != "" {
		tip += " " + a.Name
	}
	tip += ": " + res.EarlyStart.String() + " – " + res.EarlyFinish.String()
	if a.Kind != schedule.WBSSummary {
		tip += ", total float " + days(res.TotalFloat, mpd)
		if res.Critical {
			tip += ", critical"
		}
	}
	s.title(tip)

	// Label.
	fs := g.fontPx()
	lx := pixels(6) + pixels(indentPerLevel)*px(r.depth-1)
	label := a.ID
	if a.Name != "" {
		label += " " + a.Name
	}
	if r.collapsed {
		label = "▸ " + label
	}
	label = truncate(label, g.left-lx-pixels(6), fs)
	if label != "" {
		s.open("text").str("class", "label").str("data-id", a.ID).px("x", lx).px("y", y+g.textBase()).
			str("fill", ColorText)
		if a.Kind == schedule.WBSSummary {
			s.str("font-weight", "bold")
		}
		s.textBody(label)
	}

	es, ef := res.EarlyStart, res.EarlyFinish
	dated := es != 0 && ef != 0 && ef >= es
	inWindow := dated && ef >= g.t0 && es <= g.t1
	bt, bh := y+g.barTop(), g.barHeight()

	switch a.Kind {
	case schedule.WBSSummary:
		if inWindow {
			g.drawSummary(s, a.ID, r.collapsed, g.x(es), g.x(ef), bt, bh)
		}
	case schedule.StartMilestone, schedule.FinishMilestone:
		g.drawFloat(s, a, res, bt, bh)
		g.drawBaseline(s, a, y, true)
		if inWindow {
			cls := "milestone"
			fill := ColorNormal
			if res.Critical {
				cls, fill = "milestone critical", ColorCritical
			}
			g.diamond(s, cls, a.ID, g.x(es), bt+bh/2, bh*60/100, fill)
		}
	default:
		g.drawFloat(s, a, res, bt, bh)
		g.drawBaseline(s, a, y, false)
		if inWindow {
			x0, x1 := g.x(es), g.x(ef)
			cls, fill := "bar", ColorNormal
			if res.Critical {
				cls, fill = "bar critical", ColorCritical
			}
			if a.Kind == schedule.LevelOfEffort {
				cls += " loe"
			}
			s.open("rect").str("class", cls).str("data-id", a.ID).px("x", x0).px("y", bt).
				px("width", x1-x0).px("height", bh).str("fill", fill).done()
			if pct := percentDone(a); pct > 0 {
				// The share of the whole bar's duration, so clipping cannot change it.
				full1 := g.left + px(mulDivRound(int64(ef-g.t0), g.ppd, schedule.MinutesPerDay))
				full0 := g.left + px(mulDivRound(int64(es-g.t0), g.ppd, schedule.MinutesPerDay))
				pe := min(full0+(full1-full0).scale(pct, 1000), x1)
				if pe > x0 {
					s.open("rect").str("class", "progress").str("data-id", a.ID).
						str("data-percent", strconv.FormatFloat(float64(pct)/10, 'f', -1, 64)).
						px("x", x0).px("y", bt+bh/4).px("width", pe-x0).px("height", bh/2).
						str("fill", ColorProgress).str("fill-opacity", "0.45").done()
				}
			}
		}
	}
	s.closeTag("g")
}

// drawFloat draws the total float bar from early finish to late finish.
func (g *gantt) drawFloat(s *svg, a *schedule.Activity, res *schedule.ActivityResult, bt, bh px) {
	if g.opts.HideFloat || res.TotalFloat <= 0 || res.LateFinish <= res.EarlyFinish || res.EarlyFinish == 0 ||
		res.LateFinish < g.t0 || res.EarlyFinish > g.t1 {
		return
	}
	x0, x1 := g.x(res.EarlyFinish), g.x(res.LateFinish)
	s.open("rect").str("class", "float").str("data-id", a.ID).px("x", x0).px("y", bt+bh*30/100).
		px("width", x1-x0).px("height", bh*40/100).str("fill", ColorFloat).done()
}

// drawBaseline draws the thin baseline bar, or a small diamond for a milestone.
func (g *gantt) drawBaseline(s *svg, a *schedule.Activity, y px, milestone bool) {
	b, ok := g.opts.Baseline[a.ID]
	if !ok || b.Start == 0 {
		return
	}
	fin := b.Finish
	if fin == 0 {
		fin = b.Start
	}
	if fin < g.t0 || b.Start > g.t1 {
		return
	}
	bt, bh := y+g.baseTop(), g.baseHeight()
	if milestone {
		g.diamond(s, "baseline", a.ID, g.x(b.Start), bt+bh/2, bh, ColorBaseline)
		return
	}
	x0, x1 := g.x(b.Start), g.x(fin)
	s.open("rect").str("class", "baseline").str("data-id", a.ID).px("x", x0).px("y", bt).
		px("width", x1-x0).px("height", bh).str("fill", ColorBaseline).done()
}

// diamond draws a diamond centred on (cx, cy) with half-diagonal r.
func (g *gantt) diamond(s *svg, class, id string, cx, cy, r px, fill string) {
	s.open("path").str("class", class).str("data-id", id).raw(` d="M`)
	s.b = appendPx(s.b, cx)
	s.b = append(s.b, ',')
	s.b = appendPx(s.b, cy-r)
	s.b = append(s.b, 'L')
	s.b = appendPx(s.b, cx+r)
	s.b = append(s.b, ',')
	s.b = appendPx(s.b, cy)
	s.b = append(s.b, 'L')
	s.b = appendPx(s.b, cx)
	s.b = append(s.b, ',')
	s.b = appendPx(s.b, cy+r)
	s.b = append(s.b, 'L')
	s.b = appendPx(s.b, cx-r)
	s.b = append(s.b, ',')
	s.b = appendPx(s.b, cy)
	s.b = append(s.b, "Z\""...)
	s.str("fill", fill).done()
}

// drawSummary draws a summary bar: a band with pointed ends hanging below it.
func (g *gantt) drawSummary(s *svg, id string, collapsed bool, x0, x1, top, h px) {
	cls := "summary"
	if collapsed {
		cls = "summary collapsed"
	}
	band := h * 50 / 100
	tip := min(h*40/100, (x1-x0)/2)
	s.open("path").str("class", cls).str("data-id", id).raw(` d="M`)
	pt := func(x, y px) {
		s.b = appendPx(s.b, x)
		s.b = append(s.b, ',')
		s.b = appendPx(s.b, y)
	}
	pt(x0, top)
	s.b = append(s.b, 'L')
	pt(x1, top)
	s.b = append(s.b, 'L')
	pt(x1, top+band+tip)
	s.b = append(s.b, 'L')
	pt(x1-tip, top+band)
	s.b = append(s.b, 'L')
	pt(x0+tip, top+band)
	s.b = append(s.b, 'L')
	pt(x0, top+band+tip)
	s.b = append(s.b, "Z\""...)
	s.str("fill", ColorSummary).done()
}

var linkClass = [...]string{"link fs", "link ss", "link ff", "link sf"}

// drawLinks draws the links whose two activities are both on the page, as
// elbows from the predecessor's start or finish to the successor's.
func (g *gantt) drawLinks(s *svg) {
	s.open("g").str("class", "links").str("fill", "none").end().raw("\n")
	for k := range g.net.Links {
		l := &g.net.Links[k]
		p, ok1 := g.index[l.Pred]
		q, ok2 := g.index[l.Succ]
		if !ok1 || !ok2 || l.Type > schedule.SF {
			continue
		}
		rp, rq := g.rowOf[p], g.rowOf[q]
		if rp < 0 || rq < 0 || rp == rq {
			continue
		}
		ap, aq := &g.res.Activities[p], &g.res.Activities[q]
		if ap.EarlyStart == 0 || aq.EarlyStart == 0 {
			continue
		}
		var x1, x2, xm px
		off := pixels(linkOffset)
		switch l.Type {
		case schedule.FS:
			x1, x2 = g.x(ap.EarlyFinish), g.x(aq.EarlyStart)
			xm = x1 + off
		case schedule.SS:
			x1, x2 = g.x(ap.EarlyStart), g.x(aq.EarlyStart)
			xm = min(x1, x2) - off
		case schedule.FF:
			x1, x2 = g.x(ap.EarlyFinish), g.x(aq.EarlyFinish)
			xm = max(x1, x2) + off
		case schedule.SF:
			x1, x2 = g.x(ap.EarlyStart), g.x(aq.EarlyFinish)
			xm = x1 - off
		}
		y1, y2 := g.midY(int(rp)), g.midY(int(rq))
		cls, stroke := linkClass[l.Type], ColorLink
		if g.res.Driving[k] {
			cls, stroke = cls+" driving", ColorDrivingLink
		}
		s.open("path").str("class", cls).str("data-pred", l.Pred).str("data-succ", l.Succ).raw(` d="M`)
		s.b = appendPx(s.b, x1)
		s.b = append(s.b, ',')
		s.b = appendPx(s.b, y1)
		s.b = append(s.b, 'H')
		s.b = appendPx(s.b, xm)
		s.b = append(s.b, 'V')
		s.b = appendPx(s.b, y2)
		s.b = append(s.b, 'H')
		s.b = appendPx(s.b, x2)
		s.b = append(s.b, '"')
		s.str("stroke", stroke).str("marker-end", "url(#lanyan-arrow)").done()
	}
	s.closeTag("g")
}
