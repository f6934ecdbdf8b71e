package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// labourFixture sets acme's rates (rebar 300.00 a work-day, fitter 40.00 an
// hour, from 2025) with a 100.00 advance to W1 on 10 March, and makes project
// P1 with the cost elements WP1 (a work package) and PP (a planning package).
func labourFixture(t *testing.T, e *env) {
	t.Helper()
	resp := e.api.Post("/projects", e.as(store.RoleEditor), map[string]any{"id": "P1", "start": "2025-03-03T08:00"})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/elements", e.as(store.RoleEditor), []map[string]any{
		{"id": "WP1", "kind": "workPackage", "budget": "10000.00", "activities": []string{"A1"}, "technique": map[string]any{"method": "percentComplete"}},
		{"id": "PP", "kind": "planningPackage", "budget": "5000.00", "activities": []string{"A9"}},
	}))
	v := okJSON(t, http.StatusOK, e.api.Get("/labour/settings", e.as(store.RoleViewer)))
	v["rates"] = []map[string]any{
		{"trade": "rebar", "from": "2025-01-01", "unit": "day", "amount": "300.00"},
		{"trade": "fitter", "from": "2025-01-01", "unit": "hour", "amount": "40.00"},
	}
	v["advances"] = []map[string]any{{"workerId": "W1", "date": "2025-03-10", "amount": "100.00"}}
	delete(v, "version")
	okJSON(t, http.StatusOK, e.api.Put("/labour/settings", e.as(store.RoleEditor), `If-Match: "v0"`, v))
}

// slip returns a slip body: Wednesday 5 March 2025 unless changed.
func slip(id, worker, trade, project, code, hours string) map[string]any {
	return map[string]any{"id": id, "date": "2025-03-05", "project": project, "worker": map[string]any{"id": worker, "name": "工人 " + worker},
		"trade": trade, "hours": hours, "costCode": code}
}

// moveSlip moves a slip's status and returns the response.
func moveSlip(e *env, id, to string, headers ...any) int {
	args := append([]any{e.as(store.RoleEditor)}, headers...)
	args = append(args, map[string]any{"to": to})
	return e.api.Post("/slips/"+id+"/status", args...).Code
}

func approve(t *testing.T, e *env, id string) {
	t.Helper()
	for _, to := range []string{"submitted", "verified", "approved"} {
		require.Equal(t, http.StatusOK, moveSlip(e, id, to), "%s → %s", id, to)
	}
}

func TestLabourSettings(t *testing.T) {
	e := newEnv(t)
	// The defaults: China's rules, no rates, version 0.
	resp := e.api.Get("/labour/settings", e.as(store.RoleViewer))
	v := okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v0"`, resp.Header().Get("ETag"))
	assert.Equal(t, json0, v["version"])
	assert.Empty(t, arr(v["rates"]))
	ot := obj(v, "overtime")
	assertMoney(t, "8", ot["standardDay"])
	assert.Equal(t, "monday", ot["weekStart"])
	rules := arr(ot["rules"])
	require.Len(t, rules, 3)
	assert.Equal(t, "daily", obj(rules[0])["kind"])
	assert.Equal(t, []any{"workday"}, obj(rules[0])["days"])
	assert.Equal(t, "overtime", obj(rules[0])["bucket"])
	assertMoney(t, "1.5", obj(rules[0])["multiplier"])
	assert.Equal(t, []any{"saturday", "sunday"}, obj(v, "calendar")["restWeekdays"])

	delete(v, "version")
	v["rates"] = []map[string]any{{"trade": "rebar", "from": "2025-01-01", "unit": "day", "amount": "300.00"}}
	assert.Equal(t, http.StatusForbidden, e.api.Put("/labour/settings", e.as(store.RoleViewer), v).Code)
	resp = e.api.Put("/labour/settings", e.as(store.RoleEditor), `If-Match: "v0"`, v)
	okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v1"`, resp.Header().Get("ETag"))
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Put("/labour/settings", e.as(store.RoleEditor), `If-Match: "v0"`, v).Code)

	// Overlapping rates and bad rules are refused, naming the field.
	v["rates"] = []map[string]any{
		{"trade": "rebar", "from": "2025-01-01", "unit": "day", "amount": "300.00"},
		{"trade": "rebar", "from": "2025-06-01", "unit": "day", "amount": "320.00"},
	}
	resp = e.api.Put("/labour/settings", e.as(store.RoleEditor), v)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "overlaps")
	v["rates"] = []any{}
	arr(obj(v, "overtime")["rules"])[0].(map[string]any)["multiplier"] = "0.5"
	resp = e.api.Put("/labour/settings", e.as(store.RoleEditor), v)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "rules[0].multiplier")

	// The rival tenant still has the defaults.
	resp = e.api.Get("/labour/settings", e.asRival())
	okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v0"`, resp.Header().Get("ETag"))
}

