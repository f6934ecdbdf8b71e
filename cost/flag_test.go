package cost_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
)

// TestFlagVariances flags, on the technique project at Friday 7 March 2025, the
// packages (level 1) whose cumulative schedule variance is 150.00 or more either
// way. By hand, SV = EV − PV with PV 500.01 for the 1,000.01 budgets (500.00 for
// LOE, 50.00 for AE):
//
//	ZH      0.00 − 500.01 = −500.01  breach
//	ZHdone  1,000.01 − 500.01 = +500.00  breach (favourable counts too)
//	FF      500.01 − 500.01 = 0
//	XY      200.00 − 500.01 = −300.01  breach
//	XYnone  0.00 − 500.01 = −500.01  breach
//	PC      333.00 − 500.01 = −167.01  breach
//	PPC     625.01 − 500.01 = +125.00
//	WM      600.00 − 500.01 = +99.99
//	UC      375.00 − 500.01 = −125.01
//	LOE     500.00 − 500.00 = 0
//	AE      33.30 − 50.00 = −16.70
//
// The project (level 0) has no thresholds, so it is never flagged.
func TestFlagVariances(t *testing.T) {
	b, bl := techniqueProject()
	on := day(2025, 3, 7)
	prog := []cost.Progress{
		{Package: "ZHdone", Date: on, Percent: dec("100")},
		{Package: "FF", Date: on, Started: true},
		{Package: "XY", Date: on, Percent: dec("1")},
		{Package: "PC", Date: on, Percent: dec("33.3")},
		{Package: "PPC", Date: on, Percent: dec("62.5")},
		{Package: "WM", Date: on, Milestones: []string{"m3", "m1"}},
		{Package: "UC", Date: on, Units: dec("45")},
	}
	a, err := cost.Analyze(cost.AnalysisInput{Breakdown: b, Baseline: bl, Phasing: cost.Phasing{Granularity: cost.Weeks},
		StatusDate: on, Progress: prog})
	require.NoError(t, err)

	byLevel := []cost.Thresholds{{}, {Cumulative: cost.ThresholdPair{Schedule: cost.Threshold{Amount: dec("150")}}}}
	got, err := a.FlagVariances(byLevel)
	require.NoError(t, err)
	want := map[string]string{"ZH": "-500.01", "ZHdone": "500.00", "XY": "-300.01", "XYnone": "-500.01", "PC": "-167.01"}
	require.Len(t, got, len(want))
	for _, f := range got {
		sv, ok := want[f.ID]
		require.True(t, ok, "%s flagged", f.ID)
		assert.Equal(t, 1, f.Level)
		assert.Equal(t, cost.BreachCumulative, f.Breach.Kind)
		assert.Equal(t, cost.MeasureSchedule, f.Breach.Measure)
		assert.True(t, f.Breach.Variance.Value.Equal(dec(sv)), "%s: SV %s, want %s", f.ID, f.Breach.Variance.Value, sv)
		assert.True(t, f.Breach.ByAmount)
	}

	// With the same threshold at level 0, the project is flagged too, once:
	// its SV is the sum of the packages' above,
	// −500.01 + 500.00 + 0 − 300.01 − 500.01 − 167.01 + 125.00 + 99.99 − 125.01 + 0 − 16.70 = −883.76.
	got, err = a.FlagVariances(byLevel[1:])
	require.NoError(t, err)
	require.Len(t, got, len(want)+1)
	assert.Equal(t, "", got[0].ID, "project first")
	assert.Equal(t, 0, got[0].Level)
	assert.True(t, got[0].Breach.Variance.Value.Equal(dec("-883.76")), "project SV %s", got[0].Breach.Variance.Value)
	for _, f := range got[1:] {
		assert.NotEqual(t, "", f.ID, "the project is flagged once")
	}

	none, err := a.FlagVariances(nil)
	require.NoError(t, err)
	assert.Empty(t, none)

	_, err = a.FlagVariances([]cost.Thresholds{{Cumulative: cost.ThresholdPair{Cost: cost.Threshold{Amount: dec("-1")}}}})
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
	assert.ErrorContains(t, err, "thresholds of level 0")
}
