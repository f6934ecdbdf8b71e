package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// BaselinePath names a baseline of a project.
type BaselinePath struct {
	ProjectPath
	Number int `path:"number" minimum:"0" maximum:"10" doc:"The baseline's number, 0 to 10 (as in MS Project)." example:"0"`
}

// CostBaselineHeader names a stored baseline.
type CostBaselineHeader struct {
	Number int    `json:"number" example:"0"`
	Name   string `json:"name,omitempty" example:"Contract baseline"`
}

// CostBaselineInfo is a baseline just taken: its size and budget arithmetic.
type CostBaselineInfo struct {
	CostBaselineHeader
	Activities int                `json:"activities" doc:"Activities whose dates the baseline froze."`
	Packages   int                `json:"packages" doc:"Packages whose budgets the baseline froze."`
	Budget     cost.BudgetSummary `json:"budget" doc:"The baseline's budget: distributed (the packages' sum, the project's BAC), PMB and CBB."`
}

// CostBaseline is a whole baseline (基准): the activities' dates and calendars
// and the packages' budgets, frozen when it was taken.
type CostBaseline struct {
	Number int    `json:"number" example:"0"`
	Name   string `json:"name,omitempty" example:"Contract baseline"`
	// Calendars are kept in the network JSON form.
	Calendars           []json.RawMessage       `json:"calendars" doc:"The calendars of the activities as they were, in the network JSON form (docs/network-json.md)."`
	DefaultCalendar     string                  `json:"defaultCalendar"`
	Activities          []cost.BaselineActivity `json:"activities" doc:"Each activity's baseline start and finish, project-local wall time."`
	Budgets             []cost.PackageBudget    `json:"budgets" doc:"Each package's budget."`
	UndistributedBudget decimal.Decimal         `json:"undistributedBudget"`
	ManagementReserve   decimal.Decimal         `json:"managementReserve"`
}

func baselineOut(bl cost.Baseline) (CostBaseline, error) {
	out := CostBaseline{
		Number: bl.Number, Name: bl.Name, DefaultCalendar: bl.DefaultCalendar,
		Calendars:  make([]json.RawMessage, len(bl.Calendars)),
		Activities: bl.Activities, Budgets: bl.Budgets,
		UndistributedBudget: bl.UndistributedBudget, ManagementReserve: bl.ManagementReserve,
	}
	if out.Activities == nil {
		out.Activities = []cost.BaselineActivity{}
	}
	if out.Budgets == nil {
		out.Budgets = []cost.PackageBudget{}
	}
	for i, c := range bl.Calendars {
		raw, err := json.Marshal(c)
		if err != nil {
			return CostBaseline{}, err
		}
		out.Calendars[i] = raw
	}
	return out, nil
}

