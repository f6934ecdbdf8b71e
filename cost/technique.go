package cost

import (
	"fmt"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// Method is an earned value technique (挣值测量方法): how a work package's
// progress turns into earned value (EV).
type Method string

// The earned value techniques. B is the package's budget in the baseline; EV is
// rounded to the cent half away from zero unless the method says otherwise, so it
// is exactly B once the work is complete.
const (
	// ZeroHundred (0/100) earns nothing until the package finishes, then B.
	ZeroHundred Method = "0/100"
	// FiftyFifty (50/50) earns half of B when the package starts and the rest
	// when it finishes; an odd cent is earned at the start.
	FiftyFifty Method = "50/50"
	// FixedFormula (X/Y) earns Technique.StartPercent (X) per cent of B when the
	// package starts and the rest (Y = 100 − X) when it finishes. 0/100 and 50/50
	// are its special cases.
	FixedFormula Method = "fixedFormula"
	// PercentComplete earns B × Progress.Percent / 100, the percent complete
	// reported for the package (MS Project's % complete: the share of its
	// duration done).
	PercentComplete Method = "percentComplete"
	// PhysicalPercentComplete earns B × Progress.Percent / 100, where the percent
	// is the measured share of the physical work in place (MS Project's physical
	// % complete), independent of the time spent.
	PhysicalPercentComplete Method = "physicalPercentComplete"
	// WeightedMilestones splits B over Technique.Milestones by their weights
	// (largest remainder to the cent, the earlier milestone first on a tie) and
	// earns each milestone's share once Progress.Milestones lists it.
	WeightedMilestones Method = "weightedMilestones"
	// UnitsComplete earns B × Progress.Units / Technique.Units: units installed
	// over the units budgeted.
	UnitsComplete Method = "unitsComplete"
	// LevelOfEffort (LOE, 支持型工作) earns what is planned: EV = PV at every
	// date. It takes no progress.
	LevelOfEffort Method = "levelOfEffort"
	// ApportionedEffort (分摊型工作) earns Technique.Factor × the EV of the base
	// work package (Technique.Base). Its budget must be Factor × the base's budget
	// (rounded to the cent), so that it completes with its base. It takes no
	// progress.
	ApportionedEffort Method = "apportionedEffort"
)

// Milestone is one weighted milestone of a work package.
type Milestone struct {
	ID   string `json:"id"` // distinct within the package; Progress.Milestones names it
	Name string `json:"name,omitempty"`
	// Weight is the milestone's relative weight: positive; the weights of a
	// package need not add up to 100.
	Weight decimal.Decimal `json:"weight"`
}

// Technique is a work package's earned value technique with its parameters.
type Technique struct {
	Method Method `json:"method"` // required
	// StartPercent is X of an X/Y FixedFormula, from 0 to 100.
	StartPercent decimal.Decimal `json:"startPercent,omitzero"`
	// Milestones are the weighted milestones of WeightedMilestones, in order.
	Milestones []Milestone `json:"milestones,omitempty"`
	// Units is the total of units budgeted for UnitsComplete; positive.
	Units decimal.Decimal `json:"units,omitzero"`
	// Base is the work package whose EV an ApportionedEffort package follows.
	Base string `json:"base,omitempty"`
	// Factor is the ApportionedEffort factor: positive, at most 1000.
	Factor decimal.Decimal `json:"factor,omitzero"`
}

// Progress is the progress of one work package as of the end of one day: its
// state then, not the change since the last record. The fields used depend on
// the package's [Method]; the others must be left zero.
type Progress struct {
	Package string    `json:"package"` // the work package's element id
	Date    date.Date `json:"date"`    // the day the progress was measured, as of its end
	// Started reports that the work has begun (fixed formulas); a Percent above
	// zero implies it.
	Started bool `json:"started,omitempty"`
	// Percent complete, 0 to 100: the fixed formulas count the package finished at
	// 100; PercentComplete and PhysicalPercentComplete earn by it.
	Percent decimal.Decimal `json:"percent,omitzero"`
	// Units done to date for UnitsComplete, 0 to Technique.Units.
	Units decimal.Decimal `json:"units,omitzero"`
	// Milestones lists the ids of the milestones achieved to date for
	// WeightedMilestones.
	Milestones []string `json:"milestones,omitempty"`
}

// record names a progress record in an error: `progress "WP1" 2025-03-07`.
func (p *Progress) record() string {
	return fmt.Sprintf("progress %q %s", p.Package, p.Date.Format("2006-01-02"))
}

var (
	decHundred  = decimal.NewFromInt(100)
	decThousand = decimal.NewFromInt(1000)
)

// techRule is a work package's technique, checked and prepared.
type techRule struct {
	method   Method
	start    ratio    // FixedFormula: X/100
	msWeight []uint64 // WeightedMilestones: weights at a common scale
	msIndex  map[string]int
	units    decimal.Decimal
	base     int32 // ApportionedEffort: index of the base element
	factor   decimal.Decimal
}

// compileTechnique checks the technique of work package i.
func (t *tree) compileTechnique(i int32) (techRule, error) {
	e := &t.b.Elements[i]
	tq := &e.Technique
	r := techRule{method: tq.Method, base: -1}
	switch tq.Method {
	case ZeroHundred:
		r.start = ratio{0, 1}
	case FiftyFifty:
		r.start = ratio{1, 2}
	case FixedFormula:
		x := tq.StartPercent
		if x.IsNegative() || x.GreaterThan(decHundred) {
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.startPercent", "%s is outside 0–100", x)
		}
		rt, ok := ratioOf(x, decHundred)
		if !ok {
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.startPercent", "%s has too many decimal places", x)
		}
		r.start = rt
	case PercentComplete, PhysicalPercentComplete, LevelOfEffort:
	case WeightedMilestones:
		if len(tq.Milestones) == 0 {
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.milestones", "is empty")
		}
		exp := int32(0)
		for _, m := range tq.Milestones {
			exp = min(exp, m.Weight.Exponent())
		}
		r.msIndex = make(map[string]int, len(tq.Milestones))
		r.msWeight = make([]uint64, len(tq.Milestones))
		var sum uint64
		for k, m := range tq.Milestones {
			field := func(f string) string { return fmt.Sprintf("technique.milestones[%d].%s", k, f) }
			if m.ID == "" {
				return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), field("id"), "is empty")
			}
			if _, dup := r.msIndex[m.ID]; dup {
				return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), field("id"), "repeats milestone %q", m.ID)
			}
			r.msIndex[m.ID] = k
			if !m.Weight.IsPositive() {
				return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), field("weight"), "must be positive, not %s", m.Weight)
			}
			w, whole, ok := scaledInt(m.Weight, -exp)
			if !whole || !ok || uint64(w) > (1<<62)/uint64(len(tq.Milestones)) {
				return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), field("weight"), "%s has too many digits", m.Weight)
			}
			r.msWeight[k] = uint64(w)
			sum += uint64(w)
		}
	case UnitsComplete:
		if !tq.Units.IsPositive() {
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.units", "must be positive, not %s", tq.Units)
		}
		r.units = tq.Units
	case ApportionedEffort:
		if tq.Base == "" {
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.base", "is empty")
		}
		b, ok := t.index[tq.Base]
		if !ok {
			return r, lanyan.Errorf(lanyan.CodeNotFound, e.record(), "technique.base", "unknown element %q", tq.Base)
		}
		be := &t.b.Elements[b]
		switch {
		case b == i:
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.base", "is the package itself")
		case be.Kind != WorkPackage:
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.base", "%s is not a work package", be.record())
		case be.Technique.Method == ApportionedEffort:
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.base", "%s is itself apportioned effort", be.record())
		}
		if !tq.Factor.IsPositive() || tq.Factor.GreaterThan(decThousand) {
			return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.factor", "%s is outside (0, 1000]", tq.Factor)
		}
		r.base, r.factor = b, tq.Factor
	case "":
		return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.method", "is empty")
	default:
		return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.method", "unknown method %q", string(tq.Method))
	}
	if tq.Method != FixedFormula && !tq.StartPercent.IsZero() {
		return r, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "technique.startPercent", "is set, but method %s does not use it", tq.Method)
	}
	return r, nil
}

