package cost

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// This file builds the cost report (成本报表): budget, commitments, actual cost,
// forecast and margin per cost code, rolled up to parent codes and the project.
//
// Amounts are exact: every input amount must be a whole number of cents, and every
// amount in the report is a sum or difference of such amounts, except a forecast
// made by the [FTCCPI] method, which is rounded to the cent. Internally amounts are
// int64 cents (sums over many entries stay fast and exact); an amount or a sum
// beyond ±92 233 720 368 547 758.07 is reported as out of range, never wrapped.

// CostCode is a code of the cost breakdown (成本科目) that the report is made by.
// Parent, when set, is the code the line rolls up into.
type CostCode struct {
	Code   string `json:"code"`
	Name   string `json:"name,omitempty"`
	Parent string `json:"parent,omitempty"`
}

// BudgetChange is a change to a code's budget (预算变更). Only approved changes
// dated on or before the report date count; Amount may be negative (a reduction).
type BudgetChange struct {
	Code     string          `json:"code"`
	Ref      string          `json:"ref"`
	Amount   decimal.Decimal `json:"amount"`
	Approved bool            `json:"approved"`
	Date     date.Date       `json:"date"`
}

// CommitmentKind says what a commitment is.
type CommitmentKind string

// The kinds of commitment.
const (
	CommitmentContract      CommitmentKind = "contract"      // a subcontract or contract (分包合同)
	CommitmentPurchaseOrder CommitmentKind = "purchaseOrder" // a purchase order (采购订单)
	CommitmentChangeOrder   CommitmentKind = "changeOrder"   // a change to a contract or order (变更单), either sign
)

// Commitment is an amount the project is bound to pay (合同/订单承诺): a contract,
// a purchase order, or a change order that adds to (positive Amount) or takes from
// (negative Amount) the committed amount of its code. A contract or purchase order
// may not be negative: a reduction is a change order. Commitments dated after the
// report date are left out.
type Commitment struct {
	Code   string          `json:"code"`
	Ref    string          `json:"ref"`
	Kind   CommitmentKind  `json:"kind"`
	Amount decimal.Decimal `json:"amount"`
	Date   date.Date       `json:"date"`
}

// CostType is the type of an actual cost (成本类型).
type CostType string

// The cost types.
const (
	CostLabour      CostType = "labour"      // 人工
	CostMaterial    CostType = "material"    // 材料
	CostEquipment   CostType = "equipment"   // 机械
	CostSubcontract CostType = "subcontract" // 分包
	CostOther       CostType = "other"       // 其他
)

// ActualCost is a cost incurred (实际成本): an invoice, a payroll, a goods receipt.
// Amount may be negative (a credit or a reversal). Entries dated after the report
// date are left out.
type ActualCost struct {
	Code      string          `json:"code"`
	Date      date.Date       `json:"date"`
	Amount    decimal.Decimal `json:"amount"`
	Type      CostType        `json:"type"`
	SourceRef string          `json:"sourceRef,omitempty"`
}

// Forecast is a manual forecast to complete (预计完工尚需成本) of a code's own
// cost: what is still to be spent on it after the report date. It is not below
// zero, and a code has at most one. It replaces the report's method for that code.
type Forecast struct {
	Code   string          `json:"code"`
	Amount decimal.Decimal `json:"amount"`
}

// FTCMethod says how the forecast to complete of a code without a manual
// [Forecast] is made. Each method works on the code's own amounts (not rolled up)
// and never gives less than zero.
type FTCMethod string

// The forecast methods.
const (
	// FTCBudgetRemaining forecasts the budget not yet spent:
	// max(revised budget − actual, 0). A code already over its budget is forecast
	// to cost nothing more, so its overrun shows in the variance.
	FTCBudgetRemaining FTCMethod = "budgetRemaining"

	// FTCCommittedRemaining forecasts the commitments not yet spent:
	// max(committed, actual) − actual, that is max(committed − actual, 0). It
	// assumes that nothing beyond what is let is still to be bought, so the
	// uncommitted budget counts as saved.
	FTCCommittedRemaining FTCMethod = "committedRemaining"

	// FTCCPI forecasts at the code's cost performance index (成本绩效指数) from
	// ReportInput.CPI: max(revised budget ÷ CPI − actual, 0), the remaining work
	// costing as the work so far has (EAC = BAC ÷ CPI). Revised budget ÷ CPI is
	// rounded to the cent, half away from zero (decimal.DivRound). A code whose own
	// revised budget is zero needs no index.
	FTCCPI FTCMethod = "cpi"
)

