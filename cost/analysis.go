package cost

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// AnalysisInput is what an earned value analysis is made from.
type AnalysisInput struct {
	// Breakdown is the cost breakdown: accounts, packages, curves, techniques.
	Breakdown *Breakdown
	// Baseline is the baseline earned value is measured against: its dates and
	// budgets.
	Baseline *Baseline
	// Phasing gives the periods of the series. They are widened to cover the
	// status date and the progress and actual costs up to it.
	Phasing Phasing
	// StatusDate (数据日期) is the day, inclusive, the analysis is as of: progress
	// and actual costs dated after it are checked but left out. Required.
	StatusDate date.Date
	// Progress are the work packages' progress records, at most one per package
	// and day, in any order.
	Progress []Progress
	// Actuals are the actual costs, booked to elements of the breakdown by
	// ActualCost.Code (a work package or a control account; a planning package
	// takes none).
	Actuals []ActualCost
	// EACWeight is the weight w of CPI in the composite estimate at completion
	// ([Inputs].Weight), 0 to 1.
	EACWeight decimal.Decimal
}

// Status is the earned value of one element, or of the whole project, at the
// status date. Amounts are exact sums of whole cents: an account's are the sums
// of its children's and its own actual cost.
type Status struct {
	// ID is the element's id; empty for the project.
	ID   string      `json:"id"`
	Name string      `json:"name,omitempty"`
	Kind ElementKind `json:"kind,omitempty"`
	// Parent is the id of the element's control account; empty under the
	// project and for the project itself.
	Parent string `json:"parent,omitempty"`
	// Level is 0 for the project, 1 for an element directly under it, and so on.
	Level int `json:"level"`
	// BAC is the budget at completion (完工预算) in the baseline. The project's
	// is the distributed budget: it leaves out the undistributed budget, which is
	// not time-phased (see [Analysis].Budget for the PMB).
	BAC decimal.Decimal `json:"bac"`
	// PV is the planned value by the end of the status date: each package's exact
	// cumulative amount by its curve, rounded half up to the cent. (The series
	// round each period instead, by largest remainder, so the series' cumulative
	// PV at a period's end may differ from this by a few cents.)
	PV decimal.Decimal `json:"pv"`
	// EV is the earned value by the package's technique, from its latest
	// progress on or before the status date.
	EV decimal.Decimal `json:"ev"`
	// AC is the actual cost dated on or before the status date.
	AC decimal.Decimal `json:"ac"`
	// ACByType is AC split by cost type.
	ACByType CostTypeAmounts `json:"acByType"`
	// Metrics are the earned value metrics of BAC, PV, EV and AC ([Evaluate]).
	Metrics Metrics `json:"metrics"`
}

// Analysis is an earned value analysis (挣值分析) of a project at a status date:
// planned value, earned value and actual cost per package, rolled up the
// breakdown to the control accounts and the project, with the earned value
// metrics and the earned schedule, at the status date and as period series.
// It is immutable and safe for concurrent use.
type Analysis struct {
	// StatusDate is the status date.
	StatusDate date.Date
	// Granularity and Periods are the periods of the series.
	Granularity Granularity
	Periods     []Period // consecutive, covering the plan, the status date and what is recorded by it
	// StatusPeriod is the index in Periods of the period holding the status
	// date; the series of EV and AC end with it.
	StatusPeriod int
	// Budget is the baseline's budget arithmetic: PMB and CBB.
	Budget BudgetSummary

	ph     *phased
	weight decimal.Decimal
	// Per element, cents at the status date, rolled up; index n is the project.
	bac, pv, ev, ac []int64
	byType          [][acNumTypes]int64
	// EV steps: element i's cumulative EV is evCum[k] from period evK[k] on, for
	// k in evStart[i] … evStart[i]+evLen[i]−1.
	evStart, evLen []int32
	evK            []int32
	evCum          []int64
	// Actual costs up to the status date, one entry each.
	acElem []int32
	acK    []int32
	acAmt  []int64
	// The project's series, eagerly.
	project Series
}

