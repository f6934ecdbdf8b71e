package labour

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// DayKind is what kind of day a date is for overtime: a working day, a rest day
// (休息日) or a statutory public holiday (法定节假日).
type DayKind uint8

// The kinds of day.
const (
	Workday DayKind = iota
	RestDay
	Holiday
)

// String returns "workday", "rest day" or "holiday".
func (k DayKind) String() string {
	switch k {
	case Workday:
		return "workday"
	case RestDay:
		return "rest day"
	case Holiday:
		return "holiday"
	}
	return fmt.Sprintf("DayKind(%d)", uint8(k))
}

// DayKindFunc tells the kind of a date. [Calendar.Kind] is one; callers with a
// schedule calendar can adapt it in a line.
type DayKindFunc func(date.Date) DayKind

// Calendar is a simple calendar of day kinds: a weekly pattern of rest days,
// public holidays, and dates that break the pattern (调休: a weekend date worked
// as a normal day, a weekday given as a rest day). Holidays win over Workdays and
// RestDates, which win over the weekly pattern.
type Calendar struct {
	// RestWeekdays are the weekly rest days; nil means Saturday and Sunday. An
	// empty, non-nil slice means every weekday is a working day.
	RestWeekdays []time.Weekday `json:"restWeekdays"`
	Holidays     []date.Date    `json:"holidays,omitempty"`
	Workdays     []date.Date    `json:"workdays,omitempty"`
	RestDates    []date.Date    `json:"restDates,omitempty"`
}

// Kind returns the kind of date d.
func (c Calendar) Kind(d date.Date) DayKind {
	switch {
	case slices.Contains(c.Holidays, d):
		return Holiday
	case slices.Contains(c.Workdays, d):
		return Workday
	case slices.Contains(c.RestDates, d):
		return RestDay
	}
	rest := c.RestWeekdays
	if rest == nil {
		rest = []time.Weekday{time.Saturday, time.Sunday}
	}
	if slices.Contains(rest, weekday(d)) {
		return RestDay
	}
	return Workday
}

// weekday returns the day of the week of d.
func weekday(d date.Date) time.Weekday { return d.Weekday() }

// Bucket is a class of paid hours: straight time at the plain rate, or one of
// two premium classes. Which premium a bucket pays is set by the rule that puts
// hours in it, so a bucket's amount may mix multipliers (China's rules put rest
// days at 200% and holidays at 300% both in DoubleTime).
type Bucket uint8

// The buckets of paid hours.
const (
	Straight Bucket = iota
	Overtime
	DoubleTime
	numBuckets
)

// String returns "straight", "overtime" or "double time".
func (b Bucket) String() string {
	switch b {
	case Straight:
		return "straight"
	case Overtime:
		return "overtime"
	case DoubleTime:
		return "double time"
	}
	return fmt.Sprintf("Bucket(%d)", uint8(b))
}

// RuleKind is what hours a [Rule] takes.
type RuleKind string

// The kinds of rule.
const (
	// DailyOver takes the hours of a day beyond Threshold.
	DailyOver RuleKind = "daily"
	// WeeklyOver takes the straight hours of a week beyond Threshold, counted
	// in date order after the rules before it, on the days it applies to.
	WeeklyOver RuleKind = "weekly"
	// WholeDay takes all the hours of a day.
	WholeDay RuleKind = "day"
)

// Rule is one overtime rule: it moves the hours it takes, on days of the kinds
// in Days (all days when empty), into Bucket at Multiplier times the hourly
// rate. Rules apply in order and only ever raise pay: an hour already paid at a
// multiplier at least as high keeps it.
type Rule struct {
	Kind       RuleKind        `json:"kind"`
	Days       []DayKind       `json:"days,omitempty"`
	Threshold  decimal.Decimal `json:"threshold"` // hours; not used by WholeDay
	Bucket     Bucket          `json:"bucket"`    // Overtime or DoubleTime
	Multiplier decimal.Decimal `json:"multiplier"`
}

