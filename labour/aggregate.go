package labour

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// Period is the time grouping of an aggregation.
type Period uint8

// The time groupings.
const (
	AllTime Period = iota // no grouping by time
	ByDay
	ByWeek  // ISO 8601 weeks, Monday to Sunday
	ByMonth // calendar months
)

// GroupBy says which fields an aggregation groups slips by: any combination of
// the flags and one Period. The zero GroupBy gives one grand total.
type GroupBy struct {
	Project, Team, Subcontractor, Worker, Trade, CostCode bool
	Period                                                Period
}

// GroupKey identifies a group: the values of the fields grouped by, empty for
// the others. Period is the group's first day (the day, the Monday of the ISO
// week, the first of the month); zero when not grouping by time.
type GroupKey struct {
	Project       string    `json:"project,omitempty"`
	Team          string    `json:"team,omitempty"`
	Subcontractor string    `json:"subcontractor,omitempty"`
	Worker        string    `json:"worker,omitempty"`
	Trade         string    `json:"trade,omitempty"`
	CostCode      string    `json:"costCode,omitempty"`
	Period        date.Date `json:"period,omitempty"`
}

// Group is the totals of one group of slips: the number of slips, their
// work-days, hours and amounts by bucket, and their amount. Sums are exact: each
// slip's amounts were rounded once when it was priced, and sums add whole cents.
type Group struct {
	Key      GroupKey        `json:"key"`
	Slips    int             `json:"slips"`
	WorkDays decimal.Decimal `json:"workDays"`
	Hours    Buckets         `json:"hours"`
	Amounts  Buckets         `json:"amounts"`
	Amount   decimal.Decimal `json:"amount"`
}

// The grouping fields, in key order.
const (
	dimProject = iota
	dimTeam
	dimSubcontractor
	dimWorker
	dimTrade
	dimCostCode
	numDims
)

// dict interns the strings of one field to dense ids.
type dict struct {
	names []string
	ids   map[string]int32
}

func (d *dict) id(s string) int32 {
	if i, ok := d.ids[s]; ok {
		return i
	}
	if d.ids == nil {
		d.ids = make(map[string]int32)
	}
	i := int32(len(d.names))
	d.names = append(d.names, s)
	d.ids[s] = i
	return i
}

// Ledger holds priced slips in columns for fast aggregation: each text field
// interned once to a dense integer, hours in thousandths and money in cents.
// Add slips with [Ledger.Add]; aggregate as often as needed with
// [Ledger.Aggregate]. A Ledger is not safe for concurrent Add; Aggregate may run
// concurrently with other Aggregates.
type Ledger struct {
	dicts  [numDims]dict
	cols   [numDims][]int32
	day    []date.Date
	halves []int32
	milli  [numBuckets][]int32
	cents  [numBuckets][]int64
	minDay date.Date
	maxDay date.Date
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger { return &Ledger{} }

// Len returns the number of slips in the ledger.
func (l *Ledger) Len() int { return len(l.day) }

// Add adds a slip with its pay (from [RuleSet.Price]). It fails, adding
// nothing, if p is not s's pay or its figures are not whole thousandths of an
// hour, halves of a work-day and whole cents, not negative.
func (l *Ledger) Add(s Slip, p Pay) error {
	rec := slipRecord(s.ID)
	if p.SlipID != s.ID {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "pay", "is the pay of slip %q", p.SlipID)
	}
	if s.Date == 0 {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "date", "is missing")
	}
	halves, ok := scaled(p.WorkDays.Add(p.WorkDays), 0)
	if !ok || halves < 0 || halves > 1<<30 {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "workDays", "%s is not a whole number of half days", p.WorkDays)
	}
	var ms [numBuckets]int64
	var cs [numBuckets]int64
	hs := [numBuckets]decimal.Decimal{p.Hours.Straight, p.Hours.Overtime, p.Hours.DoubleTime}
	as := [numBuckets]decimal.Decimal{p.Amounts.Straight, p.Amounts.Overtime, p.Amounts.DoubleTime}
	for b := range numBuckets {
		m, ok := scaled(hs[b], 3)
		if !ok || m < 0 || m > 1<<30 {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "hours", "%s %s hours are not whole thousandths of an hour", hs[b], b)
		}
		c, ok := scaled(as[b], 2)
		if !ok || c < 0 {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "amounts", "%s %s amount is not whole cents", as[b], b)
		}
		ms[b], cs[b] = m, c
	}
	vals := [numDims]string{s.Project, s.Team, s.Subcontractor, s.Worker.ID, s.Trade, s.CostCode}
	for k, v := range vals {
		l.cols[k] = append(l.cols[k], l.dicts[k].id(v))
	}
	if len(l.day) == 0 || s.Date < l.minDay {
		l.minDay = s.Date
	}
	if len(l.day) == 0 || s.Date > l.maxDay {
		l.maxDay = s.Date
	}
	l.day = append(l.day, s.Date)
	l.halves = append(l.halves, int32(halves))
	for b := range numBuckets {
		l.milli[b] = append(l.milli[b], int32(ms[b]))
		l.cents[b] = append(l.cents[b], cs[b])
	}
	return nil
}

