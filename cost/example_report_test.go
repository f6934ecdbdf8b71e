package cost_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/cost"
)

// A cost report (成本报表) of a substructure with two codes under it, as of the
// end of June: the June labour slip counts, the July invoice does not, the
// unapproved change does not, the change order takes 15 000.00 off the pile-cap
// purchase order, and the pile caps have a manual forecast. 01.01 has no revenue
// of its own, so its margin percentage is undefined.
func ExampleBuildReport() {
	d := decimal.RequireFromString
	in := cost.ReportInput{
		AsOf: date.New(2025, time.June, 30),
		Codes: []cost.CostCode{
			{Code: "01", Name: "Substructure"},
			{Code: "01.01", Name: "Piling", Parent: "01"},
			{Code: "01.02", Name: "Pile caps", Parent: "01"},
		},
		OriginalBudgets: map[string]decimal.Decimal{"01.01": d("500000.00"), "01.02": d("300000.00")},
		Changes: []cost.BudgetChange{
			{Code: "01.01", Ref: "BC-01", Amount: d("25000.00"), Approved: true, Date: date.New(2025, time.May, 10)},
			{Code: "01.02", Ref: "BC-02", Amount: d("40000.00"), Approved: false, Date: date.New(2025, time.June, 2)},
		},
		Commitments: []cost.Commitment{
			{Code: "01.01", Ref: "SC-100", Kind: cost.CommitmentContract, Amount: d("480000.00"), Date: date.New(2025, time.March, 1)},
			{Code: "01.02", Ref: "PO-1203", Kind: cost.CommitmentPurchaseOrder, Amount: d("120000.00"), Date: date.New(2025, time.April, 2)},
			{Code: "01.02", Ref: "CO-1203-1", Kind: cost.CommitmentChangeOrder, Amount: d("-15000.00"), Date: date.New(2025, time.June, 10)},
		},
		Actuals: []cost.ActualCost{
			{Code: "01.01", Date: date.New(2025, time.May, 31), Amount: d("350000.00"), Type: cost.CostSubcontract, SourceRef: "IPC-2"},
			{Code: "01.01", Date: date.New(2025, time.June, 30), Amount: d("3000.00"), Type: cost.CostLabour, SourceRef: "DW-0630"},
			{Code: "01.01", Date: date.New(2025, time.July, 31), Amount: d("100000.00"), Type: cost.CostSubcontract, SourceRef: "IPC-4"},
			{Code: "01.02", Date: date.New(2025, time.May, 20), Amount: d("64500.50"), Type: cost.CostMaterial, SourceRef: "GRN-77"},
		},
		Forecasts: []cost.Forecast{{Code: "01.02", Amount: d("240000.00")}},
		Method:    cost.FTCBudgetRemaining,
		Revenue:   []cost.Revenue{{Code: "01", Amount: d("900000.00")}},
	}
	r, err := cost.BuildReport(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	pct := func(v cost.Value) string {
		if !v.Defined {
			return "n/a"
		}
		return v.Value.StringFixed(2) + "%"
	}
	fmt.Printf("%-8s %10s %10s %10s %10s %10s %8s %10s %7s\n",
		"code", "revised", "committed", "actual", "ftc", "eac", "var%", "margin", "margin%")
	for _, l := range append(r.Lines, r.Total) {
		code := l.Code
		if code == "" {
			code = "total"
		}
		fmt.Printf("%-8s %10s %10s %10s %10s %10s %8s %10s %7s\n", code,
			l.RevisedBudget.StringFixed(2), l.Committed.StringFixed(2), l.ActualToDate.StringFixed(2),
			l.ForecastToComplete.StringFixed(2), l.EstimateAtCompletion.StringFixed(2),
			pct(l.VariancePercent), l.Margin.StringFixed(2), pct(l.MarginPercent))
	}

	_, err = cost.BuildReport(cost.ReportInput{
		AsOf:        in.AsOf,
		Codes:       in.Codes,
		Commitments: []cost.Commitment{{Code: "01.03", Ref: "PO-1204", Kind: cost.CommitmentPurchaseOrder, Amount: d("1.00")}},
	})
	fmt.Println(err)
	// Output:
	// code        revised  committed     actual        ftc        eac     var%     margin margin%
	// 01        825000.00  585000.00  417500.50  412000.00  829500.50   -0.55%   70499.50   7.83%
	// 01.01     525000.00  480000.00  353000.00  172000.00  525000.00    0.00% -525000.00     n/a
	// 01.02     300000.00  105000.00   64500.50  240000.00  304500.50   -1.50% -304500.50     n/a
	// total     825000.00  585000.00  417500.50  412000.00  829500.50   -0.55%   70499.50   7.83%
	// commitment "PO-1204": code: unknown cost code "01.03"
}
