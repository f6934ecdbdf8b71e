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

// evmUndef in a table of expected values means "Undefined".
const evmUndef = "undefined"

func evmDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// evmAssertValue checks that got is the decimal want (compared with Equal), or
// Undefined when want is evmUndef.
func evmAssertValue(t *testing.T, name, want string, got cost.Value) {
	t.Helper()
	if want == evmUndef {
		assert.False(t, got.Defined, "%s: want undefined, got %s", name, got.Value)
		return
	}
	if assert.True(t, got.Defined, "%s: want %s, got undefined", name, want) {
		assert.True(t, evmDec(want).Equal(got.Value), "%s: want %s, got %s", name, want, got.Value)
	}
}

// evmEstimate is the expected EAC, ETC, VAC, VAC% and TCPI of one estimate.
type evmEstimate struct{ eac, etc, vac, vacPercent, tcpi string }

var evmUndefEstimate = evmEstimate{evmUndef, evmUndef, evmUndef, evmUndef, evmUndef}

func evmAssertEstimate(t *testing.T, name string, want evmEstimate, got cost.Estimate) {
	t.Helper()
	if want == (evmEstimate{}) {
		return // not checked
	}
	evmAssertValue(t, name+".eac", want.eac, got.EAC)
	evmAssertValue(t, name+".etc", want.etc, got.ETC)
	evmAssertValue(t, name+".vac", want.vac, got.VAC)
	if want.vacPercent != "" {
		evmAssertValue(t, name+".vacPercent", want.vacPercent, got.VACPercent)
	}
	if want.tcpi != "" {
		evmAssertValue(t, name+".tcpi", want.tcpi, got.TCPI)
	}
}

// evmAssertSameEstimate checks that two estimates are equal field by field.
func evmAssertSameEstimate(t *testing.T, want, got cost.Estimate) {
	t.Helper()
	for _, c := range []struct {
		name      string
		want, got cost.Value
	}{
		{"eac", want.EAC, got.EAC}, {"etc", want.ETC, got.ETC}, {"vac", want.VAC, got.VAC},
		{"vacPercent", want.VACPercent, got.VACPercent}, {"tcpi", want.TCPI, got.TCPI},
	} {
		assert.Equal(t, c.want.Defined, c.got.Defined, c.name)
		assert.True(t, c.want.Value.Equal(c.got.Value), "%s: want %s, got %s", c.name, c.want.Value, c.got.Value)
	}
}

type evmCase struct {
	name                                     string
	in                                       cost.Inputs
	sv, cv, svPercent, cvPercent, spi, cpi   string
	tcpi                                     string
	byCPI, budgetRate, cpiSPI, composite, bu evmEstimate
}

func evmRun(t *testing.T, cases []evmCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := cost.Evaluate(tc.in)
			require.NoError(t, err)
			for _, c := range []struct {
				name, want string
				got        cost.Value
			}{
				{"sv", tc.sv, m.SV}, {"cv", tc.cv, m.CV},
				{"svPercent", tc.svPercent, m.SVPercent}, {"cvPercent", tc.cvPercent, m.CVPercent},
				{"spi", tc.spi, m.SPI}, {"cpi", tc.cpi, m.CPI}, {"tcpi", tc.tcpi, m.TCPI},
			} {
				if c.want != "" {
					evmAssertValue(t, c.name, c.want, c.got)
				}
			}
			evmAssertEstimate(t, "cpi", tc.byCPI, m.Estimates.CPI)
			evmAssertEstimate(t, "budgetRate", tc.budgetRate, m.Estimates.BudgetRate)
			evmAssertEstimate(t, "cpiSpi", tc.cpiSPI, m.Estimates.CPISPI)
			evmAssertEstimate(t, "composite", tc.composite, m.Estimates.Composite)
			evmAssertEstimate(t, "bottomUp", tc.bu, m.Estimates.BottomUp)
		})
	}
}