// RuleSet is an ordered list of overtime rules with the length of the standard
// work-day and the first day of the pay week. Rule sets are data: [ChinaRules]
// and [CaliforniaRules] build two.
type RuleSet struct {
	Name string `json:"name"`
	// StandardDay is the hours of one work-day (工日); zero means 8. It turns
	// slips' WorkDays into hours, prices per-day rates and rounds hours to
	// work-days.
	StandardDay decimal.Decimal `json:"standardDay"`
	// WeekStart is the first day of the week over which weekly rules count
	// (and a worker's days are evaluated together). The zero value is Sunday.
	WeekStart time.Weekday `json:"weekStart"`
	Rules     []Rule       `json:"rules"`
}

// ChinaRules returns the overtime rules of China's Labour Law art. 44 (劳动法第
// 四十四条) for the standard working-hours system of 8 hours a day: hours beyond
// 8 on a working day at 150% (Overtime); hours on a rest day at 200% (DoubleTime,
// for rest-day work not given back as make-up rest); hours on a statutory
// holiday at 300% (DoubleTime). Weeks start on Monday. Rest days and holidays,
// including 调休 swaps, come from the day-kind function given to Price.
func ChinaRules() RuleSet {
	return RuleSet{
		Name:        "CN Labour Law art. 44",
		StandardDay: decimal.New(8, 0),
		WeekStart:   time.Monday,
		Rules: []Rule{
			{Kind: DailyOver, Days: []DayKind{Workday}, Threshold: decimal.New(8, 0), Bucket: Overtime, Multiplier: decimal.New(15, -1)},
			{Kind: WholeDay, Days: []DayKind{RestDay}, Bucket: DoubleTime, Multiplier: decimal.New(2, 0)},
			{Kind: WholeDay, Days: []DayKind{Holiday}, Bucket: DoubleTime, Multiplier: decimal.New(3, 0)},
		},
	}
}

// CaliforniaRules returns California's daily and weekly overtime (Labor Code
// §510): hours beyond 8 in a day at 1.5×, beyond 12 at 2×, and straight hours
// beyond 40 in the workweek at 1.5×, with the workweek starting on weekStart.
// The seventh-consecutive-day rule is not modelled.
func CaliforniaRules(weekStart time.Weekday) RuleSet {
	return RuleSet{
		Name:        "California Labor Code §510",
		StandardDay: decimal.New(8, 0),
		WeekStart:   weekStart,
		Rules: []Rule{
			{Kind: DailyOver, Threshold: decimal.New(8, 0), Bucket: Overtime, Multiplier: decimal.New(15, -1)},
			{Kind: DailyOver, Threshold: decimal.New(12, 0), Bucket: DoubleTime, Multiplier: decimal.New(2, 0)},
			{Kind: WeeklyOver, Threshold: decimal.New(40, 0), Bucket: Overtime, Multiplier: decimal.New(15, -1)},
		},
	}
}

// rule is a compiled Rule: thresholds in milli-hours, multipliers in percent.
type rule struct {
	kind   RuleKind
	days   uint8 // bit k set: applies to DayKind k
	thr    int32
	bucket Bucket
	pct    int32
}

// compiled is a validated RuleSet in integer form.
type compiled struct {
	std       int64 // milli-hours in a work-day
	weekStart time.Weekday
	rules     []rule
}

// maxMultiplier bounds rule multipliers (10×) to keep pricing exact in int64.
const maxMultiplier = 1000