var json0 = any(json.Number("0"))

// TestSlipPricingAndBooking: a slip of 10 hours at 300.00 a work-day of 8
// hours, on a Wednesday, under China's rules: 8 hours straight are one
// work-day, 300.00; the 2 hours beyond 8 are overtime at 150 %, and a per-day
// rate pays them at hours × multiplier ÷ standard day: 2 × 1.5 ÷ 8 = 0.375 of
// a day, 112.50 (the hourly rate 300/8 = 37.50 × 1.5 × 2). In all 412.50, and
// 1.5 work-days (10/8 = 1.25, to the half day, halves up).
func TestSlipPricingAndBooking(t *testing.T) {
	e := newEnv(t)
	labourFixture(t, e)

	resp := e.api.Post("/slips", e.as(store.RoleEditor), []any{slip("D-1", "W1", "rebar", "P1", "WP1", "10")})
	v := okJSON(t, http.StatusOK, resp)
	assert.Equal(t, json1, v["created"])

	v = okJSON(t, http.StatusOK, e.api.Get("/labour/summary?groupBy=project,worker", e.as(store.RoleViewer)))
	groups := arr(v["groups"])
	require.Len(t, groups, 1)
	g := obj(groups[0])
	assert.Equal(t, "P1", obj(g, "key")["project"])
	assert.Equal(t, "W1", obj(g, "key")["worker"])
	assertMoney(t, "412.50", g["amount"])
	assertMoney(t, "300.00", obj(g, "amounts")["straight"])
	assertMoney(t, "112.50", obj(g, "amounts")["overtime"])
	assertMoney(t, "8", obj(g, "hours")["straight"])
	assertMoney(t, "2", obj(g, "hours")["overtime"])
	assertMoney(t, "1.5", g["workDays"])
	assertMoney(t, "412.50", obj(v, "total")["amount"])

	// Sign-off with If-Match: the current tag moves it, a stale one fails.
	resp = e.api.Get("/slips/D-1", e.as(store.RoleViewer))
	okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v1"`, resp.Header().Get("ETag"))
	assert.Equal(t, http.StatusForbidden, e.api.Post("/slips/D-1/status", e.as(store.RoleViewer), map[string]any{"to": "submitted"}).Code)
	assert.Equal(t, http.StatusOK, moveSlip(e, "D-1", "submitted", `If-Match: "v1"`))
	assert.Equal(t, http.StatusPreconditionFailed, moveSlip(e, "D-1", "verified", `If-Match: "v1"`))
	assert.Equal(t, http.StatusConflict, moveSlip(e, "D-1", "approved")) // not from submitted
	assert.Equal(t, http.StatusOK, moveSlip(e, "D-1", "verified", `If-Match: "v2"`))
	// Not booked before approval.
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/cost/actuals/labour:D-1", e.as(store.RoleViewer)).Code)
	resp = e.api.Post("/slips/D-1/status", e.as(store.RoleEditor), map[string]any{"to": "approved", "note": "site diary agrees"})
	v = okJSON(t, http.StatusOK, resp)
	assert.Equal(t, "approved", v["status"])
	hist := arr(v["history"])
	require.Len(t, hist, 3)
	last := obj(hist[2])
	assert.Equal(t, "approved", last["status"])
	assert.Equal(t, "site diary agrees", last["note"])
	assert.Contains(t, last["by"], "editor (k")
	_, err := time.Parse(time.RFC3339, last["at"].(string))
	assert.NoError(t, err)

	// Approval booked the slip's pay as a labour actual cost.
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals/labour:D-1", e.as(store.RoleViewer)))
	assertMoney(t, "412.50", v["amount"])
	assert.Equal(t, "labour", v["type"])
	assert.Equal(t, "WP1", v["code"])
	assert.Equal(t, "2025-03-05", v["date"])
	// Approved is final; a signed-off slip cannot be replaced.
	assert.Equal(t, http.StatusConflict, moveSlip(e, "D-1", "approved"))
	assert.Equal(t, http.StatusConflict, e.api.Put("/slips/D-1", e.as(store.RoleEditor), slip("D-1", "W1", "rebar", "P1", "WP1", "9")).Code)
	// Booking again changes nothing.
	v = okJSON(t, http.StatusOK, e.api.Post("/projects/P1/cost/actuals/from-labour", e.as(store.RoleEditor)))
	assert.Equal(t, json1, v["booked"])
	assertMoney(t, "412.50", v["amount"])
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals", e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 1)

	// The payroll of March: 412.50 accrued, 100.00 advanced, 312.50 owed,
	// due on 15 April and overdue on 1 May by 16 days.
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/payroll?month=2025-03&asOf=2025-05-01", e.as(store.RoleViewer)))
	assert.Equal(t, "2025-04-15", v["payDate"])
	lines := arr(v["lines"])
	require.Len(t, lines, 1)
	l := obj(lines[0])
	assert.Equal(t, "W1", l["workerId"])
	assert.Equal(t, "工人 W1", l["workerName"])
	assertMoney(t, "412.50", l["accrued"])
	assertMoney(t, "100.00", l["advances"])
	assertMoney(t, "312.50", l["balance"])
	assert.Equal(t, []any{"D-1"}, l["slipIds"])
	assertMoney(t, "312.50", obj(v, "totals")["balance"])
	arrears := arr(v["arrears"])
	require.Len(t, arrears, 1)
	assertMoney(t, "312.50", obj(arrears[0])["amount"])
	assert.Equal(t, json16, obj(arrears[0])["daysOverdue"])
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/payroll?month=2025-04&asOf=2025-04-10", e.as(store.RoleViewer)))
	assert.Empty(t, arr(v["lines"]))
	assert.Empty(t, arr(v["arrears"]))
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/labour/payroll?month=2025-13", e.as(store.RoleViewer)).Code)

	// A slip whose trade has no rate cannot be approved: 422, naming it.
	okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{slip("X-1", "W9", "welder", "P1", "WP1", "8")}))
	for _, to := range []string{"submitted", "verified"} {
		require.Equal(t, http.StatusOK, moveSlip(e, "X-1", to))
	}
	resp = e.api.Post("/slips/X-1/status", e.as(store.RoleEditor), map[string]any{"to": "approved"})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), `slip \"X-1\"`)
	assert.Equal(t, "verified", okJSON(t, http.StatusOK, e.api.Get("/slips/X-1", e.as(store.RoleViewer)))["status"])
}

