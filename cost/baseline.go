package cost

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// MaxBaseline is the highest baseline number: a project keeps baselines 0 to 10,
// as MS Project does.
const MaxBaseline = 10

// BaselineActivity is an activity's dates in a baseline.
type BaselineActivity struct {
	ID string `json:"id"` // the schedule activity's id
	// Calendar is the activity's calendar id; empty means the baseline's
	// DefaultCalendar.
	Calendar string           `json:"calendar,omitempty"`
	Start    schedule.Instant `json:"start"`  // baseline start (计划开始)
	Finish   schedule.Instant `json:"finish"` // baseline finish (计划完成)
}

// PackageBudget is a package's budget in a baseline.
type PackageBudget struct {
	Package string          `json:"package"` // the package's element id
	Budget  decimal.Decimal `json:"budget"`  // whole cents, not negative
}

// Baseline (基准) is a frozen copy of a project's plan that earned value is
// measured against: the activities' dates with the calendars they are worked on,
// and the packages' budgets with the budget held back from them. A project keeps
// up to eleven, numbered 0 to MaxBaseline, and chooses one (Project.Baseline)
// for its earned value.
//
// The structure — which packages there are, under which accounts, covering which
// activities, with which curve and technique — is the [Breakdown]'s, not the
// baseline's. A package the baseline has no budget for (added since it was
// taken) has no budget and no planned value against it; its actual cost still
// counts.
type Baseline struct {
	Number int    `json:"number"` // 0 to MaxBaseline
	Name   string `json:"name,omitempty"`
	// Calendars are the calendars of the activities (with their bases), as they
	// were when the baseline was taken, so that later changes to a calendar do not
	// move the baseline.
	Calendars []schedule.Calendar `json:"calendars"`
	// DefaultCalendar is the calendar of activities that name none.
	DefaultCalendar     string             `json:"defaultCalendar"`
	Activities          []BaselineActivity `json:"activities"`          // the activities' dates, ids distinct
	Budgets             []PackageBudget    `json:"budgets"`             // the packages' budgets, each package once
	UndistributedBudget decimal.Decimal    `json:"undistributedBudget"` // see Breakdown
	ManagementReserve   decimal.Decimal    `json:"managementReserve"`   // see Breakdown
}

// record names the baseline in an error: `baseline 0`.
func (bl *Baseline) record() string { return fmt.Sprintf("baseline %d", bl.Number) }

// activityRecord names an activity of the baseline in an error:
// `baseline 0, activity "A1"`.
func (bl *Baseline) activityRecord(id string) string {
	return fmt.Sprintf("%s, activity %q", bl.record(), id)
}

// packageRecord names a package's budget in the baseline in an error:
// `baseline 0, package "WP1"`.
func (bl *Baseline) packageRecord(id string) string {
	return fmt.Sprintf("%s, package %q", bl.record(), id)
}

// NewBaseline takes baseline number from the breakdown's working budgets and the
// schedule: each activity's early start and finish in res (its actual dates where
// it has them), on its calendar in net. net and res must belong together, as
// [schedule.Compute] returns them. The breakdown must be valid.
func NewBaseline(number int, name string, b *Breakdown, net *schedule.Network, res *schedule.Result) (*Baseline, error) {
	bl := &Baseline{Number: number, Name: name}
	if number < 0 || number > MaxBaseline {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), "number", "must be 0 to %d", MaxBaseline)
	}
	if net == nil || res == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), "", "needs a network and its computed result")
	}
	if len(res.Activities) != len(net.Activities) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), "", "the result has %d activities, the network %d: they do not belong together", len(res.Activities), len(net.Activities))
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	bl.Calendars = make([]schedule.Calendar, len(net.Calendars))
	for i, c := range net.Calendars {
		bl.Calendars[i] = copyCalendar(c)
	}
	bl.DefaultCalendar = net.Project.DefaultCalendar
	bl.Activities = make([]BaselineActivity, len(net.Activities))
	for i := range net.Activities {
		a, r := &net.Activities[i], &res.Activities[i]
		bl.Activities[i] = BaselineActivity{ID: a.ID, Calendar: a.Calendar, Start: r.EarlyStart, Finish: r.EarlyFinish}
	}
	for _, e := range b.Elements {
		if e.Kind.isPackage() {
			bl.Budgets = append(bl.Budgets, PackageBudget{Package: e.ID, Budget: e.Budget})
		}
	}
	bl.UndistributedBudget = b.UndistributedBudget
	bl.ManagementReserve = b.ManagementReserve
	return bl, nil
}

// copyCalendar returns a deep copy of c.
func copyCalendar(c schedule.Calendar) schedule.Calendar {
	for d := range c.Week {
		if c.Week[d] != nil {
			c.Week[d] = slices.Clone(c.Week[d])
		}
	}
	if c.Exceptions != nil {
		ex := make([]schedule.Exception, len(c.Exceptions))
		for i, e := range c.Exceptions {
			e.Periods = slices.Clone(e.Periods)
			ex[i] = e
		}
		c.Exceptions = ex
	}
	return c
}

// Summary returns the baseline's budget arithmetic: the sum of its package
// budgets, PMB and CBB. It fails, naming the record and field, on a budget that
// is negative or has a fraction of a cent.
func (bl *Baseline) Summary() (BudgetSummary, error) {
	var sum int64
	for _, pb := range bl.Budgets {
		c, err := nonNegativeCents(pb.Budget, func() string { return bl.packageRecord(pb.Package) }, "budget")
		if err != nil {
			return BudgetSummary{}, err
		}
		var ok bool
		if sum, ok = addCents(sum, c); !ok {
			return BudgetSummary{}, lanyan.Errorf(lanyan.CodeInvalid, bl.record(), "budgets", "the sum of the budgets is out of range")
		}
	}
	return budgetSummary(bl.record(), sum, bl.UndistributedBudget, bl.ManagementReserve)
}

// budgetsFor returns each element's baseline budget in cents (zero for elements
// the baseline does not budget), checking that the baseline budgets only known
// packages, each once.
func (bl *Baseline) budgetsFor(t *tree) ([]int64, error) {
	out := make([]int64, len(t.b.Elements))
	seen := make([]bool, len(t.b.Elements))
	for k, pb := range bl.Budgets {
		rec := func() string { return bl.packageRecord(pb.Package) }
		i, ok := t.index[pb.Package]
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, bl.record(), fmt.Sprintf("budgets[%d]", k), "unknown package %q", pb.Package)
		}
		e := &t.b.Elements[i]
		if !e.Kind.isPackage() {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec(), "budget", "%s is not a package: a control account's budget is the sum of its packages", e.record())
		}
		if seen[i] {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec(), "budget", "is given more than once")
		}
		seen[i] = true
		c, err := nonNegativeCents(pb.Budget, rec, "budget")
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}
