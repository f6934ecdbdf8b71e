package cost

import (
	"bytes"
	"strings"

	"github.com/lanyan-dev/lanyan"
	"github.com/shopspring/decimal"
)

// Rounding of the earned value and earned schedule figures. Every figure is worked
// out exactly from the inputs (shopspring adds and multiplies exactly) and rounded
// once, by a single division rounded half away from zero (DivRound), so no figure
// is computed from another one's rounded value except where its doc comment says so.
const (
	// evMoneyPlaces: EAC, ETC and VAC are money, rounded to the cent.
	evMoneyPlaces = 2
	// evIndexPlaces: indices (SPI, CPI, TCPI, SPI(t), TSPI), percentages (SV%, CV%,
	// VAC%) and durations in periods (ES, SV(t), IEAC(t)) keep ten decimal places:
	// enough that a caller rounding them for display (to 2 or 3 places) never
	// rounds twice in a way that shows.
	evIndexPlaces = 10
)

var (
	evOne     = decimal.NewFromInt(1)
	evHundred = decimal.NewFromInt(100)
)

// evRatio returns num/den rounded half away from zero to places decimal places, or
// Undefined when den is zero.
func evRatio(num, den decimal.Decimal, places int32) Value {
	if den.IsZero() {
		return Undefined
	}
	return Defined(num.DivRound(den, places))
}

// MarshalJSON writes a defined Value as a JSON number in plain decimal notation
// (never a string, never an exponent, whatever shopspring's package settings) and
// an undefined one as null.
func (v Value) MarshalJSON() ([]byte, error) {
	if !v.Defined {
		return []byte("null"), nil
	}
	places := -v.Value.Exponent()
	if places < 0 {
		places = 0
	}
	s := v.Value.StringFixed(places)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return []byte(s), nil
}

// UnmarshalJSON reads null as Undefined and a number (or, leniently, a string
// holding a decimal number) as a defined Value.
func (v *Value) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		*v = Undefined
		return nil
	}
	s := string(data)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "", "", "metric %s is neither a number nor null", data)
	}
	*v = Defined(d)
	return nil
}

// Inputs are the earned value figures of one element of the cost breakdown (a
// control account, a work package or the whole project), either for one reporting
// period or cumulative to the data date. BAC must not be negative. PV, EV and AC
// may be: a period's actual cost is negative when a credit outweighs its costs, and
// its earned value when progress reported earlier is taken back.
type Inputs struct {
	// BAC is the budget at completion (完工预算).
	BAC decimal.Decimal `json:"bac"`
	// PV is the planned value (计划值), the budgeted cost of the work scheduled.
	PV decimal.Decimal `json:"pv"`
	// EV is the earned value (挣值), the budgeted cost of the work performed.
	EV decimal.Decimal `json:"ev"`
	// AC is the actual cost (实际成本) of the work performed.
	AC decimal.Decimal `json:"ac"`
	// Weight is w in the composite estimate AC + (BAC − EV)/(w·CPI + (1−w)·SPI),
	// from 0 to 1 inclusive; 0.8 is a common choice. The zero value weights SPI
	// alone.
	Weight decimal.Decimal `json:"weight"`
	// BottomUpETC is a bottom-up estimate to complete (自下而上的完工尚需估算), a
	// fresh estimate of the remaining work; leave it Undefined when there is none.
	BottomUpETC Value `json:"bottomUpEtc"`
}

// Metrics are the earned value metrics (挣值指标) of one set of Inputs. A metric
// whose denominator is zero is Undefined, and so is every metric computed from an
// undefined one. SV and CV are always defined; they are Values so that every
// metric has the same JSON form.
//
// Rounding: SV and CV are exact differences of the inputs. SPI, CPI and TCPI, and
// the percentages SV% and CV% (in per cent: −12.5 means −12.5 %), are rounded
// half away from zero to 10 decimal places; round them again only for display.
type Metrics struct {
	// SV is the schedule variance (进度偏差) EV − PV.
	SV Value `json:"sv"`
	// CV is the cost variance (成本偏差) EV − AC.
	CV Value `json:"cv"`
	// SVPercent is SV% = 100·SV/PV, undefined when PV is zero.
	SVPercent Value `json:"svPercent"`
	// CVPercent is CV% = 100·CV/EV, undefined when EV is zero.
	CVPercent Value `json:"cvPercent"`
	// SPI is the schedule performance index (进度绩效指数) EV/PV, undefined when PV
	// is zero.
	SPI Value `json:"spi"`
	// CPI is the cost performance index (成本绩效指数) EV/AC, undefined when AC is
	// zero.
	CPI Value `json:"cpi"`
	// TCPI is the to-complete performance index (完工尚需绩效指数) needed to finish
	// within the budget: (BAC − EV)/(BAC − AC), undefined when BAC equals AC.
	// Above 1 the remaining work must be done more cheaply than budgeted; negative
	// when AC already exceeds BAC, and BAC can then no longer be met.
	TCPI Value `json:"tcpi"`
	// Estimates are the estimates at completion, one per method.
	Estimates Estimates `json:"estimates"`
}