// Analyze makes the earned value analysis of in. It is a pure function. Bad
// input gives a *lanyan.Error naming the record and field, and no analysis:
// everything [SpreadBudgets] checks; progress for an unknown element, for an
// element that is not a work package, twice on one day, or not fitting its
// technique (`progress "WP1" 2025-03-07: percent: 120 is outside 0–100`); an
// actual cost with an unknown code or type, booked to a planning package, or
// with a fraction of a cent.
func Analyze(in AnalysisInput) (*Analysis, error) {
	if in.StatusDate == 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "analysis", "statusDate", "is not set")
	}
	if _, err := Evaluate(Inputs{Weight: in.EACWeight}); err != nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "analysis", "eacWeight", "%s is outside [0, 1]", in.EACWeight)
	}
	p, err := preparePlan(in.Breakdown, in.Baseline)
	if err != nil {
		return nil, err
	}
	prog, err := sortProgress(p, in.Progress)
	if err != nil {
		return nil, err
	}
	if err := checkActuals(p, in.Actuals); err != nil {
		return nil, err
	}

	// The periods cover the plan, the status date, and what is recorded by it.
	sd := in.StatusDate
	from, to := p.span()
	from, to = widen(from, to, sd)
	from, to = widen(from, to, in.Phasing.From)
	from, to = widen(from, to, in.Phasing.To)
	for _, r := range prog {
		if r.Date <= sd {
			from, to = widen(from, to, r.Date)
		}
	}
	for k := range in.Actuals {
		if d := in.Actuals[k].Date; d <= sd {
			from, to = widen(from, to, d)
		}
	}
	gr, err := newGrid(in.Phasing.Granularity, from, to)
	if err != nil {
		return nil, err
	}

	n := len(p.t.b.Elements)
	a := &Analysis{
		StatusDate:   sd,
		Granularity:  in.Phasing.Granularity,
		Periods:      gr.periods(),
		StatusPeriod: gr.of(sd),
		Budget:       p.summary,
		ph:           p.phase(gr),
		weight:       in.EACWeight,
		bac:          make([]int64, n+1),
		pv:           make([]int64, n+1),
		ev:           make([]int64, n+1),
		ac:           make([]int64, n+1),
		byType:       make([][acNumTypes]int64, n+1),
		evStart:      make([]int32, n),
		evLen:        make([]int32, n),
	}
	for _, i := range p.t.packages {
		a.bac[i] = p.budget[i]
		a.pv[i] = p.plannedAt(i, sd)
	}
	if err := a.earn(prog); err != nil {
		return nil, err
	}
	if err := a.spend(in.Actuals); err != nil {
		return nil, err
	}
	a.rollUp()
	a.project = a.series(-1)
	return a, nil
}

// sortProgress checks the progress records and returns them ordered by package
// (element index) and date.
func sortProgress(p *plan, recs []Progress) ([]Progress, error) {
	type keyed struct {
		i int32
		r *Progress
	}
	ks := make([]keyed, len(recs))
	for k := range recs {
		r := &recs[k]
		i, ok := p.t.index[r.Package]
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, r.record(), "package", "unknown element %q", r.Package)
		}
		if e := &p.t.b.Elements[i]; e.Kind != WorkPackage {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, r.record(), "package", "%s is not a work package: only work packages earn value", e.record())
		}
		if r.Date == 0 {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, r.record(), "date", "is not set")
		}
		ks[k] = keyed{i, r}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.r.Date, y.r.Date)
	})
	out := make([]Progress, len(ks))
	for k, x := range ks {
		if k > 0 && ks[k-1].i == x.i && ks[k-1].r.Date == x.r.Date {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, x.r.record(), "date", "the package has two progress records on this day")
		}
		out[k] = *x.r
	}
	return out, nil
}