var (
	json1  = any(json.Number("1"))
	json16 = any(json.Number("16"))
)

// TestSlipWorkerWeek: a worker's slips of one day are priced together, over
// projects, laid end to end in slip-id order. Fitter W2 works 6 hours on P1
// (F-a) and 4 on P2 (F-b) at 40.00 an hour: F-a is 6 straight hours, 240.00;
// F-b is 2 straight hours and 2 beyond 8 at 150 %, 80.00 + 120.00 = 200.00
// (alone it would be 160.00).
//
// W3's G-1 (4 h) and G-2 (6 h) on P1 are approved G-2 first: alone it books
// 240.00. Approving G-1 books the worker-week again: G-1 160.00 (hours 0–4),
// G-2 4 straight hours and 2 over, 160.00 + 120.00 = 280.00.
func TestSlipWorkerWeek(t *testing.T) {
	e := newEnv(t)
	labourFixture(t, e)
	okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{
		slip("F-a", "W2", "fitter", "P1", "WP1", "6"),
		slip("F-b", "W2", "fitter", "P2", "X", "4"),
		slip("G-1", "W3", "fitter", "P1", "WP1", "4"),
		slip("G-2", "W3", "fitter", "P1", "WP1", "6"),
	}))
	v := okJSON(t, http.StatusOK, e.api.Get("/labour/summary?project=P2", e.as(store.RoleViewer)))
	assertMoney(t, "200.00", obj(v, "total")["amount"])
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/summary?worker=W2&groupBy=project&period=week", e.as(store.RoleViewer)))
	groups := arr(v["groups"])
	require.Len(t, groups, 2)
	assertMoney(t, "240.00", obj(groups[0])["amount"])
	assert.Equal(t, "2025-03-03", obj(groups[0], "key")["period"])
	assertMoney(t, "200.00", obj(groups[1])["amount"])

	approve(t, e, "G-2")
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals/labour:G-2", e.as(store.RoleViewer)))
	assertMoney(t, "240.00", v["amount"])
	approve(t, e, "G-1")
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals/labour:G-1", e.as(store.RoleViewer)))
	assertMoney(t, "160.00", v["amount"])
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals/labour:G-2", e.as(store.RoleViewer)))
	assertMoney(t, "280.00", v["amount"])

	// F-b's project has no cost record: approved, not booked; from-labour
	// of P1 books F-a, G-1 and G-2, and lists nothing skipped.
	approve(t, e, "F-b")
	approve(t, e, "F-a")
	v = okJSON(t, http.StatusOK, e.api.Post("/projects/P1/cost/actuals/from-labour", e.as(store.RoleEditor)))
	assert.Equal(t, json.Number("3"), v["booked"])
	assertMoney(t, "680.00", v["amount"])
	assert.Empty(t, arr(v["skipped"]))
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals/labour:F-a", e.as(store.RoleViewer)))
	assertMoney(t, "240.00", v["amount"])

	// A slip booked to a planning package, or to no element, is skipped.
	okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{
		slip("H-1", "W4", "fitter", "P1", "PP", "1"), slip("H-2", "W4", "fitter", "P1", "ZZ", "1"),
	}))
	approve(t, e, "H-1")
	approve(t, e, "H-2")
	v = okJSON(t, http.StatusOK, e.api.Post("/projects/P1/cost/actuals/from-labour", e.as(store.RoleEditor)))
	skipped := arr(v["skipped"])
	require.Len(t, skipped, 2)
	assert.Contains(t, obj(skipped[0])["reason"], "planning package")
	assert.Contains(t, obj(skipped[1])["reason"], "not an element")

	// Slips created already approved (signed-off paper slips) are booked.
	paper := slip("P-1", "W5", "fitter", "P1", "WP1", "2")
	paper["status"] = "approved"
	paper["history"] = []map[string]any{
		{"status": "submitted", "by": "foreman", "at": "2025-03-05T18:00:00Z"},
		{"status": "verified", "by": "engineer", "at": "2025-03-06T09:00:00Z"},
		{"status": "approved", "by": "employer", "at": "2025-03-06T10:00:00Z"},
	}
	v = okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{paper}))
	assert.Equal(t, json1, obj(v, "booking")["booked"])
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals/labour:P-1", e.as(store.RoleViewer)))
	assertMoney(t, "80.00", v["amount"])
}

