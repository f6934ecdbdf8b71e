package api

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/mspdi"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
	"github.com/lanyan-dev/lanyan/schedule/xer"
)

// standardWeek is the standard calendar's week: Monday to Friday, 08:00–12:00
// and 13:00–17:00.
func standardWeek() map[string]any {
	day := []any{map[string]any{"start": "08:00", "end": "12:00"}, map[string]any{"start": "13:00", "end": "17:00"}}
	return map[string]any{"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day, "saturday": []any{}, "sunday": []any{}}
}

// newScheduleProject creates project id starting Monday 2025-03-03 08:00 on
// the standard calendar, which it stores.
func newScheduleProject(t *testing.T, e *env, id string) {
	t.Helper()
	resp := e.api.Post("/projects", e.as(store.RoleEditor), map[string]any{"id": id, "start": "2025-03-03T08:00", "defaultCalendar": "standard"})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	resp = e.api.Put("/projects/"+id+"/calendars/standard", e.as(store.RoleEditor),
		map[string]any{"id": "standard", "name": "Standard", "week": standardWeek(), "hoursPerDay": 8})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
}

// postRaw sends body as it is, as an upload.
func postRaw(e *env, path string, body []byte, headers ...string) *httptest.ResponseRecorder {
	args := []any{"Content-Type: application/octet-stream"}
	for _, h := range headers {
		args = append(args, h)
	}
	args = append(args, bytes.NewReader(body))
	return e.api.Post(path, args...)
}

func decodeBody[T any](t *testing.T, resp *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(resp.Body.Bytes(), &v), resp.Body.String())
	return v
}

// threeInARow is A (2 days) → B (3 days) → C (1 day).
var threeInARow = map[string]any{
	"activities": []any{
		map[string]any{"id": "A", "name": "Excavate", "duration": map[string]any{"days": 2}},
		map[string]any{"id": "B", "name": "Pour footings", "duration": map[string]any{"days": 3}},
		map[string]any{"id": "C", "name": "Strip forms", "duration": map[string]any{"days": 1}},
	},
	"links": []any{
		map[string]any{"pred": "A", "succ": "B"},
		map[string]any{"pred": "B", "succ": "C"},
	},
}

func TestScheduleComputeHandWorked(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	resp := e.api.Post("/projects/P1/network", e.as(store.RoleEditor), threeInARow)
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, NetworkCounts{Activities: 3, Links: 2}, decodeBody[NetworkCounts](t, resp))

	// Never computed yet.
	resp = e.api.Get("/projects/P1/schedule", e.as(store.RoleViewer))
	assert.Equal(t, http.StatusNotFound, resp.Code)
	assert.Contains(t, resp.Body.String(), "not been computed")

	// Working days from Monday 2025-03-03 08:00, 8 hours a day:
	//   A: Mon 3, Tue 4            → finishes Tue 2025-03-04 17:00
	//   B: Wed 5, Thu 6, Fri 7     → finishes Fri 2025-03-07 17:00
	//   (Sat 8, Sun 9 off)
	//   C: Mon 10                  → 2025-03-10 08:00 – 17:00
	resp = e.api.Post("/projects/P1/schedule", e.as(store.RoleEditor))
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	sum := decodeBody[ScheduleSummary](t, resp)
	assert.Equal(t, ScheduleSummary{EarlyFinish: "2025-03-10T17:00", CriticalCount: 3, LongestPath: []string{"A", "B", "C"}, Activities: 3}, sum)
	assert.Equal(t, "/projects/P1/schedule", resp.Header().Get("Location"))

	resp = e.api.Get("/projects/P1/schedule", e.as(store.RoleViewer))
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	res := decodeBody[ScheduleResult](t, resp)
	require.Len(t, res.Activities, 3)
	assert.Equal(t, "2025-03-10T17:00", res.EarlyFinish)
	for i, want := range []struct{ id, es, ef string }{
		{"A", "2025-03-03T08:00", "2025-03-04T17:00"},
		{"B", "2025-03-05T08:00", "2025-03-07T17:00"},
		{"C", "2025-03-10T08:00", "2025-03-10T17:00"},
	} {
		a := res.Activities[i]
		assert.Equal(t, want.id, a.ID)
		assert.Equal(t, want.es, a.EarlyStart, want.id)
		assert.Equal(t, want.ef, a.EarlyFinish, want.id)
		assert.Equal(t, want.es, a.LateStart, want.id)
		assert.True(t, a.Critical, want.id)
	}
	require.Len(t, res.Links, 2)
	assert.True(t, res.Links[0].Driving)
	// The body is schedule.MarshalResult's: it reads back for the network.
	net, err := e.srv.DB().Schedule("acme").LoadNetwork(context.Background(), "P1")
	require.NoError(t, err)
	_, err = schedule.UnmarshalResult(resp.Body.Bytes(), net)
	require.NoError(t, err)

	// An override for this computation only: with the data date on Wednesday
	// 5 March, A takes Wed 5 and Thu 6, B Fri 7, Mon 10 and Tue 11, C Wed 12.
	resp = e.api.Post("/projects/P1/schedule", e.as(store.RoleEditor), map[string]any{"dataDate": "2025-03-05T08:00"})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, "2025-03-12T17:00", decodeBody[ScheduleSummary](t, resp).EarlyFinish)
	resp = e.api.Post("/projects/P1/schedule", e.as(store.RoleEditor), map[string]any{"dataDate": "2025-02-30T08:00"})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "dataDate")
	resp = e.api.Post("/projects/P1/schedule", e.as(store.RoleEditor))
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, "2025-03-10T17:00", decodeBody[ScheduleSummary](t, resp).EarlyFinish)

	// A loop of links: 422 naming its activities; the saved result stays.
	resp = e.api.Put("/projects/P1/links", e.as(store.RoleEditor), map[string]any{"links": []any{map[string]any{"pred": "C", "succ": "A"}}})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	resp = e.api.Post("/projects/P1/schedule", e.as(store.RoleEditor))
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "cycle")
	for _, id := range []string{"A", "B", "C"} {
		assert.Contains(t, resp.Body.String(), id)
	}
	// The network has a link more than the saved schedule: compute again.
	resp = e.api.Get("/projects/P1/schedule", e.as(store.RoleViewer))
	assert.Equal(t, http.StatusConflict, resp.Code)
}

