package cost

import (
	"fmt"
	"math/bits"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Phasing says how budgets are time-phased (时间分布).
type Phasing struct {
	// Granularity is the length of the periods; required.
	Granularity Granularity `json:"granularity"`
	// From and To, when set, widen the periods to cover these days too; the
	// periods always cover the baseline's dates.
	From date.Date `json:"from,omitzero"`
	To   date.Date `json:"to,omitzero"`
}

// Spread is the time-phased budget of a baseline: each package's budget split
// over periods.
//
// A package's budget is spread over the working time of its activities on their
// calendars, by its [Curve]: the curve runs over the package's working time, the
// working minutes of all its activities added together (so a linear curve gives
// each activity a share in proportion to its working time, and each period a
// share in proportion to the working minutes in it). The exact amount of each
// period is rounded to the cent by largest remainder: every period gets the
// floor of its exact share, and the cents left over go one each to the periods
// with the largest remainders, the earliest first on a tie. So a package's
// amounts sum to its budget exactly: 1,000.00 over three working days is
// 333.34, 333.33, 333.33.
//
// A package whose activities have no working time (milestones) splits its budget
// evenly over them (largest remainder, the earlier activity first on a tie), each
// share on the day of its activity's finish; a finish at 00:00 counts to the day
// before, as a finish at 24:00 would. A milestone in a package that also has work
// gets no share of its own.
type Spread struct {
	// Granularity is the length of the periods.
	Granularity Granularity
	// Periods are the periods, consecutive, covering every package's amounts.
	Periods []Period
	p       *phased
}

// SpreadBudgets time-phases the baseline's budgets over the breakdown's
// packages. It fails, naming the record and field, when the breakdown or the
// baseline is invalid: a package covering an activity the baseline does not
// date (`work package "WP1": activities[0]: activity "A9" is not in baseline 0`),
// a budget that is negative or has a fraction of a cent, a bad curve, an
// activity finishing before it starts, an unknown calendar.
func SpreadBudgets(b *Breakdown, bl *Baseline, ph Phasing) (*Spread, error) {
	p, err := preparePlan(b, bl)
	if err != nil {
		return nil, err
	}
	from, to := p.span()
	from, to = widen(from, to, ph.From)
	from, to = widen(from, to, ph.To)
	gr, err := newGrid(ph.Granularity, from, to)
	if err != nil {
		return nil, err
	}
	return &Spread{Granularity: ph.Granularity, Periods: gr.periods(), p: p.phase(gr)}, nil
}

// widen extends [from, to] to hold d, when d is set. An empty range
// (to < from) becomes [d, d].
func widen(from, to, d date.Date) (date.Date, date.Date) {
	switch {
	case d == 0:
	case to < from:
		from, to = d, d
	default:
		from, to = min(from, d), max(to, d)
	}
	return from, to
}

// Amounts returns the amounts of a package, one per period of Periods, and
// false if the spread has no such package.
func (s *Spread) Amounts(pkg string) ([]decimal.Decimal, bool) {
	i, ok := s.p.t.index[pkg]
	if !ok || !s.p.t.b.Elements[i].Kind.isPackage() {
		return nil, false
	}
	out := make([]decimal.Decimal, len(s.Periods))
	first, amt := s.p.amounts(i)
	for k := range out {
		j := k - first
		if j >= 0 && j < len(amt) {
			out[k] = money(amt[j])
		} else {
			out[k] = decimal.New(0, -2)
		}
	}
	return out, true
}

// Totals returns the amounts of all packages together, one per period.
func (s *Spread) Totals() []decimal.Decimal {
	sum := make([]int64, len(s.Periods))
	s.p.addAll(sum)
	out := make([]decimal.Decimal, len(sum))
	for k, c := range sum {
		out[k] = money(c)
	}
	return out
}

// Total returns the sum of all amounts: the sum of the baseline's budgets of the
// breakdown's packages, exactly.
func (s *Spread) Total() decimal.Decimal {
	var sum int64
	for _, c := range s.p.amt {
		sum += c
	}
	return money(sum)
}

// actSpan is one activity of a package, on its calendar: it starts at working
// minute ws and lasts d working minutes.
type actSpan struct {
	cal           *schedule.CompiledCalendar
	start, finish schedule.Instant
	ws, d         int64
}

// maxWork bounds a package's working time (minutes) so that the curve
// arithmetic stays within 64 bits: some 1.9 million years.
const maxWork = 1_000_000_000_000

// plan is a breakdown with a baseline's budgets and dates, checked and indexed.
type plan struct {
	t       *tree
	bl      *Baseline
	summary BudgetSummary // the baseline's
	budget  []int64       // per element; zero for control accounts
	// The spans of package i's activities are acts[actOff[i]:actOff[i+1]]; none
	// for a package the baseline does not budget.
	actOff []int32
	acts   []actSpan
	work   []int64 // per element: its activities' working minutes together
}

// preparePlan checks b and bl together and indexes them.
func preparePlan(b *Breakdown, bl *Baseline) (*plan, error) {
	if b == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "breakdown", "", "is nil")
	}
	if bl == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "baseline", "", "is nil")
	}
	if bl.Number < 0 || bl.Number > MaxBaseline {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), "number", "must be 0 to %d", MaxBaseline)
	}
	t, err := newTree(b)
	if err != nil {
		return nil, err
	}
	if _, err := budgetSummary("breakdown", 0, b.UndistributedBudget, b.ManagementReserve); err != nil {
		return nil, err
	}
	for _, i := range t.packages {
		e := &b.Elements[i]
		if _, err := nonNegativeCents(e.Budget, e.record, "budget"); err != nil {
			return nil, err
		}
	}
	summary, err := bl.Summary()
	if err != nil {
		return nil, err
	}
	budget, err := bl.budgetsFor(t)
	if err != nil {
		return nil, err
	}
	inBaseline := make([]bool, len(b.Elements))
	for _, pb := range bl.Budgets {
		inBaseline[t.index[pb.Package]] = true
	}
	p := &plan{t: t, bl: bl, summary: summary, budget: budget, actOff: make([]int32, len(b.Elements)+1), work: make([]int64, len(b.Elements))}
	if err := p.checkApportioned(); err != nil {
		return nil, err
	}

	acts := make(map[string]int32, len(bl.Activities))
	for k := range bl.Activities {
		a := &bl.Activities[k]
		if a.ID == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), fmt.Sprintf("activities[%d].id", k), "is empty")
		}
		if _, dup := acts[a.ID]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), fmt.Sprintf("activities[%d].id", k), "repeats activity %q", a.ID)
		}
		acts[a.ID] = int32(k)
	}
	cals := map[string]*schedule.CompiledCalendar{}
	calendar := func(k int32) (*schedule.CompiledCalendar, error) {
		a := &bl.Activities[k]
		id := a.Calendar
		if id == "" {
			id = bl.DefaultCalendar
		}
		if c, ok := cals[id]; ok {
			return c, nil
		}
		c, err := schedule.Compile(id, bl.Calendars...)
		if err != nil {
			return nil, &lanyan.Error{Code: lanyan.CodeOf(err), Record: bl.activityRecord(a.ID),
				Field: "calendar", Message: fmt.Sprintf("calendar %q", id), Err: err}
		}
		cals[id] = c
		return c, nil
	}
	nacts := 0
	for _, i := range t.packages {
		if inBaseline[i] {
			nacts += len(b.Elements[i].Activities)
		}
	}
	p.acts = make([]actSpan, 0, nacts)
	for i := range b.Elements {
		p.actOff[i+1] = p.actOff[i]
		e := &b.Elements[i]
		if !inBaseline[i] {
			continue
		}
		var work int64
		for k, id := range e.Activities {
			j, ok := acts[id]
			if !ok {
				return nil, lanyan.Errorf(lanyan.CodeNotFound, e.record(), fmt.Sprintf("activities[%d]", k), "activity %q is not in %s", id, bl.record())
			}
			a := &bl.Activities[j]
			if a.Start == 0 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.activityRecord(a.ID), "start", "is not set")
			}
			if a.Finish < a.Start {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.activityRecord(a.ID), "finish", "%s is before start %s", a.Finish, a.Start)
			}
			c, err := calendar(j)
			if err != nil {
				return nil, err
			}
			ws := c.W(a.Start)
			d := c.W(a.Finish) - ws
			if c.Overflowed() {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.activityRecord(a.ID), "finish", "is outside the years a calendar can represent")
			}
			work += d
			if work > maxWork {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "activities", "the working time of its activities is too long")
			}
			p.acts = append(p.acts, actSpan{cal: c, start: a.Start, finish: a.Finish, ws: ws, d: d})
		}
		p.work[i] = work
		p.actOff[i+1] = int32(len(p.acts))
	}
	return p, nil
}

