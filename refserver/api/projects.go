package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Duration is working time as the network JSON writes it: any of days (of
// the relevant calendar), hours and minutes, added up.
type Duration struct {
	Days    float64 `json:"days,omitempty" doc:"Working days of the relevant calendar."`
	Hours   float64 `json:"hours,omitempty" doc:"Working hours (60 working minutes)."`
	Minutes float64 `json:"minutes,omitempty" doc:"Working minutes."`
}

// ProjectOptions are a project's scheduling options, as in the network JSON
// (docs/network-json.md).
type ProjectOptions struct {
	DataDate             string    `json:"dataDate,omitempty" doc:"Status date of progress, project-local wall time." example:"2025-04-01T08:00"`
	MustFinishBy         string    `json:"mustFinishBy,omitempty" doc:"Project must-finish-by; empty means the early finish." example:"2025-12-19T17:00"`
	LagCalendar          string    `json:"lagCalendar,omitempty" enum:"predecessor,successor,24h,projectDefault" doc:"Calendar lags are counted on, unless a link names its own."`
	FloatType            string    `json:"floatType,omitempty" enum:"finish,start,smallest" doc:"Which float is the total float."`
	CriticalFloat        *Duration `json:"criticalFloat,omitempty" doc:"An activity is critical when its total float is at most this."`
	Progress             string    `json:"progress,omitempty" enum:"retainedLogic,progressOverride,actualDates" doc:"How out-of-sequence progress is scheduled."`
	HonorConstraintDates bool      `json:"honorConstraintDates,omitempty" doc:"Let no-later-than and on constraints hold early dates against logic, as MS Project does."`
}

// ProjectBody is a project as a client writes it.
type ProjectBody struct {
	ID              string          `json:"id" pattern:"^[^/\\s][^/]{0,63}$" doc:"The project's id, unique within the tenant." example:"P1"`
	Name            string          `json:"name,omitempty" example:"Riverside bridge"`
	Start           string          `json:"start" doc:"Planned start, project-local wall time." example:"2025-03-03T08:00"`
	DefaultCalendar string          `json:"defaultCalendar,omitempty" doc:"Calendar of activities that name none." example:"standard"`
	Options         *ProjectOptions `json:"options,omitempty"`
}

// Project is a project as the API returns it.
type Project struct {
	ProjectBody
	Version int64 `json:"version" doc:"Incremented on every change; the ETag is \"v<version>\"."`
}

// toStored converts a project body through the network JSON, so that its
// rules (strict dates, enum names, durations) and error messages are the
// network's.
func (b ProjectBody) toStored() (schedule.StoredProject, error) {
	doc := map[string]any{
		"project":    map[string]any{"id": b.ID, "name": b.Name, "start": b.Start, "defaultCalendar": b.DefaultCalendar},
		"calendars":  []any{},
		"activities": []any{},
		"links":      []any{},
	}
	if b.Options != nil {
		doc["options"] = b.Options
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return schedule.StoredProject{}, err
	}
	var net schedule.Network
	if err := json.Unmarshal(raw, &net); err != nil {
		return schedule.StoredProject{}, err
	}
	if net.Project.Start == 0 {
		return schedule.StoredProject{}, lanyan.Errorf(lanyan.CodeInvalid, "project", "start", "is required")
	}
	return schedule.StoredProject{Project: net.Project, Options: net.Options}, nil
}

// projectOut converts a stored project to its API form.
func projectOut(p schedule.StoredProject) (Project, error) {
	net := schedule.Network{Project: p.Project, Options: p.Options}
	raw, err := json.Marshal(&net)
	if err != nil {
		return Project{}, err
	}
	var doc struct {
		Project ProjectBody     `json:"project"`
		Options *ProjectOptions `json:"options"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Project{}, err
	}
	doc.Project.Options = doc.Options
	return Project{ProjectBody: doc.Project, Version: p.Version}, nil
}

// ProjectPath names a project in a path.
type ProjectPath struct {
	Project string `path:"project" doc:"The project's id." example:"P1"`
}

// ProjectOutput is one project with its entity tag.
type ProjectOutput struct {
	ETag     string `header:"ETag" doc:"Send it back in If-Match to update or delete only if nobody changed the project since."`
	Location string `header:"Location"`
	Body     Project
}

// ProjectList is a page of projects.
type ProjectList struct {
	Body struct {
		Items      []Project `json:"items"`
		NextCursor string    `json:"nextCursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
	}
}

func (s *Server) registerProjects() {
	register(s, op{ID: "list-projects", Method: http.MethodGet, Path: "/projects", Summary: "List projects", Tags: []string{"Projects"}, Role: store.RoleViewer},
		func(ctx context.Context, k store.Key, in *PageParams) (*ProjectList, error) {
			after, err := in.after()
			if err != nil {
				return nil, err
			}
			ps, err := s.db.Schedule(k.Tenant).ListProjects(ctx, schedule.Page{After: after, Limit: in.limit()})
			if err != nil {
				return nil, err
			}
			out := &ProjectList{}
			out.Body.Items = make([]Project, 0, len(ps))
			for _, p := range ps {
				po, err := projectOut(p)
				if err != nil {
					return nil, err
				}
				out.Body.Items = append(out.Body.Items, po)
			}
			if len(ps) > 0 {
				out.Body.NextCursor = nextCursor(len(ps), in.limit(), ps[len(ps)-1].ID)
			}
			return out, nil
		})

	type createInput struct {
		IdempotencyHeader
		Body ProjectBody
	}
	register(s, op{ID: "create-project", Method: http.MethodPost, Path: "/projects", Summary: "Create a project",
		Description: "Creates the project's schedule record and its cost record (same id) together.",
		Tags:        []string{"Projects"}, Role: store.RoleEditor, Status: http.StatusCreated, Errors: []int{409, 422}},
		func(ctx context.Context, k store.Key, in *createInput) (*ProjectOutput, error) {
			sp, err := in.Body.toStored()
			if err != nil {
				return nil, err
			}
			var created schedule.StoredProject
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				var err error
				if created, err = tx.Schedule(k.Tenant).CreateProject(ctx, sp); err != nil {
					return err
				}
				_, err = tx.Cost(k.Tenant).CreateProject(ctx, cost.Project{ID: sp.ID, Name: sp.Name})
				return err
			})
			if err != nil {
				return nil, err
			}
			return s.projectOutput(created)
		})

	register(s, op{ID: "get-project", Method: http.MethodGet, Path: "/projects/{project}", Summary: "Get a project", Tags: []string{"Projects"}, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *ProjectPath) (*ProjectOutput, error) {
			p, err := s.db.Schedule(k.Tenant).GetProject(ctx, in.Project)
			if err != nil {
				return nil, err
			}
			return s.projectOutput(p)
		})

	type updateInput struct {
		ProjectPath
		IfMatch string `header:"If-Match" doc:"The ETag the change is based on; a stale one fails with 412."`
		Body    ProjectBody
	}
	register(s, op{ID: "update-project", Method: http.MethodPut, Path: "/projects/{project}", Summary: "Replace a project's record and options",
		Description: "The body's id must be the path's. Send If-Match with the ETag read: a stale write fails with 412 and changes nothing.",
		Tags:        []string{"Projects"}, Role: store.RoleEditor, Errors: []int{404, 409, 412, 422}},
		func(ctx context.Context, k store.Key, in *updateInput) (*ProjectOutput, error) {
			if in.Body.ID != in.Project {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "project", "id", "is %q, not the path's %q", in.Body.ID, in.Project)
			}
			sp, err := in.Body.toStored()
			if err != nil {
				return nil, err
			}
			var updated schedule.StoredProject
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				cur, err := st.GetProject(ctx, in.Project)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, versionTag(cur.Version)); err != nil {
					return err
				}
				sp.Version = cur.Version
				updated, err = st.UpdateProject(ctx, sp)
				return err
			})
			if err != nil {
				return nil, err
			}
			return s.projectOutput(updated)
		})

	type deleteInput struct {
		ProjectPath
		IfMatch string `header:"If-Match" doc:"The ETag the deletion is based on; a stale one fails with 412."`
	}
	register(s, op{ID: "delete-project", Method: http.MethodDelete, Path: "/projects/{project}", Summary: "Delete a project with everything in it",
		Tags: []string{"Projects"}, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 412}},
		func(ctx context.Context, k store.Key, in *deleteInput) (*struct{}, error) {
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				cur, err := st.GetProject(ctx, in.Project)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, versionTag(cur.Version)); err != nil {
					return err
				}
				if err := st.DeleteProject(ctx, in.Project); err != nil {
					return err
				}
				if err := tx.Cost(k.Tenant).DeleteProject(ctx, in.Project); err != nil && lanyan.CodeOf(err) != lanyan.CodeNotFound {
					return err
				}
				return nil
			})
			return nil, err
		})
}

func (s *Server) projectOutput(p schedule.StoredProject) (*ProjectOutput, error) {
	po, err := projectOut(p)
	if err != nil {
		return nil, err
	}
	return &ProjectOutput{ETag: versionTag(p.Version), Location: "/projects/" + url.PathEscape(p.ID), Body: po}, nil
}
