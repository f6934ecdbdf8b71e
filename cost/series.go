package cost

import (
	"github.com/shopspring/decimal"
)

// Series is the earned value of one element, or of the project, period by
// period, over the [Analysis]'s Periods. PV covers every period. EV and AC end
// with the status period (Analysis.StatusPeriod): nothing is recorded after the
// status date.
//
// Each period's PV is the sum of its packages' spread amounts (largest remainder
// to the cent, see [Spread]); each period's EV is the difference of cumulative
// EV at the period's end and at the previous one's, so it may be negative when
// progress is taken back; each period's AC is the sum of the actual costs dated
// in it. Cumulative figures are running sums, so they are exact to the cent and
// CumEV and CumAC at the status period equal the [Status]'s EV and AC.
type Series struct {
	// ID is the element's id; empty for the project.
	ID string `json:"id"`
	// BAC is the budget at completion, as in [Status].
	BAC   decimal.Decimal   `json:"bac"`
	PV    []decimal.Decimal `json:"pv"`    // planned value of each period, every period
	CumPV []decimal.Decimal `json:"cumPv"` // cumulative planned value at each period's end
	EV    []decimal.Decimal `json:"ev"`    // earned value of each period, to the status period
	CumEV []decimal.Decimal `json:"cumEv"` // cumulative earned value at each period's end
	AC    []decimal.Decimal `json:"ac"`    // actual cost of each period, to the status period
	CumAC []decimal.Decimal `json:"cumAc"` // cumulative actual cost at each period's end
	// Metrics[k] are the metrics ([Evaluate]) of BAC and the cumulative PV, EV
	// and AC at the end of period k, up to the status period.
	Metrics []Metrics `json:"metrics"`
	// PeriodMetrics[k] are the metrics of BAC and period k's own PV, EV and AC,
	// up to the status period: the "current period" figures of a report.
	PeriodMetrics []Metrics `json:"periodMetrics"`
	// EarnedSchedule is the earned schedule ([EvaluateSchedule]) at the status
	// date, in periods: the plan is CumPV up to its last period with planned
	// value, counted from the first period of the series, and the actual time is
	// the number of periods that have ended by the status date (so a status date
	// on the last day of a period counts that period).
	EarnedSchedule EarnedSchedule `json:"earnedSchedule"`
}

// Series returns the series of element id, or of the project when id is
// empty, and false if there is no such element. The project's series is
// worked out by Analyze; an element's is added up from its packages on each
// call, in time proportional to the breakdown's size.
func (a *Analysis) Series(id string) (Series, bool) {
	if id == "" {
		return a.project, true
	}
	i, ok := a.node(id)
	if !ok {
		return Series{}, false
	}
	return a.series(i), true
}

// series adds up the series of element root, or of the project when root < 0.
func (a *Analysis) series(root int32) Series {
	t := a.ph.t
	n := len(t.parent)
	var in []bool // members of root's subtree; nil means all
	node := int32(n)
	if root >= 0 {
		node = root
		in = make([]bool, n)
		in[root] = true
		for _, i := range t.order {
			if p := t.parent[i]; p >= 0 && in[p] {
				in[i] = true
			}
		}
	}
	np, sp := len(a.Periods), a.StatusPeriod
	pv := make([]int64, np)
	ev := make([]int64, sp+1)
	ac := make([]int64, sp+1)
	for _, i := range t.packages {
		if in != nil && !in[i] {
			continue
		}
		first, amt := a.ph.amounts(i)
		for j, c := range amt {
			pv[first+j] += c
		}
		var prev int64
		for k := a.evStart[i]; k < a.evStart[i]+a.evLen[i]; k++ {
			ev[a.evK[k]] += a.evCum[k] - prev
			prev = a.evCum[k]
		}
	}
	for k, i := range a.acElem {
		if in == nil || in[i] {
			ac[a.acK[k]] += a.acAmt[k]
		}
	}

	s := Series{BAC: money(a.bac[node])}
	if root >= 0 {
		s.ID = t.b.Elements[root].ID
	}
	s.PV, s.CumPV = running(pv)
	s.EV, s.CumEV = running(ev)
	s.AC, s.CumAC = running(ac)
	s.Metrics = make([]Metrics, sp+1)
	s.PeriodMetrics = make([]Metrics, sp+1)
	for k := 0; k <= sp; k++ {
		s.Metrics[k] = a.evaluate(s.BAC, s.CumPV[k], s.CumEV[k], s.CumAC[k])
		s.PeriodMetrics[k] = a.evaluate(s.BAC, s.PV[k], s.EV[k], s.AC[k])
	}

	plan := len(pv)
	for plan > 0 && pv[plan-1] == 0 {
		plan--
	}
	at := sp
	if a.StatusDate == a.Periods[sp].Last {
		at++
	}
	// The plan never falls, EV is never negative and at is not: no error.
	s.EarnedSchedule, _ = EvaluateSchedule(s.CumPV[:plan], s.CumEV[sp], at)
	return s
}

// running returns the amounts and their running sums as decimals.
func running(c []int64) (per, cum []decimal.Decimal) {
	per = make([]decimal.Decimal, len(c))
	cum = make([]decimal.Decimal, len(c))
	var run int64
	for k, x := range c {
		run += x
		per[k], cum[k] = money(x), money(run)
	}
	return per, cum
}
