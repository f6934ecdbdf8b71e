package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// CostProgress is the progress of a work package as of the end of a day: its
// state then, not the change since the record before.
type CostProgress struct {
	cost.Progress
}

// CostActual is an actual cost (实际成本) booked to an element of the cost
// breakdown: an invoice, a payroll, a goods receipt. Amount may be negative
// (a credit).
type CostActual struct {
	cost.StoredActual
}

// labourActualPrefix starts the ids of the actual costs booked from approved
// day-work slips: "labour:" and the slip's id.
const labourActualPrefix = "labour:"

// progressRecord names a progress record in an error.
func progressRecord(p cost.Progress) string {
	return fmt.Sprintf("progress %q %s", p.Package, p.Date.Format("2006-01-02"))
}

var decHundred = decimal.NewFromInt(100)

// checkProgress checks progress records against the breakdown: each for a
// work package whose technique takes progress, with a percent from 0 to 100,
// units from 0 to the package's units and milestones the package has. The
// rest (whether a technique uses the fields given) is checked when earned
// value is worked out.
func checkProgress(b *cost.Breakdown, ps []cost.Progress) error {
	byID := make(map[string]*cost.Element, len(b.Elements))
	for i := range b.Elements {
		byID[b.Elements[i].ID] = &b.Elements[i]
	}
	for _, p := range ps {
		rec := progressRecord(p)
		e, ok := byID[p.Package]
		if !ok {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "package", "unknown element %q", p.Package)
		}
		if e.Kind != cost.WorkPackage {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "package", "%q is a %s: only work packages earn value", e.ID, e.Kind)
		}
		switch e.Technique.Method {
		case cost.LevelOfEffort, cost.ApportionedEffort:
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "package", "%q earns by %s, which takes no progress", e.ID, e.Technique.Method)
		}
		if p.Percent.IsNegative() || p.Percent.GreaterThan(decHundred) {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "percent", "%s is outside 0–100", p.Percent)
		}
		if p.Units.IsNegative() || (e.Technique.Method == cost.UnitsComplete && p.Units.GreaterThan(e.Technique.Units)) {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "units", "%s is outside 0–%s", p.Units, e.Technique.Units)
		}
		for i, m := range p.Milestones {
			if !slices.ContainsFunc(e.Technique.Milestones, func(x cost.Milestone) bool { return x.ID == m }) {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, fmt.Sprintf("milestones[%d]", i), "work package %q has no milestone %q", e.ID, m)
			}
		}
	}
	return nil
}

func (s *Server) registerProgress() {
	type costProgressPut struct {
		ProjectPath
		Body []CostProgress `maxItems:"1000000"`
	}
	register(s, op{ID: "put-cost-progress", Method: http.MethodPut, Path: "/projects/{project}/cost/progress", Summary: "Record work packages' progress in bulk",
		Description: "Stores the progress records, replacing those of the same package and date, all or nothing. A package has at most one record a day; " +
			"each record is the package's state as of the end of its day. The fields used depend on the package's technique: percent (0–100) for " +
			"percent complete and the fixed formulas (100 finishes), started for the fixed formulas, units for units complete, milestones for weighted milestones.",
		Tags: costTags, Role: store.RoleEditor, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *costProgressPut) (*BulkResult, error) {
			ps := make([]cost.Progress, len(in.Body))
			for i, p := range in.Body {
				ps[i] = p.Progress
			}
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				b, err := cs.LoadBreakdown(ctx, in.Project)
				if err != nil {
					return err
				}
				if err := checkProgress(b, ps); err != nil {
					return err
				}
				return notFoundAsInvalid(cs.PutProgress(ctx, in.Project, ps))
			})
			if err != nil {
				return nil, err
			}
			return bulkResult(len(ps)), nil
		})

	type costProgressListInput struct {
		ProjectPath
		Package string `query:"package" doc:"Only this work package's records." example:"WP1"`
	}
	type costProgressList struct {
		Body struct {
			Items []CostProgress `json:"items"`
		}
	}
	register(s, op{ID: "list-cost-progress", Method: http.MethodGet, Path: "/projects/{project}/cost/progress", Summary: "List work packages' progress",
		Description: "Every progress record of the project (or of one package), ordered by package then date.",
		Tags:        costTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *costProgressListInput) (*costProgressList, error) {
			cs := s.db.Cost(k.Tenant)
			if _, err := cs.GetProject(ctx, in.Project); err != nil {
				return nil, err
			}
			ps, err := cs.ListProgress(ctx, in.Project)
			if err != nil {
				return nil, err
			}
			out := &costProgressList{}
			out.Body.Items = make([]CostProgress, 0, len(ps))
			for _, p := range ps {
				if in.Package == "" || p.Package == in.Package {
					out.Body.Items = append(out.Body.Items, CostProgress{p})
				}
			}
			return out, nil
		})

	type costProgressDelete struct {
		ProjectPath
		Package string `query:"package" required:"true" doc:"The work package." example:"WP1"`
		Date    string `query:"date" required:"true" format:"date" doc:"The day of the record." example:"2025-03-07"`
	}
	register(s, op{ID: "delete-cost-progress", Method: http.MethodDelete, Path: "/projects/{project}/cost/progress", Summary: "Delete a progress record",
		Tags: costTags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *costProgressDelete) (*struct{}, error) {
			d, err := parseDay("date", in.Date)
			if err != nil {
				return nil, err
			}
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				ps, err := cs.ListProgress(ctx, in.Project)
				if err != nil {
					return err
				}
				if !slices.ContainsFunc(ps, func(p cost.Progress) bool { return p.Package == in.Package && p.Date == d }) {
					return lanyan.Errorf(lanyan.CodeNotFound, progressRecord(cost.Progress{Package: in.Package, Date: d}), "", "does not exist")
				}
				return cs.DeleteProgress(ctx, in.Project, []cost.ProgressKey{{Package: in.Package, Date: d}})
			})
			return nil, err
		})
}