// checkApportioned checks that each apportioned package's budget is its factor
// times its base's budget, rounded to the cent.
func (p *plan) checkApportioned() error {
	for _, i := range p.t.packages {
		r := &p.t.tech[i]
		if r.method != ApportionedEffort {
			continue
		}
		want := r.apportioned(p.budget[r.base])
		if p.budget[i] != want {
			e := &p.t.b.Elements[i]
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("%s, %s", p.bl.record(), e.record()), "budget",
				"%s is not factor %s × the budget of base %q, %s = %s", money(p.budget[i]), r.factor, e.Technique.Base, money(p.budget[r.base]), money(want))
		}
	}
	return nil
}

// spans returns the activity spans of element i.
func (p *plan) spans(i int32) []actSpan { return p.acts[p.actOff[i]:p.actOff[i+1]] }

// span returns the days of the baseline's budgeted work: from the first start to
// the last finish; to < from when there is none.
func (p *plan) span() (from, to date.Date) {
	from, to = 1, 0
	for _, i := range p.t.packages {
		for _, a := range p.spans(i) {
			from, to = widen(from, to, a.start.Date())
			from, to = widen(from, to, lastDay(a.finish))
		}
	}
	return from, to
}

// lastDay returns the day a finish instant ends: the day before for 00:00.
func lastDay(t schedule.Instant) date.Date { return (t - 1).Date() }

