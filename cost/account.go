package cost

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// ElementKind says what an element of the cost breakdown is.
type ElementKind string

// The kinds of element.
const (
	// ControlAccount (控制账户) is a management control point where scope, budget
	// and schedule meet. It carries no budget of its own: its budget is the sum of
	// the packages below it. Control accounts may nest, to mirror the upper levels
	// of the WBS.
	ControlAccount ElementKind = "controlAccount"
	// WorkPackage (工作包) is budgeted, scheduled work with an earned value
	// technique and the schedule activities it covers.
	WorkPackage ElementKind = "workPackage"
	// PlanningPackage (规划包) is budgeted, time-phased far-term work not yet
	// detailed into work packages. It earns no value until it is converted into
	// work packages, and takes no actual cost.
	PlanningPackage ElementKind = "planningPackage"
)

// isPackage reports whether k is a work or planning package.
func (k ElementKind) isPackage() bool { return k == WorkPackage || k == PlanningPackage }

// words returns the kind in words for error records: `work package "WP1"`.
func (k ElementKind) words() string {
	switch k {
	case ControlAccount:
		return "control account"
	case WorkPackage:
		return "work package"
	case PlanningPackage:
		return "planning package"
	}
	return "element"
}

// Element is one node of the cost breakdown (成本分解结构): a control account, a
// work package or a planning package.
type Element struct {
	// ID identifies the element within its project; it is also the code actual
	// costs are booked to (ActualCost.Code).
	ID   string      `json:"id"`
	Name string      `json:"name,omitempty"`
	Kind ElementKind `json:"kind"`
	// Parent is the id of the control account the element belongs to; empty for
	// an element directly under the project.
	Parent string `json:"parent,omitempty"`
	// Budget is the working budget (预算) of a package, in whole cents and not
	// negative; zero for a control account. Earned value is measured against a
	// [Baseline]'s copy of it, taken by [NewBaseline].
	Budget decimal.Decimal `json:"budget"`
	// Activities are the ids of the schedule activities a package covers: its
	// budget is spread over their baseline dates. A package needs at least one.
	Activities []string `json:"activities,omitempty"`
	// Curve is how a package's budget is spread over its activities' working
	// time; the zero Curve is linear.
	Curve Curve `json:"curve,omitzero"`
	// Technique is how a work package earns value; unused for other kinds.
	Technique Technique `json:"technique,omitzero"`
}

// record names the element in an error: `work package "WP1"`.
func (e *Element) record() string { return fmt.Sprintf("%s %q", e.Kind.words(), e.ID) }

// Breakdown is a project's cost breakdown (成本分解): its control accounts and
// packages, with the budget held back from them. The performance measurement
// baseline is PMB = the packages' budgets + UndistributedBudget; the contract
// budget base is CBB = PMB + ManagementReserve.
type Breakdown struct {
	// Elements are the control accounts and packages, in any order.
	Elements []Element `json:"elements"`
	// UndistributedBudget (未分配预算) is budget for authorised scope not yet given
	// to a control account. It is part of the PMB but not time-phased.
	UndistributedBudget decimal.Decimal `json:"undistributedBudget"`
	// ManagementReserve (管理储备) is budget held outside the PMB for unknown
	// changes within scope.
	ManagementReserve decimal.Decimal `json:"managementReserve"`
}

// BudgetSummary is the budget arithmetic of a breakdown or a baseline. All
// amounts are exact sums of whole cents.
type BudgetSummary struct {
	// Distributed is the sum of the packages' budgets: what the control accounts
	// hold and what is time-phased. It is the project's BAC in an [Analysis].
	Distributed         decimal.Decimal `json:"distributed"`
	UndistributedBudget decimal.Decimal `json:"undistributedBudget"`
	// PMB is the performance measurement baseline (绩效测量基准):
	// Distributed + UndistributedBudget.
	PMB               decimal.Decimal `json:"pmb"`
	ManagementReserve decimal.Decimal `json:"managementReserve"`
	// CBB is the contract budget base (合同预算基准): PMB + ManagementReserve.
	CBB decimal.Decimal `json:"cbb"`
}