// Revenue is contract revenue (合同收入) of a code, or of the whole project when
// Code is empty. A code may have several entries (contract sum, variations,
// claims); they add up, and Amount may be negative (a deduction).
type Revenue struct {
	Code   string          `json:"code,omitempty"`
	Amount decimal.Decimal `json:"amount"`
}

// ReportInput is everything a cost report is made from.
type ReportInput struct {
	// AsOf is the report date (报告日期): entries dated after it are left out.
	// It is required.
	AsOf  date.Date  `json:"asOf"`
	Codes []CostCode `json:"codes"`
	// OriginalBudgets is the original budget (原始预算) by code; a code not in it
	// has none. No amount is below zero.
	OriginalBudgets map[string]decimal.Decimal `json:"originalBudgets,omitempty"`
	Changes         []BudgetChange             `json:"changes,omitempty"`
	Commitments     []Commitment               `json:"commitments,omitempty"`
	Actuals         []ActualCost               `json:"actuals,omitempty"`
	Forecasts       []Forecast                 `json:"forecasts,omitempty"`
	// Method forecasts codes without a manual forecast; empty means
	// FTCBudgetRemaining.
	Method FTCMethod `json:"method,omitempty"`
	// CPI is the cost performance index by code, used by FTCCPI; each is above
	// zero.
	CPI     map[string]decimal.Decimal `json:"cpi,omitempty"`
	Revenue []Revenue                  `json:"revenue,omitempty"`
}

// CostTypeAmounts is an amount split by cost type.
type CostTypeAmounts struct {
	Labour      decimal.Decimal `json:"labour"`
	Material    decimal.Decimal `json:"material"`
	Equipment   decimal.Decimal `json:"equipment"`
	Subcontract decimal.Decimal `json:"subcontract"`
	Other       decimal.Decimal `json:"other"`
}

// ReportLine is one line of the cost report: a code's own amounts plus those of
// all codes below it. Amounts are exact sums of cents; the percentages are in
// percent (12.5 means 12.5 %), rounded to 10 decimal places, half away from zero
// (decimal.DivRound), and undefined when their denominator is zero.
type ReportLine struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"`
	Level  int    `json:"level"` // 0 for a code without a parent

	OriginalBudget  decimal.Decimal `json:"originalBudget"`  // 原始预算
	ApprovedChanges decimal.Decimal `json:"approvedChanges"` // 已批准预算变更
	RevisedBudget   decimal.Decimal `json:"revisedBudget"`   // 修订预算 = original + approved changes
	Committed       decimal.Decimal `json:"committed"`       // 已承诺 = contracts + orders ± change orders
	Uncommitted     decimal.Decimal `json:"uncommitted"`     // 未承诺 = revised − committed; negative when over-committed

	ActualToDate decimal.Decimal `json:"actualToDate"` // 实际成本, entries dated on or before AsOf
	ActualByType CostTypeAmounts `json:"actualByType"` // ActualToDate split by cost type

	// ForecastToComplete (预计完工尚需成本) is the manual forecast or the
	// method's, code by code; a parent's is the sum of its own and its children's,
	// so an overrun on one code does not lower the forecast of another. It is
	// exact but for FTCCPI, whose forecasts are rounded to the cent, half away
	// from zero.
	ForecastToComplete   decimal.Decimal `json:"forecastToComplete"`
	EstimateAtCompletion decimal.Decimal `json:"estimateAtCompletion"` // 预计完工成本 = actual + FTC
	// Variance (成本偏差) = revised − EAC: positive when the code is forecast to
	// finish under budget, negative for an overrun.
	Variance        decimal.Decimal `json:"variance"`
	VariancePercent Value           `json:"variancePercent"` // 100 × variance ÷ revised; undefined when revised is 0

	Revenue decimal.Decimal `json:"revenue"` // 合同收入
	// Margin (利润) = revenue − EAC. On a line with no revenue of its own or
	// below it (revenue held higher up or for the whole project) it is −EAC.
	Margin        decimal.Decimal `json:"margin"`
	MarginPercent Value           `json:"marginPercent"` // 项目利润率 = 100 × margin ÷ revenue; undefined when revenue is 0
}

