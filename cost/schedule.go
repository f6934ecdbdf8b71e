package cost

import (
	"fmt"
	"sort"

	"github.com/lanyan-dev/lanyan"
	"github.com/shopspring/decimal"
)

// EarnedSchedule is the earned schedule analysis (挣得进度分析, Lipke 2003) at one
// data date: schedule performance measured in time (periods) rather than money, so
// that it stays meaningful for a late project, where the money SV returns to zero
// and SPI to one at completion however late it finishes.
//
// Durations are in reporting periods. ES, SV(t), SPI(t), IEAC(t) and TSPI are
// worked out exactly and rounded half away from zero to 10 decimal places; round
// them again only for display.
type EarnedSchedule struct {
	// PlannedDuration is PD, the number of periods of the plan.
	PlannedDuration int `json:"plannedDuration"`
	// ActualTime is AT, the number of periods elapsed at the data date.
	ActualTime int `json:"actualTime"`
	// ES is the earned schedule (挣得进度): the time at which the plan expected the
	// EV earned so far, C + (EV − PV_C)/(PV_C+1 − PV_C), where C is the number of
	// periods whose cumulative PV is at most EV and PV_C the cumulative PV at the
	// end of period C (0 for C = 0). ES is PD once EV reaches the last cumulative
	// PV. Undefined only for an empty plan.
	ES Value `json:"es"`
	// SV is the time-based schedule variance SV(t) = ES − AT, in periods; negative
	// is behind schedule.
	SV Value `json:"sv"`
	// SPI is the time-based schedule performance index SPI(t) = ES/AT, undefined
	// when AT is zero.
	SPI Value `json:"spi"`
	// IEAC is the independent estimate at completion in time, IEAC(t) = PD/SPI(t),
	// in periods; undefined when SPI(t) is undefined or zero.
	IEAC Value `json:"ieac"`
	// TSPI is the to-complete schedule performance index (PD − ES)/(PD − AT): the
	// schedule efficiency needed on the remaining work to finish in PD. It is
	// undefined when AT is PD or later, as no efficiency can then finish in PD.
	TSPI Value `json:"tspi"`
}

// EvaluateSchedule works out the earned schedule at actual time at (whole periods
// elapsed) from the plan's cumulative planned value by period, cumPV[i] being the
// cumulative PV at the end of period i+1, and the cumulative earned value cumEV at
// the data date. The plan has len(cumPV) periods. The actual time may exceed the
// plan (a late project). ES is found by linear interpolation within the period in
// which the plan expected cumEV, as Lipke defines it.
//
// It returns an error, naming the field and index, when cumPV holds a negative
// value or falls from one period to the next, when cumEV is negative, or when at is
// negative. An empty plan is no error: every time-based metric is then Undefined.
func EvaluateSchedule(cumPV []decimal.Decimal, cumEV decimal.Decimal, at int) (EarnedSchedule, error) {
	const record = "earned schedule"
	if at < 0 {
		return EarnedSchedule{}, lanyan.Errorf(lanyan.CodeInvalid, record, "at", "actual time %d is negative", at)
	}
	if cumEV.IsNegative() {
		return EarnedSchedule{}, lanyan.Errorf(lanyan.CodeInvalid, record, "cumEV", "is negative (%s)", cumEV)
	}
	for i, pv := range cumPV {
		field := fmt.Sprintf("cumPV[%d]", i)
		if pv.IsNegative() {
			return EarnedSchedule{}, lanyan.Errorf(lanyan.CodeInvalid, record, field,
				"cumulative PV of period %d is negative (%s)", i+1, pv)
		}
		if i > 0 && pv.LessThan(cumPV[i-1]) {
			return EarnedSchedule{}, lanyan.Errorf(lanyan.CodeInvalid, record, field,
				"cumulative PV of period %d (%s) is less than that of period %d (%s)", i+1, pv, i, cumPV[i-1])
		}
	}

	pd := len(cumPV)
	es := EarnedSchedule{PlannedDuration: pd, ActualTime: at}
	if pd == 0 {
		return es, nil
	}

	// ES as an exact fraction num/den, den > 0.
	var num, den decimal.Decimal
	c := sort.Search(pd, func(i int) bool { return cumPV[i].GreaterThan(cumEV) })
	if c == pd {
		num, den = decimal.NewFromInt(int64(pd)), evOne
	} else {
		pvC := decimal.Zero
		if c > 0 {
			pvC = cumPV[c-1]
		}
		den = cumPV[c].Sub(pvC) // > 0: cumPV[c] > cumEV ≥ pvC
		num = decimal.NewFromInt(int64(c)).Mul(den).Add(cumEV.Sub(pvC))
	}

	atD := decimal.NewFromInt(int64(at))
	pdD := decimal.NewFromInt(int64(pd))
	es.ES = evRatio(num, den, evIndexPlaces)
	es.SV = evRatio(num.Sub(atD.Mul(den)), den, evIndexPlaces)
	es.SPI = evRatio(num, den.Mul(atD), evIndexPlaces)
	if at > 0 {
		// PD/(ES/AT) = PD·AT·den/num
		es.IEAC = evRatio(pdD.Mul(atD).Mul(den), num, evIndexPlaces)
	}
	if at < pd {
		es.TSPI = evRatio(pdD.Mul(den).Sub(num), den.Mul(pdD.Sub(atD)), evIndexPlaces)
	}
	return es, nil
}
