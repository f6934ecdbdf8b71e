package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// ActivityPath names an activity of a project in a path.
type ActivityPath struct {
	ProjectPath
	Activity string `path:"activity" doc:"The activity's id." example:"A1010"`
}

// ActivityOutput is one activity with its entity tag.
type ActivityOutput struct {
	Status   int
	ETag     string `header:"ETag" doc:"Send it back in If-Match to change or delete the activity only if nobody changed it since."`
	Location string `header:"Location" doc:"Where an activity just created is."`
	Body     Activity
}

// ActivityFilter selects the activities of a list.
type ActivityFilter struct {
	Parent   string `query:"parent" doc:"Only the children of this WBS summary activity." example:"WBS1"`
	Kind     string `query:"kind" enum:"task,startMilestone,finishMilestone,levelOfEffort,wbsSummary" doc:"Only activities of this kind."`
	Calendar string `query:"calendar" doc:"Only activities on this calendar, theirs or (when they name none) the project's default." example:"standard"`
	Q        string `query:"q" maxLength:"200" doc:"Only activities whose id or name contains this, ignoring case." example:"pour"`
}

func (f ActivityFilter) empty() bool { return f == ActivityFilter{} }

// matcher returns whether an activity passes the filter; defaultCal is the
// project's default calendar.
func (f ActivityFilter) matcher(defaultCal string) func(a *schedule.Activity) bool {
	q := strings.ToLower(f.Q)
	return func(a *schedule.Activity) bool {
		if f.Parent != "" && a.Parent != f.Parent {
			return false
		}
		if f.Kind != "" && a.Kind.String() != f.Kind {
			return false
		}
		if f.Calendar != "" {
			cal := a.Calendar
			if cal == "" {
				cal = defaultCal
			}
			if cal != f.Calendar {
				return false
			}
		}
		if q != "" && !strings.Contains(strings.ToLower(a.ID), q) && !strings.Contains(strings.ToLower(a.Name), q) {
			return false
		}
		return true
	}
}

func activityLocation(project, id string) string {
	return "/projects/" + url.PathEscape(project) + "/activities/" + url.PathEscape(id)
}