// Report is a cost report (成本报表).
type Report struct {
	AsOf   date.Date `json:"asOf"`
	Method FTCMethod `json:"method"` // the method used for codes without a manual forecast
	// Lines has one line per code, a parent before its children, codes without a
	// parent and the children of each parent in ascending order of Code (byte
	// order): for dotted codes such as 01, 01.01, 01.02, 02 that is code order.
	Lines []ReportLine `json:"lines"`
	// Total is the project total: the sum of the lines without a parent, plus the
	// revenue given for the whole project. Its Code and Name are empty. Margin is
	// meaningful here even when revenue is held only at project level.
	Total ReportLine `json:"total"`
}

// Line returns the line of code, and whether there is one. It searches the lines
// in order.
func (r *Report) Line(code string) (ReportLine, bool) {
	for _, l := range r.Lines {
		if l.Code == code {
			return l, true
		}
	}
	return ReportLine{}, false
}

// BuildReport makes the cost report of in. It is a pure function. Bad input — an
// unknown or duplicate code, a parent cycle, a negative original budget or manual
// forecast, an amount with more than 2 decimal places, an unknown kind, type or
// method, a missing index for FTCCPI — gives a *lanyan.Error with code
// lanyan.CodeInvalid naming the record and field, and no report. Entries dated
// after AsOf are still checked.
func BuildReport(in ReportInput) (*Report, error) {
	b, err := newReportBuilder(in)
	if err != nil {
		return nil, err
	}
	if err := b.collect(in); err != nil {
		return nil, err
	}
	return b.build(in)
}

// Indices into reportLineCents.byType, in CostTypeAmounts order.
const (
	reportLabour = iota
	reportMaterial
	reportEquipment
	reportSubcontract
	reportOther
	reportNumCostTypes
)

func reportCostTypeIndex(t CostType) (int, bool) {
	switch t {
	case CostLabour:
		return reportLabour, true
	case CostMaterial:
		return reportMaterial, true
	case CostEquipment:
		return reportEquipment, true
	case CostSubcontract:
		return reportSubcontract, true
	case CostOther:
		return reportOther, true
	}
	return 0, false
}

// reportBuilder holds the codes indexed densely (in input order) and each code's
// own sums in cents.
type reportBuilder struct {
	codes  []CostCode
	index  map[string]int
	parent []int // -1 for none
	order  []int // line order
	level  []int

	own            []reportLineCents
	manual         []int64
	hasManual      []bool
	projectRevenue int64
	method         FTCMethod
}

// reportLineCents is a line in cents, before conversion to decimals.
type reportLineCents struct {
	original, changes, revised, committed, uncommitted int64
	actual                                             int64
	byType                                             [reportNumCostTypes]int64
	ftc, eac, variance, revenue, margin                int64
}

func newReportBuilder(in ReportInput) (*reportBuilder, error) {
	if in.AsOf == 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "report input", "asOf", "missing (the zero date 1970-01-01)")
	}
	method := in.Method
	switch method {
	case "":
		method = FTCBudgetRemaining
	case FTCBudgetRemaining, FTCCommittedRemaining, FTCCPI:
	default:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "report input", "method", "unknown method %q", in.Method)
	}
	n := len(in.Codes)
	b := &reportBuilder{
		codes:     in.Codes,
		index:     make(map[string]int, n),
		parent:    make([]int, n),
		level:     make([]int, n),
		own:       make([]reportLineCents, n),
		manual:    make([]int64, n),
		hasManual: make([]bool, n),
		method:    method,
	}
	for i, c := range in.Codes {
		rec := reportRec{"cost code", "codes", c.Code, i}.String()
		if c.Code == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "code", "missing")
		}
		if _, dup := b.index[c.Code]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "code", "duplicate")
		}
		b.index[c.Code] = i
	}
	for i, c := range in.Codes {
		b.parent[i] = -1
		if c.Parent == "" {
			continue
		}
		p, ok := b.index[c.Parent]
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, reportRec{"cost code", "codes", c.Code, i}.String(), "parent", "unknown cost code %q", c.Parent)
		}
		b.parent[i] = p
	}
	if err := b.checkCycles(); err != nil {
		return nil, err
	}
	b.orderLines()
	return b, nil
}