// The worked example of the issue, the classic textbook case: PV 40,000, EV 35,000,
// AC 36,000, BAC 100,000. The issue gives SV −5,000, CV −1,000, SPI 0.875, CPI
// 0.97222…, EAC(BAC/CPI) 102,857.14, EAC(AC + BAC − EV) 101,000, EAC(CPI·SPI)
// 112,408.16 and TCPI(BAC) 1.015625; the formulas are those of the PMI Practice
// Standard for Earned Value Management (2nd ed., 2011) and the PMBOK Guide. (We
// could not find this exact example in a published source we could read, so its
// figures are also checked by hand below.) The composite (w = 0.8) and bottom-up
// figures are ours, by hand.
func TestEvaluateWorkedExample(t *testing.T) {
	in := cost.Inputs{
		BAC: evmDec("100000"), PV: evmDec("40000"), EV: evmDec("35000"), AC: evmDec("36000"),
		Weight: evmDec("0.8"), BottomUpETC: cost.Defined(evmDec("70000")),
	}
	evmRun(t, []evmCase{{
		name: "issue example",
		in:   in,
		sv:   "-5000", // 35,000 − 40,000
		cv:   "-1000", // 35,000 − 36,000
		// SV% = −5,000/40,000 = −12.5 %; CV% = −1,000/35,000 = −2.857142857142… %
		svPercent: "-12.5", cvPercent: "-2.8571428571",
		// SPI = 35/40 = 0.875; CPI = 35/36 = 0.972222…
		spi: "0.875", cpi: "0.9722222222",
		// TCPI(BAC) = (100,000 − 35,000)/(100,000 − 36,000) = 65,000/64,000
		tcpi: "1.015625",
		// EAC = BAC·AC/EV = 100,000·36/35 = 102,857.142857… → 102,857.14;
		// ETC = 102,857.14 − 36,000; VAC = 100,000 − 102,857.14;
		// VAC% = −2,857.142857…/100,000 = −2.857142857…%; TCPI(EAC) = 65,000/66,857.142857… = CPI.
		byCPI: evmEstimate{"102857.14", "66857.14", "-2857.14", "-2.8571428571", "0.9722222222"},
		// EAC = 36,000 + 65,000 = 101,000; TCPI(EAC) = 65,000/65,000 = 1.
		budgetRate: evmEstimate{"101000", "65000", "-1000", "-1", "1"},
		// CPI·SPI = 35/36 · 7/8 = 245/288 = 0.850694…; ETC = 65,000·288/245 = 76,408.163265…;
		// EAC = 112,408.163265… → 112,408.16; VAC% = −12,408.163265…/1,000 = −12.4081632653.
		cpiSPI: evmEstimate{"112408.16", "76408.16", "-12408.16", "-12.4081632653", "0.8506944444"},
		// w·CPI + (1−w)·SPI = 0.8·35/36 + 0.2·7/8 = 7/9 + 7/40 = 343/360 = 0.952777…;
		// ETC = 65,000·360/343 = 68,221.574344… ; EAC = 104,221.574344… → 104,221.57;
		// VAC% = −4,221.574344…/1,000 = −4.2215743440; TCPI(EAC) = 343/360.
		composite: evmEstimate{"104221.57", "68221.57", "-4221.57", "-4.221574344", "0.9527777778"},
		// EAC = 36,000 + 70,000; TCPI(EAC) = 65,000/70,000 = 13/14 = 0.9285714285714…
		bu: evmEstimate{"106000", "70000", "-6000", "-6", "0.9285714286"},
	}})
}

