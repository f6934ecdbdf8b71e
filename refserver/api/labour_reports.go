package api

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// LabourGroup is the totals of one group of slips: their number, work-days,
// hours and amounts by bucket (straight, overtime, double time) and amount.
type LabourGroup struct {
	labour.Group
}

// LabourSummary is day-work slips priced and totalled by group.
type LabourSummary struct {
	GroupBy []string      `json:"groupBy" doc:"The fields grouped by."`
	Period  string        `json:"period,omitempty" doc:"The time grouping: each group's key.period is the first day of its day, ISO week or month."`
	Groups  []LabourGroup `json:"groups" doc:"One group per combination that has slips, sorted by key."`
	Total   LabourGroup   `json:"total" doc:"All the slips summed."`
}

// LabourPayrollTotals are the sums of a month's payroll lines.
type LabourPayrollTotals struct {
	Accrued  decimal.Decimal `json:"accrued"`
	Advances decimal.Decimal `json:"advances"`
	Paid     decimal.Decimal `json:"paid"`
	Balance  decimal.Decimal `json:"balance"`
}

// LabourPayroll is the wage ledger (工资台账) of one month.
type LabourPayroll struct {
	Month   string               `json:"month" example:"2025-03"`
	PayDate date.Date            `json:"payDate" doc:"When the month's wages fall due."`
	Lines   []labour.PayrollLine `json:"lines" doc:"One line per worker with wages accrued, advances or payments in the month; balance is what the worker is owed at the month's end over all months so far."`
	Totals  LabourPayrollTotals  `json:"totals"`
	AsOf    date.Date            `json:"asOf" doc:"The day the arrears are as of."`
	Arrears []labour.Arrears     `json:"arrears" doc:"Workers owed wages past their pay date (欠薪) as of asOf, largest first."`
}

// LabourFinding is one breach of a consistency check over slips.
type LabourFinding struct {
	labour.Finding
}

// LabourChecks are the findings of the consistency checks.
type LabourChecks struct {
	AsOf     date.Date       `json:"asOf"`
	Findings []LabourFinding `json:"findings"`
}

// today is the server's date.
func (s *Server) today() date.Date { return date.NewAt(s.opts.Now()) }