// byCode returns the code indices sorted by code.
func (b *reportBuilder) byCode(idx []int) {
	slices.SortFunc(idx, func(x, y int) int { return strings.Compare(b.codes[x].Code, b.codes[y].Code) })
}

// checkCycles walks up from each code (in code order, so the error is the same
// for the same input) and reports the first parent cycle, listed from its
// smallest code.
func (b *reportBuilder) checkCycles() error {
	n := len(b.codes)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	b.byCode(idx)
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, n)
	var path []int
	for _, i := range idx {
		path = path[:0]
		v := i
		for v >= 0 && state[v] == unseen {
			state[v] = onPath
			path = append(path, v)
			v = b.parent[v]
		}
		if v >= 0 && state[v] == onPath {
			cycle := path[slices.Index(path, v):]
			first := 0
			for k, u := range cycle {
				if b.codes[u].Code < b.codes[cycle[first]].Code {
					first = k
				}
			}
			names := make([]string, 0, len(cycle)+1)
			for k := range cycle {
				names = append(names, b.codes[cycle[(first+k)%len(cycle)]].Code)
			}
			names = append(names, names[0])
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("cost code %q", names[0]), "parent",
				"cycle %s", strings.Join(names, " → "))
		}
		for _, u := range path {
			state[u] = done
		}
	}
	return nil
}

// orderLines puts the codes in pre-order, roots and siblings sorted by code,
// without recursion.
func (b *reportBuilder) orderLines() {
	n := len(b.codes)
	children := make([][]int, n)
	var roots []int
	for i, p := range b.parent {
		if p < 0 {
			roots = append(roots, i)
		} else {
			children[p] = append(children[p], i)
		}
	}
	b.byCode(roots)
	for _, c := range children {
		b.byCode(c)
	}
	b.order = make([]int, 0, n)
	stack := make([]int, 0, n)
	for k := len(roots) - 1; k >= 0; k-- {
		stack = append(stack, roots[k])
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b.order = append(b.order, v)
		if p := b.parent[v]; p >= 0 {
			b.level[v] = b.level[p] + 1
		}
		for k := len(children[v]) - 1; k >= 0; k-- {
			stack = append(stack, children[v][k])
		}
	}
}

// reportRec names an entry by its key, or by its position in the input when it
// has none: `commitment "PO-1203"`, `commitments[3]`. The name is only made when
// there is an error.
type reportRec struct {
	kind, list, key string
	i               int
}

func (r reportRec) String() string {
	if r.key != "" || r.list == "" {
		return fmt.Sprintf("%s %q", r.kind, r.key)
	}
	return fmt.Sprintf("%s[%d]", r.list, r.i)
}

// reportToCents returns d in cents, or an error naming rec and field when d has
// more than two decimal places or is out of range.
func reportToCents(d decimal.Decimal, rec reportRec, field string) (int64, error) {
	// Fast path, without allocating: a coefficient of at most 18 digits fits in
	// an int64, and so does its product by a power of ten that stays in range.
	if e := d.Exponent(); e >= -20 && e <= 16 && d.NumDigits() <= 18 {
		c := d.CoefficientInt64()
		switch {
		case e >= -2:
			p := reportPow10[e+2]
			if c <= math.MaxInt64/p && c >= math.MinInt64/p {
				return c * p, nil
			}
		case c%reportPow10[-2-e] == 0:
			return c / reportPow10[-2-e], nil
		default:
			return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), field, "%s has more than 2 decimal places", d)
		}
	}
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), field, "%s has more than 2 decimal places", d)
	}
	bi := c.BigInt()
	if !bi.IsInt64() {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), field, "%s is out of range", d)
	}
	return bi.Int64(), nil
}