// Published worked examples.
func TestEvaluatePublishedExamples(t *testing.T) {
	evmRun(t, []evmCase{
		{
			// Fence example, Rita Mulcahy, PMP Exam Prep, p. 210, as reproduced in
			// "Earned Value Exercise", https://studylib.net/doc/5898152/earned-value-exercise:
			// PV 3,000, EV 2,500, AC 2,800, BAC 4,000 → CV −300, CPI .893, SV −500,
			// SPI .833, EAC 4,479, ETC 1,679, VAC −479. The book divides by CPI
			// already rounded to .893 (4,000/.893 = 4,479.28); the exact EAC is
			// 4,000·2,800/2,500 = 4,480, which is what Evaluate gives (see
			// TestEvaluateRoundsOnce).
			name: "PMP exam prep fence",
			in:   cost.Inputs{BAC: evmDec("4000"), PV: evmDec("3000"), EV: evmDec("2500"), AC: evmDec("2800")},
			sv:   "-500", cv: "-300",
			spi: "0.8333333333", cpi: "0.8928571429",
			byCPI: evmEstimate{eac: "4480", etc: "1680", vac: "-480"},
		},
		{
			// "EVM forecasting" poster, https://wikislate.com/view.php?p=15-evm-forecasting.html:
			// BAC 100, EV 40, AC 45 ($k), CPI 0.89, SPI 0.80 (so PV 50) → EAC = BAC/CPI
			// $112.5k, ETC $67.5k, VAC −$12.5k, EAC(cost×sched) ≈ $129k, TCPI→BAC 1.09.
			// By hand: CPI = 40/45 = 0.888…; ETC(CPI·SPI) = 60/(8/9·4/5) = 84.375,
			// EAC = 129.375 (≈ 129); TCPI = 60/55 = 1.0909….
			name: "EVM forecasting poster",
			in:   cost.Inputs{BAC: evmDec("100000"), PV: evmDec("50000"), EV: evmDec("40000"), AC: evmDec("45000")},
			spi:  "0.8", cpi: "0.8888888889", tcpi: "1.0909090909",
			byCPI:      evmEstimate{eac: "112500", etc: "67500", vac: "-12500"},
			budgetRate: evmEstimate{eac: "105000", etc: "60000", vac: "-5000"},
			cpiSPI:     evmEstimate{eac: "129375", etc: "84375", vac: "-29375"},
		},
		{
			// Tutorialspoint, "EVM - Examples",
			// http://www.tutorialspoint.com/earn_value_management/evm_example.htm:
			// one task, BAC = PV = $800, AC $1,100, EV $734, bottom-up ETC $100 →
			// EAC $1,200, VAC −$400, SV −$66, CV −$366. (The page's SPI 0.91 and
			// CPI 0.66 are truncated; 734/800 = 0.9175 and 734/1,100 = 0.6672….)
			// TCPI(BAC) = 66/(800 − 1,100) = −0.22: the budget can no longer be met.
			name: "tutorialspoint single task",
			in: cost.Inputs{
				BAC: evmDec("800"), PV: evmDec("800"), EV: evmDec("734"), AC: evmDec("1100"),
				BottomUpETC: cost.Defined(evmDec("100")),
			},
			sv: "-66", cv: "-366", spi: "0.9175", cpi: "0.6672727273", tcpi: "-0.22",
			// VAC% = −400/800 = −50 %; TCPI(EAC) = 66/100.
			bu: evmEstimate{"1200", "100", "-400", "-50", "0.66"},
		},
	})
}