// EACMethod names a method of estimating the cost at completion. Its values are
// the JSON keys of [Estimates].
type EACMethod string

// The methods of estimating the cost at completion.
const (
	// EACByCPI assumes the cost efficiency to date continues: EAC = BAC/CPI.
	EACByCPI EACMethod = "cpi"
	// EACAtBudgetRate assumes the variance to date was a one-off and the rest of the
	// work costs its budget: EAC = AC + (BAC − EV).
	EACAtBudgetRate EACMethod = "budgetRate"
	// EACByCPIAndSPI assumes both cost and schedule efficiency weigh on the rest of
	// the work: EAC = AC + (BAC − EV)/(CPI·SPI).
	EACByCPIAndSPI EACMethod = "cpiSpi"
	// EACComposite weights the two indices: EAC = AC + (BAC − EV)/(w·CPI + (1−w)·SPI)
	// with w = Inputs.Weight.
	EACComposite EACMethod = "composite"
	// EACBottomUp adds a fresh estimate of the remaining work: EAC = AC + bottom-up
	// ETC.
	EACBottomUp EACMethod = "bottomUp"
)

// Estimates are the estimates at completion of one set of Inputs, one per
// [EACMethod].
type Estimates struct {
	// CPI is EAC = BAC/CPI, undefined when AC or EV is zero (CPI undefined or
	// zero).
	CPI Estimate `json:"cpi"`
	// BudgetRate is EAC = AC + (BAC − EV), always defined.
	BudgetRate Estimate `json:"budgetRate"`
	// CPISPI is EAC = AC + (BAC − EV)/(CPI·SPI), undefined when AC, PV or EV is
	// zero.
	CPISPI Estimate `json:"cpiSpi"`
	// Composite is EAC = AC + (BAC − EV)/(w·CPI + (1−w)·SPI). An index with weight
	// zero is left out, so w = 1 gives the same estimate as BAC/CPI and w = 0 needs
	// no CPI; otherwise it is undefined when CPI or SPI is, or when the weighted
	// index is zero.
	Composite Estimate `json:"composite"`
	// BottomUp is EAC = AC + bottom-up ETC, undefined when Inputs.BottomUpETC is.
	BottomUp Estimate `json:"bottomUp"`
}

// ByMethod returns the estimate made by method m, and false if m is not one of the
// [EACMethod] constants.
func (e Estimates) ByMethod(m EACMethod) (Estimate, bool) {
	switch m {
	case EACByCPI:
		return e.CPI, true
	case EACAtBudgetRate:
		return e.BudgetRate, true
	case EACByCPIAndSPI:
		return e.CPISPI, true
	case EACComposite:
		return e.Composite, true
	case EACBottomUp:
		return e.BottomUp, true
	}
	return Estimate{}, false
}

// Estimate is one estimate at completion and the figures that follow from it; all
// are undefined together when the estimate is.
//
// Rounding: EAC is rounded to the cent, half away from zero, from its exact value.
// ETC and VAC are then taken from that rounded EAC and rounded to the cent the
// same way, which changes nothing when AC and BAC are whole cents, so that the
// reported figures add up: ETC = EAC − AC and VAC = BAC − EAC exactly. VACPercent
// and TCPI are worked out from the exact (unrounded) EAC and rounded half away
// from zero to 10 decimal places; so TCPI of the BAC/CPI estimate is exactly CPI.
type Estimate struct {
	// EAC is the estimate at completion (完工估算).
	EAC Value `json:"eac"`
	// ETC is the estimate to complete (完工尚需估算), EAC − AC.
	ETC Value `json:"etc"`
	// VAC is the variance at completion (完工偏差), BAC − EAC; negative is an
	// overrun.
	VAC Value `json:"vac"`
	// VACPercent is VAC% = 100·VAC/BAC, undefined when BAC is zero.
	VACPercent Value `json:"vacPercent"`
	// TCPI is the to-complete performance index needed to finish at this EAC:
	// (BAC − EV)/(EAC − AC), undefined when ETC is zero.
	TCPI Value `json:"tcpi"`
}

