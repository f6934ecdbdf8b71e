package cost_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
)

func repDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func repDay(m time.Month, d int) date.Date { return date.New(2025, m, d) }

// repInput is a small project as of 30 June 2025:
//
//	01    Substructure   own budget 20 000.00 (supervision)
//	01.01   Piling       budget 500 000.00
//	01.02   Pile caps    budget 300 000.00
//	02    Superstructure budget 1 200 000.00
//	03    Provisional sums, nothing yet
//
// Codes and entries are deliberately out of order.
func repInput() cost.ReportInput {
	return cost.ReportInput{
		AsOf: repDay(time.June, 30),
		Codes: []cost.CostCode{
			{Code: "02", Name: "Superstructure"},
			{Code: "01.02", Name: "Pile caps", Parent: "01"},
			{Code: "03", Name: "Provisional sums"},
			{Code: "01", Name: "Substructure"},
			{Code: "01.01", Name: "Piling", Parent: "01"},
		},
		OriginalBudgets: map[string]decimal.Decimal{
			"01":    repDec("20000.00"),
			"01.01": repDec("500000.00"),
			"01.02": repDec("300000.00"),
			"02":    repDec("1200000.00"),
		},
		Changes: []cost.BudgetChange{
			{Code: "01.01", Ref: "BC-01", Amount: repDec("25000.00"), Approved: true, Date: repDay(time.May, 10)},
			{Code: "01.02", Ref: "BC-02", Amount: repDec("-10000.00"), Approved: true, Date: repDay(time.June, 1)},
			{Code: "02", Ref: "BC-03", Amount: repDec("50000.00"), Approved: false, Date: repDay(time.June, 2)}, // not approved
			{Code: "02", Ref: "BC-04", Amount: repDec("8000.00"), Approved: true, Date: repDay(time.July, 15)},  // after AsOf
		},
		Commitments: []cost.Commitment{
			{Code: "01.01", Ref: "SC-100", Kind: cost.CommitmentContract, Amount: repDec("480000.00"), Date: repDay(time.March, 1)},
			{Code: "01.02", Ref: "PO-1203", Kind: cost.CommitmentPurchaseOrder, Amount: repDec("120000.00"), Date: repDay(time.April, 2)},
			{Code: "01.02", Ref: "CO-1203-1", Kind: cost.CommitmentChangeOrder, Amount: repDec("-15000.00"), Date: repDay(time.June, 10)},
			{Code: "01.01", Ref: "CO-100-1", Kind: cost.CommitmentChangeOrder, Amount: repDec("12000.00"), Date: repDay(time.June, 20)},
			{Code: "02", Ref: "PO-1300", Kind: cost.CommitmentPurchaseOrder, Amount: repDec("400000.00"), Date: repDay(time.July, 2)}, // after AsOf
			{Code: "02", Ref: "PO-1250", Kind: cost.CommitmentPurchaseOrder, Amount: repDec("350000.00"), Date: repDay(time.May, 5)},
		},
		Actuals: []cost.ActualCost{
			{Code: "01.01", Date: repDay(time.April, 30), Amount: repDec("200000.00"), Type: cost.CostSubcontract, SourceRef: "IPC-1"},
			{Code: "01.01", Date: repDay(time.May, 31), Amount: repDec("150000.00"), Type: cost.CostSubcontract, SourceRef: "IPC-2"},
			{Code: "01.01", Date: repDay(time.June, 30), Amount: repDec("3000.00"), Type: cost.CostLabour, SourceRef: "DW-0630"},      // on AsOf: in
			{Code: "01.01", Date: repDay(time.July, 31), Amount: repDec("100000.00"), Type: cost.CostSubcontract, SourceRef: "IPC-4"}, // after: out
			{Code: "01.02", Date: repDay(time.May, 20), Amount: repDec("60000.00"), Type: cost.CostMaterial, SourceRef: "GRN-77"},
			{Code: "01.02", Date: repDay(time.June, 15), Amount: repDec("4500.50"), Type: cost.CostEquipment, SourceRef: "EQ-3"},
			{Code: "01", Date: repDay(time.June, 1), Amount: repDec("21500.25"), Type: cost.CostOther, SourceRef: "SUP-1"},
		},
		Revenue: []cost.Revenue{
			{Code: "01", Amount: repDec("900000.00")},
			{Code: "02", Amount: repDec("1300000.00")},
			{Amount: repDec("50000.00")}, // preliminaries, whole project
		},
	}
}