func (s *Server) registerBaselines() {
	type baselineTakeBody struct {
		Name string `json:"name,omitempty" maxLength:"200" example:"Contract baseline"`
	}
	type baselineTakeInput struct {
		IdempotencyHeader
		BaselinePath
		Body *baselineTakeBody
	}
	type baselineTakeOutput struct {
		Status   int
		Location string `header:"Location"`
		Body     CostBaselineInfo
	}
	register(s, op{ID: "take-baseline", Method: http.MethodPost, Path: "/projects/{project}/baselines/{number}", Summary: "Take a baseline",
		Description: "Freezes the project's saved computed schedule (each activity's early start and finish, actual dates where it has them, " +
			"with the calendars) and the working budgets of the cost breakdown as baseline number N, replacing baseline N if there is one " +
			"(201 when new, 200 when replaced). The schedule is that of the cost record's scheduleProject, or of the project itself. " +
			"Compute the schedule first: without a saved result, or with one computed before activities were added or deleted, the answer is 409.",
		Tags: costTags, Role: store.RoleEditor, Status: http.StatusCreated, Errors: []int{404, 409, 422}},
		func(ctx context.Context, k store.Key, in *baselineTakeInput) (*baselineTakeOutput, error) {
			name := ""
			if in.Body != nil {
				name = in.Body.Name
			}
			out := &baselineTakeOutput{Status: http.StatusCreated}
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				p, err := cs.GetProject(ctx, in.Project)
				if err != nil {
					return err
				}
				sched := p.ScheduleProject
				if sched == "" {
					sched = p.ID
				}
				ss := tx.Schedule(k.Tenant)
				net, err := ss.LoadNetwork(ctx, sched)
				if err != nil {
					return err
				}
				res, err := ss.LoadResult(ctx, sched)
				if isNotFound(err) {
					return lanyan.Errorf(lanyan.CodeConflict, record("project", sched), "result", "has no computed schedule: compute it before taking a baseline")
				}
				if err != nil {
					return err
				}
				stale := len(res.Activities) != len(net.Activities)
				for i := 0; !stale && i < len(res.Activities); i++ {
					stale = res.Activities[i].ID != "" && res.Activities[i].ID != net.Activities[i].ID
				}
				if stale {
					return lanyan.Errorf(lanyan.CodeConflict, record("project", sched), "result", "the saved schedule was computed before activities were added or deleted: compute it again")
				}
				b, err := cs.LoadBreakdown(ctx, in.Project)
				if err != nil {
					return err
				}
				bl, err := cost.NewBaseline(in.Number, name, b, net, res)
				if err != nil {
					return notFoundAsInvalid(err)
				}
				sum, err := bl.Summary()
				if err != nil {
					return err
				}
				if _, err := cs.GetBaseline(ctx, in.Project, in.Number); err == nil {
					out.Status = http.StatusOK
				} else if !isNotFound(err) {
					return err
				}
				if err := cs.PutBaseline(ctx, in.Project, *bl); err != nil {
					return err
				}
				out.Body = CostBaselineInfo{
					CostBaselineHeader: CostBaselineHeader{Number: bl.Number, Name: bl.Name},
					Activities:         len(bl.Activities), Packages: len(bl.Budgets), Budget: sum,
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			out.Location = fmt.Sprintf("/projects/%s/baselines/%d", url.PathEscape(in.Project), in.Number)
			return out, nil
		})

	type baselineList struct {
		Body struct {
			Items []CostBaselineHeader `json:"items"`
		}
	}
	register(s, op{ID: "list-baselines", Method: http.MethodGet, Path: "/projects/{project}/baselines", Summary: "List a project's baselines",
		Description: "Numbers and names, ordered by number.",
		Tags:        costTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *ProjectPath) (*baselineList, error) {
			cs := s.db.Cost(k.Tenant)
			if _, err := cs.GetProject(ctx, in.Project); err != nil {
				return nil, err
			}
			hs, err := cs.ListBaselines(ctx, in.Project)
			if err != nil {
				return nil, err
			}
			out := &baselineList{}
			out.Body.Items = make([]CostBaselineHeader, len(hs))
			for i, h := range hs {
				out.Body.Items[i] = CostBaselineHeader{Number: h.Number, Name: h.Name}
			}
			return out, nil
		})

	type baselineGetOutput struct {
		ETag string `header:"ETag"`
		Body CostBaseline
	}
	register(s, op{ID: "get-baseline", Method: http.MethodGet, Path: "/projects/{project}/baselines/{number}", Summary: "Get a baseline",
		Tags: costTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *BaselinePath) (*baselineGetOutput, error) {
			bl, err := s.db.Cost(k.Tenant).GetBaseline(ctx, in.Project, in.Number)
			if err != nil {
				return nil, err
			}
			b, err := baselineOut(bl)
			if err != nil {
				return nil, err
			}
			return &baselineGetOutput{ETag: etagOf(b), Body: b}, nil
		})

	register(s, op{ID: "delete-baseline", Method: http.MethodDelete, Path: "/projects/{project}/baselines/{number}", Summary: "Delete a baseline",
		Description: "Earned value needs the baseline the cost record names: deleting it leaves earned value unavailable (409) until one is taken again.",
		Tags:        costTags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *BaselinePath) (*struct{}, error) {
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				if _, err := cs.GetBaseline(ctx, in.Project, in.Number); err != nil {
					return err
				}
				return cs.DeleteBaseline(ctx, in.Project, in.Number)
			})
			return nil, err
		})
}
