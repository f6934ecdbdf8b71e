package labour

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// WagePayment is money handed to a worker: an advance (借支) against wages not
// yet due, or a wage payment (工资发放). Amount is positive, in whole cents.
type WagePayment struct {
	WorkerID string          `json:"workerId"`
	Date     date.Date       `json:"date"`
	Amount   decimal.Decimal `json:"amount"`
	Ref      string          `json:"ref,omitempty"` // voucher or bank reference
}

// PayrollInput is what [BuildPayroll] works from. Pays are the priced slips,
// in the order of Slips, as [RuleSet.Price] returns them; only approved slips
// accrue wages.
type PayrollInput struct {
	Slips    []Slip
	Pays     []Pay
	Advances []WagePayment // 借支
	Payments []WagePayment // 发放
	// PayDay is the day of the following month on which a month's wages fall
	// due (工资支付日); zero means 15. In a shorter month it is the last day.
	PayDay int
}

// DefaultPayDay is the pay day used when PayrollInput.PayDay is zero.
const DefaultPayDay = 15

// PayrollLine is one worker's wage account for one month (工资台账): wages
// accrued by the month's approved slips, advances and payments made in the
// month, and the balance owed to the worker at the month's end over all months
// so far (accrued − advances − paid, cumulative; negative when overpaid).
type PayrollLine struct {
	WorkerID   string          `json:"workerId"`
	WorkerName string          `json:"workerName,omitempty"`
	Month      date.Date       `json:"month"` // the first day of the month
	Accrued    decimal.Decimal `json:"accrued"`
	Advances   decimal.Decimal `json:"advances"`
	Paid       decimal.Decimal `json:"paid"`
	Balance    decimal.Decimal `json:"balance"`
	SlipIDs    []string        `json:"slipIds,omitempty"` // the approved slips accrued
}

// Payroll is the wage ledger of a set of workers, built by [BuildPayroll].
type Payroll struct {
	// Lines has one line per worker per month with any accrual, advance or
	// payment, ordered by worker id and month.
	Lines    []PayrollLine
	payDay   int
	outflows map[string][]outflow // advances and payments by worker
}

// outflow is one advance or payment, in cents.
type outflow struct {
	d     date.Date
	cents int64
}

// BuildPayroll totals each worker's accrued wages, advances and payments by
// month. Money is summed exactly in cents; nothing is rounded. It fails, naming
// the record and field, when pays do not match slips one for one, or a payment
// lacks a worker or date or has an amount that is not positive whole cents.
func BuildPayroll(in PayrollInput) (*Payroll, error) {
	if len(in.Pays) != len(in.Slips) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "pays", "", "%d pays for %d slips", len(in.Pays), len(in.Slips))
	}
	payDay := in.PayDay
	if payDay == 0 {
		payDay = DefaultPayDay
	}
	if payDay < 1 || payDay > 31 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "payroll", "payDay", "%d is not a day of the month", in.PayDay)
	}
	type key struct {
		worker string
		month  date.Date
	}
	type acc struct {
		accrued, advances, paid int64
		slips                   []string
	}
	accs := make(map[key]*acc)
	names := make(map[string]string)
	outflows := make(map[string][]outflow)
	get := func(w string, d date.Date) *acc {
		k := key{w, monthStart(d)}
		a := accs[k]
		if a == nil {
			a = &acc{}
			accs[k] = a
		}
		return a
	}
	for i := range in.Slips {
		s, p := &in.Slips[i], &in.Pays[i]
		if p.SlipID != s.ID {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("pay %d", i), "slipId",
				"is %q but slip %d is %q: pays must be in the order of slips", p.SlipID, i, s.ID)
		}
		if s.Status != StatusApproved {
			continue
		}
		c, ok := scaled(p.Amount, 2)
		if !ok || c < 0 {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "amount", "%s is not a non-negative amount in cents", p.Amount)
		}
		if names[s.Worker.ID] == "" {
			names[s.Worker.ID] = s.Worker.Name
		}
		a := get(s.Worker.ID, s.Date)
		a.accrued += c
		a.slips = append(a.slips, s.ID)
	}
	for _, list := range []struct {
		name string
		ps   []WagePayment
		paid bool
	}{{"advance", in.Advances, false}, {"payment", in.Payments, true}} {
		for i, p := range list.ps {
			c, err := p.cents(fmt.Sprintf("%s %d", list.name, i))
			if err != nil {
				return nil, err
			}
			outflows[p.WorkerID] = append(outflows[p.WorkerID], outflow{p.Date, c})
			a := get(p.WorkerID, p.Date)
			if list.paid {
				a.paid += c
			} else {
				a.advances += c
			}
		}
	}
	keys := make([]key, 0, len(accs))
	for k := range accs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.worker, b.worker), cmp.Compare(a.month, b.month)) })
	p := &Payroll{Lines: make([]PayrollLine, len(keys)), payDay: payDay, outflows: outflows}
	var balance int64
	for i, k := range keys {
		if i == 0 || keys[i-1].worker != k.worker {
			balance = 0
		}
		a := accs[k]
		balance += a.accrued - a.advances - a.paid
		slices.Sort(a.slips)
		p.Lines[i] = PayrollLine{
			WorkerID: k.worker, WorkerName: names[k.worker], Month: k.month,
			Accrued: cents(a.accrued), Advances: cents(a.advances), Paid: cents(a.paid), Balance: cents(balance),
			SlipIDs: a.slips,
		}
	}
	return p, nil
}