func (rs RuleSet) compile() (compiled, error) {
	rec := fmt.Sprintf("rule set %q", rs.Name)
	c := compiled{std: 8000, weekStart: rs.WeekStart}
	if !rs.StandardDay.IsZero() {
		v, ok := scaled(rs.StandardDay, 3)
		if !ok || v < 1000 || v > maxDayMilli {
			return c, lanyan.Errorf(lanyan.CodeInvalid, rec, "standardDay", "%s is not 1 to 24 hours in whole thousandths", rs.StandardDay)
		}
		c.std = v
	}
	if rs.WeekStart < time.Sunday || rs.WeekStart > time.Saturday {
		return c, lanyan.Errorf(lanyan.CodeInvalid, rec, "weekStart", "%d is not a weekday", rs.WeekStart)
	}
	for i, r := range rs.Rules {
		field := func(f string) string { return fmt.Sprintf("rules[%d].%s", i, f) }
		cr := rule{kind: r.Kind, bucket: r.Bucket}
		switch r.Kind {
		case DailyOver, WeeklyOver:
			v, ok := scaled(r.Threshold, 3)
			limit := int64(maxDayMilli)
			if r.Kind == WeeklyOver {
				limit *= 7
			}
			if !ok || v < 0 || v > limit {
				return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field("threshold"), "%s is not 0 to %d hours in whole thousandths", r.Threshold, limit/1000)
			}
			cr.thr = int32(v)
		case WholeDay:
		default:
			return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field("kind"), "%q is not %q, %q or %q", r.Kind, DailyOver, WeeklyOver, WholeDay)
		}
		if r.Bucket != Overtime && r.Bucket != DoubleTime {
			return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field("bucket"), "is %s, not overtime or double time", r.Bucket)
		}
		p, ok := scaled(r.Multiplier, 2)
		if !ok || p < 100 || p > maxMultiplier {
			return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field("multiplier"), "%s is not a whole percentage from 1 to 10", r.Multiplier)
		}
		cr.pct = int32(p)
		if len(r.Days) == 0 {
			cr.days = 1<<Workday | 1<<RestDay | 1<<Holiday
		}
		for _, k := range r.Days {
			if k > Holiday {
				return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field("days"), "%d is not a day kind", k)
			}
			cr.days |= 1 << k
		}
		c.rules = append(c.rules, cr)
	}
	return c, nil
}

// seg is a stretch of a worker's day, from the end of the one before it to end
// (milli-hours into the day), paid in bucket at pct percent.
type seg struct {
	end    int32
	bucket Bucket
	pct    int32
}

// dayPlan is a worker-day being classified: its kind, total time and segments.
type dayPlan struct {
	kind  DayKind
	total int32
	segs  []seg
}

// raise sets [a, b) of the day to (bucket, pct) where that pays more than what
// is there now (a higher percentage, or the same in a higher bucket).
func (d *dayPlan) raise(a, b int32, bucket Bucket, pct int32, scratch []seg) []seg {
	if a < 0 {
		a = 0
	}
	if b > d.total {
		b = d.total
	}
	if a >= b {
		return scratch
	}
	out := scratch[:0]
	push := func(end int32, bk Bucket, p int32) {
		if n := len(out); n > 0 && out[n-1].bucket == bk && out[n-1].pct == p {
			out[n-1].end = end
			return
		}
		out = append(out, seg{end, bk, p})
	}
	start := int32(0)
	for _, s := range d.segs {
		lo, hi := max(start, a), min(s.end, b)
		if lo >= hi || !(pct > s.pct || pct == s.pct && bucket > s.bucket) {
			push(s.end, s.bucket, s.pct)
		} else {
			if lo > start {
				push(lo, s.bucket, s.pct)
			}
			push(hi, bucket, pct)
			if hi < s.end {
				push(s.end, s.bucket, s.pct)
			}
		}
		start = s.end
	}
	d.segs, out = out, d.segs
	return out
}