func TestScheduleCalendars(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	ed := e.as(store.RoleEditor)

	resp := e.api.Get("/projects/P1/calendars/standard", e.as(store.RoleViewer))
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	tag := resp.Header().Get("ETag")
	require.NotEmpty(t, tag)
	std := decodeBody[Calendar](t, resp)
	assert.Equal(t, []WorkPeriod{{"08:00", "12:00"}, {"13:00", "17:00"}}, std.Week["monday"])
	assert.Equal(t, []WorkPeriod{}, std.Week["sunday"], "a non-working day stays [] (not inherited)")
	assert.Equal(t, tag, etagOf(std))

	// A calendar inheriting from it, with a holiday and a 10-hour day.
	long := map[string]any{"id": "long", "name": "Long days", "base": "standard", "hoursPerDay": 10,
		"week":       map[string]any{"saturday": []any{map[string]any{"start": "07:00", "end": "17:00"}}},
		"exceptions": []any{map[string]any{"name": "国庆节", "from": "2025-10-01", "to": "2025-10-08"}}}
	resp = e.api.Put("/projects/P1/calendars/long", ed, long)
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	assert.Equal(t, "/projects/P1/calendars/long", resp.Header().Get("Location"))
	longTag := resp.Header().Get("ETag")
	got := decodeBody[Calendar](t, resp)
	assert.Equal(t, "standard", got.Base)
	assert.NotContains(t, got.Week, "monday", "monday is inherited")
	require.Len(t, got.Exceptions, 1)
	assert.Equal(t, "2025-10-08", got.Exceptions[0].To)

	resp = e.api.Get("/projects/P1/calendars", e.as(store.RoleViewer))
	require.Equal(t, http.StatusOK, resp.Code)
	list := decodeBody[struct{ Items []Calendar }](t, resp)
	require.Len(t, list.Items, 2)
	assert.Equal(t, "long", list.Items[0].ID)

	// Stale writes change nothing.
	long["name"] = "Long days (revised)"
	resp = e.api.Put("/projects/P1/calendars/long", ed, "If-Match: "+longTag, long)
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	newTag := resp.Header().Get("ETag")
	assert.NotEqual(t, longTag, newTag)
	long["name"] = "lost update"
	resp = e.api.Put("/projects/P1/calendars/long", ed, "If-Match: "+longTag, long)
	assert.Equal(t, http.StatusPreconditionFailed, resp.Code)
	resp = e.api.Put("/projects/P1/calendars/long", ed, "If-None-Match: *", long)
	assert.Equal(t, http.StatusPreconditionFailed, resp.Code)
	resp = e.api.Put("/projects/P1/calendars/other", ed, "If-Match: "+newTag, map[string]any{"id": "other", "week": standardWeek()})
	assert.Equal(t, http.StatusPreconditionFailed, resp.Code, "If-Match on a calendar that does not exist")
	resp = e.api.Get("/projects/P1/calendars/long", e.as(store.RoleViewer))
	assert.Equal(t, "Long days (revised)", decodeBody[Calendar](t, resp).Name)
	assert.Equal(t, newTag, resp.Header().Get("ETag"))

	// Bad calendars name the field.
	for _, tc := range []struct {
		name string
		body map[string]any
		want string
	}{
		{"id differs from the path", map[string]any{"id": "x", "week": standardWeek()}, "path"},
		{"overlapping periods", map[string]any{"id": "bad", "week": map[string]any{"monday": []any{
			map[string]any{"start": "08:00", "end": "12:00"}, map[string]any{"start": "11:00", "end": "17:00"}}}}, "week.monday"},
		{"no working time", map[string]any{"id": "bad", "week": map[string]any{"monday": []any{}}}, "no working day"},
		{"unknown base", map[string]any{"id": "bad", "base": "nowhere", "week": standardWeek()}, "nowhere"},
		{"unknown weekday", map[string]any{"id": "bad", "week": map[string]any{"funday": []any{}}}, "funday"},
		{"bad date", map[string]any{"id": "bad", "week": standardWeek(), "exceptions": []any{map[string]any{"from": "2025-02-29"}}}, "2025-02-29"},
		{"bad time", map[string]any{"id": "bad", "week": map[string]any{"monday": []any{map[string]any{"start": "25:00", "end": "26:00"}}}}, "25:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.api.Put("/projects/P1/calendars/bad", ed, tc.body)
			assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
			assert.Contains(t, resp.Body.String(), tc.want)
		})
	}
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/calendars/bad", ed).Code, "nothing written")

	// A calendar in use cannot go; a stale tag cannot delete.
	resp = e.api.Put("/projects/P1/activities/A", ed, map[string]any{"id": "A", "calendar": "long", "duration": map[string]any{"days": 1}})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	assert.Equal(t, http.StatusConflict, e.api.Delete("/projects/P1/calendars/long", ed).Code)
	assert.Equal(t, http.StatusConflict, e.api.Delete("/projects/P1/calendars/standard", ed).Code, "long's base")
	require.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/activities/A", ed).Code)
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Delete("/projects/P1/calendars/long", ed, "If-Match: "+longTag).Code)
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/calendars/long", ed, "If-Match: "+newTag).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/calendars/long", ed).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Delete("/projects/P1/calendars/long", ed).Code)
}