// Aggregate groups slips with their pays (in the same order, as [RuleSet.Price]
// returns them) by the fields of by. See [Ledger.Aggregate].
func Aggregate(slips []Slip, pays []Pay, by GroupBy) ([]Group, error) {
	if len(slips) != len(pays) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "pays", "", "%d pays for %d slips", len(pays), len(slips))
	}
	l := NewLedger()
	for i := range slips {
		if err := l.Add(slips[i], pays[i]); err != nil {
			return nil, err
		}
	}
	return l.Aggregate(by), nil
}

// acc is the running totals of one group.
type acc struct {
	slips  int64
	halves int64
	milli  [numBuckets]int64
	cents  [numBuckets]int64
}

func (a *acc) merge(b *acc) {
	a.slips += b.slips
	a.halves += b.halves
	for k := range numBuckets {
		a.milli[k] += b.milli[k]
		a.cents[k] += b.cents[k]
	}
}

// maxDense is the most groups aggregated in a dense array (per goroutine);
// more go through a map.
const maxDense = 1 << 24

// Aggregate returns the totals of the ledger's slips grouped by the fields of
// by, one Group per combination that has slips, sorted by key: the text fields
// byte by byte in the order of GroupKey's fields, then by period.
func (l *Ledger) Aggregate(by GroupBy) []Group {
	n := l.Len()
	if n == 0 {
		return nil
	}
	// Each grouped field gets its values ranked in sorted order, so that the
	// dense key of a group sorts like the group's GroupKey.
	flags := [numDims]bool{by.Project, by.Team, by.Subcontractor, by.Worker, by.Trade, by.CostCode}
	var rank [numDims][]int32
	var sorted [numDims][]string
	var size [numDims + 1]int64
	for k := range numDims {
		size[k] = 1
		if !flags[k] {
			continue
		}
		names := l.dicts[k].names
		ord := make([]int32, len(names))
		for i := range ord {
			ord[i] = int32(i)
		}
		slices.SortFunc(ord, func(a, b int32) int { return cmp.Compare(names[a], names[b]) })
		rank[k] = make([]int32, len(names))
		sorted[k] = make([]string, len(names))
		for r, i := range ord {
			rank[k][i] = int32(r)
			sorted[k][r] = names[i]
		}
		size[k] = int64(len(names))
	}
	// Periods: a table from day offset to period index, and each index's first day.
	span := int(l.maxDay-l.minDay) + 1
	var periodOf []int32
	var periodStart []date.Date
	size[numDims] = 1
	if by.Period != AllTime {
		periodOf = make([]int32, span)
		for i := range span {
			d := l.minDay + date.Date(i)
			start := d
			switch by.Period {
			case ByWeek:
				start = d - date.Date((d.Weekday()+6)%7)
			case ByMonth:
				y, m, _ := d.Date()
				start = date.New(y, m, 1)
			}
			if len(periodStart) == 0 || periodStart[len(periodStart)-1] != start {
				periodStart = append(periodStart, start)
			}
			periodOf[i] = int32(len(periodStart) - 1)
		}
		size[numDims] = int64(len(periodStart))
	}
	cells := int64(1)
	for _, s := range size {
		cells *= s
		if cells > maxDense {
			break
		}
	}
	procs := max(1, min(runtime.GOMAXPROCS(0), n/65536))
	keyOf := func(i int) (k int64) {
		for d := range numDims {
			if flags[d] {
				k = k*size[d] + int64(rank[d][l.cols[d][i]])
			}
		}
		if periodOf != nil {
			k = k*size[numDims] + int64(periodOf[l.day[i]-l.minDay])
		}
		return k
	}
	var keys []int64
	var totals []acc
	if cells <= maxDense {
		// Each goroutine maps cells to its own compact totals (index + 1 in
		// slot, 0 for none), so that memory grows with the groups present.
		slots := make([][]int32, procs)
		parts := make([][]acc, procs)
		l.parallel(procs, func(p, lo, hi int) {
			slot := make([]int32, cells)
			a := make([]acc, 0, min(cells, int64(hi-lo)))
			for i := lo; i < hi; i++ {
				c := keyOf(i)
				j := slot[c]
				if j == 0 {
					a = append(a, acc{})
					j = int32(len(a))
					slot[c] = j
				}
				l.add(&a[j-1], i)
			}
			slots[p], parts[p] = slot, a
		})
		used := 0
		for c := range cells {
			for p := range procs {
				if slots[p][c] > 0 {
					used++
					break
				}
			}
		}
		keys = make([]int64, 0, used)
		totals = make([]acc, 0, used)
		for c := range cells {
			var t acc
			for p := range procs {
				if j := slots[p][c]; j > 0 {
					t.merge(&parts[p][j-1])
				}
			}
			if t.slips > 0 {
				keys = append(keys, c)
				totals = append(totals, t)
			}
		}
	} else {
		// Too many combinations for an array: the key as a struct of ranks.
		type mkey [numDims + 1]int32
		parts := make([]map[mkey]*acc, procs)
		l.parallel(procs, func(p, lo, hi int) {
			m := make(map[mkey]*acc)
			for i := lo; i < hi; i++ {
				var k mkey
				for d := range numDims {
					if flags[d] {
						k[d] = rank[d][l.cols[d][i]]
					}
				}
				if periodOf != nil {
					k[numDims] = periodOf[l.day[i]-l.minDay]
				}
				a := m[k]
				if a == nil {
					a = new(acc)
					m[k] = a
				}
				l.add(a, i)
			}
			parts[p] = m
		})
		for _, pm := range parts[1:] {
			for k, a := range pm {
				if b := parts[0][k]; b != nil {
					b.merge(a)
				} else {
					parts[0][k] = a
				}
			}
		}
		mk := make([]mkey, 0, len(parts[0]))
		for k := range parts[0] {
			mk = append(mk, k)
		}
		slices.SortFunc(mk, func(a, b mkey) int { return slices.Compare(a[:], b[:]) })
		out := make([]Group, len(mk))
		for j, k := range mk {
			out[j] = l.group(k[:numDims], k[numDims], flags, sorted, periodStart, parts[0][k])
		}
		return out
	}
	out := make([]Group, len(keys))
	for j, k := range keys {
		var r [numDims]int32
		var pi int32
		if periodOf != nil {
			pi = int32(k % size[numDims])
			k /= size[numDims]
		}
		for d := numDims - 1; d >= 0; d-- {
			if flags[d] {
				r[d] = int32(k % size[d])
				k /= size[d]
			}
		}
		out[j] = l.group(r[:], pi, flags, sorted, periodStart, &totals[j])
	}
	return out
}

