package cost_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func evmMetrics(t *testing.T, in cost.Inputs) cost.Metrics {
	t.Helper()
	m, err := cost.Evaluate(in)
	require.NoError(t, err)
	return m
}

// evmBreach is the expected part of a breach.
type evmBreach struct {
	kind                cost.BreachKind
	measure             cost.VarianceMeasure
	variance, percent   string
	byAmount, byPercent bool
}

func evmAssertBreaches(t *testing.T, want []evmBreach, got []cost.Breach) {
	t.Helper()
	require.Len(t, got, len(want), "%+v", got)
	for i, w := range want {
		g := got[i]
		assert.Equal(t, w.kind, g.Kind, i)
		assert.Equal(t, w.measure, g.Measure, i)
		evmAssertValue(t, "variance", w.variance, g.Variance)
		evmAssertValue(t, "percent", w.percent, g.Percent)
		assert.Equal(t, w.byAmount, g.ByAmount, i)
		assert.Equal(t, w.byPercent, g.ByPercent, i)
	}
}

// All by hand. To date: the worked example, SV −5,000 (SV% = −12.5 %),
// CV −1,000 (CV% = −2.857… %), VAC −2,857.14 by BAC/CPI (−2.857… %) and −6,000 bottom
// up (−6 %). The period: PV 5,000, EV 6,000, AC 5,500, so SV +1,000 (+20 %) and
// CV +500 (+8.33… %): ahead and under budget.
func TestThresholdsCheck(t *testing.T) {
	cumulative := evmMetrics(t, cost.Inputs{
		BAC: evmDec("100000"), PV: evmDec("40000"), EV: evmDec("35000"), AC: evmDec("36000"),
		BottomUpETC: cost.Defined(evmDec("70000")),
	})
	current := evmMetrics(t, cost.Inputs{BAC: evmDec("100000"), PV: evmDec("5000"), EV: evmDec("6000"), AC: evmDec("5500")})
	amount := func(s string) cost.Threshold { return cost.Threshold{Amount: evmDec(s)} }
	percent := func(s string) cost.Threshold { return cost.Threshold{Percent: evmDec(s)} }

	for _, tc := range []struct {
		name string
		th   cost.Thresholds
		want []evmBreach
	}{
		{"no thresholds set", cost.Thresholds{}, nil},
		{
			// |−1,000| ≥ 1,000: a variance equal to the threshold breaches it;
			// |−2.857… %| < 3 %.
			name: "cost amount reached exactly",
			th: cost.Thresholds{Cumulative: cost.ThresholdPair{
				Cost: cost.Threshold{Amount: evmDec("1000"), Percent: evmDec("3")},
			}},
			want: []evmBreach{{cost.BreachCumulative, cost.MeasureCost, "-1000", "-2.8571428571", true, false}},
		},
		{
			// |−1,000| < 1,000.01 and |−2.857… %| < 2.86 %.
			name: "cost just inside",
			th: cost.Thresholds{Cumulative: cost.ThresholdPair{
				Cost: cost.Threshold{Amount: evmDec("1000.01"), Percent: evmDec("2.86")},
			}},
		},
		{
			// |−12.5 %| ≥ 10 %, |−5,000| < 10,000.
			name: "schedule percent",
			th: cost.Thresholds{Cumulative: cost.ThresholdPair{
				Schedule: cost.Threshold{Amount: evmDec("10000"), Percent: evmDec("10")},
			}},
			want: []evmBreach{{cost.BreachCumulative, cost.MeasureSchedule, "-5000", "-12.5", false, true}},
		},
		{
			// Both tests: |−5,000| ≥ 5,000 and |−12.5 %| ≥ 12.5 %.
			name: "schedule by both",
			th: cost.Thresholds{Cumulative: cost.ThresholdPair{
				Schedule: cost.Threshold{Amount: evmDec("5000"), Percent: evmDec("12.5")},
			}},
			want: []evmBreach{{cost.BreachCumulative, cost.MeasureSchedule, "-5000", "-12.5", true, true}},
		},
		{
			// Favourable variances breach too: the period's SV +1,000 ≥ 1,000 and
			// CV% +8.33… ≥ 8.
			name: "favourable current variances",
			th:   cost.Thresholds{Current: cost.ThresholdPair{Cost: percent("8"), Schedule: amount("1000")}},
			want: []evmBreach{
				{cost.BreachCurrent, cost.MeasureCost, "500", "8.3333333333", false, true},
				{cost.BreachCurrent, cost.MeasureSchedule, "1000", "20", true, false},
			},
		},
		{
			// At completion, by default the BAC/CPI estimate: |−2.857… %| < 5 %.
			name: "at completion, default estimate",
			th:   cost.Thresholds{AtCompletion: cost.AtCompletionThresholds{Cost: percent("5")}},
		},
		{
			// The bottom-up estimate: |−6 %| ≥ 5 %.
			name: "at completion, bottom-up estimate",
			th:   cost.Thresholds{AtCompletion: cost.AtCompletionThresholds{Cost: percent("5"), Method: cost.EACBottomUp}},
			want: []evmBreach{{cost.BreachAtCompletion, cost.MeasureCost, "-6000", "-6", false, true}},
		},
		{
			// |−2,857.14| ≥ 2,000 by BAC/CPI.
			name: "at completion amount",
			th:   cost.Thresholds{AtCompletion: cost.AtCompletionThresholds{Cost: amount("2000")}},
			want: []evmBreach{{cost.BreachAtCompletion, cost.MeasureCost, "-2857.14", "-2.8571428571", true, false}},
		},
		{
			// Everything at once comes back in the fixed order.
			name: "order",
			th: cost.Thresholds{
				Current:      cost.ThresholdPair{Cost: amount("100"), Schedule: amount("100")},
				Cumulative:   cost.ThresholdPair{Cost: amount("100"), Schedule: amount("100")},
				AtCompletion: cost.AtCompletionThresholds{Cost: amount("100")},
			},
			want: []evmBreach{
				{cost.BreachCurrent, cost.MeasureCost, "500", "8.3333333333", true, false},
				{cost.BreachCurrent, cost.MeasureSchedule, "1000", "20", true, false},
				{cost.BreachCumulative, cost.MeasureCost, "-1000", "-2.8571428571", true, false},
				{cost.BreachCumulative, cost.MeasureSchedule, "-5000", "-12.5", true, false},
				{cost.BreachAtCompletion, cost.MeasureCost, "-2857.14", "-2.8571428571", true, false},
			},
		},
		{
			// Negative values are "not set" to Check (Validate rejects them).
			name: "negative thresholds not set",
			th:   cost.Thresholds{Cumulative: cost.ThresholdPair{Cost: amount("-1"), Schedule: percent("-1")}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.th.Check(current, cumulative, cumulative)
			evmAssertBreaches(t, tc.want, got)
			for _, b := range got {
				assert.True(t, b.ByAmount || b.ByPercent)
			}
		})
	}
}

