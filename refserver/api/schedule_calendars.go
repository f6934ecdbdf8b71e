package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// CalendarPath names a calendar of a project in a path.
type CalendarPath struct {
	ProjectPath
	Calendar string `path:"calendar" doc:"The calendar's id." example:"standard"`
}

// CalendarOutput is one calendar with its entity tag.
type CalendarOutput struct {
	Status   int
	ETag     string `header:"ETag" doc:"Send it back in If-Match to change or delete the calendar only if nobody changed it since."`
	Location string `header:"Location" doc:"Where a calendar just created is."`
	Body     Calendar
}

// RecordPreconditions are the conditional headers of a write to one record.
type RecordPreconditions struct {
	IfMatch     string `header:"If-Match" doc:"The ETag the change is based on; a stale one fails with 412 and changes nothing."`
	IfNoneMatch string `header:"If-None-Match" enum:"*" doc:"* to create the record only if it does not exist yet (412 otherwise)."`
}

// check checks the preconditions against the record's current entity tag, ""
// when the record does not exist.
func (p RecordPreconditions) check(current string) error {
	if current == "" {
		if p.IfMatch != "" {
			return huma.Error412PreconditionFailed("the resource does not exist (If-Match " + p.IfMatch + ")")
		}
		return nil
	}
	if p.IfNoneMatch == "*" {
		return huma.Error412PreconditionFailed("the resource exists already (If-None-Match *)")
	}
	return ifMatch(p.IfMatch, current)
}

func calendarLocation(project, id string) string {
	return "/projects/" + url.PathEscape(project) + "/calendars/" + url.PathEscape(id)
}

func (s *Server) registerCalendars() {
	tags := []string{"Schedule"}

	type calendarListOutput struct {
		Body struct {
			Items []Calendar `json:"items"`
		}
	}
	register(s, op{ID: "list-calendars", Method: http.MethodGet, Path: "/projects/{project}/calendars", Summary: "List a project's calendars",
		Description: "All of them, ordered by id.", Tags: tags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *ProjectPath) (*calendarListOutput, error) {
			st := s.db.Schedule(k.Tenant)
			if _, err := st.GetProject(ctx, in.Project); err != nil {
				return nil, err
			}
			cals, err := st.ListCalendars(ctx, in.Project)
			if err != nil {
				return nil, err
			}
			out := &calendarListOutput{}
			out.Body.Items = make([]Calendar, 0, len(cals))
			for _, c := range cals {
				co, err := calendarOut(c)
				if err != nil {
					return nil, err
				}
				out.Body.Items = append(out.Body.Items, co)
			}
			return out, nil
		})

	register(s, op{ID: "get-calendar", Method: http.MethodGet, Path: "/projects/{project}/calendars/{calendar}", Summary: "Get a calendar",
		Tags: tags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *CalendarPath) (*CalendarOutput, error) {
			c, err := s.db.Schedule(k.Tenant).GetCalendar(ctx, in.Project, in.Calendar)
			if err != nil {
				return nil, err
			}
			return calendarOutput(in.Project, c, http.StatusOK)
		})

	type calendarPutInput struct {
		CalendarPath
		RecordPreconditions
		Body Calendar
	}
	register(s, op{ID: "put-calendar", Method: http.MethodPut, Path: "/projects/{project}/calendars/{calendar}", Summary: "Create or replace a calendar",
		Description: "The body's id must be the path's; a base calendar must exist already. The calendar is checked as the scheduler will use it " +
			"(periods in order, some working time). Answers 201 when the calendar is new, 200 when it replaced one. " +
			"Send If-Match with the ETag read: a stale write fails with 412 and changes nothing.",
		Tags: tags, Role: store.RoleEditor, Errors: []int{404, 412, 422}},
		func(ctx context.Context, k store.Key, in *calendarPutInput) (*CalendarOutput, error) {
			if in.Body.ID != in.Calendar {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "calendar", "id", "is %q, not the path's %q", in.Body.ID, in.Calendar)
			}
			c, err := calendarIn(in.Body)
			if err != nil {
				return nil, err
			}
			var out *CalendarOutput
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				conv, err := loadConv(ctx, st, in.Project)
				if err != nil {
					return err
				}
				current := ""
				for _, sc := range conv.cals {
					if sc.ID == c.ID {
						co, err := calendarOut(sc)
						if err != nil {
							return err
						}
						current = etagOf(co)
					}
				}
				if err := in.check(current); err != nil {
					return err
				}
				if err := checkCalendars([]schedule.Calendar{c}, mergeCalendars(conv.cals, []schedule.Calendar{c})); err != nil {
					return err
				}
				if err := st.PutCalendar(ctx, in.Project, c); err != nil {
					return refsInvalid(err)
				}
				stored, err := st.GetCalendar(ctx, in.Project, c.ID)
				if err != nil {
					return err
				}
				status := http.StatusOK
				if current == "" {
					status = http.StatusCreated
				}
				out, err = calendarOutput(in.Project, stored, status)
				return err
			})
			return out, err
		})

	type calendarDeleteInput struct {
		CalendarPath
		IfMatch string `header:"If-Match" doc:"The ETag the deletion is based on; a stale one fails with 412."`
	}
	register(s, op{ID: "delete-calendar", Method: http.MethodDelete, Path: "/projects/{project}/calendars/{calendar}", Summary: "Delete a calendar",
		Description: "Fails with 409 while an activity or another calendar refers to it.",
		Tags:        tags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 409, 412}},
		func(ctx context.Context, k store.Key, in *calendarDeleteInput) (*struct{}, error) {
			return nil, s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				c, err := st.GetCalendar(ctx, in.Project, in.Calendar)
				if err != nil {
					return err
				}
				co, err := calendarOut(c)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, etagOf(co)); err != nil {
					return err
				}
				return st.DeleteCalendar(ctx, in.Project, in.Calendar)
			})
		})
}

func calendarOutput(project string, c schedule.Calendar, status int) (*CalendarOutput, error) {
	co, err := calendarOut(c)
	if err != nil {
		return nil, err
	}
	out := &CalendarOutput{Status: status, ETag: etagOf(co), Body: co}
	if status == http.StatusCreated {
		out.Location = calendarLocation(project, c.ID)
	}
	return out, nil
}
