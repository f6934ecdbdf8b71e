package cost_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func evmDecs(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = evmDec(s)
	}
	return out
}

// The issue's earned schedule example: a 12-period plan (PD = 12).
var esPlan = evmDecs("100", "350", "650", "1050", "1500", "2000", "2500", "2950", "3350", "3650", "3900", "4000")

type esCase struct {
	name                    string
	cumPV                   []decimal.Decimal
	ev                      string
	at                      int
	es, sv, spi, ieac, tspi string
}

func esRun(t *testing.T, cases []esCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cost.EvaluateSchedule(tc.cumPV, evmDec(tc.ev), tc.at)
			require.NoError(t, err)
			assert.Equal(t, len(tc.cumPV), got.PlannedDuration)
			assert.Equal(t, tc.at, got.ActualTime)
			evmAssertValue(t, "es", tc.es, got.ES)
			evmAssertValue(t, "sv(t)", tc.sv, got.SV)
			evmAssertValue(t, "spi(t)", tc.spi, got.SPI)
			evmAssertValue(t, "ieac(t)", tc.ieac, got.IEAC)
			evmAssertValue(t, "tspi", tc.tspi, got.TSPI)
		})
	}
}

// The issue's example, periods 1 to 7, by hand with Lipke's formulas (W. Lipke,
// "Schedule is Different", The Measurable News, March 2003; the metrics as listed
// in Lipke & Henderson, "Earned Schedule" training, EVA-11, 2006: ES = C + I,
// SV(t) = ES − AT, SPI(t) = ES/AT, TSPI = (PD − ES)/(PD − AT), IEAC(t) = PD/SPI(t);
// also PMI Practice Standard for Earned Value Management, 2nd ed., Appendix D).
// The issue gives, at period 7, ES = 6.52, SV(t) = −0.48, SPI(t) = 0.93 and
// IEAC(t) = 12.9 rounded.
func TestEvaluateScheduleIssueExample(t *testing.T) {
	esRun(t, []esCase{
		// AT 1, EV 98 < 100: C = 0, ES = 0 + 98/100 = 0.98; SV = −0.02; SPI = 0.98;
		// IEAC = 12/0.98 = 12.244897959183…; TSPI = (12 − 0.98)/11 = 11.02/11 = 1.001818…
		{"period 1", esPlan, "98", 1, "0.98", "-0.02", "0.98", "12.2448979592", "1.0018181818"},
		// AT 2, EV 325: 100 ≤ 325 < 350, C = 1, ES = 1 + 225/250 = 1.9; SV = −0.1;
		// SPI = 1.9/2 = 0.95; IEAC = 12/0.95 = 12.631578947368…; TSPI = 10.1/10 = 1.01.
		{"period 2", esPlan, "325", 2, "1.9", "-0.1", "0.95", "12.6315789474", "1.01"},
		// AT 3, EV 600: 350 ≤ 600 < 650, C = 2, ES = 2 + 250/300 = 17/6 = 2.8333…;
		// SV = −1/6; SPI = 17/18 = 0.9444…; IEAC = 12·18/17 = 216/17 = 12.705882352941…;
		// TSPI = (12 − 17/6)/9 = 55/54 = 1.0185185…
		{"period 3", esPlan, "600", 3, "2.8333333333", "-0.1666666667", "0.9444444444", "12.7058823529", "1.0185185185"},
		// AT 4, EV 960: 650 ≤ 960 < 1050, C = 3, ES = 3 + 310/400 = 3.775; SV = −0.225;
		// SPI = 3.775/4 = 0.94375; IEAC = 48/3.775 = 12.715231788079…; TSPI = 8.225/8 = 1.028125.
		{"period 4", esPlan, "960", 4, "3.775", "-0.225", "0.94375", "12.7152317881", "1.028125"},
		// AT 5, EV 1360: 1050 ≤ 1360 < 1500, C = 4, ES = 4 + 310/450 = 211/45 = 4.6888…;
		// SV = −14/45 = −0.3111…; SPI = 211/225 = 0.93777…; IEAC = 12·225/211 = 2700/211 =
		// 12.796208530805…; TSPI = (12 − 211/45)/7 = 329/315 = 47/45 = 1.04444…
		{"period 5", esPlan, "1360", 5, "4.6888888889", "-0.3111111111", "0.9377777778", "12.7962085308", "1.0444444444"},
		// AT 6, EV 1830: 1500 ≤ 1830 < 2000, C = 5, ES = 5 + 330/500 = 5.66; SV = −0.34;
		// SPI = 5.66/6 = 0.94333…; IEAC = 72/5.66 = 12.720848056537…; TSPI = 6.34/6 = 1.05666…
		{"period 6", esPlan, "1830", 6, "5.66", "-0.34", "0.9433333333", "12.7208480565", "1.0566666667"},
		// AT 7, EV 2260: 2000 ≤ 2260 < 2500, C = 6, ES = 6 + 260/500 = 6.52; SV = −0.48;
		// SPI = 6.52/7 = 0.931428571428… (0.93); IEAC = 84/6.52 = 12.883435582822… (12.9);
		// TSPI = 5.48/5 = 1.096.
		{"period 7", esPlan, "2260", 7, "6.52", "-0.48", "0.9314285714", "12.8834355828", "1.096"},
	})
}