// repWantLine holds a line's expected amounts as strings; an empty percentage is
// undefined.
type repWantLine struct {
	code, parent                                      string
	level                                             int
	original, changes, revised, committed, uncommited string
	actual                                            string
	labour, material, equipment, subcontract, other   string
	ftc, eac, variance, variancePct                   string
	revenue, margin, marginPct                        string
}

func repCheckAmount(t *testing.T, what, want string, got decimal.Decimal) {
	t.Helper()
	assert.True(t, repDec(want).Equal(got), "%s: want %s, got %s", what, want, got)
}

func repCheckValue(t *testing.T, what, want string, got cost.Value) {
	t.Helper()
	if want == "" {
		assert.False(t, got.Defined, "%s: want undefined, got %s", what, got.Value)
		assert.True(t, got.Value.IsZero(), "%s: undefined value not zero", what)
		return
	}
	if assert.True(t, got.Defined, "%s: want %s, got undefined", what, want) {
		repCheckAmount(t, what, want, got.Value)
	}
}

func repCheckLine(t *testing.T, w repWantLine, l cost.ReportLine) {
	t.Helper()
	p := "line " + w.code + " "
	assert.Equal(t, w.code, l.Code)
	assert.Equal(t, w.parent, l.Parent, p+"parent")
	assert.Equal(t, w.level, l.Level, p+"level")
	repCheckAmount(t, p+"originalBudget", w.original, l.OriginalBudget)
	repCheckAmount(t, p+"approvedChanges", w.changes, l.ApprovedChanges)
	repCheckAmount(t, p+"revisedBudget", w.revised, l.RevisedBudget)
	repCheckAmount(t, p+"committed", w.committed, l.Committed)
	repCheckAmount(t, p+"uncommitted", w.uncommited, l.Uncommitted)
	repCheckAmount(t, p+"actualToDate", w.actual, l.ActualToDate)
	repCheckAmount(t, p+"labour", w.labour, l.ActualByType.Labour)
	repCheckAmount(t, p+"material", w.material, l.ActualByType.Material)
	repCheckAmount(t, p+"equipment", w.equipment, l.ActualByType.Equipment)
	repCheckAmount(t, p+"subcontract", w.subcontract, l.ActualByType.Subcontract)
	repCheckAmount(t, p+"other", w.other, l.ActualByType.Other)
	repCheckAmount(t, p+"forecastToComplete", w.ftc, l.ForecastToComplete)
	repCheckAmount(t, p+"estimateAtCompletion", w.eac, l.EstimateAtCompletion)
	repCheckAmount(t, p+"variance", w.variance, l.Variance)
	repCheckValue(t, p+"variancePercent", w.variancePct, l.VariancePercent)
	repCheckAmount(t, p+"revenue", w.revenue, l.Revenue)
	repCheckAmount(t, p+"margin", w.margin, l.Margin)
	repCheckValue(t, p+"marginPercent", w.marginPct, l.MarginPercent)
}

func repCodes(r *cost.Report) []string {
	var cs []string
	for _, l := range r.Lines {
		cs = append(cs, l.Code)
	}
	return cs
}