// Zero denominators give Undefined, never a panic, and what depends on an undefined
// metric is undefined too. All figures by hand.
func TestEvaluateUndefined(t *testing.T) {
	evmRun(t, []evmCase{
		{
			// No actual cost yet: CPI = 50/0. CV = 50, CV% = 50/50 = 100 %.
			// Budget rate: 0 + (1,000 − 50) = 950. With w = 0.8 the composite needs
			// CPI; TCPI(BAC) = 950/1,000.
			name: "AC zero",
			in:   cost.Inputs{BAC: evmDec("1000"), PV: evmDec("100"), EV: evmDec("50"), AC: evmDec("0"), Weight: evmDec("0.8")},
			sv:   "-50", cv: "50", svPercent: "-50", cvPercent: "100", spi: "0.5", cpi: evmUndef, tcpi: "0.95",
			byCPI:      evmUndefEstimate,
			budgetRate: evmEstimate{"950", "950", "50", "5", "1"},
			cpiSPI:     evmUndefEstimate,
			composite:  evmUndefEstimate,
			bu:         evmUndefEstimate,
		},
		{
			// AC zero, w = 0: the composite is AC + (BAC − EV)/SPI = 950/0.5 = 1,900 and
			// needs no CPI. TCPI(EAC) = 950/1,900 = SPI.
			name:      "AC zero, weight 0",
			in:        cost.Inputs{BAC: evmDec("1000"), PV: evmDec("100"), EV: evmDec("50"), AC: evmDec("0")},
			composite: evmEstimate{"1900", "1900", "-900", "-90", "0.5"},
		},
		{
			// Nothing planned yet: SPI = 30/0, SV% = −(−30)/0. CPI = 30/20 = 1.5;
			// BAC/CPI = 1,000·20/30 = 666.666… → 666.67; ETC = 646.67; VAC = 333.33,
			// VAC% = 333.333…/1,000·100 = 33.3333333333; TCPI(EAC) = 970/646.666… = CPI.
			// The composite with w = 0.5 needs SPI.
			name:       "PV zero",
			in:         cost.Inputs{BAC: evmDec("1000"), PV: evmDec("0"), EV: evmDec("30"), AC: evmDec("20"), Weight: evmDec("0.5")},
			sv:         "30",
			svPercent:  evmUndef,
			spi:        evmUndef,
			cpi:        "1.5",
			byCPI:      evmEstimate{"666.67", "646.67", "333.33", "33.3333333333", "1.5"},
			cpiSPI:     evmUndefEstimate,
			composite:  evmUndefEstimate,
			budgetRate: evmEstimate{"990", "970", "10", "1", "1"},
		},
		{
			// PV zero, w = 1: the composite is BAC/CPI and needs no SPI.
			name:      "PV zero, weight 1",
			in:        cost.Inputs{BAC: evmDec("1000"), PV: evmDec("0"), EV: evmDec("30"), AC: evmDec("20"), Weight: evmDec("1")},
			composite: evmEstimate{"666.67", "646.67", "333.33", "33.3333333333", "1.5"},
		},
		{
			// BAC already spent: TCPI(BAC) = (1,000 − 800)/(1,000 − 1,000). CPI = 0.8;
			// BAC/CPI = 1,250, TCPI(EAC) = 200/250 = CPI.
			name:  "BAC equals AC",
			in:    cost.Inputs{BAC: evmDec("1000"), PV: evmDec("900"), EV: evmDec("800"), AC: evmDec("1000")},
			tcpi:  evmUndef,
			cpi:   "0.8",
			byCPI: evmEstimate{"1250", "250", "-250", "-25", "0.8"},
		},
		{
			// Money spent, nothing earned: CPI = SPI = 0, so BAC/CPI and the CPI·SPI and
			// composite estimates divide by zero; CV% = −100/0.
			name: "EV zero",
			in:   cost.Inputs{BAC: evmDec("1000"), PV: evmDec("200"), EV: evmDec("0"), AC: evmDec("100"), Weight: evmDec("0.8")},
			sv:   "-200", cv: "-100", svPercent: "-100", cvPercent: evmUndef, spi: "0", cpi: "0",
			tcpi:       "1.1111111111", // 1,000/900
			byCPI:      evmUndefEstimate,
			budgetRate: evmEstimate{"1100", "1000", "-100", "-10", "1"},
			cpiSPI:     evmUndefEstimate,
			composite:  evmUndefEstimate,
		},
		{
			// A bottom-up ETC of zero: EAC = AC, and TCPI(EAC) = 50/0.
			name: "bottom-up ETC zero",
			in: cost.Inputs{BAC: evmDec("100"), PV: evmDec("50"), EV: evmDec("50"), AC: evmDec("120"),
				BottomUpETC: cost.Defined(evmDec("0"))},
			bu: evmEstimate{"120", "0", "-20", "-20", evmUndef},
		},
		{
			// BAC zero: VAC% = VAC/0 for every estimate; TCPI(BAC) = −10/−10 = 1.
			name: "BAC zero",
			in: cost.Inputs{BAC: evmDec("0"), PV: evmDec("10"), EV: evmDec("10"), AC: evmDec("10"),
				BottomUpETC: cost.Defined(evmDec("5"))},
			tcpi: "1",
			// BAC/CPI = 0·10/10 = 0; ETC = −10; TCPI(EAC) = −10/−10.
			byCPI:      evmEstimate{"0", "-10", "0", evmUndef, "1"},
			budgetRate: evmEstimate{"0", "-10", "0", evmUndef, "1"},
			bu:         evmEstimate{"15", "5", "-15", evmUndef, "-2"},
		},
		{
			// All zero: only the differences are defined (the budget-rate estimate is
			// 0 + 0 − 0).
			name: "all zero",
			in:   cost.Inputs{},
			sv:   "0", cv: "0", svPercent: evmUndef, cvPercent: evmUndef, spi: evmUndef, cpi: evmUndef, tcpi: evmUndef,
			byCPI:      evmUndefEstimate,
			budgetRate: evmEstimate{"0", "0", "0", evmUndef, evmUndef},
			cpiSPI:     evmUndefEstimate,
			composite:  evmUndefEstimate,
			bu:         evmUndefEstimate,
		},
	})
}