// classify applies the rules to one worker's days of one week, in date order.
func (c *compiled) classify(days []dayPlan, scratch []seg) []seg {
	for i := range days {
		d := &days[i]
		d.segs = append(d.segs[:0], seg{d.total, Straight, 100})
	}
	for _, r := range c.rules {
		switch r.kind {
		case DailyOver, WholeDay:
			a := r.thr
			if r.kind == WholeDay {
				a = 0
			}
			for i := range days {
				d := &days[i]
				if r.days&(1<<d.kind) != 0 && d.total > a {
					scratch = d.raise(a, d.total, r.bucket, r.pct, scratch)
				}
			}
		case WeeklyOver:
			cum := int32(0)
			for i := range days {
				d := &days[i]
				if r.days&(1<<d.kind) == 0 {
					continue
				}
				// Find where the week's straight time passes the threshold.
				start := int32(0)
				from := int32(-1)
				for _, s := range d.segs {
					if s.bucket == Straight && s.pct == 100 {
						n := s.end - start
						if cum+n > r.thr {
							from = start + max(0, r.thr-cum)
							cum = r.thr
							break
						}
						cum += n
					}
					start = s.end
				}
				if from < 0 {
					continue
				}
				// Every straight hour of the day from there on is over.
				start = 0
				for j := 0; j < len(d.segs); j++ {
					s := d.segs[j]
					if s.bucket == Straight && s.pct == 100 && s.end > from {
						scratch = d.raise(max(start, from), s.end, r.bucket, r.pct, scratch)
						start, j = 0, -1 // segments changed: rescan
						continue
					}
					start = s.end
				}
			}
		}
	}
	return scratch
}

// Buckets holds a quantity (hours or money) per bucket.
type Buckets struct {
	Straight   decimal.Decimal `json:"straight"`
	Overtime   decimal.Decimal `json:"overtime"`
	DoubleTime decimal.Decimal `json:"doubleTime"`
}

// Total returns the sum of the buckets.
func (b Buckets) Total() decimal.Decimal { return b.Straight.Add(b.Overtime).Add(b.DoubleTime) }

func bucketsOf(v [numBuckets]int64, places int32) Buckets {
	return Buckets{decOf(v[0], places), decOf(v[1], places), decOf(v[2], places)}
}

// decOf returns v × 10^-places, sharing decimal.Zero for zero (most buckets
// are empty) to save an allocation.
func decOf(v int64, places int32) decimal.Decimal {
	if v == 0 {
		return decimal.Zero
	}
	return decimal.New(v, -places)
}

// Pay is what one slip earns: its rate, the kind of its day, its work-days,
// hours and amounts by bucket.
//
// WorkDays are the slip's hours over the rule set's StandardDay, to the nearest
// half day, halves rounded up (7 h of an 8-hour day is 1; 6 h is 1; 5.9 h is
// 0.5; 2 h is 0.5).
//
// Amounts are exact until one rounding per slip: the slip's Amount is rate ×
// quantity summed over its buckets, rounded to the cent, half away from zero.
// For an hourly rate the quantity of a bucket is its hours × multiplier. For a
// daily rate the straight quantity is the straight hours' work-days (rounded to
// half days, as WorkDays), and a premium bucket's is its hours × multiplier ÷
// StandardDay. The bucket amounts split Amount by largest remainder, so they sum
// to it exactly.
type Pay struct {
	SlipID   string          `json:"slipId"`
	Rate     Rate            `json:"rate"`
	Day      DayKind         `json:"day"`
	WorkDays decimal.Decimal `json:"workDays"`
	Hours    Buckets         `json:"hours"`
	Amounts  Buckets         `json:"amounts"`
	Amount   decimal.Decimal `json:"amount"`
}

// priced is a slip's pay in integers: milli-hours and cents per bucket, halves
// of a work-day.
type priced struct {
	halves int32
	day    DayKind
	milli  [numBuckets]int32
	cents  [numBuckets]int64
}

// slipTime is a slip's booked time in milli-hours.
func (c *compiled) slipTime(s Slip) int64 {
	h, _ := scaled(s.Hours, 3)
	wd, _ := scaled(s.WorkDays, 3)
	ot, _ := scaled(s.OvertimeHours, 3)
	// wd × std is in millionths of an hour; std is whole milli-hours, wd has
	// three places, so round nothing: check divisibility in Price.
	return h + ot + wd*c.std/1000
}