func TestBuildReportBudgetRemaining(t *testing.T) {
	r, err := cost.BuildReport(repInput())
	require.NoError(t, err)
	assert.Equal(t, cost.FTCBudgetRemaining, r.Method, "empty method means budgetRemaining")
	assert.Equal(t, repDay(time.June, 30), r.AsOf)
	require.Equal(t, []string{"01", "01.01", "01.02", "02", "03"}, repCodes(r))

	want := []repWantLine{
		// 01 = own + 01.01 + 01.02:
		//   original 20 000 + 500 000 + 300 000 = 820 000; changes 25 000 − 10 000 = 15 000;
		//   revised 835 000; committed 492 000 + 105 000 = 597 000; uncommitted 238 000;
		//   actual 21 500.25 + 353 000 + 64 500.50 = 439 000.75;
		//   FTC 0 + 172 000 + 225 499.50 = 397 499.50 (own is over budget: max(20 000 − 21 500.25, 0) = 0);
		//   EAC 439 000.75 + 397 499.50 = 836 500.25; variance 835 000 − 836 500.25 = −1 500.25;
		//   variance % = −1 500.25 × 100 / 835 000 = −0.17967065868… → −0.1796706587;
		//   margin 900 000 − 836 500.25 = 63 499.75; 63 499.75 × 100 / 900 000 = 7.05552777… → 7.0555277778.
		{code: "01", level: 0,
			original: "820000", changes: "15000", revised: "835000", committed: "597000", uncommited: "238000",
			actual: "439000.75", labour: "3000", material: "60000", equipment: "4500.50", subcontract: "350000", other: "21500.25",
			ftc: "397499.50", eac: "836500.25", variance: "-1500.25", variancePct: "-0.1796706587",
			revenue: "900000", margin: "63499.75", marginPct: "7.0555277778"},
		// 01.01: revised 500 000 + 25 000 = 525 000; committed SC-100 480 000 + CO-100-1 12 000 = 492 000;
		//   uncommitted 33 000; actual 200 000 + 150 000 + 3 000 (on AsOf) = 353 000 (IPC-4 is after AsOf);
		//   FTC 525 000 − 353 000 = 172 000; EAC 525 000; variance 0; no revenue: margin −525 000, % undefined.
		{code: "01.01", parent: "01", level: 1,
			original: "500000", changes: "25000", revised: "525000", committed: "492000", uncommited: "33000",
			actual: "353000", labour: "3000", material: "0", equipment: "0", subcontract: "350000", other: "0",
			ftc: "172000", eac: "525000", variance: "0", variancePct: "0",
			revenue: "0", margin: "-525000", marginPct: ""},
		// 01.02: revised 300 000 − 10 000 = 290 000; committed PO-1203 120 000 − CO-1203-1 15 000 = 105 000;
		//   uncommitted 185 000; actual 60 000 + 4 500.50 = 64 500.50; FTC 290 000 − 64 500.50 = 225 499.50.
		{code: "01.02", parent: "01", level: 1,
			original: "300000", changes: "-10000", revised: "290000", committed: "105000", uncommited: "185000",
			actual: "64500.50", labour: "0", material: "60000", equipment: "4500.50", subcontract: "0", other: "0",
			ftc: "225499.50", eac: "290000", variance: "0", variancePct: "0",
			revenue: "0", margin: "-290000", marginPct: ""},
		// 02: BC-03 unapproved and BC-04 after AsOf: revised 1 200 000; committed PO-1250 350 000
		//   (PO-1300 after AsOf); FTC 1 200 000; margin 1 300 000 − 1 200 000 = 100 000;
		//   100 000 × 100 / 1 300 000 = 7.692307692… → 7.6923076923.
		{code: "02", level: 0,
			original: "1200000", changes: "0", revised: "1200000", committed: "350000", uncommited: "850000",
			actual: "0", labour: "0", material: "0", equipment: "0", subcontract: "0", other: "0",
			ftc: "1200000", eac: "1200000", variance: "0", variancePct: "0",
			revenue: "1300000", margin: "100000", marginPct: "7.6923076923"},
		// 03: nothing: both percentages undefined.
		{code: "03", level: 0,
			original: "0", changes: "0", revised: "0", committed: "0", uncommited: "0",
			actual: "0", labour: "0", material: "0", equipment: "0", subcontract: "0", other: "0",
			ftc: "0", eac: "0", variance: "0", variancePct: "",
			revenue: "0", margin: "0", marginPct: ""},
	}
	for k, w := range want {
		repCheckLine(t, w, r.Lines[k])
	}
	assert.Equal(t, "Substructure", r.Lines[0].Name)

	// Total = 01 + 02 + 03, plus 50 000 of project revenue:
	//   original 820 000 + 1 200 000 = 2 020 000; revised 2 035 000; committed 597 000 + 350 000 = 947 000;
	//   uncommitted 1 088 000; FTC 397 499.50 + 1 200 000 = 1 597 499.50; EAC 2 036 500.25;
	//   variance −1 500.25 → −150 025 / 2 035 000 = −0.07372235872… → −0.0737223587;
	//   revenue 900 000 + 1 300 000 + 50 000 = 2 250 000; margin 213 499.75;
	//   21 349 975 / 2 250 000 = 9.48887777… → 9.4888777778.
	repCheckLine(t, repWantLine{code: "",
		original: "2020000", changes: "15000", revised: "2035000", committed: "947000", uncommited: "1088000",
		actual: "439000.75", labour: "3000", material: "60000", equipment: "4500.50", subcontract: "350000", other: "21500.25",
		ftc: "1597499.50", eac: "2036500.25", variance: "-1500.25", variancePct: "-0.0737223587",
		revenue: "2250000", margin: "213499.75", marginPct: "9.4888777778"}, r.Total)

	l, ok := r.Line("01.02")
	require.True(t, ok)
	assert.True(t, repDec("225499.50").Equal(l.ForecastToComplete))
	_, ok = r.Line("99")
	assert.False(t, ok)
}

// repForecastCheck is the part of a line that depends on the forecast.
type repForecastCheck struct {
	code, ftc, eac, variance, variancePct string
}