// actualRecord names an actual cost in an error.
func actualRecord(id string) string { return record("actual cost", id) }

// checkActuals checks actual costs written by a client: ids not in the range
// kept for labour, a known type, whole cents, and a code that is not a
// planning package (the store checks that it is an element).
func checkActuals(b *cost.Breakdown, as []cost.StoredActual) error {
	kinds := make(map[string]cost.ElementKind, len(b.Elements))
	for _, e := range b.Elements {
		kinds[e.ID] = e.Kind
	}
	for i, a := range as {
		rec := actualRecord(a.ID)
		switch {
		case a.ID == "":
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("actual cost %d", i), "id", "is empty")
		case strings.HasPrefix(a.ID, labourActualPrefix):
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "id", "ids starting %q are kept for the actual costs of approved day-work slips", labourActualPrefix)
		case a.Date == 0:
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "date", "is missing")
		}
		switch a.Type {
		case cost.CostLabour, cost.CostMaterial, cost.CostEquipment, cost.CostSubcontract, cost.CostOther:
		default:
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "type", "%q is not labour, material, equipment, subcontract or other", a.Type)
		}
		if err := wholeCents(rec, "amount", a.Amount, true); err != nil {
			return err
		}
		kind, ok := kinds[a.Code]
		if !ok {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "code", "unknown element %q", a.Code)
		}
		if kind == cost.PlanningPackage {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "code", "%q is a planning package, which takes no actual cost", a.Code)
		}
	}
	return nil
}