// Price prices slips under the rule set: it looks up each slip's rate in rates,
// gathers each worker's slips by pay week (starting on WeekStart), classifies
// each day's hours by the rules in date order — several slips of a worker on
// one day are laid end to end in order of slip id — and prices each slip (see
// [Pay]). kind tells the kind of each date; nil means [Calendar]{}.Kind
// (Saturdays and Sundays rest, no holidays). The result is in the order of
// slips.
//
// Every slip must be valid ([Slip.Validate]), ids distinct, a worker's slips of
// one day no more than 24 hours in all, and WorkDays × StandardDay whole
// thousandths of an hour. On any error Price returns no pays; the error names
// the slip and field.
func (rs RuleSet) Price(slips []Slip, rates *RateTable, kind DayKindFunc) ([]Pay, error) {
	pr, rts, err := rs.price(slips, rates, kind)
	if err != nil {
		return nil, err
	}
	out := make([]Pay, len(slips))
	for i := range slips {
		p := &pr[i]
		var total int64
		for _, c := range p.cents {
			total += c
		}
		var ms [numBuckets]int64
		for b, m := range p.milli {
			ms[b] = int64(m)
		}
		out[i] = Pay{
			SlipID:   slips[i].ID,
			Rate:     rts[i],
			Day:      p.day,
			WorkDays: decimal.New(int64(p.halves)*5, -1),
			Hours:    bucketsOf(ms, 3),
			Amounts:  bucketsOf(p.cents, 2),
			Amount:   decimal.New(total, -2),
		}
	}
	return out, nil
}

// price does the work of Price in integers.
func (rs RuleSet) price(slips []Slip, rates *RateTable, kind DayKindFunc) ([]priced, []Rate, error) {
	c, err := rs.compile()
	if err != nil {
		return nil, nil, err
	}
	if kind == nil {
		kind = Calendar{}.Kind
	}
	n := len(slips)
	type item struct {
		worker int32
		day    date.Date
		i      int32
	}
	items := make([]item, n)
	milli := make([]int32, n)
	rts := make([]Rate, n)
	workers := make(map[string]int32)
	ids := make(map[string]struct{}, n)
	for i := range slips {
		s := &slips[i]
		if err := s.Validate(); err != nil {
			return nil, nil, err
		}
		if _, dup := ids[s.ID]; dup {
			return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "id", "appears more than once")
		}
		ids[s.ID] = struct{}{}
		if wd, _ := scaled(s.WorkDays, 3); wd*c.std%1000 != 0 {
			return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "workDays",
				"%s work-days of %s hours is not whole thousandths of an hour", s.WorkDays, decimal.New(c.std, -3))
		}
		t := c.slipTime(*s)
		if t > maxDayMilli {
			return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "hours", "books more than 24 hours")
		}
		milli[i] = int32(t)
		r, err := rates.Lookup(*s)
		if err != nil {
			return nil, nil, err
		}
		rts[i] = r
		w, ok := workers[s.Worker.ID]
		if !ok {
			w = int32(len(workers))
			workers[s.Worker.ID] = w
		}
		items[i] = item{w, s.Date, int32(i)}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := cmp.Compare(a.worker, b.worker); c != 0 {
			return c
		}
		if c := cmp.Compare(a.day, b.day); c != 0 {
			return c
		}
		return cmp.Compare(slips[a.i].ID, slips[b.i].ID)
	})
	order := make([]int32, n)
	for k, it := range items {
		order[k] = it.i
	}
	// Split into worker-weeks, and the work into chunks at week boundaries.
	weekOf := func(d date.Date) date.Date {
		return d - date.Date((weekday(d)-c.weekStart+7)%7)
	}
	var weeks []int32 // start index in order of each worker-week
	for k := range items {
		if k == 0 || items[k].worker != items[k-1].worker || weekOf(items[k].day) != weekOf(items[k-1].day) {
			weeks = append(weeks, int32(k))
		}
	}
	weeks = append(weeks, int32(n))
	out := make([]priced, n)
	errs := make([]error, 0)
	var mu sync.Mutex
	procs := min(runtime.GOMAXPROCS(0), max(1, len(weeks)/1024))
	var wg sync.WaitGroup
	for p := range procs {
		lo, hi := (len(weeks)-1)*p/procs, (len(weeks)-1)*(p+1)/procs
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := weekWorker{c: &c, slips: slips, order: order, milli: milli, rates: rts, kind: kind, out: out}
			for k := lo; k < hi; k++ {
				if err := w.week(int(weeks[k]), int(weeks[k+1])); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		// Report the same error every time: the one of the first slip by id.
		slices.SortFunc(errs, func(a, b error) int { return cmp.Compare(a.Error(), b.Error()) })
		return nil, nil, errs[0]
	}
	return out, rts, nil
}