func repCheckForecasts(t *testing.T, r *cost.Report, want []repForecastCheck) {
	t.Helper()
	for _, w := range want {
		l := r.Total
		if w.code != "" {
			var ok bool
			l, ok = r.Line(w.code)
			require.True(t, ok, w.code)
		}
		p := "line " + w.code + " "
		repCheckAmount(t, p+"forecastToComplete", w.ftc, l.ForecastToComplete)
		repCheckAmount(t, p+"estimateAtCompletion", w.eac, l.EstimateAtCompletion)
		repCheckAmount(t, p+"variance", w.variance, l.Variance)
		repCheckValue(t, p+"variancePercent", w.variancePct, l.VariancePercent)
	}
}

func TestBuildReportCommittedRemaining(t *testing.T) {
	in := repInput()
	in.Method = cost.FTCCommittedRemaining
	r, err := cost.BuildReport(in)
	require.NoError(t, err)
	assert.Equal(t, cost.FTCCommittedRemaining, r.Method)
	repCheckForecasts(t, r, []repForecastCheck{
		// 01.01: max(492 000 − 353 000, 0) = 139 000; EAC 492 000; variance 525 000 − 492 000 = 33 000;
		//   3 300 000 / 525 000 = 6.285714285… → 6.2857142857.
		{"01.01", "139000", "492000", "33000", "6.2857142857"},
		// 01.02: 105 000 − 64 500.50 = 40 499.50; EAC 105 000; variance 185 000; 18 500 000 / 290 000 = 63.79310344…
		{"01.02", "40499.50", "105000", "185000", "63.7931034483"},
		// 01: own commits nothing and has spent 21 500.25: own FTC 0.
		//   FTC 0 + 139 000 + 40 499.50 = 179 499.50; EAC 439 000.75 + 179 499.50 = 618 500.25;
		//   variance 835 000 − 618 500.25 = 216 499.75; 21 649 975 / 835 000 = 25.92811377… → 25.9281137725.
		{"01", "179499.50", "618500.25", "216499.75", "25.9281137725"},
		// 02: 350 000 − 0; variance 850 000; 85 000 000 / 1 200 000 = 70.8333…
		{"02", "350000", "350000", "850000", "70.8333333333"},
		{"03", "0", "0", "0", ""},
		// total: 179 499.50 + 350 000 = 529 499.50; EAC 968 500.25; variance 2 035 000 − 968 500.25 = 1 066 499.75;
		//   106 649 975 / 2 035 000 = 52.40785012… → 52.4078501229.
		{"", "529499.50", "968500.25", "1066499.75", "52.4078501229"},
	})
}

func TestBuildReportCPI(t *testing.T) {
	in := repInput()
	in.Method = cost.FTCCPI
	in.CPI = map[string]decimal.Decimal{
		"01": repDec("0.8"), "01.01": repDec("0.95"), "01.02": repDec("1.1"), "02": repDec("1.25"),
		// 03 has no budget and needs no index.
	}
	r, err := cost.BuildReport(in)
	require.NoError(t, err)
	repCheckForecasts(t, r, []repForecastCheck{
		// 01.01: 525 000 / 0.95 = 552 631.5789… → 552 631.58; FTC 552 631.58 − 353 000 = 199 631.58;
		//   variance 525 000 − 552 631.58 = −27 631.58; −2 763 158 / 525 000 = −5.26315809…
		{"01.01", "199631.58", "552631.58", "-27631.58", "-5.2631580952"},
		// 01.02: 290 000 / 1.1 = 263 636.3636… → 263 636.36; FTC 263 636.36 − 64 500.50 = 199 135.86;
		//   variance 26 363.64; 2 636 364 / 290 000 = 9.09091034…
		{"01.02", "199135.86", "263636.36", "26363.64", "9.0909103448"},
		// 01: own 20 000 / 0.8 = 25 000, FTC 25 000 − 21 500.25 = 3 499.75;
		//   FTC 3 499.75 + 199 631.58 + 199 135.86 = 402 267.19; EAC 439 000.75 + 402 267.19 = 841 267.94
		//   (= 25 000 + 552 631.58 + 263 636.36); variance −6 267.94; −626 794 / 835 000 = −0.75065149700…
		{"01", "402267.19", "841267.94", "-6267.94", "-0.7506514970"},
		// 02: 1 200 000 / 1.25 = 960 000; variance 240 000 = 20 %.
		{"02", "960000", "960000", "240000", "20"},
		{"03", "0", "0", "0", ""},
		// total: 402 267.19 + 960 000 = 1 362 267.19; EAC 1 801 267.94; variance 233 732.06;
		//   23 373 206 / 2 035 000 = 11.48560491… → 11.4856049140.
		{"", "1362267.19", "1801267.94", "233732.06", "11.4856049140"},
	})
}

