package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// costTags tags the cost operations.
var costTags = []string{"Cost"}

// CostProjectBody is a project's cost record as a client writes it.
type CostProjectBody struct {
	Name     string `json:"name,omitempty" maxLength:"200" example:"Riverside bridge"`
	Currency string `json:"currency,omitempty" pattern:"^[A-Z]{3}$" doc:"ISO 4217 code of the project's amounts; the engine does not use it." example:"CNY"`
	// ScheduleProject lets a cost project measure against another schedule.
	ScheduleProject string `json:"scheduleProject,omitempty" doc:"The schedule project whose activities the packages cover and whose computed schedule baselines are taken from; empty means the project itself." example:"P1"`
	Baseline        int    `json:"baseline" minimum:"0" maximum:"10" doc:"Number of the baseline earned value is measured against, 0 to 10." example:"0"`
	// The working budgets held back from the control accounts.
	UndistributedBudget decimal.Decimal `json:"undistributedBudget" required:"false" doc:"Undistributed budget (未分配预算): part of the PMB, not yet given to a control account, not time-phased. Whole cents, not negative; absent means 0." example:"0.00"`
	ManagementReserve   decimal.Decimal `json:"managementReserve" required:"false" doc:"Management reserve (管理储备): held outside the PMB. Whole cents, not negative; absent means 0." example:"50000.00"`
}

// CostProject is a project's cost record as the API returns it.
type CostProject struct {
	ID string `json:"id" example:"P1"`
	CostProjectBody
	Version int64 `json:"version" doc:"Incremented on every change of this record; the ETag is \"v<version>\"."`
}

func costProjectOut(p cost.Project) CostProject {
	return CostProject{ID: p.ID, Version: p.Version, CostProjectBody: CostProjectBody{
		Name: p.Name, Currency: p.Currency, ScheduleProject: p.ScheduleProject, Baseline: p.Baseline,
		UndistributedBudget: p.UndistributedBudget, ManagementReserve: p.ManagementReserve,
	}}
}

// CostProjectOutput is a cost record with its entity tag.
type CostProjectOutput struct {
	ETag string `header:"ETag" doc:"Send it back in If-Match to update only if nobody changed the record since."`
	Body CostProject
}

// CostElement is an element of a project's cost breakdown (成本分解): a control
// account (控制账户), a work package (工作包) or a planning package (规划包).
type CostElement struct {
	cost.Element
}

// ElementPath names an element of a project's cost breakdown.
type ElementPath struct {
	ProjectPath
	Element string `path:"element" doc:"The element's id: also the code actual costs are booked to." example:"WP1"`
}

// CostElementOutput is one element with its entity tag.
type CostElementOutput struct {
	Status   int
	ETag     string `header:"ETag" doc:"A hash of the element's JSON: send it back in If-Match to change or delete the element only if nobody changed it since."`
	Location string `header:"Location"`
	Body     CostElement
}