// Money is rounded once, to the cent, half away from zero, from the exact value;
// indices are never rounded before they are divided by.
func TestEvaluateRoundsOnce(t *testing.T) {
	evmRun(t, []evmCase{
		{
			// EAC = 10.005 + (100 − 50) = 60.005 → 60.01 (half away from zero);
			// ETC = 60.01 − 10.005 = 50.005 → 50.01; VAC = 100 − 60.01 = 39.99.
			name:       "half a cent up",
			in:         cost.Inputs{BAC: evmDec("100"), PV: evmDec("50"), EV: evmDec("50"), AC: evmDec("10.005")},
			budgetRate: evmEstimate{eac: "60.01", etc: "50.01", vac: "39.99"},
		},
		{
			// A period whose credits outweigh its costs: EAC = −10.005 + (0 − 0) =
			// −10.005 → −10.01 (half away from zero); ETC = −0.005 → −0.01;
			// VAC = 10.01.
			name:       "half a cent down",
			in:         cost.Inputs{BAC: evmDec("0"), PV: evmDec("0"), EV: evmDec("0"), AC: evmDec("-10.005")},
			budgetRate: evmEstimate{eac: "-10.01", etc: "-0.01", vac: "10.01"},
		},
		{
			// A large budget and CPI = 3/7: BAC/CPI = 1,000,000,000·7/3 =
			// 2,333,333,333.333… → 2,333,333,333.33. Dividing by CPI rounded to 10
			// places (0.4285714286) would give 2,333,333,333.18, 15 cents out.
			name:  "large budget",
			in:    cost.Inputs{BAC: evmDec("1000000000"), PV: evmDec("3"), EV: evmDec("3"), AC: evmDec("7")},
			cpi:   "0.4285714286",
			byCPI: evmEstimate{eac: "2333333333.33", etc: "2333333326.33", vac: "-1333333333.33"},
		},
	})
	// The fence example's published EAC, 4,479, comes from dividing by CPI rounded to
	// three places: 4,000/0.893 = 4,479.28.
	assert.True(t, evmDec("4479.28").Equal(evmDec("4000").DivRound(evmDec("0.893"), 2)))
}

// Weight 1 gives the BAC/CPI estimate; weight 0 gives AC + (BAC − EV)/SPI.
func TestEvaluateCompositeWeightLimits(t *testing.T) {
	in := cost.Inputs{BAC: evmDec("100000"), PV: evmDec("40000"), EV: evmDec("35000"), AC: evmDec("36000")}
	in.Weight = evmDec("1")
	m, err := cost.Evaluate(in)
	require.NoError(t, err)
	evmAssertSameEstimate(t, m.Estimates.CPI, m.Estimates.Composite)
	evmAssertValue(t, "w=1 eac", "102857.14", m.Estimates.Composite.EAC)

	in.Weight = decimal.Zero
	m, err = cost.Evaluate(in)
	require.NoError(t, err)
	// 36,000 + 65,000/0.875 = 36,000 + 74,285.714285… = 110,285.71; TCPI(EAC) = SPI.
	evmAssertEstimate(t, "w=0", evmEstimate{"110285.71", "74285.71", "-10285.71", "-10.2857142857", "0.875"}, m.Estimates.Composite)
}

func TestEvaluateInvalid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    cost.Inputs
		field string
	}{
		{"negative BAC", cost.Inputs{BAC: evmDec("-1")}, "bac"},
		{"weight below 0", cost.Inputs{BAC: evmDec("1"), Weight: evmDec("-0.1")}, "weight"},
		{"weight above 1", cost.Inputs{BAC: evmDec("1"), Weight: evmDec("1.5")}, "weight"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cost.Evaluate(tc.in)
			require.Error(t, err)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
			var e *lanyan.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, "earned value", e.Record)
		})
	}
}