func TestBuildReportCPIRounding(t *testing.T) {
	// 100.01 / 2 = 50.005 → 50.01 (half away from zero); nothing spent: FTC 50.01; variance 100.01 − 50.01 = 50.
	in := cost.ReportInput{
		AsOf:            repDay(time.June, 30),
		Codes:           []cost.CostCode{{Code: "X"}},
		OriginalBudgets: map[string]decimal.Decimal{"X": repDec("100.01")},
		Method:          cost.FTCCPI,
		CPI:             map[string]decimal.Decimal{"X": repDec("2")},
	}
	r, err := cost.BuildReport(in)
	require.NoError(t, err)
	repCheckForecasts(t, r, []repForecastCheck{{"X", "50.01", "50.01", "50", "49.9950005000"}}) // 5 000 / 100.01 = 49.99500049995… → 49.9950005000
}

func TestBuildReportManualForecast(t *testing.T) {
	in := repInput()
	in.Forecasts = []cost.Forecast{
		{Code: "01.02", Amount: repDec("240000.00")},
		{Code: "02", Amount: repDec("1250000.00")},
	}
	r, err := cost.BuildReport(in)
	require.NoError(t, err)
	repCheckForecasts(t, r, []repForecastCheck{
		// 01.01 keeps the method: 525 000 − 353 000 = 172 000.
		{"01.01", "172000", "525000", "0", "0"},
		// 01.02: EAC 64 500.50 + 240 000 = 304 500.50; variance 290 000 − 304 500.50 = −14 500.50;
		//   −1 450 050 / 290 000 = −5.00017241379… → −5.0001724138.
		{"01.02", "240000", "304500.50", "-14500.50", "-5.0001724138"},
		// 01: 0 + 172 000 + 240 000 = 412 000; EAC 851 000.75; variance −16 000.75; −1 600 075 / 835 000 = −1.91625748…
		{"01", "412000", "851000.75", "-16000.75", "-1.9162574850"},
		// 02: variance 1 200 000 − 1 250 000 = −50 000; −5 000 000 / 1 200 000 = −4.16666…
		{"02", "1250000", "1250000", "-50000", "-4.1666666667"},
		// total: 412 000 + 1 250 000 = 1 662 000; EAC 2 101 000.75; variance −66 000.75; −6 600 075 / 2 035 000 = −3.24328009…
		{"", "1662000", "2101000.75", "-66000.75", "-3.2432800983"},
	})
	// margin 2 250 000 − 2 101 000.75 = 148 999.25; 14 899 925 / 2 250 000 = 6.62218888… → 6.6221888889.
	repCheckAmount(t, "total margin", "148999.25", r.Total.Margin)
	repCheckValue(t, "total marginPercent", "6.6221888889", r.Total.MarginPercent)

	// A code with a manual forecast needs no index under FTCCPI.
	in.Method = cost.FTCCPI
	in.CPI = map[string]decimal.Decimal{"01": repDec("0.8"), "01.01": repDec("0.95")}
	r, err = cost.BuildReport(in)
	require.NoError(t, err)
	repCheckForecasts(t, r, []repForecastCheck{{"02", "1250000", "1250000", "-50000", "-4.1666666667"}})
}

func TestBuildReportDeterministic(t *testing.T) {
	want, err := cost.BuildReport(repInput())
	require.NoError(t, err)
	in := repInput()
	slices.Reverse(in.Codes)
	slices.Reverse(in.Changes)
	slices.Reverse(in.Commitments)
	slices.Reverse(in.Actuals)
	slices.Reverse(in.Revenue)
	got, err := cost.BuildReport(in)
	require.NoError(t, err)
	a, err := json.Marshal(want)
	require.NoError(t, err)
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(a), string(b), "the order of the input does not change the report")
}

func TestBuildReportDeepTree(t *testing.T) {
	// A chain A ← A.1 ← A.1.1 and a sibling B: each level adds its own 1.00.
	in := cost.ReportInput{
		AsOf: repDay(time.June, 30),
		Codes: []cost.CostCode{
			{Code: "A.1.1", Parent: "A.1"}, {Code: "B"}, {Code: "A.1", Parent: "A"}, {Code: "A"},
		},
		OriginalBudgets: map[string]decimal.Decimal{"A": repDec("1"), "A.1": repDec("1"), "A.1.1": repDec("1"), "B": repDec("1")},
	}
	r, err := cost.BuildReport(in)
	require.NoError(t, err)
	require.Equal(t, []string{"A", "A.1", "A.1.1", "B"}, repCodes(r))
	for k, w := range []struct {
		level int
		bud   string
	}{{0, "3"}, {1, "2"}, {2, "1"}, {0, "1"}} {
		assert.Equal(t, w.level, r.Lines[k].Level, r.Lines[k].Code)
		repCheckAmount(t, r.Lines[k].Code, w.bud, r.Lines[k].OriginalBudget)
	}
	repCheckAmount(t, "total", "4", r.Total.OriginalBudget)
}