// reportPow10[k] is 10^k.
var reportPow10 = func() (p [19]int64) {
	p[0] = 1
	for k := 1; k < len(p); k++ {
		p[k] = p[k-1] * 10
	}
	return p
}()

// reportAddTo adds c to *sum, or fails naming rec and field when the sum overflows.
func reportAddTo(sum *int64, c int64, rec reportRec, field string) error {
	s, ok := reportAdd(*sum, c)
	if !ok {
		return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), field, "sum out of range")
	}
	*sum = s
	return nil
}

func reportAdd(a, b int64) (int64, bool) {
	s := a + b
	return s, (b >= 0) == (s >= a)
}

func reportSub(a, b int64) (int64, bool) {
	d := a - b
	return d, (b >= 0) == (d <= a)
}

// lookup returns the index of code, or an error naming rec that it is unknown.
func (b *reportBuilder) lookup(code string, rec reportRec) (int, error) {
	if code == "" {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "code", "missing")
	}
	i, ok := b.index[code]
	if !ok {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "code", "unknown cost code %q", code)
	}
	return i, nil
}

// reportSortedKeys returns the keys of m in order, so that errors are deterministic.
func reportSortedKeys(m map[string]decimal.Decimal) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// collect checks every entry and sums each code's own amounts in cents.
func (b *reportBuilder) collect(in ReportInput) error {
	for _, code := range reportSortedKeys(in.OriginalBudgets) {
		rec := reportRec{kind: "original budget", key: code}
		i, ok := b.index[code]
		if !ok {
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "code", "unknown cost code %q", code)
		}
		amt := in.OriginalBudgets[code]
		if amt.IsNegative() {
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "amount", "%s is below zero", amt)
		}
		c, err := reportToCents(amt, rec, "amount")
		if err != nil {
			return err
		}
		b.own[i].original = c
	}
	for k, ch := range in.Changes {
		rec := reportRec{"budget change", "changes", ch.Ref, k}
		i, err := b.lookup(ch.Code, rec)
		if err != nil {
			return err
		}
		c, err := reportToCents(ch.Amount, rec, "amount")
		if err != nil {
			return err
		}
		if ch.Approved && ch.Date <= in.AsOf {
			if err := reportAddTo(&b.own[i].changes, c, rec, "amount"); err != nil {
				return err
			}
		}
	}
	for k, cm := range in.Commitments {
		rec := reportRec{"commitment", "commitments", cm.Ref, k}
		i, err := b.lookup(cm.Code, rec)
		if err != nil {
			return err
		}
		switch cm.Kind {
		case CommitmentContract, CommitmentPurchaseOrder:
			if cm.Amount.IsNegative() {
				return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "amount", "%s is below zero (a reduction is a change order)", cm.Amount)
			}
		case CommitmentChangeOrder:
		case "":
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "kind", "missing")
		default:
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "kind", "unknown kind %q", cm.Kind)
		}
		c, err := reportToCents(cm.Amount, rec, "amount")
		if err != nil {
			return err
		}
		if cm.Date <= in.AsOf {
			if err := reportAddTo(&b.own[i].committed, c, rec, "amount"); err != nil {
				return err
			}
		}
	}
	for k, a := range in.Actuals {
		rec := reportRec{"actual cost", "actuals", a.SourceRef, k}
		i, err := b.lookup(a.Code, rec)
		if err != nil {
			return err
		}
		t, ok := reportCostTypeIndex(a.Type)
		if !ok {
			if a.Type == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "type", "missing")
			}
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "type", "unknown cost type %q", a.Type)
		}
		c, err := reportToCents(a.Amount, rec, "amount")
		if err != nil {
			return err
		}
		if a.Date <= in.AsOf {
			if err := reportAddTo(&b.own[i].byType[t], c, rec, "amount"); err != nil {
				return err
			}
			if err := reportAddTo(&b.own[i].actual, c, rec, "amount"); err != nil {
				return err
			}
		}
	}
	for k, f := range in.Forecasts {
		rec := reportRec{"forecast", "forecasts", f.Code, k}
		i, err := b.lookup(f.Code, rec)
		if err != nil {
			return err
		}
		if b.hasManual[i] {
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "code", "more than one forecast for the cost code")
		}
		if f.Amount.IsNegative() {
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "amount", "%s is below zero", f.Amount)
		}
		c, err := reportToCents(f.Amount, rec, "amount")
		if err != nil {
			return err
		}
		b.manual[i], b.hasManual[i] = c, true
	}
	for _, code := range reportSortedKeys(in.CPI) {
		rec := reportRec{kind: "cpi", key: code}
		if _, ok := b.index[code]; !ok {
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "code", "unknown cost code %q", code)
		}
		if v := in.CPI[code]; !v.IsPositive() {
			return lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "value", "%s is not above zero", v)
		}
	}
	for k, r := range in.Revenue {
		rec := reportRec{"revenue", "revenue", r.Code, k}
		c, err := reportToCents(r.Amount, rec, "amount")
		if err != nil {
			return err
		}
		if r.Code == "" {
			if err := reportAddTo(&b.projectRevenue, c, rec, "amount"); err != nil {
				return err
			}
			continue
		}
		i, err := b.lookup(r.Code, rec)
		if err != nil {
			return err
		}
		if err := reportAddTo(&b.own[i].revenue, c, rec, "amount"); err != nil {
			return err
		}
	}
	return nil
}