// Boundaries and undefined cases, by hand.
func TestEvaluateScheduleEdges(t *testing.T) {
	esRun(t, []esCase{
		// EV exactly the cumulative PV of period 6: C = 6 (2000 ≤ 2000), ES = 6 + 0/500.
		// SPI = 1, IEAC = 12, TSPI = 6/6.
		{"on a period boundary", esPlan, "2000", 6, "6", "0", "1", "12", "1"},
		// Finished (EV = the last cumulative PV) two periods late: ES = PD = 12;
		// SV = 12 − 14 = −2; SPI = 12/14 = 0.857142857142…; IEAC = 12·14/12 = 14;
		// TSPI undefined: AT is past PD.
		{"finished late", esPlan, "4000", 14, "12", "-2", "0.8571428571", "14", evmUndef},
		// EV above the plan's total (not possible with BAC = the last PV, but not
		// refused): ES stays at PD.
		{"EV above plan", esPlan, "4100", 12, "12", "0", "1", "12", evmUndef},
		// At PD itself TSPI = (12 − 11.5)/(12 − 12) is a zero denominator.
		// EV 3950: C = 11, ES = 11 + 50/100 = 11.5; SPI = 11.5/12 = 0.958333…;
		// IEAC = 144/11.5 = 12.521739130434…
		{"AT equals PD", esPlan, "3950", 12, "11.5", "-0.5", "0.9583333333", "12.5217391304", evmUndef},
		// AT 0 (status at the start): ES = 50/100 = 0.5 is defined, SPI = 0.5/0 and
		// IEAC are not; SV = 0.5; TSPI = 11.5/12 = 0.958333…
		{"AT zero", esPlan, "50", 0, "0.5", "0.5", evmUndef, evmUndef, "0.9583333333"},
		// Nothing earned after 2 periods: ES = 0, SPI = 0, IEAC = 12/0 undefined;
		// TSPI = 12/10 = 1.2.
		{"nothing earned", esPlan, "0", 2, "0", "-2", "0", evmUndef, "1.2"},
		// Flat periods (no PV planned in period 2): EV 100 has been planned by the end
		// of periods 1 and 2, C = 2, ES = 2 + (100 − 100)/(200 − 100) = 2; SPI = 2/3;
		// IEAC = 3/(2/3) = 4.5; TSPI = (3 − 2)/(3 − 3) undefined.
		{"flat period", evmDecs("100", "100", "200"), "100", 3, "2", "-1", "0.6666666667", "4.5", evmUndef},
		// A plan starting with an empty period: EV 0 has been planned by the end of
		// period 1, C = 1, ES = 1 + 0/50 = 1; SPI = 1; IEAC = 2; TSPI = 1/1.
		{"leading empty period", evmDecs("0", "50"), "0", 1, "1", "0", "1", "2", "1"},
		// An empty plan: PD = 0, nothing defined.
		{"empty plan", nil, "10", 3, evmUndef, evmUndef, evmUndef, evmUndef, evmUndef},
	})
}

func TestEvaluateScheduleInvalid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cumPV []decimal.Decimal
		ev    string
		at    int
		field string
	}{
		{"falling cumulative PV", evmDecs("100", "350", "300", "400"), "10", 1, "cumPV[2]"},
		{"negative PV", evmDecs("-1", "350"), "10", 1, "cumPV[0]"},
		{"negative EV", esPlan, "-0.01", 1, "cumEV"},
		{"negative AT", esPlan, "10", -1, "at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cost.EvaluateSchedule(tc.cumPV, evmDec(tc.ev), tc.at)
			require.Error(t, err)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
			var e *lanyan.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "earned schedule", e.Record)
			assert.Equal(t, tc.field, e.Field)
		})
	}
	_, err := cost.EvaluateSchedule(evmDecs("100", "350", "300"), decimal.Zero, 1)
	assert.EqualError(t, err, "earned schedule: cumPV[2]: cumulative PV of period 3 (300) is less than that of period 2 (350)")
}

func TestEarnedScheduleJSON(t *testing.T) {
	es, err := cost.EvaluateSchedule(esPlan, evmDec("2260"), 7)
	require.NoError(t, err)
	b, err := json.Marshal(es)
	require.NoError(t, err)
	assert.JSONEq(t, `{"plannedDuration":12,"actualTime":7,"es":6.52,"sv":-0.48,`+
		`"spi":0.9314285714,"ieac":12.8834355828,"tspi":1.096}`, string(b))

	es, err = cost.EvaluateSchedule(nil, decimal.Zero, 0)
	require.NoError(t, err)
	b, err = json.Marshal(es)
	require.NoError(t, err)
	assert.JSONEq(t, `{"plannedDuration":0,"actualTime":0,"es":null,"sv":null,"spi":null,"ieac":null,"tspi":null}`, string(b))
}