func TestBuildReportEmpty(t *testing.T) {
	r, err := cost.BuildReport(cost.ReportInput{AsOf: repDay(time.June, 30)})
	require.NoError(t, err)
	assert.Empty(t, r.Lines)
	assert.True(t, r.Total.EstimateAtCompletion.IsZero())
	assert.False(t, r.Total.VariancePercent.Defined)
	assert.False(t, r.Total.MarginPercent.Defined)
}

func TestBuildReportErrors(t *testing.T) {
	tests := []struct {
		name   string
		modify func(in *cost.ReportInput)
		want   string
	}{
		{"missing asOf", func(in *cost.ReportInput) { in.AsOf = 0 },
			`report input: asOf: missing (the zero date 1970-01-01)`},
		{"unknown method", func(in *cost.ReportInput) { in.Method = "evm" },
			`report input: method: unknown method "evm"`},
		{"duplicate code", func(in *cost.ReportInput) { in.Codes = append(in.Codes, cost.CostCode{Code: "01.01"}) },
			`cost code "01.01": code: duplicate`},
		{"empty code", func(in *cost.ReportInput) { in.Codes = append(in.Codes, cost.CostCode{Name: "x"}) },
			`codes[5]: code: missing`},
		{"unknown parent", func(in *cost.ReportInput) { in.Codes[0].Parent = "09" },
			`cost code "02": parent: unknown cost code "09"`},
		{"parent cycle", func(in *cost.ReportInput) { in.Codes[3].Parent = "01.02" },
			`cost code "01": parent: cycle 01 → 01.02 → 01`},
		{"own parent", func(in *cost.ReportInput) { in.Codes[2].Parent = "03" },
			`cost code "03": parent: cycle 03 → 03`},
		{"unknown original budget", func(in *cost.ReportInput) { in.OriginalBudgets["09"] = repDec("1") },
			`original budget "09": code: unknown cost code "09"`},
		{"negative original budget", func(in *cost.ReportInput) { in.OriginalBudgets["02"] = repDec("-1.00") },
			`original budget "02": amount: -1 is below zero`},
		{"original budget in mills", func(in *cost.ReportInput) { in.OriginalBudgets["02"] = repDec("1.005") },
			`original budget "02": amount: 1.005 has more than 2 decimal places`},
		{"unknown change code", func(in *cost.ReportInput) { in.Changes[1].Code = "09" },
			`budget change "BC-02": code: unknown cost code "09"`},
		{"change in mills, even unapproved", func(in *cost.ReportInput) { in.Changes[2].Amount = repDec("0.001") },
			`budget change "BC-03": amount: 0.001 has more than 2 decimal places`},
		{"change without code", func(in *cost.ReportInput) { in.Changes[0].Code, in.Changes[0].Ref = "", "" },
			`changes[0]: code: missing`},
		{"unknown commitment code", func(in *cost.ReportInput) { in.Commitments[1].Code = "09" },
			`commitment "PO-1203": code: unknown cost code "09"`},
		{"commitment in mills", func(in *cost.ReportInput) { in.Commitments[1].Amount = repDec("120000.005") },
			`commitment "PO-1203": amount: 120000.005 has more than 2 decimal places`},
		{"commitment after AsOf still checked", func(in *cost.ReportInput) { in.Commitments[4].Amount = repDec("0.123") },
			`commitment "PO-1300": amount: 0.123 has more than 2 decimal places`},
		{"negative purchase order", func(in *cost.ReportInput) { in.Commitments[1].Amount = repDec("-5") },
			`commitment "PO-1203": amount: -5 is below zero (a reduction is a change order)`},
		{"unknown kind", func(in *cost.ReportInput) { in.Commitments[0].Kind = "invoice" },
			`commitment "SC-100": kind: unknown kind "invoice"`},
		{"missing kind", func(in *cost.ReportInput) { in.Commitments[0].Kind, in.Commitments[0].Ref = "", "" },
			`commitments[0]: kind: missing`},
		{"unknown actual code", func(in *cost.ReportInput) { in.Actuals[0].Code = "09" },
			`actual cost "IPC-1": code: unknown cost code "09"`},
		{"unknown cost type", func(in *cost.ReportInput) { in.Actuals[4].Type = "plant" },
			`actual cost "GRN-77": type: unknown cost type "plant"`},
		{"missing cost type", func(in *cost.ReportInput) { in.Actuals[4].Type, in.Actuals[4].SourceRef = "", "" },
			`actuals[4]: type: missing`},
		{"actual in mills", func(in *cost.ReportInput) { in.Actuals[5].Amount = repDec("4500.505") },
			`actual cost "EQ-3": amount: 4500.505 has more than 2 decimal places`},
		{"actual out of range", func(in *cost.ReportInput) { in.Actuals[5].Amount = repDec("1e20") },
			`actual cost "EQ-3": amount: 100000000000000000000 is out of range`},
		{"actuals sum out of range", func(in *cost.ReportInput) {
			in.Actuals[0].Amount = repDec("90000000000000000")
			in.Actuals[1].Amount = repDec("90000000000000000")
		}, `actual cost "IPC-2": amount: sum out of range`},
		{"unknown forecast code", func(in *cost.ReportInput) { in.Forecasts = []cost.Forecast{{Code: "09", Amount: repDec("1")}} },
			`forecast "09": code: unknown cost code "09"`},
		{"negative forecast", func(in *cost.ReportInput) {
			in.Forecasts = []cost.Forecast{{Code: "02", Amount: repDec("-0.01")}}
		}, `forecast "02": amount: -0.01 is below zero`},
		{"forecast in mills", func(in *cost.ReportInput) {
			in.Forecasts = []cost.Forecast{{Code: "02", Amount: repDec("0.001")}}
		}, `forecast "02": amount: 0.001 has more than 2 decimal places`},
		{"duplicate forecast", func(in *cost.ReportInput) {
			in.Forecasts = []cost.Forecast{{Code: "02", Amount: repDec("1")}, {Code: "02", Amount: repDec("2")}}
		}, `forecast "02": code: more than one forecast for the cost code`},
		{"unknown cpi code", func(in *cost.ReportInput) { in.CPI = map[string]decimal.Decimal{"09": repDec("1")} },
			`cpi "09": code: unknown cost code "09"`},
		{"cpi zero", func(in *cost.ReportInput) { in.CPI = map[string]decimal.Decimal{"02": repDec("0")} },
			`cpi "02": value: 0 is not above zero`},
		{"cpi missing", func(in *cost.ReportInput) {
			in.Method = cost.FTCCPI
			in.CPI = map[string]decimal.Decimal{"01": repDec("1"), "01.01": repDec("1"), "01.02": repDec("1")}
		}, `cost code "02": cpi: no index for method "cpi" and no manual forecast`},
		{"roll-up out of range", func(in *cost.ReportInput) {
			in.OriginalBudgets["01.01"] = repDec("90000000000000000")
			in.OriginalBudgets["01.02"] = repDec("90000000000000000")
		}, `cost code "01": originalBudget: sum of the codes below out of range`},
		{"unknown revenue code", func(in *cost.ReportInput) { in.Revenue[0].Code = "09" },
			`revenue "09": code: unknown cost code "09"`},
		{"project revenue in mills", func(in *cost.ReportInput) { in.Revenue[2].Amount = repDec("50000.001") },
			`revenue[2]: amount: 50000.001 has more than 2 decimal places`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := repInput()
			tt.modify(&in)
			r, err := cost.BuildReport(in)
			require.Error(t, err)
			assert.Nil(t, r, "no partial report")
			assert.Equal(t, tt.want, err.Error())
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
			var le *lanyan.Error
			require.True(t, errors.As(err, &le))
			assert.NotEmpty(t, le.Record)
			assert.NotEmpty(t, le.Field)
		})
	}
}