func (s *Server) registerActuals() {
	type costActualList struct {
		Body struct {
			Items      []CostActual `json:"items"`
			NextCursor string       `json:"nextCursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
		}
	}
	register(s, op{ID: "list-cost-actuals", Method: http.MethodGet, Path: "/projects/{project}/cost/actuals", Summary: "List a project's actual costs",
		Description: "Ordered by id, a page at a time. Actual costs booked from approved day-work slips have ids \"labour:<slip id>\".",
		Tags:        costTags, Role: store.RoleViewer, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *struct {
			ProjectPath
			PageParams
		}) (*costActualList, error) {
			cs := s.db.Cost(k.Tenant)
			if _, err := cs.GetProject(ctx, in.Project); err != nil {
				return nil, err
			}
			out := &costActualList{}
			var err error
			out.Body.Items, out.Body.NextCursor, err = readPage(in.PageParams,
				func(p schedule.Page) ([]cost.StoredActual, error) { return cs.ListActuals(ctx, in.Project, p) },
				func(a *cost.StoredActual) string { return a.ID }, func(a cost.StoredActual) CostActual { return CostActual{a} })
			if err != nil {
				return nil, err
			}
			return out, nil
		})

	type costActualGetInput struct {
		ProjectPath
		Actual string `path:"actual" doc:"The actual cost's id." example:"INV-2025-0031"`
	}
	type costActualGetOutput struct {
		ETag string `header:"ETag"`
		Body CostActual
	}
	register(s, op{ID: "get-cost-actual", Method: http.MethodGet, Path: "/projects/{project}/cost/actuals/{actual}", Summary: "Get an actual cost",
		Tags: costTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *costActualGetInput) (*costActualGetOutput, error) {
			a, err := s.db.Cost(k.Tenant).GetActual(ctx, in.Project, in.Actual)
			if err != nil {
				return nil, err
			}
			ca := CostActual{a}
			return &costActualGetOutput{ETag: etagOf(ca), Body: ca}, nil
		})

	type costActualsPut struct {
		ProjectPath
		Body []CostActual `maxItems:"1000000"`
	}
	register(s, op{ID: "put-cost-actuals", Method: http.MethodPut, Path: "/projects/{project}/cost/actuals", Summary: "Book actual costs in bulk",
		Description: "Stores the actual costs, replacing those with the same ids, all or nothing. Each is booked to an element (a work package or a " +
			"control account; a planning package takes none) by code, with a type (labour, material, equipment, subcontract, other) and an amount " +
			"in whole cents, negative for a credit. Ids starting \"labour:\" are kept for the costs of approved day-work slips.",
		Tags: costTags, Role: store.RoleEditor, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *costActualsPut) (*BulkResult, error) {
			as := make([]cost.StoredActual, len(in.Body))
			for i, a := range in.Body {
				as[i] = a.StoredActual
			}
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				b, err := cs.LoadBreakdown(ctx, in.Project)
				if err != nil {
					return err
				}
				if err := checkActuals(b, as); err != nil {
					return err
				}
				return notFoundAsInvalid(cs.PutActuals(ctx, in.Project, as))
			})
			if err != nil {
				return nil, err
			}
			return bulkResult(len(as)), nil
		})

	type costActualsDelete struct {
		ProjectPath
		IDs []string `query:"id,explode" required:"true" minItems:"1" maxItems:"1000" doc:"The ids to delete, repeated: ?id=A&id=B. Ids not stored are ignored."`
	}
	register(s, op{ID: "delete-cost-actuals", Method: http.MethodDelete, Path: "/projects/{project}/cost/actuals", Summary: "Delete actual costs by id",
		Tags: costTags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *costActualsDelete) (*struct{}, error) {
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				cs := tx.Cost(k.Tenant)
				if _, err := cs.GetProject(ctx, in.Project); err != nil {
					return err
				}
				return cs.DeleteActuals(ctx, in.Project, in.IDs)
			})
			return nil, err
		})

	type labourBookingOutput struct {
		Body LabourBooking
	}
	register(s, op{ID: "book-labour-actuals", Method: http.MethodPost, Path: "/projects/{project}/cost/actuals/from-labour", Summary: "Book the project's approved day-work slips as actual costs",
		Description: "Prices every approved slip of the project with the tenant's labour settings and stores one labour actual cost per slip, " +
			"id \"labour:<slip id>\", dated the slip's day, booked to the element named by the slip's cost code; slips whose cost code is not an " +
			"element, or is a planning package, are listed as skipped. Approving a slip books it already: this re-books them all, for slips " +
			"approved before their element existed or after the rates changed. Running it again changes nothing.",
		Tags: costTags, Role: store.RoleEditor, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *ProjectPath) (*labourBookingOutput, error) {
			var out labourBookingOutput
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				if _, err := tx.Cost(k.Tenant).GetProject(ctx, in.Project); err != nil {
					return err
				}
				st, err := loadLabourSettings(ctx, tx, k.Tenant)
				if err != nil {
					return err
				}
				ls := tx.Labour(k.Tenant)
				approved, err := listAllSlips(ctx, ls, labour.Filter{Project: in.Project, Status: labour.StatusApproved})
				if err != nil {
					return err
				}
				out.Body, err = bookLabourActuals(ctx, tx, k.Tenant, st, approved)
				return err
			})
			if err != nil {
				return nil, err
			}
			return &out, nil
		})
}