// A horizon without figures (zero Metrics) is not checked; an undefined percentage
// cannot breach, but the amount still can.
func TestThresholdsCheckUndefined(t *testing.T) {
	th := cost.Thresholds{
		Current:      cost.ThresholdPair{Cost: cost.Threshold{Amount: evmDec("1")}, Schedule: cost.Threshold{Amount: evmDec("1")}},
		Cumulative:   cost.ThresholdPair{Schedule: cost.Threshold{Amount: evmDec("100"), Percent: evmDec("1")}},
		AtCompletion: cost.AtCompletionThresholds{Cost: cost.Threshold{Amount: evmDec("1"), Percent: evmDec("1")}},
	}
	// Nothing planned yet but 50 earned: SV = +50, SV% undefined; no AC, so the
	// BAC/CPI estimate is undefined and at completion is skipped.
	cumulative := evmMetrics(t, cost.Inputs{BAC: evmDec("1000"), PV: evmDec("0"), EV: evmDec("50"), AC: evmDec("0")})
	got := th.Check(cost.Metrics{}, cumulative, cumulative)
	evmAssertBreaches(t, nil, got) // |50| < 100, SV% undefined

	th.Cumulative.Schedule.Amount = evmDec("50")
	got = th.Check(cost.Metrics{}, cumulative, cumulative)
	evmAssertBreaches(t, []evmBreach{{cost.BreachCumulative, cost.MeasureSchedule, "50", evmUndef, true, false}}, got)

	// The budget-rate estimate is defined: VAC = 1,000 − (0 + 950) = 50, 5 %.
	th.AtCompletion.Method = cost.EACAtBudgetRate
	got = th.Check(cost.Metrics{}, cumulative, cumulative)
	evmAssertBreaches(t, []evmBreach{
		{cost.BreachCumulative, cost.MeasureSchedule, "50", evmUndef, true, false},
		{cost.BreachAtCompletion, cost.MeasureCost, "50", "5", true, true},
	}, got)

	// An unknown method checks nothing at completion (Validate reports it).
	th.AtCompletion.Method = "guess"
	got = th.Check(cost.Metrics{}, cumulative, cumulative)
	assert.Len(t, got, 1)
}

func TestThresholdsValidate(t *testing.T) {
	assert.NoError(t, cost.Thresholds{}.Validate())
	assert.NoError(t, cost.Thresholds{AtCompletion: cost.AtCompletionThresholds{Method: cost.EACComposite}}.Validate())
	for _, tc := range []struct {
		name  string
		th    cost.Thresholds
		field string
	}{
		{"negative amount", cost.Thresholds{Current: cost.ThresholdPair{Schedule: cost.Threshold{Amount: evmDec("-1")}}}, "current.schedule.amount"},
		{"negative percent", cost.Thresholds{Cumulative: cost.ThresholdPair{Cost: cost.Threshold{Percent: evmDec("-5")}}}, "cumulative.cost.percent"},
		{"at completion", cost.Thresholds{AtCompletion: cost.AtCompletionThresholds{Cost: cost.Threshold{Amount: evmDec("-0.01")}}}, "atCompletion.cost.amount"},
		{"unknown method", cost.Thresholds{AtCompletion: cost.AtCompletionThresholds{Method: "guess"}}, "atCompletion.method"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.th.Validate()
			require.Error(t, err)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
			var e *lanyan.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "thresholds", e.Record)
			assert.Equal(t, tc.field, e.Field)
		})
	}
}

func TestBreachJSON(t *testing.T) {
	b, err := json.Marshal(cost.Breach{
		Kind: cost.BreachCumulative, Measure: cost.MeasureSchedule,
		Variance: cost.Defined(evmDec("-5000")), Percent: cost.Defined(evmDec("-12.5")),
		ByPercent: true, Threshold: cost.Threshold{Amount: evmDec("0"), Percent: evmDec("10")},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"cumulative","measure":"schedule","variance":-5000,"percent":-12.5,`+
		`"byAmount":false,"byPercent":true,"threshold":{"amount":"0","percent":"10"}}`, string(b))
}