func TestScheduleActivities(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	ed, vw := e.as(store.RoleEditor), e.as(store.RoleViewer)
	resp := e.api.Put("/projects/P1/calendars/long", ed, map[string]any{"id": "long", "base": "standard", "hoursPerDay": 10})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())

	body := map[string]any{"id": "A1010", "name": "Pour slab", "calendar": "long", "duration": map[string]any{"days": 2},
		"constraint": map[string]any{"type": "startNoEarlierThan", "date": "2025-03-10T08:00"}, "percentComplete": 25}
	resp = e.api.Put("/projects/P1/activities/A1010", ed, body)
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	assert.Equal(t, "/projects/P1/activities/A1010", resp.Header().Get("Location"))
	tag := resp.Header().Get("ETag")
	a := decodeBody[Activity](t, resp)
	assert.Equal(t, &Duration{Days: 2}, a.Duration)
	assert.Equal(t, &Constraint{Type: "startNoEarlierThan", Date: "2025-03-10T08:00"}, a.Constraint)
	// Days are days of the activity's own calendar: 2 × 10 hours.
	stored, err := e.srv.DB().Schedule("acme").GetActivity(context.Background(), "P1", "A1010")
	require.NoError(t, err)
	assert.Equal(t, int64(1200), stored.Duration)

	resp = e.api.Get("/projects/P1/activities/A1010", vw)
	require.Equal(t, http.StatusOK, resp.Code)
	assert.Equal(t, tag, resp.Header().Get("ETag"))
	assert.Equal(t, a, decodeBody[Activity](t, resp))

	// If-Match: a stale tag changes nothing.
	body["name"] = "Pour slab, level 1"
	resp = e.api.Put("/projects/P1/activities/A1010", ed, "If-Match: "+tag, body)
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	tag2 := resp.Header().Get("ETag")
	body["name"] = "lost update"
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Put("/projects/P1/activities/A1010", ed, "If-Match: "+tag, body).Code)
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Delete("/projects/P1/activities/A1010", ed, "If-Match: "+tag).Code)
	assert.Equal(t, "Pour slab, level 1", decodeBody[Activity](t, e.api.Get("/projects/P1/activities/A1010", vw)).Name)

	// Bad activities name the field; nothing is written.
	for _, tc := range []struct {
		name string
		body map[string]any
		want string
	}{
		{"duration as a string", map[string]any{"id": "X", "duration": map[string]any{"days": "5"}}, "days"},
		{"unknown kind", map[string]any{"id": "X", "kind": "Task"}, "kind"},
		{"unknown calendar", map[string]any{"id": "X", "calendar": "nowhere"}, "nowhere"},
		{"unknown parent", map[string]any{"id": "X", "parent": "nowhere"}, "nowhere"},
		{"bad actual start", map[string]any{"id": "X", "actualStart": "2025-13-01T08:00"}, "actualStart"},
		{"negative remaining", map[string]any{"id": "X", "remainingDuration": map[string]any{"days": -1}}, "remainingDuration"},
		{"id differs from the path", map[string]any{"id": "Y"}, "path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.api.Put("/projects/P1/activities/X", ed, tc.body)
			assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
			assert.Contains(t, resp.Body.String(), tc.want)
		})
	}
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/activities/X", vw).Code)

	// A WBS and a few activities to filter and page through.
	resp = e.api.Post("/projects/P1/network", ed, map[string]any{"activities": []any{
		map[string]any{"id": "W1", "name": "Substructure", "kind": "wbsSummary"},
		map[string]any{"id": "A1020", "name": "Pour walls", "parent": "W1", "duration": map[string]any{"days": 3}},
		map[string]any{"id": "A1030", "name": "Cure walls", "parent": "W1", "duration": map[string]any{"days": 7}},
		map[string]any{"id": "A1040", "name": "Backfill", "parent": "W1", "calendar": "long", "duration": map[string]any{"days": 1}},
		map[string]any{"id": "M1", "name": "Walls poured", "kind": "finishMilestone", "parent": "W1"},
		map[string]any{"id": "POUR-9", "name": "Trial", "duration": map[string]any{"hours": 4}},
	}})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())

	type page struct {
		Items      []Activity `json:"items"`
		NextCursor string     `json:"nextCursor"`
	}
	all := func(query string, limit int) []string {
		t.Helper()
		var ids []string
		cursor := ""
		for range 20 {
			resp := e.api.Get("/projects/P1/activities?limit="+strconv.Itoa(limit)+"&cursor="+cursor+query, vw)
			require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
			p := decodeBody[page](t, resp)
			assert.LessOrEqual(t, len(p.Items), limit)
			for _, a := range p.Items {
				ids = append(ids, a.ID)
			}
			if p.NextCursor == "" {
				return ids
			}
			cursor = p.NextCursor
		}
		t.Fatal("paging does not end")
		return nil
	}
	assert.Equal(t, []string{"A1010", "A1020", "A1030", "A1040", "M1", "POUR-9", "W1"}, all("", 3))
	assert.Equal(t, []string{"A1010", "A1020", "M1", "POUR-9"}, all("&q=pour", 1), "q: id or name (M1: Walls poured), ignoring case")
	assert.Equal(t, []string{"A1010", "A1020", "M1", "POUR-9"}, all("&q=POUR", 2))
	assert.Equal(t, []string{"A1020", "A1030", "A1040", "M1"}, all("&parent=W1", 2))
	assert.Equal(t, []string{"M1"}, all("&kind=finishMilestone", 5))
	assert.Equal(t, []string{"A1010", "A1040"}, all("&calendar=long", 1))
	assert.Equal(t, []string{"A1020", "A1030", "M1", "POUR-9", "W1"}, all("&calendar=standard", 2), "the project's default calendar")
	assert.Equal(t, []string{"A1030"}, all("&parent=W1&q=cure", 100))
	assert.Empty(t, all("&q=nothing-like-it", 2))
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/activities?kind=Task", vw).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/activities?cursor=zz", vw).Code)

	// Deleting an activity deletes its links; a parent cannot go while it
	// has children.
	resp = e.api.Put("/projects/P1/links", ed, map[string]any{"links": []any{
		map[string]any{"pred": "A1020", "succ": "A1030"}, map[string]any{"pred": "A1030", "succ": "A1040"}}})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, http.StatusConflict, e.api.Delete("/projects/P1/activities/W1", ed).Code)
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/activities/A1030", ed).Code)
	links := decodeBody[struct{ Items []Link }](t, e.api.Get("/projects/P1/links", vw))
	assert.Empty(t, links.Items)
	assert.Equal(t, http.StatusNotFound, e.api.Delete("/projects/P1/activities/A1030", ed).Code)
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/activities/A1010", ed, "If-Match: "+tag2).Code)
}