func (s *Server) registerLabourReports() {
	type labourSummaryInput struct {
		GroupBy []string `query:"groupBy" enum:"project,team,subcontractor,worker,trade,costCode" doc:"The fields to group by, comma-separated; none gives one grand total." example:"project,trade"`
		Period  string   `query:"period" enum:"day,week,month" doc:"Group by day, ISO week (Monday to Sunday) or month too."`
		SlipFilter
		Status labour.Status `query:"status" enum:"draft,submitted,verified,approved" doc:"Only slips of this status. Rejected slips are void and never summed."`
	}
	type labourSummaryOutput struct {
		Body LabourSummary
	}
	register(s, op{ID: "labour-summary", Method: http.MethodGet, Path: "/labour/summary", Summary: "Total day-work slips by group",
		Description: "Prices the slips selected with the tenant's labour settings and totals them by the fields and period asked for. Each slip is " +
			"priced with its worker's other slips of the same pay week, over all projects, since overtime depends on the whole week: an approved slip " +
			"with the worker's approved slips (as it is booked), any other with all the worker's slips not rejected. Money and hours are decimal strings; " +
			"sums are exact to the cent. A slip without a rate for its trade fails the summary (422, naming the slip).",
		Tags: labourTags, Role: store.RoleViewer, Errors: []int{422}},
		func(ctx context.Context, k store.Key, in *labourSummaryInput) (*labourSummaryOutput, error) {
			f, err := in.filter()
			if err != nil {
				return nil, err
			}
			f.Status = in.Status
			var by labour.GroupBy
			for _, g := range in.GroupBy {
				switch g {
				case "project":
					by.Project = true
				case "team":
					by.Team = true
				case "subcontractor":
					by.Subcontractor = true
				case "worker":
					by.Worker = true
				case "trade":
					by.Trade = true
				case "costCode":
					by.CostCode = true
				}
			}
			switch in.Period {
			case "day":
				by.Period = labour.ByDay
			case "week":
				by.Period = labour.ByWeek
			case "month":
				by.Period = labour.ByMonth
			}
			l, err := s.labourLedger(ctx, k.Tenant, f)
			if err != nil {
				return nil, err
			}
			out := &labourSummaryOutput{Body: LabourSummary{GroupBy: in.GroupBy, Period: in.Period, Groups: []LabourGroup{}}}
			if out.Body.GroupBy == nil {
				out.Body.GroupBy = []string{}
			}
			for _, g := range l.Aggregate(by) {
				out.Body.Groups = append(out.Body.Groups, LabourGroup{g})
			}
			if total := l.Aggregate(labour.GroupBy{}); len(total) == 1 {
				out.Body.Total = LabourGroup{total[0]}
			} else {
				z := decimal.Zero
				out.Body.Total = LabourGroup{labour.Group{WorkDays: z, Hours: labour.Buckets{Straight: z, Overtime: z, DoubleTime: z},
					Amounts: labour.Buckets{Straight: z, Overtime: z, DoubleTime: z}, Amount: z}}
			}
			return out, nil
		})

	type labourPayrollInput struct {
		Month  string `query:"month" required:"true" pattern:"^[0-9]{4}-(0[1-9]|1[0-2])$" doc:"The month, YYYY-MM." example:"2025-03"`
		Worker string `query:"worker" doc:"Only this worker."`
		AsOf   string `query:"asOf" format:"date" doc:"The day arrears are worked out as of; absent means today."`
	}
	type labourPayrollOutput struct {
		Body LabourPayroll
	}
	register(s, op{ID: "labour-payroll", Method: http.MethodGet, Path: "/labour/payroll", Summary: "A month's wage ledger",
		Description: "Wages accrued by approved slips (priced as they are booked), advances and payments (from the labour settings) by worker for " +
			"the month, each worker's balance owed at the month's end over all months so far, and the wages overdue as of asOf. " +
			"Wages of a month fall due on the settings' pay day of the following month.",
		Tags: labourTags, Role: store.RoleViewer, Errors: []int{422}},
		func(ctx context.Context, k store.Key, in *labourPayrollInput) (*labourPayrollOutput, error) {
			t, err := time.Parse("2006-01", in.Month)
			if err != nil {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "query", "month", "%q is not a month YYYY-MM", in.Month)
			}
			month := date.New(t.Year(), t.Month(), 1)
			asOf, err := parseDay("asOf", in.AsOf)
			if err != nil {
				return nil, err
			}
			if asOf == 0 {
				asOf = s.today()
			}
			st, err := loadLabourSettings(ctx, s.db, k.Tenant)
			if err != nil {
				return nil, err
			}
			// Every approved slip up to the later of the month's end and asOf's
			// month's end: balances run over all months so far, arrears up to asOf.
			end := month.AddDate(0, 1, 0) - 1
			if e := date.New(asOf.Year(), asOf.Month(), 1).AddDate(0, 1, 0) - 1; e > end {
				end = e
			}
			ls := s.db.Labour(k.Tenant)
			slips, err := listAllSlips(ctx, ls, labour.Filter{Status: labour.StatusApproved, Worker: in.Worker, To: end})
			if err != nil {
				return nil, err
			}
			pays, err := priceSlips(ctx, ls, st, slips)
			if err != nil {
				return nil, err
			}
			mine := func(ps []labour.WagePayment) []labour.WagePayment {
				if in.Worker == "" {
					return ps
				}
				return slices.DeleteFunc(slices.Clone(ps), func(p labour.WagePayment) bool { return p.WorkerID != in.Worker })
			}
			p, err := labour.BuildPayroll(labour.PayrollInput{Slips: slips, Pays: pays,
				Advances: mine(st.body.Advances), Payments: mine(st.body.Payments), PayDay: st.body.PayDay})
			if err != nil {
				return nil, err
			}
			out := &labourPayrollOutput{Body: LabourPayroll{Month: in.Month, PayDate: p.PayDate(month), Lines: []labour.PayrollLine{}, AsOf: asOf,
				Arrears: p.Arrears(asOf)}}
			if out.Body.Arrears == nil {
				out.Body.Arrears = []labour.Arrears{}
			}
			var tot [4]decimal.Decimal
			for _, l := range p.Lines {
				if l.Month != month {
					continue
				}
				out.Body.Lines = append(out.Body.Lines, l)
				for i, v := range []decimal.Decimal{l.Accrued, l.Advances, l.Paid, l.Balance} {
					tot[i] = tot[i].Add(v)
				}
			}
			out.Body.Totals = LabourPayrollTotals{Accrued: tot[0], Advances: tot[1], Paid: tot[2], Balance: tot[3]}
			return out, nil
		})

	type labourChecksInput struct {
		AsOf    string `query:"asOf" format:"date" doc:"The day the checks are run as of (future dates, approvals waiting too long); absent means today." example:"2025-03-31"`
		From    string `query:"from" format:"date" doc:"Only slips dated on or after this day."`
		To      string `query:"to" format:"date" doc:"Only slips dated on or before this day."`
		Project string `query:"project" doc:"Only findings involving a slip of this project (slips of other projects still count, as for a worker on two sites)."`
		Worker  string `query:"worker" doc:"Only this worker's slips."`
	}
	type labourChecksOutput struct {
		Body LabourChecks
	}
	register(s, op{ID: "labour-checks", Method: http.MethodGet, Path: "/labour/checks", Summary: "Check day-work slips for consistency",
		Description: "Findings for people to review, never refusals: the same work booked twice (duplicate), more than 24 hours in a worker's day " +
			"(over-24-hours), a worker on two projects the same day (two-sites), slips dated after asOf (future-date), and submitted or verified slips " +
			"waiting longer than the settings' maxPendingDays (pending-too-long). Rejected slips take part in none.",
		Tags: labourTags, Role: store.RoleViewer, Errors: []int{422}},
		func(ctx context.Context, k store.Key, in *labourChecksInput) (*labourChecksOutput, error) {
			asOf, err := parseDay("asOf", in.AsOf)
			if err != nil {
				return nil, err
			}
			if asOf == 0 {
				asOf = s.today()
			}
			f, err := SlipFilter{From: in.From, To: in.To, Worker: in.Worker}.filter()
			if err != nil {
				return nil, err
			}
			st, err := loadLabourSettings(ctx, s.db, k.Tenant)
			if err != nil {
				return nil, err
			}
			slips, err := listAllSlips(ctx, s.db.Labour(k.Tenant), f)
			if err != nil {
				return nil, err
			}
			inProject := map[string]bool{}
			for _, sl := range slips {
				if sl.Project == in.Project {
					inProject[sl.ID] = true
				}
			}
			out := &labourChecksOutput{Body: LabourChecks{AsOf: asOf, Findings: []LabourFinding{}}}
			for _, fd := range labour.CheckSlips(slips, labour.CheckOptions{Today: asOf, MaxPendingDays: st.body.MaxPendingDays, StandardDay: st.standardDay()}) {
				if in.Project == "" || slices.ContainsFunc(fd.SlipIDs, func(id string) bool { return inProject[id] }) {
					out.Body.Findings = append(out.Body.Findings, LabourFinding{fd})
				}
			}
			return out, nil
		})
}