// workAt returns a package's working minutes done by instant t.
func workAt(spans []actSpan, t schedule.Instant) int64 {
	var w int64
	for k := range spans {
		a := &spans[k]
		x := a.cal.W(t) - a.ws
		w += min(max(x, 0), a.d)
	}
	return w
}

// phased holds every package's amounts, sparsely: package i's amounts are
// amt[off[i]:off[i+1]], for the periods first[i], first[i]+1, ….
type phased struct {
	*plan
	gr    *grid
	first []int32
	off   []int32
	amt   []int64
}

// amounts returns package i's first period and amounts.
func (ph *phased) amounts(i int32) (int, []int64) {
	return int(ph.first[i]), ph.amt[ph.off[i]:ph.off[i+1]]
}

// addAll adds every package's amounts into sum, one per period.
func (ph *phased) addAll(sum []int64) {
	for _, i := range ph.t.packages {
		first, amt := ph.amounts(i)
		for j, c := range amt {
			sum[first+j] += c
		}
	}
}

// phase spreads every package over the periods of gr, which must cover them.
func (p *plan) phase(gr *grid) *phased {
	n := len(p.t.b.Elements)
	ph := &phased{plan: p, gr: gr, first: make([]int32, n), off: make([]int32, n+1)}
	ph.amt = make([]int64, 0, 2*len(p.t.packages))
	var s spreader
	for i := range int32(n) {
		ph.off[i+1] = ph.off[i]
		if p.budget[i] == 0 {
			continue
		}
		first, amt := s.spread(gr, p.budget[i], p.t.curves[i], p.spans(i), p.work[i])
		ph.first[i] = int32(first)
		ph.amt = append(ph.amt, amt...)
		ph.off[i+1] = int32(len(ph.amt))
	}
	return ph
}

