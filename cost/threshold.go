package cost

import (
	"github.com/lanyan-dev/lanyan"
	"github.com/shopspring/decimal"
)

// Threshold is a variance threshold (偏差阈值). A variance breaches it when
//
//   - Amount is positive and |variance| ≥ Amount, or
//   - Percent is positive, the variance percentage is defined and
//     |variance %| ≥ Percent.
//
// An Amount or Percent of zero or less is not set; a Threshold with neither set
// is never breached. Both sides breach: a favourable variance as large as an
// unfavourable one is reported too, since it often means a poor budget or costs
// not yet booked; callers that want only overruns filter on the sign. Percent is
// in per cent (10 means 10 %) and is compared with the percentage as Evaluate
// reports it, to 10 decimal places.
type Threshold struct {
	// Amount is the threshold in money, compared with the variance's magnitude.
	Amount decimal.Decimal `json:"amount"`
	// Percent is the threshold in per cent, compared with the magnitude of the
	// variance percentage.
	Percent decimal.Decimal `json:"percent"`
}

// test reports whether variance (with percentage pct) breaches t by amount and
// by percentage.
func (t Threshold) test(variance decimal.Decimal, pct Value) (byAmount, byPercent bool) {
	byAmount = t.Amount.IsPositive() && variance.Abs().GreaterThanOrEqual(t.Amount)
	byPercent = t.Percent.IsPositive() && pct.Defined && pct.Value.Abs().GreaterThanOrEqual(t.Percent)
	return byAmount, byPercent
}

// ThresholdPair holds the thresholds of one time horizon: Cost applies to the cost
// variance CV (with CV%), Schedule to the schedule variance SV (with SV%).
type ThresholdPair struct {
	// Cost is the threshold on CV and CV%.
	Cost Threshold `json:"cost"`
	// Schedule is the threshold on SV and SV%.
	Schedule Threshold `json:"schedule"`
}

// AtCompletionThresholds holds the threshold at completion, on VAC and VAC% of
// one estimate at completion.
type AtCompletionThresholds struct {
	// Cost is the threshold on VAC and VAC%.
	Cost Threshold `json:"cost"`
	// Method chooses the estimate whose VAC is checked; empty means [EACByCPI].
	Method EACMethod `json:"method,omitempty"`
}

// Thresholds are the variance thresholds of one level of the cost breakdown (a
// project, a control account, a work package): callers keep one Thresholds per
// level and check each element against its level's. Current applies to the
// metrics of the reporting period, Cumulative to those to date, AtCompletion to
// the variance at completion.
type Thresholds struct {
	// Current are the thresholds on the period's variances.
	Current ThresholdPair `json:"current"`
	// Cumulative are the thresholds on the variances to date.
	Cumulative ThresholdPair `json:"cumulative"`
	// AtCompletion is the threshold on the variance at completion.
	AtCompletion AtCompletionThresholds `json:"atCompletion"`
}

// BreachKind says which horizon a breached variance belongs to.
type BreachKind string

// The horizons of a variance.
const (
	BreachCurrent      BreachKind = "current"      // the reporting period
	BreachCumulative   BreachKind = "cumulative"   // to date
	BreachAtCompletion BreachKind = "atCompletion" // at completion (VAC)
)

// VarianceMeasure says whether a breached variance is of cost or schedule.
type VarianceMeasure string

// The measures of a variance.
const (
	MeasureCost     VarianceMeasure = "cost"     // CV, or VAC at completion
	MeasureSchedule VarianceMeasure = "schedule" // SV
)

// Breach is a variance that breaches its threshold (超出阈值的偏差).
type Breach struct {
	// Kind is the horizon: current, cumulative or at completion.
	Kind BreachKind `json:"kind"`
	// Measure is cost (CV, or VAC at completion) or schedule (SV).
	Measure VarianceMeasure `json:"measure"`
	// Variance is the variance in money, as in the Metrics checked.
	Variance Value `json:"variance"`
	// Percent is the variance percentage (CV%, SV% or VAC%), as in the Metrics
	// checked; it may be undefined.
	Percent Value `json:"percent"`
	// ByAmount reports that |Variance| ≥ Threshold.Amount.
	ByAmount bool `json:"byAmount"`
	// ByPercent reports that |Percent| ≥ Threshold.Percent.
	ByPercent bool `json:"byPercent"`
	// Threshold is the threshold breached.
	Threshold Threshold `json:"threshold"`
}

// Check returns the variances that breach t, in a fixed order: current cost,
// current schedule, cumulative cost, cumulative schedule, then at completion; nil
// when none does. current and cumulative are the metrics of the period and to
// date; atCompletion is usually the same as cumulative, and its estimate chosen by
// t.AtCompletion.Method is checked. A variance that is undefined (as in a zero
// Metrics, for a horizon the caller has no figures for) is not checked, nor is an
// estimate of a Method that t.Validate rejects.
func (t Thresholds) Check(current, cumulative Metrics, atCompletion Metrics) []Breach {
	var out []Breach
	add := func(kind BreachKind, measure VarianceMeasure, th Threshold, variance, pct Value) {
		if !variance.Defined {
			return
		}
		byAmount, byPercent := th.test(variance.Value, pct)
		if byAmount || byPercent {
			out = append(out, Breach{
				Kind: kind, Measure: measure, Variance: variance, Percent: pct,
				ByAmount: byAmount, ByPercent: byPercent, Threshold: th,
			})
		}
	}
	add(BreachCurrent, MeasureCost, t.Current.Cost, current.CV, current.CVPercent)
	add(BreachCurrent, MeasureSchedule, t.Current.Schedule, current.SV, current.SVPercent)
	add(BreachCumulative, MeasureCost, t.Cumulative.Cost, cumulative.CV, cumulative.CVPercent)
	add(BreachCumulative, MeasureSchedule, t.Cumulative.Schedule, cumulative.SV, cumulative.SVPercent)
	if est, ok := atCompletion.Estimates.ByMethod(t.AtCompletion.method()); ok {
		add(BreachAtCompletion, MeasureCost, t.AtCompletion.Cost, est.VAC, est.VACPercent)
	}
	return out
}

func (a AtCompletionThresholds) method() EACMethod {
	if a.Method == "" {
		return EACByCPI
	}
	return a.Method
}

// Validate reports a negative Amount or Percent, or an unknown Method, naming the
// field (for example "cumulative.cost.percent"). Check itself treats a threshold of
// zero or less as not set.
func (t Thresholds) Validate() error {
	const record = "thresholds"
	check := func(field string, th Threshold) error {
		if th.Amount.IsNegative() {
			return lanyan.Errorf(lanyan.CodeInvalid, record, field+".amount", "is negative (%s)", th.Amount)
		}
		if th.Percent.IsNegative() {
			return lanyan.Errorf(lanyan.CodeInvalid, record, field+".percent", "is negative (%s)", th.Percent)
		}
		return nil
	}
	for _, c := range []struct {
		field string
		th    Threshold
	}{
		{"current.cost", t.Current.Cost},
		{"current.schedule", t.Current.Schedule},
		{"cumulative.cost", t.Cumulative.Cost},
		{"cumulative.schedule", t.Cumulative.Schedule},
		{"atCompletion.cost", t.AtCompletion.Cost},
	} {
		if err := check(c.field, c.th); err != nil {
			return err
		}
	}
	if _, ok := (Estimates{}).ByMethod(t.AtCompletion.method()); !ok {
		return lanyan.Errorf(lanyan.CodeInvalid, record, "atCompletion.method", "unknown estimate method %q", t.AtCompletion.Method)
	}
	return nil
}