// checkActuals checks every actual cost, including those after the status date.
func checkActuals(p *plan, acs []ActualCost) error {
	var abs uint64
	for k := range acs {
		a := &acs[k]
		rec := func() string { return actualRecord(a, k) }
		i, ok := p.t.index[a.Code]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, rec(), "code", "unknown element %q", a.Code)
		}
		if e := &p.t.b.Elements[i]; e.Kind == PlanningPackage {
			return lanyan.Errorf(lanyan.CodeInvalid, rec(), "code", "%s takes no actual cost: book it to a work package or control account", e.record())
		}
		if a.Date == 0 {
			return lanyan.Errorf(lanyan.CodeInvalid, rec(), "date", "is not set")
		}
		if _, ok := acTypeIndex(a.Type); !ok {
			return lanyan.Errorf(lanyan.CodeInvalid, rec(), "type", "unknown cost type %q", string(a.Type))
		}
		c, err := centsOf(a.Amount, rec, "amount")
		if err != nil {
			return err
		}
		// Every partial sum fits when the sum of magnitudes does.
		u := uint64(c)
		if c < 0 {
			u = uint64(-c)
		}
		if abs += u; abs > 1<<62 {
			return lanyan.Errorf(lanyan.CodeInvalid, rec(), "amount", "the actual costs add up beyond range")
		}
	}
	return nil
}

// actualRecord names an actual cost in an error by its source reference, or by
// its position when it has none.
func actualRecord(a *ActualCost, k int) string {
	if a.SourceRef != "" {
		return fmt.Sprintf("actual cost %q", a.SourceRef)
	}
	return fmt.Sprintf("actuals[%d]", k)
}

// earn works out every work package's EV at the status date and its steps by
// period, from the sorted progress.
func (a *Analysis) earn(prog []Progress) error {
	p := a.ph.plan
	gr := a.ph.gr
	sd, sp := a.StatusDate, a.StatusPeriod
	// Discrete techniques, from the progress records.
	for k := 0; k < len(prog); {
		i := p.t.index[prog[k].Package]
		r := &p.t.tech[i]
		a.evStart[i] = int32(len(a.evK))
		for id := prog[k].Package; k < len(prog) && prog[k].Package == id; k++ {
			ev, err := r.earned(p.budget[i], &prog[k])
			if err != nil {
				return err
			}
			if prog[k].Date > sd {
				continue
			}
			a.step(i, int32(gr.of(prog[k].Date)), ev)
		}
	}
	// Level of effort earns its plan.
	for _, i := range p.t.packages {
		if p.t.tech[i].method != LevelOfEffort || p.budget[i] == 0 {
			continue
		}
		a.evStart[i] = int32(len(a.evK))
		first, amt := a.ph.amounts(i)
		var cum int64
		for j, c := range amt {
			if first+j >= sp {
				break
			}
			cum += c
			a.step(i, int32(first+j), cum)
		}
		a.step(i, int32(sp), p.plannedAt(i, sd))
	}
	// Apportioned effort follows its base.
	for _, i := range p.t.packages {
		r := &p.t.tech[i]
		if r.method != ApportionedEffort {
			continue
		}
		a.evStart[i] = int32(len(a.evK))
		b := r.base
		for k := a.evStart[b]; k < a.evStart[b]+a.evLen[b]; k++ {
			a.step(i, a.evK[k], r.apportioned(a.evCum[k]))
		}
	}
	for _, i := range p.t.packages {
		if a.evLen[i] > 0 {
			a.ev[i] = a.evCum[a.evStart[i]+a.evLen[i]-1]
		}
	}
	return nil
}

// step records that element i's cumulative EV is cum from period k on. Steps
// come in order of k; a later one in the same period replaces the earlier.
func (a *Analysis) step(i, k int32, cum int64) {
	if a.evLen[i] > 0 {
		last := a.evStart[i] + a.evLen[i] - 1
		if a.evK[last] == k {
			a.evCum[last] = cum
			return
		}
	}
	a.evK = append(a.evK, k)
	a.evCum = append(a.evCum, cum)
	a.evLen[i]++
}