// budgetSummary adds up the distributed budget (cents) with ub and mr, checking
// that ub and mr are whole, non-negative cents.
func budgetSummary(record string, distributed int64, ub, mr decimal.Decimal) (BudgetSummary, error) {
	ubc, err := nonNegativeCents(ub, named(record), "undistributedBudget")
	if err != nil {
		return BudgetSummary{}, err
	}
	mrc, err := nonNegativeCents(mr, named(record), "managementReserve")
	if err != nil {
		return BudgetSummary{}, err
	}
	pmb, ok1 := addCents(distributed, ubc)
	cbb, ok2 := addCents(pmb, mrc)
	if !ok1 || !ok2 {
		return BudgetSummary{}, lanyan.Errorf(lanyan.CodeInvalid, record, "", "the budget totals are out of range")
	}
	return BudgetSummary{
		Distributed:         money(distributed),
		UndistributedBudget: money(ubc),
		PMB:                 money(pmb),
		ManagementReserve:   money(mrc),
		CBB:                 money(cbb),
	}, nil
}

// nonNegativeCents is centsOf, refusing negative amounts.
func nonNegativeCents(d decimal.Decimal, record func() string, field string) (int64, error) {
	if d.IsNegative() {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, record(), field, "is negative (%s)", d)
	}
	return centsOf(d, record, field)
}

// addCents adds two amounts, reporting overflow.
func addCents(a, b int64) (int64, bool) {
	s := a + b
	return s, (b >= 0) == (s >= a)
}

// Summary returns the budget arithmetic of the working budgets: the sum of the
// packages' budgets, PMB and CBB. It fails, naming the record and field, on
// the errors [Breakdown.Validate] reports.
func (b *Breakdown) Summary() (BudgetSummary, error) {
	t, err := newTree(b)
	if err != nil {
		return BudgetSummary{}, err
	}
	var sum int64
	for _, i := range t.packages {
		c, err := nonNegativeCents(b.Elements[i].Budget, b.Elements[i].record, "budget")
		if err != nil {
			return BudgetSummary{}, err
		}
		var ok bool
		if sum, ok = addCents(sum, c); !ok {
			return BudgetSummary{}, lanyan.Errorf(lanyan.CodeInvalid, b.Elements[i].record(), "budget", "the sum of the budgets is out of range")
		}
	}
	return budgetSummary("breakdown", sum, b.UndistributedBudget, b.ManagementReserve)
}

// Validate checks the breakdown: ids present and distinct; kinds known; every
// Parent a control account, without loops; control accounts without budget,
// activities or technique of their own; packages with whole-cent, non-negative
// budgets and at least one activity, none twice; curves and techniques
// well-formed (an apportioned package's base a work package that is not itself
// apportioned, and its budget the factor times the base's, rounded to the cent
// half away from zero). The error names the record and field: `work package "WP1":
// budget: -5.00 is negative`.
func (b *Breakdown) Validate() error {
	t, err := newTree(b)
	if err != nil {
		return err
	}
	budget := make([]int64, len(b.Elements))
	for _, i := range t.packages {
		e := &b.Elements[i]
		if budget[i], err = nonNegativeCents(e.Budget, e.record, "budget"); err != nil {
			return err
		}
	}
	for _, i := range t.packages {
		r := &t.tech[i]
		if r.method == ApportionedEffort {
			if want := r.apportioned(budget[r.base]); budget[i] != want {
				e := &b.Elements[i]
				return lanyan.Errorf(lanyan.CodeInvalid, e.record(), "budget", "%s is not factor %s × the budget of base %q, %s = %s",
					money(budget[i]), r.factor, e.Technique.Base, money(budget[r.base]), money(want))
			}
		}
	}
	_, err = budgetSummary("breakdown", 0, b.UndistributedBudget, b.ManagementReserve)
	return err
}

// tree is a breakdown indexed by dense ints, checked for structure.
type tree struct {
	b        *Breakdown
	index    map[string]int32
	parent   []int32 // -1 under the project
	order    []int32 // parents before children, depth first
	level    []int32 // depth: 1 under the project
	packages []int32 // indexes of the packages, in input order
	curves   []*compiledCurve
	tech     []techRule // per element; zero for non-work packages
}