// parallel runs fn over procs contiguous ranges of the rows.
func (l *Ledger) parallel(procs int, fn func(p, lo, hi int)) {
	n := l.Len()
	var wg sync.WaitGroup
	for p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(p, n*p/procs, n*(p+1)/procs)
		}()
	}
	wg.Wait()
}

func (l *Ledger) add(a *acc, i int) {
	a.slips++
	a.halves += int64(l.halves[i])
	a.milli[0] += int64(l.milli[0][i])
	a.milli[1] += int64(l.milli[1][i])
	a.milli[2] += int64(l.milli[2][i])
	a.cents[0] += l.cents[0][i]
	a.cents[1] += l.cents[1][i]
	a.cents[2] += l.cents[2][i]
}

// group builds the Group of ranks r and period index pi.
func (l *Ledger) group(r []int32, pi int32, flags [numDims]bool, sorted [numDims][]string, periodStart []date.Date, a *acc) Group {
	name := func(d int) string {
		if !flags[d] {
			return ""
		}
		return sorted[d][r[d]]
	}
	g := Group{
		Key: GroupKey{
			Project: name(dimProject), Team: name(dimTeam), Subcontractor: name(dimSubcontractor),
			Worker: name(dimWorker), Trade: name(dimTrade), CostCode: name(dimCostCode),
		},
		Slips:    int(a.slips),
		WorkDays: decimal.New(a.halves*5, -1),
		Hours:    bucketsOf(a.milli, 3),
		Amounts:  bucketsOf(a.cents, 2),
		Amount:   decimal.New(a.cents[0]+a.cents[1]+a.cents[2], -2),
	}
	if periodStart != nil {
		g.Key.Period = periodStart[pi]
	}
	return g
}