// cents checks a payment and returns its amount in cents.
func (p WagePayment) cents(rec string) (int64, error) {
	switch {
	case p.WorkerID == "":
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, "workerId", "is empty")
	case p.Date == 0:
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, "date", "is missing")
	}
	c, ok := scaled(p.Amount, 2)
	if !ok || c <= 0 {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, "amount", "%s is not a positive amount in whole cents", p.Amount)
	}
	return c, nil
}

func cents(c int64) decimal.Decimal { return decimal.New(c, -2) }

func monthStart(d date.Date) date.Date {
	y, m, _ := d.Date()
	return date.New(y, m, 1)
}

// PayDate returns the date on which the wages of month (any day in it) fall
// due: the pay day of the following month, or that month's last day if it is
// shorter.
func (p *Payroll) PayDate(month date.Date) date.Date {
	next := monthStart(month).AddDate(0, 1, 0)
	day := min(p.payDay, next.LastDayOfMonth())
	return next + date.Date(day-1)
}

// Arrears is a worker's overdue wages (欠薪) on a date: wages of months whose pay
// date has passed, less all advances and payments made up to that date, taken
// against the oldest wages first.
type Arrears struct {
	WorkerID   string          `json:"workerId"`
	WorkerName string          `json:"workerName,omitempty"`
	Amount     decimal.Decimal `json:"amount"`
	// OldestMonth is the earliest month not fully paid; Since is its pay date
	// and DaysOverdue the days from Since to the given date.
	OldestMonth date.Date `json:"oldestMonth"`
	Since       date.Date `json:"since"`
	DaysOverdue int       `json:"daysOverdue"`
}

// Arrears lists the workers owed wages past their pay date as of today, by
// amount overdue (largest first), then worker id. A month's wages are overdue
// from the day after its pay date. Advances and payments dated after today are
// not counted.
func (p *Payroll) Arrears(today date.Date) []Arrears {
	var out []Arrears
	for lo := 0; lo < len(p.Lines); {
		hi := lo + 1
		for hi < len(p.Lines) && p.Lines[hi].WorkerID == p.Lines[lo].WorkerID {
			hi++
		}
		lines := p.Lines[lo:hi]
		lo = hi
		w := lines[0].WorkerID
		var paid int64 // advances and payments up to today, set against the oldest wages
		for _, e := range p.outflows[w] {
			if e.d <= today {
				paid += e.cents
			}
		}
		a := Arrears{WorkerID: w, WorkerName: lines[0].WorkerName}
		var overdue int64
		for _, l := range lines {
			due := p.PayDate(l.Month)
			if due >= today {
				break // lines are in month order, so later pay dates are later still
			}
			c := l.Accrued.Shift(2).IntPart() // exact: accrued is whole cents
			take := min(c, paid)
			paid -= take
			if rest := c - take; rest > 0 {
				if overdue == 0 {
					a.OldestMonth, a.Since, a.DaysOverdue = l.Month, due, int(today-due)
				}
				overdue += rest
			}
		}
		if overdue > 0 {
			a.Amount = cents(overdue)
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b Arrears) int {
		return cmp.Or(b.Amount.Cmp(a.Amount), cmp.Compare(a.WorkerID, b.WorkerID))
	})
	return out
}