// weekWorker prices worker-weeks, reusing its buffers.
type weekWorker struct {
	c       *compiled
	slips   []Slip
	order   []int32
	milli   []int32
	rates   []Rate
	kind    DayKindFunc
	out     []priced
	days    []dayPlan
	first   []int // index in order of each day's first slip
	scratch []seg
}

// week prices the slips order[lo:hi], one worker's week sorted by date and id.
func (w *weekWorker) week(lo, hi int) error {
	w.days, w.first = w.days[:0], w.first[:0]
	for k := lo; k < hi; k++ {
		i := w.order[k]
		d := w.slips[i].Date
		if k == lo || d != w.slips[w.order[k-1]].Date {
			w.first = append(w.first, k)
			if len(w.days) < cap(w.days) {
				w.days = w.days[:len(w.days)+1]
				w.days[len(w.days)-1].total = 0
			} else {
				w.days = append(w.days, dayPlan{})
			}
			w.days[len(w.days)-1].kind = w.kind(d)
		}
		dp := &w.days[len(w.days)-1]
		dp.total += w.milli[i]
		if dp.total > maxDayMilli {
			s := w.slips[i]
			return lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "hours",
				"worker %q books more than 24 hours on %s", s.Worker.ID, s.Date)
		}
	}
	w.first = append(w.first, hi)
	w.scratch = w.c.classify(w.days, w.scratch)
	for j := range w.days {
		d := &w.days[j]
		off := int32(0)
		for k := w.first[j]; k < w.first[j+1]; k++ {
			i := w.order[k]
			w.out[i] = w.c.priceSlip(d, off, off+w.milli[i], w.rates[i])
			off += w.milli[i]
		}
	}
	return nil
}

// priceSlip prices the stretch [a, b) of day d at rate r.
func (c *compiled) priceSlip(d *dayPlan, a, b int32, r Rate) priced {
	p := priced{day: d.kind}
	var weighted [numBuckets]int64 // Σ milli-hours × percent
	start := int32(0)
	for _, s := range d.segs {
		lo, hi := max(start, a), min(s.end, b)
		if lo < hi {
			p.milli[s.bucket] += hi - lo
			weighted[s.bucket] += int64(hi-lo) * int64(s.pct)
		}
		start = s.end
	}
	p.halves = int32(halfDays(int64(b-a), c.std))
	rc := r.cents()
	var num [numBuckets]int64
	var den int64
	if r.Unit == PerHour {
		den = 100_000
		for k := range num {
			num[k] = rc * weighted[k]
		}
	} else {
		den = 2 * c.std * 100
		num[Straight] = rc * halfDays(int64(p.milli[Straight]), c.std) * c.std * 100
		for k := Overtime; k < numBuckets; k++ {
			num[k] = rc * 2 * weighted[k]
		}
	}
	var sum, floors int64
	var rem [numBuckets]int64
	for k := range num {
		sum += num[k]
		p.cents[k] = num[k] / den
		rem[k] = num[k] % den
		floors += p.cents[k]
	}
	total := (2*sum + den) / (2 * den) // half away from zero; sum ≥ 0
	for ; floors < total; floors++ {
		best := 0
		for k := 1; k < int(numBuckets); k++ {
			if rem[k] > rem[best] {
				best = k
			}
		}
		p.cents[best]++
		rem[best] = -1
	}
	return p
}

// halfDays returns milli-hours m as half work-days of std milli-hours, to the
// nearest half, halves rounded up.
func halfDays(m, std int64) int64 { return (4*m + std) / (2 * std) }