// forecast returns code i's own forecast to complete in cents.
func (b *reportBuilder) forecast(i int, l *reportLineCents, cpi map[string]decimal.Decimal) (int64, error) {
	if b.hasManual[i] {
		return b.manual[i], nil
	}
	rec := reportRec{kind: "cost code", key: b.codes[i].Code}
	var target int64 // what the code is forecast to cost in all
	switch b.method {
	case FTCBudgetRemaining:
		target = l.revised
	case FTCCommittedRemaining:
		target = l.committed
	case FTCCPI:
		if l.revised != 0 {
			idx, ok := cpi[b.codes[i].Code]
			if !ok {
				return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "cpi", "no index for method %q and no manual forecast", FTCCPI)
			}
			t, err := reportToCents(decimal.New(l.revised, -2).DivRound(idx, 2), rec, "forecastToComplete")
			if err != nil {
				return 0, err
			}
			target = t
		}
	}
	ftc, ok := reportSub(target, l.actual)
	if !ok {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec.String(), "forecastToComplete", "out of range")
	}
	return max(ftc, 0), nil
}

// derive fills in the amounts of l that follow from the others, apart from the
// forecast to complete. ok is false when one is out of range.
func (l *reportLineCents) derive() (field string, ok bool) {
	if l.revised, ok = reportAdd(l.original, l.changes); !ok {
		return "revisedBudget", false
	}
	if l.uncommitted, ok = reportSub(l.revised, l.committed); !ok {
		return "uncommitted", false
	}
	if l.eac, ok = reportAdd(l.actual, l.ftc); !ok {
		return "estimateAtCompletion", false
	}
	if l.variance, ok = reportSub(l.revised, l.eac); !ok {
		return "variance", false
	}
	if l.margin, ok = reportSub(l.revenue, l.eac); !ok {
		return "margin", false
	}
	return "", true
}

// addLine adds every amount of src to dst. On overflow it returns the JSON name
// of the first field out of range.
func (dst *reportLineCents) addLine(src *reportLineCents) (field string, ok bool) {
	fields := [...]struct {
		name string
		d    *int64
		s    int64
	}{
		{"originalBudget", &dst.original, src.original},
		{"approvedChanges", &dst.changes, src.changes},
		{"revisedBudget", &dst.revised, src.revised},
		{"committed", &dst.committed, src.committed},
		{"uncommitted", &dst.uncommitted, src.uncommitted},
		{"actualToDate", &dst.actual, src.actual},
		{"actualByType", &dst.byType[reportLabour], src.byType[reportLabour]},
		{"actualByType", &dst.byType[reportMaterial], src.byType[reportMaterial]},
		{"actualByType", &dst.byType[reportEquipment], src.byType[reportEquipment]},
		{"actualByType", &dst.byType[reportSubcontract], src.byType[reportSubcontract]},
		{"actualByType", &dst.byType[reportOther], src.byType[reportOther]},
		{"forecastToComplete", &dst.ftc, src.ftc},
		{"estimateAtCompletion", &dst.eac, src.eac},
		{"variance", &dst.variance, src.variance},
		{"revenue", &dst.revenue, src.revenue},
		{"margin", &dst.margin, src.margin},
	}
	for _, f := range fields {
		if *f.d, ok = reportAdd(*f.d, f.s); !ok {
			return f.name, false
		}
	}
	return "", true
}