// Evaluate works out the earned value metrics of in. It returns an error, naming
// the field, only for invalid input: a negative BAC, or a Weight outside [0, 1].
// A zero denominator is not an error: the metrics that need it are Undefined.
// See [Metrics] and [Estimate] for the formulas and the rounding.
func Evaluate(in Inputs) (Metrics, error) {
	const record = "earned value"
	if in.BAC.IsNegative() {
		return Metrics{}, lanyan.Errorf(lanyan.CodeInvalid, record, "bac", "is negative (%s)", in.BAC)
	}
	if in.Weight.IsNegative() || in.Weight.GreaterThan(evOne) {
		return Metrics{}, lanyan.Errorf(lanyan.CodeInvalid, record, "weight", "%s is outside [0, 1]", in.Weight)
	}

	sv := in.EV.Sub(in.PV)
	cv := in.EV.Sub(in.AC)
	remaining := in.BAC.Sub(in.EV) // the budgeted cost of the work still to do
	m := Metrics{
		SV:        Defined(sv),
		CV:        Defined(cv),
		SVPercent: evRatio(sv.Mul(evHundred), in.PV, evIndexPlaces),
		CVPercent: evRatio(cv.Mul(evHundred), in.EV, evIndexPlaces),
		SPI:       evRatio(in.EV, in.PV, evIndexPlaces),
		CPI:       evRatio(in.EV, in.AC, evIndexPlaces),
		TCPI:      evRatio(remaining, in.BAC.Sub(in.AC), evIndexPlaces),
	}

	// Each ETC is written as an exact fraction num/den of the inputs, so that the
	// indices it divides by are never rounded before use: for example
	// (BAC − EV)/CPI = (BAC − EV)·AC/EV.
	hasCPI, hasSPI := !in.AC.IsZero(), !in.PV.IsZero()
	if hasCPI {
		m.Estimates.CPI = evEstimate(in, remaining.Mul(in.AC), in.EV)
	}
	m.Estimates.BudgetRate = evEstimate(in, remaining, evOne)
	if hasCPI && hasSPI {
		// (BAC − EV)/(EV/AC · EV/PV)
		m.Estimates.CPISPI = evEstimate(in, remaining.Mul(in.AC).Mul(in.PV), in.EV.Mul(in.EV))
	}
	w := in.Weight
	switch {
	case w.Equal(evOne):
		if hasCPI {
			m.Estimates.Composite = evEstimate(in, remaining.Mul(in.AC), in.EV)
		}
	case w.IsZero():
		if hasSPI {
			m.Estimates.Composite = evEstimate(in, remaining.Mul(in.PV), in.EV)
		}
	default:
		if hasCPI && hasSPI {
			// w·EV/AC + (1−w)·EV/PV = EV·(w·PV + (1−w)·AC)/(AC·PV)
			weighted := w.Mul(in.PV).Add(evOne.Sub(w).Mul(in.AC))
			m.Estimates.Composite = evEstimate(in, remaining.Mul(in.AC).Mul(in.PV), in.EV.Mul(weighted))
		}
	}
	if in.BottomUpETC.Defined {
		m.Estimates.BottomUp = evEstimate(in, in.BottomUpETC.Value, evOne)
	}
	return m, nil
}

// evEstimate returns the estimate whose exact ETC is num/den, or an undefined one
// when den is zero.
func evEstimate(in Inputs, num, den decimal.Decimal) Estimate {
	if den.IsZero() {
		return Estimate{}
	}
	// EAC = AC + num/den = (AC·den + num)/den
	eacNum := in.AC.Mul(den).Add(num)
	eac := eacNum.DivRound(den, evMoneyPlaces)
	bac := in.BAC.Mul(den)
	return Estimate{
		EAC:        Defined(eac),
		ETC:        Defined(eac.Sub(in.AC).Round(evMoneyPlaces)),
		VAC:        Defined(in.BAC.Sub(eac).Round(evMoneyPlaces)),
		VACPercent: evRatio(bac.Sub(eacNum).Mul(evHundred), bac, evIndexPlaces),
		TCPI:       evRatio(in.BAC.Sub(in.EV).Mul(den), num, evIndexPlaces),
	}
}