// Every combination of small values, zeros and negatives: no error, no panic, and
// the reported figures add up (inputs are whole cents).
func TestEvaluateNeverPanicsAndAddsUp(t *testing.T) {
	vals := []string{"-2.5", "-1", "0", "1", "3", "1000.01"}
	weights := []string{"0", "0.3", "1"}
	for _, bac := range []string{"0", "1", "1000.01"} {
		for _, pv := range vals {
			for _, ev := range vals {
				for _, ac := range vals {
					for _, w := range weights {
						in := cost.Inputs{BAC: evmDec(bac), PV: evmDec(pv), EV: evmDec(ev), AC: evmDec(ac),
							Weight: evmDec(w), BottomUpETC: cost.Defined(evmDec(pv))}
						m, err := cost.Evaluate(in)
						require.NoError(t, err)
						for _, e := range []cost.Estimate{m.Estimates.CPI, m.Estimates.BudgetRate,
							m.Estimates.CPISPI, m.Estimates.Composite, m.Estimates.BottomUp} {
							if !e.EAC.Defined {
								assert.False(t, e.ETC.Defined || e.VAC.Defined || e.VACPercent.Defined || e.TCPI.Defined, "%+v", in)
								continue
							}
							assert.True(t, e.ETC.Value.Equal(e.EAC.Value.Sub(in.AC)), "%+v", in)
							assert.True(t, e.VAC.Value.Equal(in.BAC.Sub(e.EAC.Value)), "%+v", in)
							assert.LessOrEqual(t, -e.EAC.Value.Exponent(), int32(2))
						}
					}
				}
			}
		}
	}
}

func TestValueJSON(t *testing.T) {
	for _, tc := range []struct {
		v    cost.Value
		want string
	}{
		{cost.Undefined, "null"},
		{cost.Defined(evmDec("0")), "0"},
		{cost.Defined(evmDec("-5000")), "-5000"},
		{cost.Defined(evmDec("102857.14")), "102857.14"},
		{cost.Defined(evmDec("101000.00")), "101000"},
		{cost.Defined(evmDec("0.9722222222")), "0.9722222222"},
		{cost.Defined(evmDec("1.5E3")), "1500"},
		{cost.Defined(evmDec("-0.000001")), "-0.000001"},
	} {
		b, err := json.Marshal(tc.v)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(b))

		var back cost.Value
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, tc.v.Defined, back.Defined, tc.want)
		assert.True(t, tc.v.Value.Equal(back.Value), tc.want)
	}
	var v cost.Value
	require.NoError(t, json.Unmarshal([]byte(`"12.5"`), &v))
	evmAssertValue(t, "quoted", "12.5", v)
	assert.Error(t, json.Unmarshal([]byte(`"abc"`), &v))
	assert.Error(t, json.Unmarshal([]byte(`true`), &v))
}

func TestMetricsJSON(t *testing.T) {
	m, err := cost.Evaluate(cost.Inputs{BAC: evmDec("100000"), PV: evmDec("40000"), EV: evmDec("35000"), AC: evmDec("0")})
	require.NoError(t, err)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	for _, k := range []string{"sv", "cv", "svPercent", "cvPercent", "spi", "cpi", "tcpi", "estimates"} {
		assert.Contains(t, got, k)
	}
	assert.Equal(t, -5000.0, got["sv"])
	assert.Nil(t, got["cpi"]) // AC zero; the budget-rate EAC is 0 + 65,000
	est := got["estimates"].(map[string]any)
	for _, k := range []string{"cpi", "budgetRate", "cpiSpi", "composite", "bottomUp"} {
		require.Contains(t, est, k)
		e := est[k].(map[string]any)
		for _, f := range []string{"eac", "etc", "vac", "vacPercent", "tcpi"} {
			assert.Contains(t, e, f)
		}
	}
	assert.Equal(t, 65000.0, est["budgetRate"].(map[string]any)["eac"])

	var back cost.Metrics
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.SV.Value.Equal(m.SV.Value))
	assert.False(t, back.CPI.Defined)
	assert.True(t, back.Estimates.BudgetRate.EAC.Value.Equal(m.Estimates.BudgetRate.EAC.Value))
}

func TestEstimatesByMethod(t *testing.T) {
	m, err := cost.Evaluate(cost.Inputs{BAC: evmDec("100000"), PV: evmDec("40000"), EV: evmDec("35000"), AC: evmDec("36000"),
		Weight: evmDec("0.8"), BottomUpETC: cost.Defined(evmDec("70000"))})
	require.NoError(t, err)
	for method, eac := range map[cost.EACMethod]string{
		cost.EACByCPI:        "102857.14",
		cost.EACAtBudgetRate: "101000",
		cost.EACByCPIAndSPI:  "112408.16",
		cost.EACComposite:    "104221.57",
		cost.EACBottomUp:     "106000",
	} {
		e, ok := m.Estimates.ByMethod(method)
		require.True(t, ok, method)
		evmAssertValue(t, string(method), eac, e.EAC)
	}
	_, ok := m.Estimates.ByMethod("guess")
	assert.False(t, ok)
}
