package chart

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
)

// StackField is the field of a labour group's key that [LabourBars] stacks by.
type StackField uint8

// The fields to stack by. The zero value stacks by team.
const (
	StackByTeam          StackField = iota // GroupKey.Team (班组)
	StackByTrade                           // GroupKey.Trade (工种)
	StackBySubcontractor                   // GroupKey.Subcontractor (分包单位)
	StackByCostCode                        // GroupKey.CostCode
	StackByWorker                          // GroupKey.Worker
	StackByProject                         // GroupKey.Project
)

var stackFieldNames = [...]string{"team", "trade", "subcontractor", "costCode", "worker", "project"}

// String returns the field's name as in labour.GroupKey's JSON: "team",
// "trade", "subcontractor", "costCode", "worker" or "project".
func (f StackField) String() string {
	if int(f) < len(stackFieldNames) {
		return stackFieldNames[f]
	}
	return "stackField(" + strconv.Itoa(int(f)) + ")"
}

func (f StackField) of(k *labour.GroupKey) string {
	switch f {
	case StackByTrade:
		return k.Trade
	case StackBySubcontractor:
		return k.Subcontractor
	case StackByCostCode:
		return k.CostCode
	case StackByWorker:
		return k.Worker
	case StackByProject:
		return k.Project
	}
	return k.Team
}

// Measure is the quantity [LabourBars] draws.
type Measure uint8

// The measures. The zero value draws work-days.
const (
	MeasureWorkDays Measure = iota // labour.Group.WorkDays (工日)
	MeasureAmount                  // labour.Group.Amount, money
)

// String returns "workDays" or "amount".
func (m Measure) String() string {
	switch m {
	case MeasureWorkDays:
		return "workDays"
	case MeasureAmount:
		return "amount"
	}
	return "measure(" + strconv.Itoa(int(m)) + ")"
}

// LabourBarsOptions say how [LabourBars] draws. The zero value draws work-days
// stacked by team, 800×400 pixels.
type LabourBarsOptions struct {
	// Title is drawn above the chart; empty draws none.
	Title string
	// Width and Height of the chart in pixels; zero means 800 and 400.
	Width, Height int
	// StackBy is the key field the bars are stacked by.
	StackBy StackField
	// Measure is what the bars measure: work-days or amount.
	Measure Measure
	// Period is the time grouping the groups were aggregated by
	// (labour.GroupBy.Period). With ByDay, ByWeek or ByMonth the periods between
	// the first and the last get a slot even when they have no slips, and are
	// labelled "2025-03-03", "2025-W10" or "2025-03"; with AllTime the groups'
	// periods are labelled by their first day, or "Total" when not set.
	Period labour.Period
	// FormatMoney formats amounts, given the decimal places the axis step
	// needs; nil means [FormatAmount].
	FormatMoney func(v decimal.Decimal, places int32) string
}

// maxSlots bounds the periods of a labour chart.
const maxSlots = 10_000

