package api

import (
	"context"
	"net/http"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// EVPeriod is one reporting period of a series: the days first to last.
type EVPeriod struct {
	Label string    `json:"label" doc:"2025-03-05 for a day, 2025-W10 for an ISO week, 2025-03 for a month." example:"2025-W10"`
	First date.Date `json:"first"`
	Last  date.Date `json:"last"`
}

// EVStatus is the earned value of the project, or of one element, at the
// status date: BAC, PV, EV and AC with the metrics.
type EVStatus struct {
	cost.Status
}

// EVSeries is the earned value period by period, with the earned schedule at
// the status date.
type EVSeries struct {
	cost.Series
}

// EarnedValue is an earned value analysis (挣值分析) at a status date.
type EarnedValue struct {
	StatusDate   date.Date          `json:"statusDate"`
	Period       cost.Granularity   `json:"period" enum:"day,week,month"`
	Baseline     int                `json:"baseline" doc:"The baseline measured against."`
	Periods      []EVPeriod         `json:"periods" doc:"The periods of the series: they cover the plan, the status date and what is recorded by it."`
	StatusPeriod int                `json:"statusPeriod" doc:"Index in periods of the period holding the status date: the EV and AC series end with it."`
	Budget       cost.BudgetSummary `json:"budget" doc:"The baseline's budget: distributed (BAC), PMB and CBB."`
	Status       EVStatus           `json:"status" doc:"The project's (or the element's) status at the status date."`
	Series       EVSeries           `json:"series" doc:"The project's (or the element's) series, with its earned schedule in periods."`
	Children     []EVStatus         `json:"children" doc:"The status of each element directly below (below the project when no element is asked for), in breakdown order."`
}

// EVQuery are the query parameters of an earned value analysis.
type EVQuery struct {
	StatusDate string `query:"statusDate" required:"true" format:"date" doc:"The day, inclusive, the analysis is as of." example:"2025-03-05"`
	Period     string `query:"period" enum:"day,week,month" default:"week" doc:"The length of the series' periods."`
	EACWeight  string `query:"eacWeight" pattern:"^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$" default:"0.8" doc:"Weight of CPI in the composite estimate at completion, 0 to 1." example:"0.8"`
}

// analyze runs the earned value analysis of a project as the query asks, and
// returns it with the project's record and the breakdown analysed.
func (s *Server) analyze(ctx context.Context, cs cost.Store, project string, q EVQuery) (*cost.Analysis, cost.Project, *cost.Breakdown, error) {
	sd, err := parseDay("statusDate", q.StatusDate)
	if err != nil {
		return nil, cost.Project{}, nil, err
	}
	w, err := parseDecimal("eacWeight", q.EACWeight, decimal.New(8, -1))
	if err != nil {
		return nil, cost.Project{}, nil, err
	}
	g := cost.Granularity(q.Period)
	if g == "" {
		g = cost.Weeks
	}
	p, err := cs.GetProject(ctx, project)
	if err != nil {
		return nil, p, nil, err
	}
	in, err := cs.LoadAnalysisInput(ctx, project)
	if isNotFound(err) {
		if _, berr := cs.GetBaseline(ctx, project, p.Baseline); isNotFound(berr) {
			return nil, p, nil, lanyan.Errorf(lanyan.CodeConflict, record("project", project), "baseline",
				"baseline %d is not stored: take it (POST /projects/{project}/baselines/%d) before measuring earned value", p.Baseline, p.Baseline)
		}
	}
	if err != nil {
		return nil, p, nil, err
	}
	in.StatusDate, in.Phasing, in.EACWeight = sd, cost.Phasing{Granularity: g}, w
	a, err := cost.Analyze(in)
	if err != nil {
		return nil, p, nil, notFoundAsInvalid(err)
	}
	return a, p, in.Breakdown, nil
}

func (s *Server) registerEarnedValue() {
	type earnedValueInput struct {
		ProjectPath
		EVQuery
		Element string `query:"element" doc:"An element of the breakdown to report on instead of the whole project." example:"CA1"`
	}
	type earnedValueOutput struct {
		Body EarnedValue
	}
	register(s, op{ID: "get-earned-value", Method: http.MethodGet, Path: "/projects/{project}/earned-value", Summary: "Earned value at a status date",
		Description: "Measures the project (or one element) against the baseline its cost record names: PV, EV and AC at the status date with the " +
			"metrics (SV, CV, SPI, CPI, TCPI, estimates at completion), and the same period by period with the earned schedule (ES, SV(t), SPI(t), " +
			"in periods). PV spreads each package's baseline budget over its activities' baseline dates by its curve; EV follows each work package's " +
			"technique from its latest progress on or before the status date; AC sums the actual costs dated by then. Money is decimal strings, " +
			"exact to the cent; metrics are numbers, null where undefined. Without the baseline the answer is 409.",
		Tags: costTags, Role: store.RoleViewer, Errors: []int{404, 409, 422}},
		func(ctx context.Context, k store.Key, in *earnedValueInput) (*earnedValueOutput, error) {
			cs := s.db.Cost(k.Tenant)
			a, p, b, err := s.analyze(ctx, cs, in.Project, in.EVQuery)
			if err != nil {
				return nil, err
			}
			st, ok := a.Status(in.Element)
			if !ok {
				return nil, lanyan.Errorf(lanyan.CodeNotFound, record("element", in.Element), "", "does not exist")
			}
			ser, _ := a.Series(in.Element)
			out := &earnedValueOutput{Body: EarnedValue{
				StatusDate: a.StatusDate, Period: a.Granularity, Baseline: p.Baseline, StatusPeriod: a.StatusPeriod,
				Budget: a.Budget, Status: EVStatus{st}, Series: EVSeries{ser},
				Periods: make([]EVPeriod, len(a.Periods)), Children: []EVStatus{},
			}}
			for i, pr := range a.Periods {
				out.Body.Periods[i] = EVPeriod{Label: pr.String(), First: pr.First, Last: pr.Last}
			}
			for _, e := range b.Elements {
				if e.Parent == in.Element {
					if cst, ok := a.Status(e.ID); ok {
						out.Body.Children = append(out.Body.Children, EVStatus{cst})
					}
				}
			}
			return out, nil
		})

	type costReportInput struct {
		ProjectPath
		EVQuery
		Method          cost.FTCMethod `query:"method" enum:"budgetRemaining,committedRemaining,cpi" default:"budgetRemaining" doc:"How the forecast to complete is made: the budget not yet spent, the commitments not yet spent, or at each code's CPI from earned value (1 for a code with no actual cost or no value earned yet; needs the baseline)."`
		VarianceAmount  string         `query:"varianceAmount" pattern:"^[0-9]{1,18}(\\.[0-9]{1,2})?$" doc:"Flag variances of at least this much money." example:"10000"`
		VariancePercent string         `query:"variancePercent" pattern:"^[0-9]{1,6}(\\.[0-9]{1,4})?$" doc:"Flag variances of at least this many per cent." example:"10"`
	}
	type costReportOutput struct {
		Body CostReport
	}
	register(s, op{ID: "get-cost-report", Method: http.MethodGet, Path: "/projects/{project}/cost-report", Summary: "The cost report at a date",
		Description: "One line per element of the breakdown (its code), a parent before its children, each with its own amounts and those below " +
			"it: original budget (the baseline's, when the project's baseline is stored; else the working budget), approved changes (the working " +
			"budget less the baseline's), revised budget, actual cost to the date by type, forecast to complete by the method asked, estimate at " +
			"completion and variance (revised − EAC, negative for an overrun). Commitments and revenue are not kept by this server and are zero. " +
			"With varianceAmount or variancePercent, lines whose variance reaches either are flagged, and, when the baseline is stored, so are the " +
			"earned value variances (current period, cumulative, at completion) that reach them (breaches).",
		Tags: costTags, Role: store.RoleViewer, Errors: []int{404, 409, 422}},
		func(ctx context.Context, k store.Key, in *costReportInput) (*costReportOutput, error) {
			out, err := s.costReport(ctx, k.Tenant, in.Project, in.EVQuery, in.Method, in.VarianceAmount, in.VariancePercent)
			if err != nil {
				return nil, err
			}
			return &costReportOutput{Body: *out}, nil
		})
}

// CostReportLine is a line of the cost report, flagged when its variance
// reaches the thresholds asked for.
type CostReportLine struct {
	cost.ReportLine
	Flagged bool `json:"flagged,omitempty" doc:"The variance (or its percentage) reaches the varianceAmount (or variancePercent) asked for."`
}

// CostReport is the cost report (成本报表) of a project at a date.
type CostReport struct {
	AsOf     date.Date            `json:"asOf"`
	Method   cost.FTCMethod       `json:"method"`
	Baseline *int                 `json:"baseline,omitempty" doc:"The baseline whose budgets are the original budgets; absent when it is not stored."`
	Lines    []CostReportLine     `json:"lines"`
	Total    CostReportLine       `json:"total"`
	Breaches []cost.AccountBreach `json:"breaches" doc:"Earned value variances reaching the thresholds, project first (id empty) and then by element."`
}

// costReport builds the cost report of a project.
func (s *Server) costReport(ctx context.Context, tenant, project string, q EVQuery, method cost.FTCMethod, amount, percent string) (*CostReport, error) {
	asOf, err := parseDay("statusDate", q.StatusDate)
	if err != nil {
		return nil, err
	}
	thAmount, err := parseDecimal("varianceAmount", amount, decimal.Zero)
	if err != nil {
		return nil, err
	}
	thPercent, err := parseDecimal("variancePercent", percent, decimal.Zero)
	if err != nil {
		return nil, err
	}
	cs := s.db.Cost(tenant)
	p, err := cs.GetProject(ctx, project)
	if err != nil {
		return nil, err
	}
	b, err := cs.LoadBreakdown(ctx, project)
	if err != nil {
		return nil, err
	}
	out := &CostReport{AsOf: asOf, Breaches: []cost.AccountBreach{}}
	bl, err := cs.GetBaseline(ctx, project, p.Baseline)
	haveBaseline := err == nil
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	in := cost.ReportInput{AsOf: asOf, Method: method, OriginalBudgets: map[string]decimal.Decimal{}}
	baseline := map[string]decimal.Decimal{}
	if haveBaseline {
		n := p.Baseline
		out.Baseline = &n
		for _, pb := range bl.Budgets {
			baseline[pb.Package] = pb.Budget
		}
	}
	for _, e := range b.Elements {
		in.Codes = append(in.Codes, cost.CostCode{Code: e.ID, Name: e.Name, Parent: e.Parent})
		if e.Kind == cost.ControlAccount {
			continue
		}
		orig := e.Budget
		if haveBaseline {
			orig = baseline[e.ID] // zero for a package added since
		}
		in.OriginalBudgets[e.ID] = orig
		if d := e.Budget.Sub(orig); !d.IsZero() {
			in.Changes = append(in.Changes, cost.BudgetChange{Code: e.ID, Ref: "working budget since the baseline", Amount: d, Approved: true, Date: asOf})
		}
	}
	for page := (schedule.Page{Limit: listPage}); ; {
		as, err := cs.ListActuals(ctx, project, page)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			in.Actuals = append(in.Actuals, a.ActualCost)
		}
		if len(as) < listPage {
			break
		}
		page.After = as[len(as)-1].ID
	}
	var a *cost.Analysis
	if haveBaseline {
		if a, _, _, err = s.analyze(ctx, cs, project, q); err != nil {
			return nil, err
		}
	}
	if in.Method == cost.FTCCPI {
		if a == nil {
			return nil, lanyan.Errorf(lanyan.CodeConflict, record("project", project), "baseline",
				"baseline %d is not stored: forecasting by CPI needs earned value", p.Baseline)
		}
		in.CPI = map[string]decimal.Decimal{}
		for _, e := range b.Elements {
			// A code without cost performance yet (no actual cost, or no
			// value earned) is forecast at its budget rate: CPI 1.
			in.CPI[e.ID] = decimal.New(1, 0)
			if st, ok := a.Status(e.ID); ok && st.Metrics.CPI.Defined && st.Metrics.CPI.Value.IsPositive() {
				in.CPI[e.ID] = st.Metrics.CPI.Value
			}
		}
	}
	r, err := cost.BuildReport(in)
	if err != nil {
		return nil, err
	}
	out.Method = r.Method
	th := cost.Threshold{Amount: thAmount, Percent: thPercent}
	flag := func(l cost.ReportLine) CostReportLine {
		byAmount := th.Amount.IsPositive() && l.Variance.Abs().GreaterThanOrEqual(th.Amount)
		byPercent := th.Percent.IsPositive() && l.VariancePercent.Defined && l.VariancePercent.Value.Abs().GreaterThanOrEqual(th.Percent)
		return CostReportLine{ReportLine: l, Flagged: byAmount || byPercent}
	}
	out.Lines = make([]CostReportLine, len(r.Lines))
	for i, l := range r.Lines {
		out.Lines[i] = flag(l)
	}
	out.Total = flag(r.Total)
	if a != nil && (th.Amount.IsPositive() || th.Percent.IsPositive()) {
		pair := cost.ThresholdPair{Cost: th, Schedule: th}
		breaches, err := a.FlagVariances([]cost.Thresholds{{Current: pair, Cumulative: pair, AtCompletion: cost.AtCompletionThresholds{Cost: th}}})
		if err != nil {
			return nil, err
		}
		// FlagVariances checks the project twice (as Project and as the first
		// of Statuses): keep each breach once.
		type key struct {
			id      string
			kind    cost.BreachKind
			measure cost.VarianceMeasure
		}
		seen := map[key]bool{}
		for _, b := range breaches {
			k := key{b.ID, b.Breach.Kind, b.Breach.Measure}
			if !seen[k] {
				seen[k] = true
				out.Breaches = append(out.Breaches, b)
			}
		}
	}
	return out, nil
}
