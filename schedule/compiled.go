package schedule

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/rickb777/date/v2"
)

// CompiledCalendar answers working-time questions in O(1): it keeps, for a horizon
// of days, the cumulative working minutes at the start of each day, and an index
// from working minutes back to days. The horizon extends itself (doubling) when a
// question falls outside it. It is safe for concurrent use: readers load an
// immutable table; an extension builds a new one and swaps it in.
//
// Working time is measured by W(t), the working minutes from a fixed anchor to t
// (negative before the anchor). Every method is a few array look-ups on W.
type CompiledCalendar struct {
	id         string
	minutesDay int64
	patterns   [][]Period // distinct day patterns; index 0 is the non-working day
	patCum     [][]int64  // patCum[p][k] = work in pattern p before period k; last = day total
	week       [7]int32   // pattern per weekday (time.Weekday)
	exceptions map[date.Date]int32
	excDays    []date.Date // exception days, ascending, for building tables
	excPat     []int32     // the pattern of each of excDays
	anchor     date.Date
	minDayWork int64 // least positive working minutes of any pattern

	mu       sync.Mutex
	tab      atomic.Pointer[calTable]
	overflow atomic.Bool
}

// calTable covers the days [first, first+len(pat)).
type calTable struct {
	first date.Date
	pat   []int32 // pattern of each day
	cum   []int64 // cum[i] = W at the start of day first+i; len(pat)+1 entries
	wd    []int32 // offsets of the working days, ascending
	g     int64   // bucket width in working minutes
	bkt   []int32 // bkt[b] = index into wd of the day holding working minute cum[0]+b*g
}

// Limits of the horizon: schedules must stay within years 2 to 9998.
var (
	minDay = date.New(2, 1, 1)
	maxDay = date.New(9998, 12, 31)
)

// newCompiled compiles a resolved calendar with its first table around day around
// (the table grows from there as questions need).
func newCompiled(id string, r *resolved, around date.Date) *CompiledCalendar {
	c := &CompiledCalendar{id: id, minutesDay: r.minutesDay, exceptions: map[date.Date]int32{}}
	c.patterns = [][]Period{nil}
	c.patCum = [][]int64{{0}}
	key := map[string]int32{"": 0}
	intern := func(ps []Period) int32 {
		k := fmt.Sprint(ps)
		if len(ps) == 0 {
			k = ""
		}
		if i, ok := key[k]; ok {
			return i
		}
		i := int32(len(c.patterns))
		key[k] = i
		c.patterns = append(c.patterns, ps)
		cum := make([]int64, len(ps)+1)
		for j, p := range ps {
			cum[j+1] = cum[j] + int64(p.End-p.Start)
		}
		c.patCum = append(c.patCum, cum)
		return i
	}
	for d := range r.week {
		c.week[d] = intern(r.week[d])
	}
	for d, ps := range r.exceptions {
		c.exceptions[d] = intern(ps)
	}
	for d := range c.exceptions {
		c.excDays = append(c.excDays, d)
	}
	slices.Sort(c.excDays)
	c.excPat = make([]int32, len(c.excDays))
	for i, d := range c.excDays {
		c.excPat[i] = c.exceptions[d]
	}
	c.minDayWork = MinutesPerDay
	for _, pc := range c.patCum[1:] {
		c.minDayWork = min(c.minDayWork, pc[len(pc)-1])
	}
	c.anchor = min(max(around, minDay+64), maxDay-800)
	c.build(c.anchor-32, c.anchor+2*366)
	return c
}

// ID returns the calendar's id.
func (c *CompiledCalendar) ID() string { return c.id }

// MinutesPerWorkDay returns the working minutes that make one day of duration on
// this calendar (hours per day × 60).
func (c *CompiledCalendar) MinutesPerWorkDay() int64 { return c.minutesDay }

func (c *CompiledCalendar) patternOf(d date.Date) int32 {
	if p, ok := c.exceptions[d]; ok {
		return p
	}
	return c.week[d.Weekday()]
}

// build makes a table for [first, last) and stores it.
func (c *CompiledCalendar) build(first, last date.Date) {
	first = max(first, minDay)
	last = min(last, maxDay+1)
	n := int(last - first)
	t := &calTable{first: first, pat: make([]int32, n), cum: make([]int64, n+1), wd: make([]int32, 0, n)}
	// W at the start of first: sum of work from first to anchor, negated, or forward.
	var w int64
	for d := first; d < c.anchor && d < last; d++ {
		p := c.patternOf(d)
		w -= c.dayWork(p)
	}
	if first > c.anchor {
		for d := c.anchor; d < first; d++ {
			w += c.dayWork(c.patternOf(d))
		}
	}
	t.cum[0] = w
	// Walk the days and the sorted exceptions together: no map look-up per day.
	e, _ := slices.BinarySearch(c.excDays, first)
	wk := int(first.Weekday())
	for i := 0; i < n; i++ {
		d := first + date.Date(i)
		p := c.week[wk]
		if e < len(c.excDays) && c.excDays[e] == d {
			p = c.excPat[e]
			e++
		}
		if wk++; wk == 7 {
			wk = 0
		}
		t.pat[i] = p
		dw := c.dayWork(p)
		t.cum[i+1] = t.cum[i] + dw
		if dw > 0 {
			t.wd = append(t.wd, int32(i))
		}
	}
	t.g = max(c.minDayWork, 60)
	total := t.cum[n] - t.cum[0]
	t.bkt = make([]int32, total/t.g+1)
	k := 0
	for b := range t.bkt {
		x := t.cum[0] + int64(b)*t.g // working minute [x, x+1)
		for k < len(t.wd)-1 && t.cum[t.wd[k]+1] <= x {
			k++
		}
		t.bkt[b] = int32(k)
	}
	c.tab.Store(t)
}