// LabourBars draws labour groups ([labour.Aggregate]) as stacked bars on w:
// one bar per period, stacked by opts.StackBy, measuring work-days or amount.
// Groups with the same period and stack (grouped by more fields than these)
// are added up. Stacks are ordered by name, bottom to top, and take the colours
// of [PaletteColor] in that order; an empty name is shown as "(none)". Each
// segment is a <rect class="bar" data-stack=… data-period=… data-value=…>; each
// bar's total is written above it where it fits (class "total"). No groups give
// a valid empty chart.
//
// A nil w, bad options, or more than 10,000 periods give a *lanyan.Error and
// write nothing.
func LabourBars(w io.Writer, groups []labour.Group, opts LabourBarsOptions) error {
	if w == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "labour bars", "writer", "is nil")
	}
	width, height, err := checkSize(opts.Width, opts.Height, defaultValueWidth, 400)
	if err != nil {
		return err
	}
	if opts.StackBy > StackByProject {
		return invalidOption("stackBy", "unknown field %d", opts.StackBy)
	}
	if opts.Measure > MeasureAmount {
		return invalidOption("measure", "unknown measure %d", opts.Measure)
	}
	if opts.Period > labour.ByMonth {
		return invalidOption("period", "unknown period %d", opts.Period)
	}

	// Slots (periods) and stacks.
	var days []date.Date
	var stacks []string
	for i := range groups {
		days = append(days, groups[i].Key.Period)
		stacks = append(stacks, opts.StackBy.of(&groups[i].Key))
	}
	slices.Sort(days)
	days = slices.Compact(days)
	slices.Sort(stacks)
	stacks = slices.Compact(stacks)
	if len(days) > 1 && opts.Period != labour.AllTime {
		var all []date.Date
		for d := days[0]; d <= days[len(days)-1] && len(all) <= maxSlots; d = nextPeriod(opts.Period, d) {
			all = append(all, d)
		}
		days = append(all, days...)
		slices.Sort(days)
		days = slices.Compact(days)
	}
	if len(days) > maxSlots {
		return invalidOption("period", "the groups span more than %d periods", maxSlots)
	}
	slot := make(map[date.Date]int, len(days))
	for j, d := range days {
		slot[d] = j
	}
	stackIx := make(map[string]int, len(stacks))
	for k, st := range stacks {
		stackIx[st] = k
	}
	vals := make([][]decimal.Decimal, len(days))
	for j := range vals {
		vals[j] = make([]decimal.Decimal, len(stacks))
	}
	for i := range groups {
		g := &groups[i]
		v := g.WorkDays
		if opts.Measure == MeasureAmount {
			v = g.Amount
		}
		j, k := slot[g.Key.Period], stackIx[opts.StackBy.of(&g.Key)]
		vals[j][k] = vals[j][k].Add(v)
	}
	totals := make([]decimal.Decimal, len(days))
	hi := decimal.Zero
	for j := range vals {
		for _, v := range vals[j] {
			if v.IsPositive() {
				totals[j] = totals[j].Add(v)
			}
		}
		hi = decimal.Max(hi, totals[j])
	}

	format := moneyFormat(opts.FormatMoney)
	minStep := decimal.New(5, -1)
	unit := "work-days"
	if opts.Measure == MeasureAmount {
		minStep, unit = decimal.New(1, -2), "amount"
	} else {
		format = func(v decimal.Decimal, places int32) string { return formatNumber(v, places) }
	}
	f := newFrame(width, height, opts.Title)
	s := newSVG(w)
	name := opts.Title
	if name == "" {
		name = "Labour " + unit + " by " + opts.StackBy.String()
	}
	f.begin(s, "lanyan-chart labour-bars", name, opts.Title, func(r *svg) {
		r.str("data-stack-by", opts.StackBy.String()).str("data-measure", opts.Measure.String()).
			int("data-periods", len(days)).int("data-stacks", len(stacks))
	})
	if len(groups) == 0 {
		f.emptyMessage(s, "No labour recorded")
		s.closeTag("svg")
		return s.close()
	}
	items := make([]legendItem, len(stacks))
	for k, st := range stacks {
		items[k] = legendItem{key: st, label: stackLabel(st), color: PaletteColor(k), swatch: true}
	}
	f.legend(s, items)
	ay := newValueAxis(decimal.Zero, hi, 5, minStep, f.top, f.bottom)
	f.yAxis(s, ay, format)

	n := int64(len(days))
	plotW := int64(f.right - f.left)
	slotX := func(j int) px { return f.left + px(mulDivRound(int64(j), plotW, n)) }
	fs := pixels(fontSize)
	labels := make([]string, len(days))
	var widest px
	for j, d := range days {
		labels[j] = periodLabel(opts.Period, d)
		widest = max(widest, textWidth(labels[j], fs))
	}
	avg := px(plotW / n)
	every := 1
	if avg > 0 {
		every = max(1, int((widest+pixels(10)+avg-1)/avg))
	}
	s.open("g").str("class", "axis x").end().raw("\n")
	for j := range days {
		if j%every != 0 {
			continue
		}
		x0, x1 := slotX(j), slotX(j+1)
		s.open("text").str("class", "tick-label").str("data-period", labels[j]).px("x", (x0+x1)/2).
			px("y", f.bottom+pixels(17)).str("text-anchor", "middle").str("fill", ColorText).textBody(labels[j])
	}
	s.closeTag("g")

	s.open("g").str("class", "bars").end().raw("\n")
	places := int32(1)
	if opts.Measure == MeasureAmount {
		places = 2
	}
	for j := range days {
		x0, x1 := slotX(j), slotX(j+1)
		bw := (x1 - x0) * 70 / 100
		bx := x0 + (x1-x0-bw)/2
		cum := decimal.Zero
		for k, st := range stacks {
			v := vals[j][k]
			if !v.IsPositive() {
				continue
			}
			yb := ay.y(cum)
			cum = cum.Add(v)
			yt := ay.y(cum)
			s.open("rect").str("class", "bar").str("data-stack", st).str("data-period", labels[j]).
				str("data-value", v.String()).px("x", bx).px("y", yt).px("width", bw).px("height", yb-yt).
				str("fill", PaletteColor(k)).done()
		}
		if totals[j].IsPositive() {
			t := format(totals[j], places)
			if opts.Measure == MeasureWorkDays {
				t = formatNumber(totals[j], trimmedPlaces(totals[j]))
			}
			if textWidth(t, fs) <= x1-x0 {
				s.open("text").str("class", "total").str("data-period", labels[j]).px("x", (x0+x1)/2).
					px("y", ay.y(totals[j])-pixels(4)).str("text-anchor", "middle").str("fill", ColorText).textBody(t)
			}
		}
	}
	s.closeTag("g")
	s.closeTag("svg")
	return s.close()
}

// trimmedPlaces returns the decimal places v has without trailing zeros.
func trimmedPlaces(v decimal.Decimal) int32 {
	str := v.String()
	if i := strings.IndexByte(str, '.'); i >= 0 {
		return int32(len(str) - i - 1)
	}
	return 0
}

func stackLabel(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// nextPeriod returns the first day of the period after the one starting on d.
func nextPeriod(p labour.Period, d date.Date) date.Date {
	switch p {
	case labour.ByWeek:
		return d + 7
	case labour.ByMonth:
		y, m, _ := d.Date()
		return date.New(y, m+1, 1)
	}
	return d + 1
}

// periodLabel labels the period of grouping p starting on d.
func periodLabel(p labour.Period, d date.Date) string {
	switch {
	case d == 0:
		return "Total"
	case p == labour.ByWeek:
		y, w := d.ISOWeek()
		return strconv.Itoa(y) + "-W" + twoDigits(w)
	case p == labour.ByMonth:
		return d.Format("2006-01")
	}
	return d.Format("2006-01-02")
}