func TestScheduleLinks(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	ed, vw := e.as(store.RoleEditor), e.as(store.RoleViewer)
	resp := e.api.Post("/projects/P1/network", ed, map[string]any{
		"calendars": []any{map[string]any{"id": "long", "base": "standard", "hoursPerDay": 10}},
		"activities": []any{
			map[string]any{"id": "A", "calendar": "long", "duration": map[string]any{"days": 1}},
			map[string]any{"id": "B", "duration": map[string]any{"days": 1}},
			map[string]any{"id": "C", "duration": map[string]any{"days": 1}},
		},
		"links": []any{map[string]any{"pred": "A", "succ": "B", "lag": map[string]any{"days": 1}}},
	})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.Equal(t, NetworkCounts{Calendars: 1, Activities: 3, Links: 1}, decodeBody[NetworkCounts](t, resp))
	ls, err := e.srv.DB().Schedule("acme").ListLinks(context.Background(), "P1")
	require.NoError(t, err)
	require.Len(t, ls, 1)
	assert.Equal(t, int64(600), ls[0].Lag, "a day of the predecessor's 10-hour calendar")

	// A lag in days after a stored predecessor is also in its calendar's days.
	resp = e.api.Put("/projects/P1/links", ed, map[string]any{"links": []any{
		map[string]any{"pred": "A", "succ": "C", "type": "SS", "lag": map[string]any{"days": 2}},
		map[string]any{"pred": "B", "succ": "C", "lag": map[string]any{"days": 1}},
	}})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	assert.JSONEq(t, `{"upserted": 2}`, resp.Body.String())
	ls, err = e.srv.DB().Schedule("acme").ListLinks(context.Background(), "P1")
	require.NoError(t, err)
	require.Len(t, ls, 3)
	assert.Equal(t, schedule.Link{Pred: "A", Succ: "C", Type: schedule.SS, Lag: 1200}, ls[1])
	assert.Equal(t, int64(480), ls[2].Lag)

	// Pages of one, in pred/succ order, lags read back in days.
	var got []Link
	cursor := ""
	for range 10 {
		resp := e.api.Get("/projects/P1/links?limit=1&cursor="+cursor, vw)
		require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
		p := decodeBody[struct {
			Items      []Link
			NextCursor string
		}](t, resp)
		got = append(got, p.Items...)
		if cursor = p.NextCursor; cursor == "" {
			break
		}
	}
	assert.Equal(t, []Link{
		{Pred: "A", Succ: "B", Lag: &Duration{Days: 1}},
		{Pred: "A", Succ: "C", Type: "SS", Lag: &Duration{Days: 2}},
		{Pred: "B", Succ: "C", Lag: &Duration{Days: 1}},
	}, got)
	p := decodeBody[struct{ Items []Link }](t, e.api.Get("/projects/P1/links?succ=C", vw))
	assert.Len(t, p.Items, 2)
	p = decodeBody[struct{ Items []Link }](t, e.api.Get("/projects/P1/links?pred=B", vw))
	assert.Len(t, p.Items, 1)

	// All or nothing: one bad link fails the batch, naming it.
	resp = e.api.Put("/projects/P1/links", ed, map[string]any{"links": []any{
		map[string]any{"pred": "B", "succ": "A"}, map[string]any{"pred": "C", "succ": "Z"}}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
	assert.Contains(t, resp.Body.String(), "Z")
	resp = e.api.Put("/projects/P1/links", ed, map[string]any{"links": []any{map[string]any{"pred": "B", "succ": "A", "type": "fs"}}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "type")
	ls, err = e.srv.DB().Schedule("acme").ListLinks(context.Background(), "P1")
	require.NoError(t, err)
	assert.Len(t, ls, 3)

	// Delete by keys; unknown keys are ignored.
	resp = e.api.Delete("/projects/P1/links", ed, map[string]any{"keys": []any{
		map[string]any{"pred": "A", "succ": "C"}, map[string]any{"pred": "C", "succ": "A"}}})
	require.Equal(t, http.StatusNoContent, resp.Code, resp.Body.String())
	ls, err = e.srv.DB().Schedule("acme").ListLinks(context.Background(), "P1")
	require.NoError(t, err)
	assert.Len(t, ls, 2)
}

func TestScheduleNetworkBulk(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	ed := e.as(store.RoleEditor)
	for _, tc := range []struct {
		name string
		body string
		want []string
	}{
		{"duration as a string", `{"activities": [{"id": "A1030", "duration": {"days": "5"}}]}`, []string{`activity \"A1030\"`, "duration"}},
		{"unknown field", `{"activities": [{"id": "A1", "durration": {"days": 5}}]}`, []string{`activity \"A1\"`, "durration"}},
		{"unknown top-level field", `{"tasks": []}`, []string{"tasks"}},
		{"bad link type", `{"activities": [{"id": "A"}, {"id": "B"}], "links": [{"pred": "A", "succ": "B", "type": "fs"}]}`, []string{"link 0 (A→B)", "type"}},
		{"link to an activity nowhere", `{"activities": [{"id": "A"}], "links": [{"pred": "A", "succ": "Z"}]}`, []string{"Z"}},
		{"calendar without working time", `{"calendars": [{"id": "idle", "week": {}}], "activities": [{"id": "A"}]}`, []string{`calendar \"idle\"`}},
		{"activities not an array", `{"activities": {"id": "A"}}`, []string{"activities"}},
		{"not JSON", `{"activities": [`, []string{"network"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.api.Post("/projects/P1/network", ed, "Content-Type: application/json", strings.NewReader(tc.body))
			assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
			for _, w := range tc.want {
				assert.Contains(t, resp.Body.String(), w)
			}
		})
	}
	// Nothing of the failed requests was stored.
	acts, err := e.srv.DB().Schedule("acme").ListActivities(context.Background(), "P1", schedule.Page{})
	require.NoError(t, err)
	assert.Empty(t, acts)
	cals, err := e.srv.DB().Schedule("acme").ListCalendars(context.Background(), "P1")
	require.NoError(t, err)
	assert.Len(t, cals, 1)

	// Calendars built on each other, in any order, with activities and links.
	resp := e.api.Post("/projects/P1/network", ed, map[string]any{
		"calendars": []any{
			map[string]any{"id": "night", "base": "six", "hoursPerDay": 6},
			map[string]any{"id": "six", "base": "standard", "week": map[string]any{"saturday": standardWeek()["monday"]}},
		},
		"activities": []any{map[string]any{"id": "N1", "calendar": "night", "duration": map[string]any{"days": 1}}, map[string]any{"id": "N2"}},
		"links":      []any{map[string]any{"pred": "N1", "succ": "N2"}},
	})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	a, err := e.srv.DB().Schedule("acme").GetActivity(context.Background(), "P1", "N1")
	require.NoError(t, err)
	assert.Equal(t, int64(360), a.Duration)
	assert.Equal(t, http.StatusNotFound, e.api.Post("/projects/NOPE/network", ed, threeInARow).Code)
}

// fixture returns the bytes of a file of the shared test data, skipping the
// test when it is absent.
func fixture(t *testing.T, parts ...string) []byte {
	t.Helper()
	path := filepath.Join(append([]string{"..", "..", "..", "shared", "testdata", "schedule"}, parts...)...)
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("fixture %s is absent (the shared test data is not checked out beside the repository)", path)
	}
	require.NoError(t, err)
	return b
}

func TestScheduleImport(t *testing.T) {
	e := newEnv(t)
	ed, vw := e.as(store.RoleEditor), e.as(store.RoleViewer)

	t.Run("mspdi creates the project", func(t *testing.T) {
		b := fixture(t, "mspdi", "mpxj-sample.xml")
		resp := postRaw(e, "/projects/IMP/import", b, ed)
		require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
		got := decodeBody[ScheduleImport](t, resp)
		// 20 <Task> elements, UID 0 the project summary; calendars 1 and 2 in use.
		assert.Equal(t, ScheduleImport{Project: "IMP", Format: "mspdi", Tool: got.Tool, Created: true,
			NetworkCounts: NetworkCounts{Calendars: 2, Activities: 19, Links: 6}}, got)
		p := decodeBody[Project](t, e.api.Get("/projects/IMP", vw))
		assert.Equal(t, "2003-01-07T08:00", p.Start) // <StartDate>
		assert.Equal(t, "1", p.DefaultCalendar)
		// <Task> UID 7: PT8H0M0S, SNET 2003-02-01T08:00:00.
		a := decodeBody[Activity](t, e.api.Get("/projects/IMP/activities/7", vw))
		assert.Equal(t, &Duration{Days: 1}, a.Duration)
		assert.Equal(t, &Constraint{Type: "startNoEarlierThan", Date: "2003-02-01T08:00"}, a.Constraint)
		assert.Equal(t, "6", a.Parent)
		// The cost side of the project exists too, as for a project created by POST.
		_, err := e.srv.DB().Cost("acme").GetProject(context.Background(), "IMP")
		assert.NoError(t, err)
		resp = e.api.Post("/projects/IMP/schedule", ed)
		require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	})

	t.Run("xer replaces the network", func(t *testing.T) {
		b := fixture(t, "xer", "mpxj-PredecessorCalendar.xer")
		resp := postRaw(e, "/projects/IMP/import?format=xer", b, ed)
		require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
		got := decodeBody[ScheduleImport](t, resp)
		assert.False(t, got.Created)
		assert.Equal(t, NetworkCounts{Calendars: 1, Activities: 1, Links: 0}, got.NetworkCounts)
		acts := decodeBody[struct{ Items []Activity }](t, e.api.Get("/projects/IMP/activities", vw))
		require.Len(t, acts.Items, 1)
		a := acts.Items[0]
		assert.Equal(t, "A1000", a.ID)
		assert.Equal(t, "2019-06-10T08:00", a.ActualStart)
		assert.Equal(t, "2019-06-12T17:00", a.ActualFinish)
		cals := decodeBody[struct{ Items []Calendar }](t, e.api.Get("/projects/IMP/calendars", vw))
		require.Len(t, cals.Items, 1)
		assert.Equal(t, "5 Day", cals.Items[0].Name)
		p := decodeBody[Project](t, e.api.Get("/projects/IMP", vw))
		assert.Equal(t, "IMP", p.ID, "the path's id, not the file's")
		assert.Equal(t, "2019-05-06T08:00", p.Start)
		require.NotNil(t, p.Options)
		assert.Equal(t, "2019-10-02T00:00", p.Options.DataDate)
		assert.Equal(t, "2020-12-30T08:00", p.Options.MustFinishBy)
		// The schedule saved before was computed for 19 other activities.
		assert.Equal(t, http.StatusConflict, e.api.Get("/projects/IMP/schedule", vw).Code)
	})

	t.Run("multi-project xer needs a source", func(t *testing.T) {
		b := fixture(t, "xer", "aspose-ScheduleOptions.xer")
		f, err := xer.Read(bytes.NewReader(b), xer.Options{})
		require.NoError(t, err)
		projects := f.Projects()
		require.Greater(t, len(projects), 1)
		resp := postRaw(e, "/projects/MULTI/import", b, ed)
		assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
		resp = postRaw(e, "/projects/MULTI/import?source="+projects[1].ShortName, b, ed)
		require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
		imp, err := f.Import(projects[1].ShortName)
		require.NoError(t, err)
		assert.Equal(t, len(imp.Network.Activities), decodeBody[ScheduleImport](t, resp).Activities)
	})

	t.Run("json", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join("..", "..", "schedule", "testdata", "example-network.json"))
		require.NoError(t, err)
		var net schedule.Network
		require.NoError(t, net.UnmarshalJSON(b))
		resp := postRaw(e, "/projects/EX/import", b, ed)
		require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
		got := decodeBody[ScheduleImport](t, resp)
		assert.Equal(t, "json", got.Format)
		assert.Equal(t, NetworkCounts{Calendars: len(net.Calendars), Activities: len(net.Activities), Links: len(net.Links)}, got.NetworkCounts)
		stored, err := e.srv.DB().Schedule("acme").LoadNetwork(context.Background(), "EX")
		require.NoError(t, err)
		assert.ElementsMatch(t, net.Activities, stored.Activities)
		assert.ElementsMatch(t, net.Links, stored.Links)
	})

	t.Run("bad uploads", func(t *testing.T) {
		xerBad := strings.Replace(string(fixture(t, "xer", "mpxj-PredecessorCalendar.xer")), "2019-06-10 08:00", "2019-02-30 08:00", 1)
		for _, tc := range []struct {
			name, query string
			body        []byte
			want        []string
		}{
			{"not a schedule file", "", []byte("PK\x03\x04 a spreadsheet"), []string{"format"}},
			{"only spaces", "", []byte("   \n"), []string{"empty"}},
			{"a bad date in an XER file", "", []byte(xerBad), []string{"TASK", "2019-02-30"}},
			{"JSON named as XER", "?format=xer", []byte(`{"project": {}}`), []string{"file"}},
			{"broken JSON", "", []byte(`{"project": {"id": 1}}`), []string{"project", "id"}},
			{"an XML file that is not MS Project's", "?format=mspdi", []byte(`<?xml version="1.0"?><Project><Tasks>`), []string{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp := postRaw(e, "/projects/BAD/import"+tc.query, tc.body, ed)
				assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
				for _, w := range tc.want {
					assert.Contains(t, resp.Body.String(), w)
				}
				assert.NotContains(t, resp.Body.String(), "internal")
			})
		}
		assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/BAD", vw).Code, "no project created")
		assert.Equal(t, http.StatusUnprocessableEntity, postRaw(e, "/projects/BAD/import?format=csv", []byte("a,b"), ed).Code)
	})
}