func (c *CompiledCalendar) dayWork(p int32) int64 {
	pc := c.patCum[p]
	return pc[len(pc)-1]
}

// cover makes sure the table holds day d (and returns it).
func (c *CompiledCalendar) cover(d date.Date) *calTable {
	t := c.tab.Load()
	if d >= t.first && int(d-t.first) < len(t.pat) {
		return t
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t = c.tab.Load()
	if d >= t.first && int(d-t.first) < len(t.pat) {
		return t
	}
	if d < minDay || d > maxDay {
		c.overflow.Store(true)
		return t
	}
	first, last := t.first, t.first+date.Date(len(t.pat))
	span := last - first
	for d < first {
		first -= span
		span *= 2
	}
	for d >= last {
		last += span
		span *= 2
	}
	c.build(first, last)
	return c.tab.Load()
}

// coverWork makes sure the table holds working minute w (W value) within its span
// with a working day after it.
func (c *CompiledCalendar) coverWork(w int64) *calTable {
	for i := 0; i < 64; i++ {
		t := c.tab.Load()
		if w > t.cum[0] && w < t.cum[len(t.cum)-1] {
			return t
		}
		if c.overflow.Load() {
			return t
		}
		if w <= t.cum[0] {
			c.cover(t.first - 1)
		} else {
			c.cover(t.first + date.Date(len(t.pat)))
		}
	}
	return c.tab.Load()
}

// Overflowed reports whether a question ran past the years this calendar can
// represent (2 to 9998); answers after that are clamped and meaningless.
func (c *CompiledCalendar) Overflowed() bool { return c.overflow.Load() }

// W returns the working minutes from the calendar's fixed anchor to t (negative
// before it). Working time between two instants is the difference of their W.
func (c *CompiledCalendar) W(t Instant) int64 {
	d := t.Date()
	tab := c.tab.Load()
	i := int(d - tab.first)
	if i < 0 || i >= len(tab.pat) {
		tab = c.cover(d)
		i = int(d - tab.first)
		if i < 0 {
			return tab.cum[0]
		}
		if i >= len(tab.pat) {
			return tab.cum[len(tab.pat)]
		}
	}
	m := t.Minute()
	w := tab.cum[i]
	p := tab.pat[i]
	ps := c.patterns[p]
	pc := c.patCum[p]
	for k := range ps {
		if m <= ps[k].Start {
			return w + pc[k]
		}
		if m < ps[k].End {
			return w + pc[k] + int64(m-ps[k].Start)
		}
	}
	return w + pc[len(pc)-1]
}

// finishAt returns the earliest instant t with W(t) ≥ w: the end of the w-th working
// minute, so a finish lands at 17:00 rather than 08:00 the next working day.
func (c *CompiledCalendar) finishAt(w int64) Instant {
	tab := c.tab.Load()
	if w <= tab.cum[0] || w >= tab.cum[len(tab.cum)-1] {
		tab = c.coverWork(w)
		if w <= tab.cum[0] {
			return At(tab.first, 0)
		}
		if w >= tab.cum[len(tab.cum)-1] {
			return At(tab.first+date.Date(len(tab.pat)), 0)
		}
	}
	x := w - 1 // the working minute [x, x+1) that ends at w
	k := int(tab.bkt[(x-tab.cum[0])/tab.g])
	for tab.cum[tab.wd[k]+1] <= x {
		k++
	}
	i := tab.wd[k]
	r := w - tab.cum[i]
	p := tab.pat[i]
	pc := c.patCum[p]
	ps := c.patterns[p]
	for j := range ps {
		if r <= pc[j+1] {
			return At(tab.first+date.Date(i), ps[j].Start+int(r-pc[j]))
		}
	}
	return At(tab.first+date.Date(i), MinutesPerDay)
}

// startAt returns the instant where working minute w begins: after a day's last
// period this is the first period of the next working day.
func (c *CompiledCalendar) startAt(w int64) Instant { return c.finishAt(w+1) - 1 }

// WorkBetween returns the working minutes from a to b (negative when b < a).
func (c *CompiledCalendar) WorkBetween(a, b Instant) int64 { return c.W(b) - c.W(a) }

// AddWork returns the instant reached by working m minutes from t (m may be
// negative). A result at the end of a working period is given as that end (17:00),
// not the start of the next period; use [CompiledCalendar.NextWorking] for a start.
func (c *CompiledCalendar) AddWork(t Instant, m int64) Instant {
	if m == 0 {
		return t
	}
	if m < 0 {
		return c.startAt(c.W(t) + m)
	}
	return c.finishAt(c.W(t) + m)
}

// NextWorking returns t if it is working time, else the start of the next working
// period.
func (c *CompiledCalendar) NextWorking(t Instant) Instant { return c.startAt(c.W(t)) }

// PrevWorkingEnd returns the latest instant at or before t that ends working time:
// t itself inside a period or at its end, else the end of the previous period (so
// Monday 08:00 gives Friday 17:00).
func (c *CompiledCalendar) PrevWorkingEnd(t Instant) Instant { return c.finishAt(c.W(t)) }

// IsWorkDay reports whether d has any working time.
func (c *CompiledCalendar) IsWorkDay(d date.Date) bool { return c.dayWork(c.patternOf(d)) > 0 }

// Periods returns the working periods of day d.
func (c *CompiledCalendar) Periods(d date.Date) []Period {
	return append([]Period(nil), c.patterns[c.patternOf(d)]...)
}

// WorkDays converts working minutes to days of this calendar (minutes / (hours per
// day × 60)).
func (c *CompiledCalendar) WorkDays(m int64) float64 { return float64(m) / float64(c.minutesDay) }