// spreader spreads one package at a time, reusing its buffers.
type spreader struct {
	amt  []int64
	rems []uint64
	ws   []uint64
}

// spread splits b > 0 cents of a package with curve c and activity spans over
// the periods of gr, returning the index of its first period and its amounts
// (valid until the next call).
func (s *spreader) spread(gr *grid, b int64, c *compiledCurve, spans []actSpan, work int64) (int, []int64) {
	if work == 0 {
		return s.milestones(gr, b, spans)
	}
	start, finish := schedule.Instant(0), schedule.Instant(0)
	for _, a := range spans {
		if a.d > 0 && (finish == 0 || a.start < start) {
			start = a.start
		}
		if a.d > 0 {
			finish = max(finish, a.finish)
		}
	}
	k0, k1 := gr.of(start.Date()), gr.of(lastDay(finish))
	np := k1 - k0 + 1
	s.amt, s.rems = grow(s.amt, np), growU(s.rems, np)
	q := uint64(work) * curveFull
	var prev uint64
	var given int64
	for k := range np {
		w := work
		if k < np-1 {
			w = workAt(spans, gr.boundary(k0+k+1))
		}
		n := c.at(w, work)
		hi, lo := bits.Mul64(uint64(b), n-prev)
		a, r := bits.Div64(hi, lo, q)
		s.amt[k], s.rems[k] = int64(a), r
		given += int64(a)
		prev = n
	}
	largestRemainder(s.amt[:np], s.rems[:np], b-given)
	return trim(k0, s.amt[:np])
}

// milestones splits b evenly over spans, each share on its finish day.
func (s *spreader) milestones(gr *grid, b int64, spans []actSpan) (int, []int64) {
	s.ws = growU(s.ws, len(spans))
	for k := range spans {
		s.ws[k] = 1
	}
	parts := splitByWeights(b, s.ws[:len(spans)])
	k0, k1 := gr.of(lastDay(spans[0].finish)), gr.of(lastDay(spans[0].finish))
	for _, a := range spans[1:] {
		k := gr.of(lastDay(a.finish))
		k0, k1 = min(k0, k), max(k1, k)
	}
	np := k1 - k0 + 1
	s.amt = grow(s.amt, np)
	clear(s.amt[:np])
	for k, a := range spans {
		s.amt[gr.of(lastDay(a.finish))-k0] += parts[k]
	}
	return trim(k0, s.amt[:np])
}

// trim drops the zero amounts at either end.
func trim(first int, amt []int64) (int, []int64) {
	for len(amt) > 0 && amt[0] == 0 {
		amt = amt[1:]
		first++
	}
	for len(amt) > 0 && amt[len(amt)-1] == 0 {
		amt = amt[:len(amt)-1]
	}
	return first, amt
}

// plannedAt returns the planned value (cents) of package i by the end of day d:
// the exact cumulative amount of its curve, rounded half up to the cent.
func (p *plan) plannedAt(i int32, d date.Date) int64 {
	b := p.budget[i]
	if b == 0 {
		return 0
	}
	spans := p.spans(i)
	work := p.work[i]
	if work == 0 {
		var ones []uint64
		for range spans {
			ones = append(ones, 1)
		}
		parts := splitByWeights(b, ones)
		var pv int64
		for k, a := range spans {
			if lastDay(a.finish) <= d {
				pv += parts[k]
			}
		}
		return pv
	}
	n := p.t.curves[i].at(workAt(spans, schedule.At(d+1, 0)), work)
	return share(b, ratio{n, uint64(work) * curveFull})
}

func grow(s []int64, n int) []int64 {
	if cap(s) < n {
		return make([]int64, n, 2*n)
	}
	return s[:n]
}

func growU(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n, 2*n)
	}
	return s[:n]
}