func TestScheduleExport(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P 1")
	ed, vw := e.as(store.RoleEditor), e.as(store.RoleViewer)
	resp := e.api.Post("/projects/P%201/network", ed, threeInARow)
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
	require.Equal(t, http.StatusOK, e.api.Post("/projects/P%201/schedule", ed).Code)

	for _, tc := range []struct {
		format, contentType, file string
		read                      func(b []byte) (*schedule.Network, error)
	}{
		{"", "application/json", "P 1.json", func(b []byte) (*schedule.Network, error) {
			var net schedule.Network
			return &net, net.UnmarshalJSON(b)
		}},
		{"mspdi", "application/xml", "P 1.xml", func(b []byte) (*schedule.Network, error) {
			imp, err := mspdi.Read(bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			return imp.Network, nil
		}},
		{"pmxml", "application/xml", "P 1.xml", func(b []byte) (*schedule.Network, error) {
			imp, err := pmxml.Read(bytes.NewReader(b), "")
			if err != nil {
				return nil, err
			}
			return imp.Network, nil
		}},
		{"xer", "text/plain; charset=utf-8", "P 1.xer", func(b []byte) (*schedule.Network, error) {
			f, err := xer.Read(bytes.NewReader(b), xer.Options{})
			if err != nil {
				return nil, err
			}
			imp, err := f.Import("")
			if err != nil {
				return nil, err
			}
			return imp.Network, nil
		}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			resp := e.api.Get("/projects/P%201/export?format="+tc.format, vw)
			require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
			assert.Equal(t, tc.contentType, resp.Header().Get("Content-Type"))
			disp, params, err := mime.ParseMediaType(resp.Header().Get("Content-Disposition"))
			require.NoError(t, err)
			assert.Equal(t, "attachment", disp)
			assert.Equal(t, tc.file, params["filename"])
			net, err := tc.read(resp.Body.Bytes())
			require.NoError(t, err)
			require.Len(t, net.Activities, 3)
			assert.Len(t, net.Links, 2)
			res, err := schedule.Compute(net, net.Options)
			require.NoError(t, err)
			assert.Equal(t, "2025-03-10T17:00", res.EarlyFinish.String())
		})
	}
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P%201/export?format=pdf", vw).Code)
}