func (b *reportBuilder) build(in ReportInput) (*Report, error) {
	n := len(b.codes)
	lines := make([]reportLineCents, n) // by code index, rolled up
	// In line order, so that the first error does not depend on the input's order.
	for _, i := range b.order {
		l := b.own[i]
		var ok bool
		if l.revised, ok = reportAdd(l.original, l.changes); !ok {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("cost code %q", b.codes[i].Code), "revisedBudget", "out of range")
		}
		ftc, err := b.forecast(i, &l, in.CPI)
		if err != nil {
			return nil, err
		}
		l.ftc = ftc
		if field, ok := l.derive(); !ok {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("cost code %q", b.codes[i].Code), field, "out of range")
		}
		lines[i] = l
	}
	// Children come after their parent in b.order: walking it backwards adds each
	// line, already complete, into its parent.
	var total reportLineCents
	for k := n - 1; k >= 0; k-- {
		i := b.order[k]
		dst := &total
		if p := b.parent[i]; p >= 0 {
			dst = &lines[p]
		}
		if field, ok := dst.addLine(&lines[i]); !ok {
			rec := "project total"
			if p := b.parent[i]; p >= 0 {
				rec = fmt.Sprintf("cost code %q", b.codes[p].Code)
			}
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "sum of the codes below out of range")
		}
	}
	var ok bool
	if total.revenue, ok = reportAdd(total.revenue, b.projectRevenue); !ok {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "project total", "revenue", "out of range")
	}
	if total.margin, ok = reportSub(total.revenue, total.eac); !ok {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "project total", "margin", "out of range")
	}

	r := &Report{AsOf: in.AsOf, Method: b.method, Lines: make([]ReportLine, 0, n)}
	for _, i := range b.order {
		c := b.codes[i]
		line := lines[i].toLine()
		line.Code, line.Name, line.Parent, line.Level = c.Code, c.Name, c.Parent, b.level[i]
		r.Lines = append(r.Lines, line)
	}
	r.Total = total.toLine()
	return r, nil
}

func reportCents(c int64) decimal.Decimal { return decimal.New(c, -2) }

var reportHundred = decimal.NewFromInt(100)

// reportPercent returns 100 × num ÷ den rounded to 10 places, or Undefined when den is 0.
func reportPercent(num, den int64) Value {
	if den == 0 {
		return Undefined
	}
	return Defined(decimal.NewFromInt(num).Mul(reportHundred).DivRound(decimal.NewFromInt(den), 10))
}

func (l *reportLineCents) toLine() ReportLine {
	return ReportLine{
		OriginalBudget:  reportCents(l.original),
		ApprovedChanges: reportCents(l.changes),
		RevisedBudget:   reportCents(l.revised),
		Committed:       reportCents(l.committed),
		Uncommitted:     reportCents(l.uncommitted),
		ActualToDate:    reportCents(l.actual),
		ActualByType: CostTypeAmounts{
			Labour:      reportCents(l.byType[reportLabour]),
			Material:    reportCents(l.byType[reportMaterial]),
			Equipment:   reportCents(l.byType[reportEquipment]),
			Subcontract: reportCents(l.byType[reportSubcontract]),
			Other:       reportCents(l.byType[reportOther]),
		},
		ForecastToComplete:   reportCents(l.ftc),
		EstimateAtCompletion: reportCents(l.eac),
		Variance:             reportCents(l.variance),
		VariancePercent:      reportPercent(l.variance, l.revised),
		Revenue:              reportCents(l.revenue),
		Margin:               reportCents(l.margin),
		MarginPercent:        reportPercent(l.margin, l.revenue),
	}
}