func TestSlipsCRUD(t *testing.T) {
	e := newEnv(t)
	e.srv.opts.Now = func() time.Time { return time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC) }
	labourFixture(t, e)

	// All or nothing: one bad slip refuses the batch, naming it.
	bad := slip("S-2", "W1", "rebar", "P1", "WP1", "30")
	resp := e.api.Post("/slips", e.as(store.RoleEditor), []any{slip("S-1", "W1", "rebar", "P1", "WP1", "8"), bad})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), `slip \"S-2\"`)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/slips/S-1", e.as(store.RoleViewer)).Code)
	bad = slip("S-2", "W1", "rebar", "P1", "WP1", "8")
	bad["date"] = "2025-02-29"
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Post("/slips", e.as(store.RoleEditor), []any{bad}).Code)
	bad = slip("S-2", "W1", "rebar", "P1", "WP1", "8")
	bad["hours"] = 8 // a number, not a decimal string
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Post("/slips", e.as(store.RoleEditor), []any{bad}).Code)
	assert.Equal(t, http.StatusForbidden, e.api.Post("/slips", e.as(store.RoleViewer), []any{slip("S-1", "W1", "rebar", "P1", "WP1", "8")}).Code)

	var batch []any
	for i, w := range []string{"W1", "W2", "W1", "W3"} {
		s := slip("S-"+string(rune('1'+i)), w, "rebar", "P1", "WP1", "8")
		s["date"] = []string{"2025-03-03", "2025-03-04", "2025-03-10", "2025-04-01"}[i]
		if i == 3 {
			s["project"], s["team"] = "P2", "rebar-2"
			delete(s, "hours")
			s["workDays"] = "1"
		}
		batch = append(batch, s)
	}
	v := okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), batch))
	assert.Equal(t, json.Number("4"), v["created"])

	// Lists: filters and pages.
	v = okJSON(t, http.StatusOK, e.api.Get("/slips?worker=W1", e.as(store.RoleViewer)))
	assert.Len(t, arr(v["items"]), 2)
	v = okJSON(t, http.StatusOK, e.api.Get("/slips?from=2025-03-04&to=2025-03-31", e.as(store.RoleViewer)))
	assert.Len(t, arr(v["items"]), 2)
	v = okJSON(t, http.StatusOK, e.api.Get("/slips?project=P2&team=rebar-2&status=draft", e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 1)
	s4 := obj(arr(v["items"])[0])
	assert.Equal(t, "S-4", s4["id"])
	assertMoney(t, "1", s4["workDays"])
	assert.Nil(t, s4["hours"])
	assert.Equal(t, "draft", s4["status"])
	v = okJSON(t, http.StatusOK, e.api.Get("/slips?limit=3", e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 3)
	next := v["nextCursor"].(string)
	v = okJSON(t, http.StatusOK, e.api.Get("/slips?limit=3&cursor="+next, e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 1)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/slips?from=2025-13-01", e.as(store.RoleViewer)).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/slips?status=lost", e.as(store.RoleViewer)).Code)

	// Replace with If-Match; status and history stay.
	require.Equal(t, http.StatusOK, moveSlip(e, "S-1", "submitted"))
	s1 := slip("S-1", "W1", "rebar", "P1", "WP1", "9")
	s1["date"] = "2025-03-03"
	s1["status"] = "approved" // ignored
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Put("/slips/S-1", e.as(store.RoleEditor), `If-Match: "v1"`, s1).Code)
	resp = e.api.Put("/slips/S-1", e.as(store.RoleEditor), `If-Match: "v2"`, s1)
	v = okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v3"`, resp.Header().Get("ETag"))
	assert.Equal(t, "submitted", v["status"])
	assertMoney(t, "9", v["hours"])
	assert.Equal(t, http.StatusNotFound, e.api.Put("/slips/S-9", e.as(store.RoleEditor), slip("S-9", "W1", "rebar", "P1", "WP1", "8")).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Put("/slips/S-1", e.as(store.RoleEditor), slip("S-2", "W1", "rebar", "P1", "WP1", "8")).Code)

	// Checks: S-5 books the same work as S-2; S-6 puts W2 on two sites and
	// past 24 hours.
	dup := slip("S-5", "W2", "rebar", "P1", "WP1", "8")
	dup["date"] = "2025-03-04"
	other := slip("S-6", "W2", "rebar", "P2", "WP1", "10")
	other["date"] = "2025-03-04"
	okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{dup, other}))
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/checks?asOf=2025-03-31", e.as(store.RoleViewer)))
	rules := map[string][]any{}
	for _, f := range arr(v["findings"]) {
		rules[obj(f)["rule"].(string)] = arr(obj(f)["slipIds"])
	}
	assert.Equal(t, []any{"S-2", "S-5"}, rules["duplicate"])
	assert.Equal(t, []any{"S-2", "S-5", "S-6"}, rules["over-24-hours"])
	assert.Equal(t, []any{"S-2", "S-5", "S-6"}, rules["two-sites"])
	assert.Equal(t, []any{"S-4"}, rules["future-date"])
	assert.Equal(t, []any{"S-1"}, rules["pending-too-long"]) // submitted on 5 March, 26 days before asOf
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/checks?asOf=2025-03-31&project=P2&from=2025-03-04&to=2025-03-04", e.as(store.RoleViewer)))
	for _, f := range arr(v["findings"]) {
		assert.Contains(t, arr(obj(f)["slipIds"]), "S-6")
	}
	assert.NotEmpty(t, arr(v["findings"]))
}