// TestScheduleAccess checks every schedule operation: a viewer may read but
// not write, and another tenant finds nothing.
func TestScheduleAccess(t *testing.T) {
	e := newEnv(t)
	newScheduleProject(t, e, "P1")
	ed := e.as(store.RoleEditor)
	require.Equal(t, http.StatusOK, e.api.Post("/projects/P1/network", ed, threeInARow).Code)
	require.Equal(t, http.StatusOK, e.api.Post("/projects/P1/schedule", ed).Code)
	cal := map[string]any{"id": "standard", "week": standardWeek()}
	act := map[string]any{"id": "A", "duration": map[string]any{"days": 1}}
	links := map[string]any{"links": []any{map[string]any{"pred": "A", "succ": "C"}}}
	keys := map[string]any{"keys": []any{map[string]any{"pred": "A", "succ": "B"}}}

	type call struct {
		method, path string
		body         any
		write        bool
	}
	calls := []call{
		{http.MethodGet, "/projects/P1/calendars", nil, false},
		{http.MethodGet, "/projects/P1/calendars/standard", nil, false},
		{http.MethodPut, "/projects/P1/calendars/standard", cal, true},
		{http.MethodDelete, "/projects/P1/calendars/standard", nil, true},
		{http.MethodGet, "/projects/P1/activities", nil, false},
		{http.MethodGet, "/projects/P1/activities/A", nil, false},
		{http.MethodPut, "/projects/P1/activities/A", act, true},
		{http.MethodDelete, "/projects/P1/activities/A", nil, true},
		{http.MethodGet, "/projects/P1/links", nil, false},
		{http.MethodPut, "/projects/P1/links", links, true},
		{http.MethodDelete, "/projects/P1/links", keys, true},
		{http.MethodPost, "/projects/P1/network", threeInARow, true},
		{http.MethodPost, "/projects/P1/import", []byte(`{"project": {"start": "2025-03-03T08:00"}}`), true},
		{http.MethodGet, "/projects/P1/export", nil, false},
		{http.MethodGet, "/projects/P1/export?format=mspdi", nil, false},
		{http.MethodPost, "/projects/P1/schedule", nil, true},
		{http.MethodGet, "/projects/P1/schedule", nil, false},
	}
	do := func(c call, auth string) *httptest.ResponseRecorder {
		args := []any{auth}
		switch b := c.body.(type) {
		case nil:
		case []byte:
			args = append(args, "Content-Type: application/octet-stream", bytes.NewReader(b))
		default:
			args = append(args, b)
		}
		return e.api.Do(c.method, c.path, args...)
	}
	for _, c := range calls {
		name := c.method + " " + c.path
		if c.write {
			assert.Equal(t, http.StatusForbidden, do(c, e.as(store.RoleViewer)).Code, name)
		} else {
			assert.Equal(t, http.StatusOK, do(c, e.as(store.RoleViewer)).Code, name)
		}
		assert.Equal(t, http.StatusUnauthorized, do(c, "X-No-Key: 1").Code, name)
		if c.path == "/projects/P1/import" {
			continue // another tenant's import creates its own project: below
		}
		resp := do(c, e.asRival())
		assert.Equal(t, http.StatusNotFound, resp.Code, name+": "+resp.Body.String())
	}
	// The rival's import makes a project P1 of its own and leaves acme's alone.
	resp := do(call{http.MethodPost, "/projects/P1/import", []byte(`{"project": {"start": "2025-03-03T08:00"}, "activities": [{"id": "R"}]}`), true}, e.asRival())
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	acts, err := e.srv.DB().Schedule("acme").ListActivities(context.Background(), "P1", schedule.Page{})
	require.NoError(t, err)
	assert.Len(t, acts, 3)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/activities/A", e.asRival()).Code)
}