// earned returns the EV in cents of a work package with budget b (cents) and
// rule r for one progress record, checking the record against the method.
func (r *techRule) earned(b int64, p *Progress) (int64, error) {
	pct := p.Percent
	if pct.IsNegative() || pct.GreaterThan(decHundred) {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "percent", "%s is outside 0–100", pct)
	}
	usesPercent := false
	var ev int64
	switch r.method {
	case ZeroHundred, FiftyFifty, FixedFormula:
		usesPercent = true
		switch {
		case pct.Equal(decHundred):
			ev = b
		case p.Started || pct.IsPositive():
			ev = share(b, r.start)
		}
	case PercentComplete, PhysicalPercentComplete:
		usesPercent = true
		ev = shareDecimal(b, pct, decHundred)
	case WeightedMilestones:
		parts := splitByWeights(b, r.msWeight)
		seen := make(map[int]bool, len(p.Milestones))
		for k, id := range p.Milestones {
			m, ok := r.msIndex[id]
			if !ok {
				return 0, lanyan.Errorf(lanyan.CodeNotFound, p.record(), fmt.Sprintf("milestones[%d]", k), "unknown milestone %q", id)
			}
			if seen[m] {
				return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), fmt.Sprintf("milestones[%d]", k), "repeats milestone %q", id)
			}
			seen[m] = true
			ev += parts[m]
		}
	case UnitsComplete:
		if p.Units.IsNegative() || p.Units.GreaterThan(r.units) {
			return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "units", "%s is outside 0–%s", p.Units, r.units)
		}
		ev = shareDecimal(b, p.Units, r.units)
	case LevelOfEffort, ApportionedEffort:
		return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "package", "method %s takes no progress", r.method)
	}
	switch {
	case !usesPercent && !pct.IsZero():
		return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "percent", "is set, but method %s does not use it", r.method)
	case !usesPercent && p.Started:
		return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "started", "is set, but method %s does not use it", r.method)
	case r.method != UnitsComplete && !p.Units.IsZero():
		return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "units", "is set, but method %s does not use it", r.method)
	case r.method != WeightedMilestones && len(p.Milestones) > 0:
		return 0, lanyan.Errorf(lanyan.CodeInvalid, p.record(), "milestones", "are set, but method %s does not use them", r.method)
	}
	return ev, nil
}

// apportioned returns the EV of an apportioned package from its base's EV
// (never negative): factor × base EV, rounded to the cent half away from zero.
func (r *techRule) apportioned(baseEV int64) int64 {
	if f, ok := ratioOf(r.factor, decimal.NewFromInt(1)); ok {
		return share(baseEV, f)
	}
	c, _, _ := scaledInt(money(baseEV).Mul(r.factor).Round(2), 2)
	return c
}