func TestBuildReportAmountPrecision(t *testing.T) {
	// Whole cents in any representation are accepted exactly; anything finer, or
	// beyond ±92 233 720 368 547 758.07 (int64 cents), is an error.
	tests := []struct{ amount, want, err string }{
		{"0", "0", ""},
		{"0.10", "0.1", ""},
		{"1.000", "1", ""},                         // three places, but whole cents
		{"12.3400000000000000000000", "12.34", ""}, // more than 18 digits
		{"1e3", "1000", ""},
		{"1e16", "10000000000000000", ""},
		{"92233720368547758.07", "92233720368547758.07", ""},
		{"-0.01", "-0.01", ""},
		{"-92233720368547758.08", "-92233720368547758.08", ""},
		{"0.001", "", `budget change "BC-X": amount: 0.001 has more than 2 decimal places`},
		{"1.0000000000000000000001", "", `budget change "BC-X": amount: 1.0000000000000000000001 has more than 2 decimal places`},
		{"92233720368547758.08", "", `budget change "BC-X": amount: 92233720368547758.08 is out of range`},
		{"1e17", "", `budget change "BC-X": amount: 100000000000000000 is out of range`},
	}
	for _, tt := range tests {
		t.Run(tt.amount, func(t *testing.T) {
			in := cost.ReportInput{
				AsOf:    repDay(time.June, 30),
				Codes:   []cost.CostCode{{Code: "X"}},
				Changes: []cost.BudgetChange{{Code: "X", Ref: "BC-X", Amount: repDec(tt.amount), Approved: true}},
			}
			r, err := cost.BuildReport(in)
			if tt.err != "" {
				assert.Nil(t, r)
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			repCheckAmount(t, "approvedChanges", tt.want, r.Total.ApprovedChanges)
		})
	}
}

func TestBuildReportJSON(t *testing.T) {
	const input = `{
		"asOf": "2025-06-30",
		"codes": [{"code": "01", "name": "Substructure"}, {"code": "01.01", "name": "Piling", "parent": "01"}],
		"originalBudgets": {"01.01": "1000.00"},
		"changes": [{"code": "01.01", "ref": "BC-1", "amount": "100.00", "approved": true, "date": "2025-06-01"}],
		"commitments": [{"code": "01.01", "ref": "PO-1", "kind": "purchaseOrder", "amount": "800.00", "date": "2025-05-01"}],
		"actuals": [{"code": "01.01", "date": "2025-06-30", "amount": "300.00", "type": "material", "sourceRef": "GRN-1"}],
		"forecasts": [{"code": "01.01", "amount": "750.00"}],
		"method": "committedRemaining",
		"revenue": [{"amount": "1200.00"}]
	}`
	var in cost.ReportInput
	require.NoError(t, json.Unmarshal([]byte(input), &in))
	r, err := cost.BuildReport(in)
	require.NoError(t, err)
	// revised 1 000 + 100 = 1 100; EAC 300 + 750 = 1 050; variance 50; margin 1 200 − 1 050 = 150 (project revenue).
	repCheckForecasts(t, r, []repForecastCheck{{"01.01", "750", "1050", "50", "4.5454545455"}})
	repCheckAmount(t, "margin", "150", r.Total.Margin)
	repCheckAmount(t, "uncommitted", "300", r.Total.Uncommitted)

	b, err := json.Marshal(r)
	require.NoError(t, err)
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &out))
	assert.ElementsMatch(t, []string{"asOf", "method", "lines", "total"}, repKeys(out))
	assert.JSONEq(t, `"2025-06-30"`, string(out["asOf"]))
	var lines []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(out["lines"], &lines))
	require.Len(t, lines, 2)
	assert.ElementsMatch(t, []string{"code", "name", "parent", "level", "originalBudget", "approvedChanges",
		"revisedBudget", "committed", "uncommitted", "actualToDate", "actualByType", "forecastToComplete",
		"estimateAtCompletion", "variance", "variancePercent", "revenue", "margin", "marginPercent"}, repKeys(lines[1]))
	var byType map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(lines[1]["actualByType"], &byType))
	assert.ElementsMatch(t, []string{"labour", "material", "equipment", "subcontract", "other"}, repKeys(byType))
}

func repKeys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func BenchmarkBuildReport(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		// n/10 codes under 10 parents, 10 actual costs per code.
		in := cost.ReportInput{AsOf: repDay(time.June, 30), OriginalBudgets: map[string]decimal.Decimal{}}
		for p := range 10 {
			in.Codes = append(in.Codes, cost.CostCode{Code: string(rune('A' + p))})
		}
		for i := range n / 10 {
			code := string(rune('A'+i%10)) + "." + decimal.NewFromInt(int64(i)).String()
			in.Codes = append(in.Codes, cost.CostCode{Code: code, Parent: string(rune('A' + i%10))})
			in.OriginalBudgets[code] = decimal.New(int64(100_000+i), -2)
			for k := range 10 {
				in.Actuals = append(in.Actuals, cost.ActualCost{Code: code, Date: repDay(time.June, 1+k),
					Amount: decimal.New(int64(1234+k), -2), Type: cost.CostMaterial})
			}
		}
		b.Run(decimal.NewFromInt(int64(n)).String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := cost.BuildReport(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