// spend books the actual costs up to the status date.
func (a *Analysis) spend(acs []ActualCost) error {
	p := a.ph.plan
	for k := range acs {
		ac := &acs[k]
		if ac.Date > a.StatusDate {
			continue
		}
		i := p.t.index[ac.Code]
		c, err := centsOf(ac.Amount, func() string { return actualRecord(ac, k) }, "amount")
		if err != nil {
			return err
		}
		ty, _ := acTypeIndex(ac.Type)
		a.ac[i] += c
		a.byType[i][ty] += c
		a.acElem = append(a.acElem, i)
		a.acK = append(a.acK, int32(a.ph.gr.of(ac.Date)))
		a.acAmt = append(a.acAmt, c)
	}
	return nil
}

// rollUp adds every element's figures into its parent's and the project's.
func (a *Analysis) rollUp() {
	t := a.ph.t
	n := int32(len(t.parent))
	for k := len(t.order) - 1; k >= 0; k-- {
		i := t.order[k]
		p := t.parent[i]
		if p < 0 {
			p = n
		}
		a.bac[p] += a.bac[i]
		a.pv[p] += a.pv[i]
		a.ev[p] += a.ev[i]
		a.ac[p] += a.ac[i]
		for ty := range a.byType[i] {
			a.byType[p][ty] += a.byType[i][ty]
		}
	}
}

// node returns the index of element id (n for the project, id ""), and false if
// there is none.
func (a *Analysis) node(id string) (int32, bool) {
	if id == "" {
		return int32(len(a.ph.t.parent)), true
	}
	i, ok := a.ph.t.index[id]
	return i, ok
}

// Status returns the status of element id, or of the project when id is empty,
// and false if there is no such element.
func (a *Analysis) Status(id string) (Status, bool) {
	i, ok := a.node(id)
	if !ok {
		return Status{}, false
	}
	return a.status(i), true
}

// Statuses returns the status of the project followed by every element, depth
// first: each control account followed by what it contains, in breakdown order.
// It works out the metrics of every element (some microseconds each); for a
// breakdown of 100,000 packages, ask [Analysis.Status] for the elements needed.
func (a *Analysis) Statuses() []Status {
	t := a.ph.t
	out := make([]Status, 0, len(t.order)+1)
	out = append(out, a.status(int32(len(t.parent))))
	for _, i := range t.order {
		out = append(out, a.status(i))
	}
	return out
}

// Project returns the status of the project.
func (a *Analysis) Project() Status { return a.status(int32(len(a.ph.t.parent))) }

func (a *Analysis) status(i int32) Status {
	t := a.ph.t
	var s Status
	if int(i) < len(t.parent) {
		e := &t.b.Elements[i]
		s.ID, s.Name, s.Kind, s.Parent, s.Level = e.ID, e.Name, e.Kind, e.Parent, int(t.level[i])
	}
	s.BAC, s.PV, s.EV, s.AC = money(a.bac[i]), money(a.pv[i]), money(a.ev[i]), money(a.ac[i])
	bt := &a.byType[i]
	s.ACByType = CostTypeAmounts{
		Labour:      money(bt[acLabour]),
		Material:    money(bt[acMaterial]),
		Equipment:   money(bt[acEquipment]),
		Subcontract: money(bt[acSubcontract]),
		Other:       money(bt[acOther]),
	}
	s.Metrics = a.evaluate(s.BAC, s.PV, s.EV, s.AC)
	return s
}

// evaluate returns the metrics of the figures; the weight was checked by
// Analyze and BAC is never negative, so Evaluate cannot fail.
func (a *Analysis) evaluate(bac, pv, ev, ac decimal.Decimal) Metrics {
	m, _ := Evaluate(Inputs{BAC: bac, PV: pv, EV: ev, AC: ac, Weight: a.weight})
	return m
}

// Indices of the cost types in Analysis.byType, in CostTypeAmounts order.
const (
	acLabour = iota
	acMaterial
	acEquipment
	acSubcontract
	acOther
	acNumTypes
)

// acTypeIndex returns the index of cost type t, and false for an unknown type.
func acTypeIndex(t CostType) (int, bool) {
	switch t {
	case CostLabour:
		return acLabour, true
	case CostMaterial:
		return acMaterial, true
	case CostEquipment:
		return acEquipment, true
	case CostSubcontract:
		return acSubcontract, true
	case CostOther:
		return acOther, true
	}
	return 0, false
}
