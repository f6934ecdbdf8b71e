package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// linkAfter reads a link cursor: the predecessor and successor of the last
// link of the page before, joined by a NUL.
func linkAfter(p PageParams) (schedule.LinkKey, bool, error) {
	after, err := p.after()
	if err != nil || after == "" {
		return schedule.LinkKey{}, false, err
	}
	pred, succ, ok := strings.Cut(after, "\x00")
	if !ok {
		return schedule.LinkKey{}, false, lanyan.Errorf(lanyan.CodeInvalid, "query", "cursor", "is not a cursor this API gave")
	}
	return schedule.LinkKey{Pred: pred, Succ: succ}, true, nil
}

func (s *Server) registerLinks() {
	tags := []string{"Schedule"}

	type linkListInput struct {
		ProjectPath
		PageParams
		Pred string `query:"pred" doc:"Only the links from this activity." example:"A1010"`
		Succ string `query:"succ" doc:"Only the links to this activity." example:"A1020"`
	}
	type linkListOutput struct {
		Body struct {
			Items      []Link `json:"items"`
			NextCursor string `json:"nextCursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
		}
	}
	register(s, op{ID: "list-links", Method: http.MethodGet, Path: "/projects/{project}/links", Summary: "List a project's links",
		Description: "Ordered by predecessor then successor, a page at a time, optionally only those from or to an activity. " +
			"Lags in days are days of the predecessor's calendar.",
		Tags: tags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *linkListInput) (*linkListOutput, error) {
			after, hasAfter, err := linkAfter(in.PageParams)
			if err != nil {
				return nil, err
			}
			st := s.db.Schedule(k.Tenant)
			conv, err := loadDayConv(ctx, st, in.Project)
			if err != nil {
				return nil, err
			}
			limit := in.limit()
			page, err := st.LinkPage(ctx, in.Project, hasAfter, after.Pred, after.Succ, in.Pred, in.Succ, limit)
			if err != nil {
				return nil, err
			}
			out := &linkListOutput{}
			if _, out.Body.Items, err = conv.encode(ctx, st, nil, page); err != nil {
				return nil, err
			}
			if n := len(page); n > 0 {
				out.Body.NextCursor = nextCursor(n, limit, page[n-1].Pred+"\x00"+page[n-1].Succ)
			}
			return out, nil
		})

	type linksPutInput struct {
		ProjectPath
		Body struct {
			Links []Link `json:"links" doc:"The links to store, replacing those with the same ends."`
		}
	}
	type linksPutOutput struct {
		Body struct {
			Upserted int `json:"upserted" doc:"Links stored."`
		}
	}
	register(s, op{ID: "put-links", Method: http.MethodPut, Path: "/projects/{project}/links", Summary: "Store links",
		Description: "Creates or replaces each link (by its predecessor and successor), all or nothing: both ends must be stored activities, " +
			"and a bad link fails the whole request with an error naming it. For many links with activities and calendars, see POST /projects/{project}/network.",
		Tags: tags, Role: store.RoleEditor, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *linksPutInput) (*linksPutOutput, error) {
			raw, err := json.Marshal(in.Body.Links)
			if err != nil {
				return nil, err
			}
			out := &linksPutOutput{}
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				conv, err := loadConv(ctx, st, in.Project)
				if err != nil {
					return err
				}
				net, err := conv.decode(ctx, st, fragmentJSON{Links: raw})
				if err != nil {
					return err
				}
				if err := st.PutLinks(ctx, in.Project, net.Links); err != nil {
					return refsInvalid(err)
				}
				out.Body.Upserted = len(net.Links)
				return nil
			})
			return out, err
		})

	type linksDeleteInput struct {
		ProjectPath
		Body struct {
			Keys []LinkKey `json:"keys" doc:"The links to delete, by their ends; links not stored are ignored."`
		}
	}
	register(s, op{ID: "delete-links", Method: http.MethodDelete, Path: "/projects/{project}/links", Summary: "Delete links",
		Description: "Deletes the links named in the body, all or nothing; links not stored are ignored.",
		Tags:        tags, Role: store.RoleEditor, Status: http.StatusNoContent, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *linksDeleteInput) (*struct{}, error) {
			keys := make([]schedule.LinkKey, len(in.Body.Keys))
			for i, key := range in.Body.Keys {
				keys[i] = schedule.LinkKey{Pred: key.Pred, Succ: key.Succ}
			}
			return nil, s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				if _, err := st.GetProject(ctx, in.Project); err != nil {
					return err
				}
				return st.DeleteLinks(ctx, in.Project, keys)
			})
		})
}