// TestScheduleIdempotentImport repeats an import with an Idempotency-Key
// through the whole handler.
func TestScheduleIdempotentImport(t *testing.T) {
	e := newEnv(t)
	body := []byte(`{"project": {"start": "2025-03-03T08:00"}, "activities": [{"id": "A"}]}`)
	post := func() *http.Response {
		req, err := http.NewRequest(http.MethodPost, e.http.URL+"/projects/P9/import", bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+e.tokens[store.RoleEditor])
		req.Header.Set("Idempotency-Key", "import-1")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	first := post()
	require.Equal(t, http.StatusCreated, first.StatusCode)
	again := post()
	assert.Equal(t, http.StatusCreated, again.StatusCode)
	assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
}

func TestScheduleOpenAPI(t *testing.T) {
	e := newEnv(t)
	oapi := e.srv.API().OpenAPI()
	ids := map[string]bool{}
	for _, pi := range oapi.Paths {
		for _, o := range []*huma.Operation{pi.Get, pi.Put, pi.Post, pi.Delete} {
			if o == nil || !slices.Contains(o.Tags, "Schedule") {
				continue
			}
			ids[o.OperationID] = true
			assert.NotEmpty(t, o.Summary, o.OperationID)
			assert.NotEmpty(t, o.Description+o.Summary, o.OperationID)
		}
	}
	assert.Len(t, ids, 16)
	bulk := oapi.Paths["/projects/{project}/network"].Post.RequestBody
	require.NotNil(t, bulk.Content["application/json"])
	assert.Equal(t, "#/components/schemas/NetworkFragment", bulk.Content["application/json"].Schema.Ref)
	assert.Len(t, bulk.Content, 1)
	for _, name := range []string{"NetworkFragment", "Activity", "Calendar", "Link", "ScheduleResult", "ScheduleSummary"} {
		assert.NotNil(t, oapi.Components.Schemas.Map()[name], name)
	}
	week := oapi.Components.Schemas.Map()["Calendar"].Properties["week"]
	require.NotNil(t, week)
	assert.Contains(t, week.Properties, "monday")
	_, err := json.Marshal(oapi)
	require.NoError(t, err)
}