// CostElementList is a page of elements.
type CostElementList struct {
	Body struct {
		Items      []CostElement `json:"items"`
		NextCursor string        `json:"nextCursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
	}
}

// BulkResult counts the records a bulk write stored.
type BulkResult struct {
	Body struct {
		Stored int `json:"stored" doc:"Records created or replaced."`
	}
}

func bulkResult(n int) *BulkResult {
	out := &BulkResult{}
	out.Body.Stored = n
	return out
}

// registerCost registers the cost operations.
func (s *Server) registerCost() {
	s.registerCostProject()
	s.registerCostElements()
	s.registerBaselines()
	s.registerProgress()
	s.registerActuals()
	s.registerEarnedValue()
}

func (s *Server) registerCostProject() {
	register(s, op{ID: "get-cost-project", Method: http.MethodGet, Path: "/projects/{project}/cost", Summary: "Get a project's cost record",
		Description: "Currency, the baseline earned value is measured against, undistributed budget and management reserve. Money is a decimal string.",
		Tags:        costTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *ProjectPath) (*CostProjectOutput, error) {
			p, err := s.db.Cost(k.Tenant).GetProject(ctx, in.Project)
			if err != nil {
				return nil, err
			}
			return &CostProjectOutput{ETag: versionTag(p.Version), Body: costProjectOut(p)}, nil
		})

	type costProjectPut struct {
		ProjectPath
		IfMatch string `header:"If-Match" doc:"The ETag the change is based on; a stale one fails with 412."`
		Body    CostProjectBody
	}
	register(s, op{ID: "update-cost-project", Method: http.MethodPut, Path: "/projects/{project}/cost", Summary: "Replace a project's cost record",
		Description: "The record is created with the project (POST /projects). Send If-Match with the ETag read: a stale write fails with 412 and changes nothing.",
		Tags:        costTags, Role: store.RoleEditor, Errors: []int{404, 409, 412, 422}},
		func(ctx context.Context, k store.Key, in *costProjectPut) (*CostProjectOutput, error) {
			b := in.Body
			rec := record("project", in.Project)
			if err := wholeCents(rec, "undistributedBudget", b.UndistributedBudget, false); err != nil {
				return nil, err
			}
			if err := wholeCents(rec, "managementReserve", b.ManagementReserve, false); err != nil {
				return nil, err
			}
			var updated cost.Project
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				cur, err := cs.GetProject(ctx, in.Project)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, versionTag(cur.Version)); err != nil {
					return err
				}
				updated, err = cs.UpdateProject(ctx, cost.Project{
					ID: in.Project, Name: b.Name, Currency: b.Currency, ScheduleProject: b.ScheduleProject, Baseline: b.Baseline,
					UndistributedBudget: b.UndistributedBudget, ManagementReserve: b.ManagementReserve, Version: cur.Version,
				})
				return err
			})
			if err != nil {
				return nil, err
			}
			return &CostProjectOutput{ETag: versionTag(updated.Version), Body: costProjectOut(updated)}, nil
		})
}

// validateBreakdown checks a project's whole breakdown as stored (inside the
// transaction that changed it), so that a write leaving it invalid is refused
// whole.
func validateBreakdown(ctx context.Context, cs cost.Store, project string) error {
	b, err := cs.LoadBreakdown(ctx, project)
	if err != nil {
		return err
	}
	return notFoundAsInvalid(b.Validate())
}

func (s *Server) registerCostElements() {
	register(s, op{ID: "list-cost-elements", Method: http.MethodGet, Path: "/projects/{project}/cost/elements", Summary: "List a project's cost breakdown",
		Description: "Control accounts and packages, ordered by id, a page at a time.",
		Tags:        costTags, Role: store.RoleViewer, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *struct {
			ProjectPath
			PageParams
		}) (*CostElementList, error) {
			cs := s.db.Cost(k.Tenant)
			if _, err := cs.GetProject(ctx, in.Project); err != nil {
				return nil, err
			}
			out := &CostElementList{}
			var err error
			out.Body.Items, out.Body.NextCursor, err = readPage(in.PageParams,
				func(p schedule.Page) ([]cost.Element, error) { return cs.ListElements(ctx, in.Project, p) },
				func(e *cost.Element) string { return e.ID }, func(e cost.Element) CostElement { return CostElement{e} })
			if err != nil {
				return nil, err
			}
			return out, nil
		})

	register(s, op{ID: "get-cost-element", Method: http.MethodGet, Path: "/projects/{project}/cost/elements/{element}", Summary: "Get an element of the cost breakdown",
		Tags: costTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *ElementPath) (*CostElementOutput, error) {
			e, err := s.db.Cost(k.Tenant).GetElement(ctx, in.Project, in.Element)
			if err != nil {
				return nil, err
			}
			return elementOutput(in.Project, e, http.StatusOK), nil
		})

	type costElementPut struct {
		ElementPath
		IfMatch string `header:"If-Match" doc:"The ETag the change is based on; a stale one, or any tag for an element that does not exist, fails with 412."`
		Body    CostElement
	}
	register(s, op{ID: "put-cost-element", Method: http.MethodPut, Path: "/projects/{project}/cost/elements/{element}", Summary: "Create or replace an element of the cost breakdown",
		Description: "The body's id must be the path's. The whole breakdown is checked after the change (kinds, parents, budgets in whole cents, " +
			"activities, curves and techniques) and the change is refused, naming the element and field, if it would leave the breakdown invalid. " +
			"Answers 201 when the element is new, 200 when it replaced one.",
		Tags: costTags, Role: store.RoleEditor, Errors: []int{404, 409, 412, 422}},
		func(ctx context.Context, k store.Key, in *costElementPut) (*CostElementOutput, error) {
			e := in.Body.Element
			if e.ID != in.Element {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, record("element", in.Element), "id", "is %q, not the path's %q", e.ID, in.Element)
			}
			status := http.StatusOK
			var stored cost.Element
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				if _, err := cs.GetProject(ctx, in.Project); err != nil {
					return err
				}
				cur, err := cs.GetElement(ctx, in.Project, in.Element)
				switch {
				case isNotFound(err):
					if in.IfMatch != "" {
						return huma.Error412PreconditionFailed("the element does not exist (If-Match " + in.IfMatch + ")")
					}
					status = http.StatusCreated
				case err != nil:
					return err
				default:
					if err := ifMatch(in.IfMatch, etagOf(CostElement{cur})); err != nil {
						return err
					}
				}
				if err := cs.PutElements(ctx, in.Project, []cost.Element{e}); err != nil {
					return notFoundAsInvalid(err)
				}
				if err := validateBreakdown(ctx, cs, in.Project); err != nil {
					return err
				}
				stored, err = cs.GetElement(ctx, in.Project, in.Element)
				return err
			})
			if err != nil {
				return nil, err
			}
			return elementOutput(in.Project, stored, status), nil
		})

	type costElementDelete struct {
		ElementPath
		IfMatch string `header:"If-Match" doc:"The ETag the deletion is based on; a stale one fails with 412."`
	}
	register(s, op{ID: "delete-cost-element", Method: http.MethodDelete, Path: "/projects/{project}/cost/elements/{element}", Summary: "Delete an element of the cost breakdown",
		Description: "Deletes the element and its progress. Refused with 409 while it is the parent of another element or actual costs are booked to it, " +
			"and with 422 if the breakdown would be left invalid (a package apportioned to it).",
		Tags: costTags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 409, 412, 422}},
		func(ctx context.Context, k store.Key, in *costElementDelete) (*struct{}, error) {
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				cur, err := cs.GetElement(ctx, in.Project, in.Element)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, etagOf(CostElement{cur})); err != nil {
					return err
				}
				if err := cs.DeleteElements(ctx, in.Project, []string{in.Element}); err != nil {
					return err
				}
				return validateBreakdown(ctx, cs, in.Project)
			})
			return nil, err
		})

	type costElementsPut struct {
		ProjectPath
		Body []CostElement `maxItems:"1000000"`
	}
	register(s, op{ID: "put-cost-elements", Method: http.MethodPut, Path: "/projects/{project}/cost/elements", Summary: "Create or replace elements of the cost breakdown in bulk",
		Description: "Stores every element of the array, replacing those with the same ids, all or nothing: one bad element, or a breakdown left invalid, " +
			"refuses the whole batch with an error naming the element and field. Elements not in the batch stay.",
		Tags: costTags, Role: store.RoleEditor, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *costElementsPut) (*BulkResult, error) {
			es := make([]cost.Element, len(in.Body))
			for i, e := range in.Body {
				es[i] = e.Element
			}
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				if _, err := cs.GetProject(ctx, in.Project); err != nil {
					return err
				}
				if err := cs.PutElements(ctx, in.Project, es); err != nil {
					return notFoundAsInvalid(err)
				}
				return validateBreakdown(ctx, cs, in.Project)
			})
			if err != nil {
				return nil, err
			}
			return bulkResult(len(es)), nil
		})
}

func elementOutput(project string, e cost.Element, status int) *CostElementOutput {
	ce := CostElement{e}
	return &CostElementOutput{
		Status:   status,
		ETag:     etagOf(ce),
		Location: "/projects/" + url.PathEscape(project) + "/cost/elements/" + url.PathEscape(e.ID),
		Body:     ce,
	}
}