// newTree indexes and checks a breakdown's structure, curves and techniques
// (not its budgets, which a baseline may replace).
func newTree(b *Breakdown) (*tree, error) {
	n := len(b.Elements)
	t := &tree{
		b:      b,
		index:  make(map[string]int32, n),
		parent: make([]int32, n),
		curves: make([]*compiledCurve, n),
		tech:   make([]techRule, n),
	}
	for i := range b.Elements {
		e := &b.Elements[i]
		if e.ID == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("element %d", i), "id", "is empty")
		}
		if _, dup := t.index[e.ID]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "id", "is used by more than one element")
		}
		switch e.Kind {
		case ControlAccount, WorkPackage, PlanningPackage:
		default:
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("element %q", e.ID), "kind", "unknown kind %q", string(e.Kind))
		}
		t.index[e.ID] = int32(i)
	}
	for i := range b.Elements {
		e := &b.Elements[i]
		t.parent[i] = -1
		if e.Parent != "" {
			p, ok := t.index[e.Parent]
			if !ok {
				return nil, lanyan.Errorf(lanyan.CodeNotFound, e.record(), "parent", "unknown element %q", e.Parent)
			}
			if b.Elements[p].Kind != ControlAccount {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "parent", "%s is not a control account", b.Elements[p].record())
			}
			t.parent[i] = p
		}
		if e.Kind == ControlAccount {
			if !e.Budget.IsZero() {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "budget", "must be zero: a control account's budget is the sum of its packages")
			}
			if len(e.Activities) > 0 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "activities", "must be empty: only packages cover activities")
			}
			continue
		}
		t.packages = append(t.packages, int32(i))
		if len(e.Activities) == 0 {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), "activities", "is empty: a package needs an activity to be time-phased")
		}
		seen := make(map[string]struct{}, len(e.Activities))
		for k, a := range e.Activities {
			if a == "" {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), fmt.Sprintf("activities[%d]", k), "is empty")
			}
			if _, dup := seen[a]; dup {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, e.record(), fmt.Sprintf("activities[%d]", k), "repeats activity %q", a)
			}
			seen[a] = struct{}{}
		}
		c, err := e.Curve.compile(e.record)
		if err != nil {
			return nil, err
		}
		t.curves[i] = c
	}
	if err := t.sortParents(); err != nil {
		return nil, err
	}
	for _, i := range t.packages {
		if b.Elements[i].Kind != WorkPackage {
			continue
		}
		r, err := t.compileTechnique(i)
		if err != nil {
			return nil, err
		}
		t.tech[i] = r
	}
	return t, nil
}

// sortParents fills t.order with every element, parents before children, in
// depth-first order (each element followed by its subtree, siblings in input
// order), and t.level with depths (1 under the project). It fails on a loop of
// control accounts. It is iterative: depth is unbounded.
func (t *tree) sortParents() error {
	n := len(t.parent)
	// Child lists in one array (CSR), children in input order.
	start := make([]int32, n+2)
	for _, p := range t.parent {
		start[p+2]++ // slot 0 is the project (parent −1)
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	child := make([]int32, n)
	fill := append([]int32(nil), start[:n+1]...)
	for i, p := range t.parent {
		child[fill[p+1]] = int32(i)
		fill[p+1]++
	}
	t.order = make([]int32, 0, n)
	t.level = make([]int32, n)
	// The stack holds nodes (element index + 1; 0 is the project) still to visit,
	// pushed in reverse so that they pop in input order.
	stack := []int32{0}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v > 0 {
			t.order = append(t.order, v-1)
			if p := t.parent[v-1]; p >= 0 {
				t.level[v-1] = t.level[p] + 1
			} else {
				t.level[v-1] = 1
			}
		}
		kids := child[start[v]:start[v+1]]
		for k := len(kids) - 1; k >= 0; k-- {
			stack = append(stack, kids[k]+1)
		}
	}
	if len(t.order) < n {
		placed := make([]bool, n)
		for _, i := range t.order {
			placed[i] = true
		}
		for i := range n {
			if !placed[i] {
				return lanyan.Errorf(lanyan.CodeInvalid, t.b.Elements[i].record(), "parent", "control accounts contain each other in a loop")
			}
		}
	}
	return nil
}
