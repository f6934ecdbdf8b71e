package cost_test

import (
	"fmt"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/shopspring/decimal"
)

// The classic worked example: a 100,000 budget, 40,000 planned to date, 35,000
// earned, 36,000 spent.
func ExampleEvaluate() {
	m, err := cost.Evaluate(cost.Inputs{
		BAC:         decimal.NewFromInt(100000),
		PV:          decimal.NewFromInt(40000),
		EV:          decimal.NewFromInt(35000),
		AC:          decimal.NewFromInt(36000),
		Weight:      decimal.RequireFromString("0.8"),
		BottomUpETC: cost.Defined(decimal.NewFromInt(70000)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	show := func(v cost.Value, places int32) string {
		if !v.Defined {
			return "undefined"
		}
		return v.Value.StringFixed(places)
	}
	fmt.Println("SV", show(m.SV, 2), "CV", show(m.CV, 2))
	fmt.Println("SPI", show(m.SPI, 3), "CPI", show(m.CPI, 3), "TCPI", show(m.TCPI, 4))
	for _, method := range []cost.EACMethod{cost.EACByCPI, cost.EACAtBudgetRate, cost.EACByCPIAndSPI, cost.EACComposite, cost.EACBottomUp} {
		e, _ := m.Estimates.ByMethod(method)
		fmt.Printf("%-10s EAC %s VAC %s\n", method, show(e.EAC, 2), show(e.VAC, 2))
	}

	// Nothing spent yet: CPI and the estimates that need it are undefined.
	m, _ = cost.Evaluate(cost.Inputs{BAC: decimal.NewFromInt(100000), PV: decimal.NewFromInt(1000)})
	fmt.Println("CPI", show(m.CPI, 3), "EAC", show(m.Estimates.CPI.EAC, 2))
	// Output:
	// SV -5000.00 CV -1000.00
	// SPI 0.875 CPI 0.972 TCPI 1.0156
	// cpi        EAC 102857.14 VAC -2857.14
	// budgetRate EAC 101000.00 VAC -1000.00
	// cpiSpi     EAC 112408.16 VAC -12408.16
	// composite  EAC 104221.57 VAC -4221.57
	// bottomUp   EAC 106000.00 VAC -6000.00
	// CPI undefined EAC undefined
}

// Seven periods into a twelve-period plan, with 2,260 earned against 2,500
// planned.
func ExampleEvaluateSchedule() {
	var cumPV []decimal.Decimal
	for _, pv := range []int64{100, 350, 650, 1050, 1500, 2000, 2500, 2950, 3350, 3650, 3900, 4000} {
		cumPV = append(cumPV, decimal.NewFromInt(pv))
	}
	es, err := cost.EvaluateSchedule(cumPV, decimal.NewFromInt(2260), 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ES", es.ES.Value.StringFixed(2), "SV(t)", es.SV.Value.StringFixed(2))
	fmt.Println("SPI(t)", es.SPI.Value.StringFixed(2), "IEAC(t)", es.IEAC.Value.StringFixed(1), "of", es.PlannedDuration)
	// Output:
	// ES 6.52 SV(t) -0.48
	// SPI(t) 0.93 IEAC(t) 12.9 of 12
}

// Checking the cumulative figures against a 10 % schedule threshold and a 5,000
// threshold at completion.
func ExampleThresholds_Check() {
	m, _ := cost.Evaluate(cost.Inputs{
		BAC: decimal.NewFromInt(100000), PV: decimal.NewFromInt(40000),
		EV: decimal.NewFromInt(35000), AC: decimal.NewFromInt(36000),
	})
	th := cost.Thresholds{
		Cumulative:   cost.ThresholdPair{Schedule: cost.Threshold{Percent: decimal.NewFromInt(10)}},
		AtCompletion: cost.AtCompletionThresholds{Cost: cost.Threshold{Amount: decimal.NewFromInt(5000)}, Method: cost.EACByCPIAndSPI},
	}
	for _, b := range th.Check(cost.Metrics{}, m, m) {
		fmt.Println(b.Kind, b.Measure, b.Variance.Value.StringFixed(2), b.Percent.Value.StringFixed(1)+"%")
	}
	// Output:
	// cumulative schedule -5000.00 -12.5%
	// atCompletion cost -12408.16 -12.4%
}