func (s *Server) registerActivities() {
	tags := []string{"Schedule"}

	type activityListInput struct {
		ProjectPath
		PageParams
		ActivityFilter
	}
	type activityListOutput struct {
		Body struct {
			Items      []Activity `json:"items"`
			NextCursor string     `json:"nextCursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
		}
	}
	register(s, op{ID: "list-activities", Method: http.MethodGet, Path: "/projects/{project}/activities", Summary: "List a project's activities",
		Description: "Ordered by id, a page at a time, optionally filtered. Filters keep the paging: a page holds up to limit matching activities, " +
			"and its nextCursor continues after the last of them.",
		Tags: tags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *activityListInput) (*activityListOutput, error) {
			after, err := in.after()
			if err != nil {
				return nil, err
			}
			// Pages are cached while the tenant's schedule data stays the same.
			gen, cacheable := s.db.ScheduleGeneration(k.Tenant)
			cacheKey := fmt.Sprintf("%s\x00%s\x00%d\x00%s\x00%d\x00%q", k.Tenant, in.Project, gen, after, in.limit(), in.ActivityFilter)
			if cacheable {
				if v, ok := s.pages.get(cacheKey); ok {
					return v.(*activityListOutput), nil
				}
			}
			st := s.db.Schedule(k.Tenant)
			conv, err := loadDayConv(ctx, st, in.Project)
			if err != nil {
				return nil, err
			}
			limit := in.limit()
			page := schedule.Page{After: after, Limit: limit}
			match := in.matcher(conv.project.DefaultCalendar)
			if !in.empty() {
				page.Limit = max(limit, 1000)
			}
			var items []schedule.Activity
		read:
			for {
				as, err := st.ListActivities(ctx, in.Project, page)
				if err != nil {
					return nil, err
				}
				for i := range as {
					if match(&as[i]) {
						items = append(items, as[i])
						if len(items) == limit {
							break read
						}
					}
				}
				if len(as) < page.Limit || len(as) == 0 {
					break
				}
				page.After = as[len(as)-1].ID
			}
			out := &activityListOutput{}
			out.Body.Items, _, err = conv.encode(ctx, st, items, nil)
			if err != nil {
				return nil, err
			}
			if len(items) > 0 {
				out.Body.NextCursor = nextCursor(len(items), limit, items[len(items)-1].ID)
			}
			if cacheable {
				s.pages.put(cacheKey, out)
			}
			return out, nil
		})

	register(s, op{ID: "get-activity", Method: http.MethodGet, Path: "/projects/{project}/activities/{activity}", Summary: "Get an activity",
		Tags: tags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *ActivityPath) (*ActivityOutput, error) {
			st := s.db.Schedule(k.Tenant)
			conv, err := loadDayConv(ctx, st, in.Project)
			if err != nil {
				return nil, err
			}
			a, err := st.GetActivity(ctx, in.Project, in.Activity)
			if err != nil {
				return nil, err
			}
			return activityOutput(conv, in.Project, a, http.StatusOK)
		})

	type activityPutInput struct {
		ActivityPath
		RecordPreconditions
		Body Activity
	}
	register(s, op{ID: "put-activity", Method: http.MethodPut, Path: "/projects/{project}/activities/{activity}", Summary: "Create or replace an activity",
		Description: "The body's id must be the path's; its calendar and parent must exist. Durations in days are days of its calendar. " +
			"Answers 201 when the activity is new, 200 when it replaced one. Send If-Match with the ETag read: a stale write fails with 412 and changes nothing.",
		Tags: tags, Role: store.RoleEditor, Errors: []int{404, 412, 422}},
		func(ctx context.Context, k store.Key, in *activityPutInput) (*ActivityOutput, error) {
			if in.Body.ID != in.Activity {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "activity", "id", "is %q, not the path's %q", in.Body.ID, in.Activity)
			}
			var out *ActivityOutput
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				conv, err := loadConv(ctx, st, in.Project)
				if err != nil {
					return err
				}
				current := ""
				cur, err := st.GetActivity(ctx, in.Project, in.Activity)
				switch {
				case err == nil:
					co, err := conv.activityOut(cur)
					if err != nil {
						return err
					}
					current = etagOf(co)
				case lanyan.CodeOf(err) != lanyan.CodeNotFound:
					return err
				}
				if err := in.check(current); err != nil {
					return err
				}
				a, err := conv.activityIn(ctx, st, in.Body)
				if err != nil {
					return err
				}
				if err := st.PutActivities(ctx, in.Project, []schedule.Activity{a}); err != nil {
					return refsInvalid(err)
				}
				stored, err := st.GetActivity(ctx, in.Project, a.ID)
				if err != nil {
					return err
				}
				status := http.StatusOK
				if current == "" {
					status = http.StatusCreated
				}
				out, err = activityOutput(conv, in.Project, stored, status)
				return err
			})
			return out, err
		})

	type activityDeleteInput struct {
		ActivityPath
		IfMatch string `header:"If-Match" doc:"The ETag the deletion is based on; a stale one fails with 412."`
	}
	register(s, op{ID: "delete-activity", Method: http.MethodDelete, Path: "/projects/{project}/activities/{activity}", Summary: "Delete an activity and its links",
		Description: "Deletes the links to and from it too. Fails with 409 while it is the parent of another activity.",
		Tags:        tags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 409, 412}},
		func(ctx context.Context, k store.Key, in *activityDeleteInput) (*struct{}, error) {
			return nil, s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				conv, err := loadConv(ctx, st, in.Project)
				if err != nil {
					return err
				}
				a, err := st.GetActivity(ctx, in.Project, in.Activity)
				if err != nil {
					return err
				}
				co, err := conv.activityOut(a)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, etagOf(co)); err != nil {
					return err
				}
				return st.DeleteActivities(ctx, in.Project, []string{in.Activity})
			})
		})
}

func activityOutput(conv *schedConv, project string, a schedule.Activity, status int) (*ActivityOutput, error) {
	ao, err := conv.activityOut(a)
	if err != nil {
		return nil, err
	}
	out := &ActivityOutput{Status: status, ETag: etagOf(ao), Body: ao}
	if status == http.StatusCreated {
		out.Location = activityLocation(project, a.ID)
	}
	return out, nil
}