// TestSlipImport imports a CSV with a bad row: mode=all refuses the file and
// names the row and column; mode=good stores the good rows and lists the bad.
func TestSlipImport(t *testing.T) {
	e := newEnv(t)
	labourFixture(t, e)
	csv := "单号,日期,项目,工人编号,姓名,工种,工时,成本科目\n" +
		"C-1,2025-03-05,P1,W1,张三,rebar,8,WP1\n" +
		"C-2,2025-03-05,P1,W2,李四,rebar,ten,WP1\n" +
		"C-3,2025-02-30,P1,W3,王五,rebar,8,WP1\n"

	resp := e.api.Post("/slips/import", e.as(store.RoleEditor), strings.NewReader(csv))
	require.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
	v := okJSON(t, http.StatusUnprocessableEntity, resp)
	errs := arr(v["errors"])
	require.Len(t, errs, 2)
	assert.Equal(t, "row 3.工时", obj(errs[0])["location"])
	assert.Equal(t, json.Number("3"), obj(errs[0], "value")["row"])
	assert.Equal(t, "工时", obj(errs[0], "value")["column"])
	assert.Contains(t, obj(errs[0])["message"], `"ten"`)
	assert.Equal(t, "row 4.日期", obj(errs[1])["location"])
	assert.Equal(t, http.StatusNotFound, e.api.Get("/slips/C-1", e.as(store.RoleViewer)).Code)

	assert.Equal(t, http.StatusForbidden, e.api.Post("/slips/import?mode=good", e.as(store.RoleViewer), strings.NewReader(csv)).Code)
	v = okJSON(t, http.StatusOK, e.api.Post("/slips/import?mode=good", e.as(store.RoleEditor), strings.NewReader(csv)))
	assert.Equal(t, "csv", v["format"])
	assert.Equal(t, json1, v["imported"])
	assert.Equal(t, json1, v["created"])
	assert.Equal(t, json.Number("2"), v["rejected"])
	errs = arr(v["errors"])
	require.Len(t, errs, 2)
	assert.Equal(t, json.Number("3"), obj(errs[0])["row"])
	assert.Equal(t, "工时", obj(errs[0])["column"])
	assert.Equal(t, json.Number("4"), obj(errs[1])["row"])
	assert.Equal(t, "日期", obj(errs[1])["column"])
	v = okJSON(t, http.StatusOK, e.api.Get("/slips/C-1", e.as(store.RoleViewer)))
	assert.Equal(t, "张三", obj(v, "worker")["name"])
	assert.Equal(t, "draft", v["status"])

	// Repeated ids: the first row is kept in good mode.
	rep := "id,date,project,workerId,trade,hours,costCode\nR-1,2025-03-05,P1,W1,rebar,2,WP1\nR-1,2025-03-06,P1,W1,rebar,3,WP1\n"
	v = okJSON(t, http.StatusOK, e.api.Post("/slips/import?mode=good", e.as(store.RoleEditor), strings.NewReader(rep)))
	assert.Equal(t, json1, v["imported"])
	assert.Equal(t, "R-1", obj(arr(v["errors"])[0])["slip"])
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Post("/slips/import", e.as(store.RoleEditor), strings.NewReader(rep)).Code)

	// A file that is no slip file at all.
	resp = e.api.Post("/slips/import", e.as(store.RoleEditor), strings.NewReader("hello\nworld\n"))
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "header")

	// XLSX, detected from its content.
	f := excelize.NewFile()
	rows := [][]any{{"单号", "日期", "项目", "工人编号", "工种", "工日", "成本科目"}, {"X-1", "2025-03-05", "P1", "W7", "rebar", "1", "WP1"}}
	for i, r := range rows {
		for j, c := range r {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			require.NoError(t, err)
			require.NoError(t, f.SetCellValue("Sheet1", cell, c))
		}
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	v = okJSON(t, http.StatusOK, e.api.Post("/slips/import", e.as(store.RoleEditor), bytes.NewReader(buf.Bytes())))
	assert.Equal(t, "xlsx", v["format"])
	assert.Equal(t, json1, v["imported"])
	v = okJSON(t, http.StatusOK, e.api.Get("/slips/X-1", e.as(store.RoleViewer)))
	assertMoney(t, "1", v["workDays"])

	// Through the whole handler, with an idempotency key: the second request
	// replays the first answer.
	req := func() *http.Response {
		r, err := http.NewRequest(http.MethodPost, e.http.URL+"/slips/import?mode=good", strings.NewReader(rep))
		require.NoError(t, err)
		r.Header.Set("Authorization", "Bearer "+e.tokens[store.RoleEditor])
		r.Header.Set("Idempotency-Key", "import-1")
		r.Header.Set("Content-Type", "text/csv")
		res, err := http.DefaultClient.Do(r)
		require.NoError(t, err)
		res.Body.Close()
		return res
	}
	first, second := req(), req()
	assert.Equal(t, http.StatusOK, first.StatusCode)
	assert.Equal(t, http.StatusOK, second.StatusCode)
	assert.Equal(t, "true", second.Header.Get("Idempotent-Replayed"))
}

// TestLabourAccess: roles, and the rival tenant gets 404 on every operation
// naming one of acme's slips or projects.
func TestLabourAccess(t *testing.T) {
	e := newEnv(t)
	labourFixture(t, e)
	okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{slip("D-1", "W1", "rebar", "P1", "WP1", "8")}))
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/slips/D-1", nil},
		{"PUT", "/slips/D-1", slip("D-1", "W1", "rebar", "P1", "WP1", "8")},
		{"POST", "/slips/D-1/status", map[string]any{"to": "submitted"}},
		{"POST", "/projects/P1/cost/actuals/from-labour", nil},
	} {
		args := []any{e.asRival()}
		if c.body != nil {
			args = append(args, c.body)
		}
		assert.Equal(t, http.StatusNotFound, e.api.Do(c.method, c.path, args...).Code, "%s %s", c.method, c.path)
	}
	// The rival's lists and reports are its own: empty.
	v := okJSON(t, http.StatusOK, e.api.Get("/slips", e.asRival()))
	assert.Empty(t, arr(v["items"]))
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/summary", e.asRival()))
	assert.Empty(t, arr(v["groups"]))
	assertMoney(t, "0", obj(v, "total")["amount"])
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/checks", e.asRival()))
	assert.Empty(t, arr(v["findings"]))
	v = okJSON(t, http.StatusOK, e.api.Get("/labour/payroll?month=2025-03", e.asRival()))
	assert.Empty(t, arr(v["lines"]))

	// Unauthenticated: 401; viewers read but do not write.
	for _, path := range []string{"/slips", "/labour/settings", "/labour/summary", "/labour/checks", "/labour/payroll?month=2025-03"} {
		assert.Equal(t, http.StatusUnauthorized, e.api.Get(path).Code, path)
		assert.Equal(t, http.StatusOK, e.api.Get(path, e.as(store.RoleViewer)).Code, path)
	}
	assert.Equal(t, http.StatusForbidden, e.api.Put("/slips/D-1", e.as(store.RoleViewer), slip("D-1", "W1", "rebar", "P1", "WP1", "8")).Code)
	assert.Equal(t, http.StatusForbidden, e.api.Post("/projects/P1/cost/actuals/from-labour", e.as(store.RoleViewer)).Code)
	assert.Equal(t, http.StatusOK, e.api.Put("/slips/D-1", e.as(store.RoleAdmin), slip("D-1", "W1", "rebar", "P1", "WP1", "7")).Code)
}
