package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// okJSON requires a response status and decodes its body into a generic
// value, numbers kept exact.
func okJSON(t *testing.T, want int, resp *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	require.Equal(t, want, resp.Code, resp.Body.String())
	var v map[string]any
	d := json.NewDecoder(bytes.NewReader(resp.Body.Bytes()))
	d.UseNumber()
	require.NoError(t, d.Decode(&v))
	return v
}

// assertMoney checks a decimal string (or JSON number) against want by value.
func assertMoney(t *testing.T, want string, got any, msgAndArgs ...any) {
	t.Helper()
	var s string
	switch g := got.(type) {
	case string:
		s = g
	case json.Number:
		s = g.String()
	default:
		assert.Fail(t, "not a decimal", "%v (%T) %v", got, got, msgAndArgs)
		return
	}
	d, err := decimal.NewFromString(s)
	if assert.NoError(t, err, msgAndArgs...) {
		assert.True(t, d.Equal(decimal.RequireFromString(want)), "got %s, want %s %v", s, want, msgAndArgs)
	}
}

// obj and arr walk a decoded body.
func obj(v any, keys ...string) map[string]any {
	m, _ := v.(map[string]any)
	for _, k := range keys {
		m, _ = m[k].(map[string]any)
	}
	return m
}

func arr(v any) []any { a, _ := v.([]any); return a }

// costFixture makes project P1 with two activities of five days each, A1 from
// Monday 3 March 2025 then A2 (finish to start), computed and saved; a control
// account CA1 with work packages WP1 (1,000.00 on A1, percent complete) and
// WP2 (500.00 on A2, 50/50).
func costFixture(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	resp := e.api.Post("/projects", e.as(store.RoleEditor), map[string]any{"id": "P1", "name": "Bridge", "start": "2025-03-03T08:00", "defaultCalendar": "standard"})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	ss := e.srv.DB().Schedule("acme")
	require.NoError(t, ss.PutCalendar(ctx, "P1", schedule.StandardFiveDay()))
	require.NoError(t, ss.PutActivities(ctx, "P1", []schedule.Activity{
		{ID: "A1", Name: "Piers", Duration: 5 * 480},
		{ID: "A2", Name: "Deck", Duration: 5 * 480},
	}))
	require.NoError(t, ss.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A1", Succ: "A2"}}))
	net, err := ss.LoadNetwork(ctx, "P1")
	require.NoError(t, err)
	res, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	require.NoError(t, ss.SaveResult(ctx, "P1", res))

	resp = e.api.Put("/projects/P1/cost/elements", e.as(store.RoleEditor), []map[string]any{
		{"id": "CA1", "name": "Structure", "kind": "controlAccount", "budget": "0"},
		{"id": "WP1", "name": "Piers", "kind": "workPackage", "parent": "CA1", "budget": "1000.00", "activities": []string{"A1"},
			"technique": map[string]any{"method": "percentComplete"}},
		{"id": "WP2", "name": "Deck", "kind": "workPackage", "parent": "CA1", "budget": "500.00", "activities": []string{"A2"},
			"technique": map[string]any{"method": "50/50"}},
	})
	require.Equal(t, http.StatusOK, resp.Code, resp.Body.String())
}

func TestCostRecordAndElements(t *testing.T) {
	e := newEnv(t)
	costFixture(t, e)

	// The cost record was made with the project.
	resp := e.api.Get("/projects/P1/cost", e.as(store.RoleViewer))
	v := okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v1"`, resp.Header().Get("ETag"))
	assert.Equal(t, "P1", v["id"])
	assert.Equal(t, json.Number("0"), v["baseline"])

	rec := map[string]any{"currency": "CNY", "baseline": 0, "managementReserve": "250.00"}
	assert.Equal(t, http.StatusForbidden, e.api.Put("/projects/P1/cost", e.as(store.RoleViewer), rec).Code)
	resp = e.api.Put("/projects/P1/cost", e.as(store.RoleEditor), `If-Match: "v1"`, rec)
	v = okJSON(t, http.StatusOK, resp)
	assert.Equal(t, `"v2"`, resp.Header().Get("ETag"))
	assert.Equal(t, "CNY", v["currency"])
	assertMoney(t, "250.00", v["managementReserve"])
	assertMoney(t, "0", v["undistributedBudget"])
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Put("/projects/P1/cost", e.as(store.RoleEditor), `If-Match: "v1"`, rec).Code)
	// Money is a string: a JSON number, or a fraction of a cent, is refused.
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Put("/projects/P1/cost", e.as(store.RoleEditor), map[string]any{"baseline": 0, "managementReserve": 250}).Code)
	resp = e.api.Put("/projects/P1/cost", e.as(store.RoleEditor), map[string]any{"baseline": 0, "managementReserve": "250.001"})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), "managementReserve")

	// Elements: a page at a time.
	resp = e.api.Get("/projects/P1/cost/elements?limit=2", e.as(store.RoleViewer))
	v = okJSON(t, http.StatusOK, resp)
	require.Len(t, arr(v["items"]), 2)
	assert.Equal(t, "CA1", obj(arr(v["items"])[0])["id"])
	next, _ := v["nextCursor"].(string)
	require.NotEmpty(t, next)
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/elements?limit=2&cursor="+next, e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 1)
	assert.Equal(t, "WP2", obj(arr(v["items"])[0])["id"])
	assert.Nil(t, v["nextCursor"])

	// One element: ETag is its hash; a stale one fails; the new one works.
	resp = e.api.Get("/projects/P1/cost/elements/WP2", e.as(store.RoleViewer))
	v = okJSON(t, http.StatusOK, resp)
	tag := resp.Header().Get("ETag")
	require.NotEmpty(t, tag)
	assertMoney(t, "500", v["budget"])
	wp2 := map[string]any{"id": "WP2", "name": "Deck", "kind": "workPackage", "parent": "CA1", "budget": "600.00", "activities": []string{"A2"},
		"technique": map[string]any{"method": "50/50"}}
	resp = e.api.Put("/projects/P1/cost/elements/WP2", e.as(store.RoleEditor), "If-Match: "+tag, wp2)
	okJSON(t, http.StatusOK, resp)
	newTag := resp.Header().Get("ETag")
	assert.NotEqual(t, tag, newTag)
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Put("/projects/P1/cost/elements/WP2", e.as(store.RoleEditor), "If-Match: "+tag, wp2).Code)
	assert.Equal(t, newTag, e.api.Get("/projects/P1/cost/elements/WP2", e.as(store.RoleViewer)).Header().Get("ETag"))

	// A new element answers 201; one that would leave the breakdown invalid
	// is refused naming the element and field.
	wp3 := map[string]any{"id": "WP3", "kind": "workPackage", "parent": "CA1", "budget": "10.00", "activities": []string{"A2"}, "technique": map[string]any{"method": "0/100"}}
	assert.Equal(t, http.StatusCreated, e.api.Put("/projects/P1/cost/elements/WP3", e.as(store.RoleEditor), wp3).Code)
	bad := map[string]any{"id": "WP4", "kind": "workPackage", "budget": "10.00", "technique": map[string]any{"method": "0/100"}}
	resp = e.api.Put("/projects/P1/cost/elements/WP4", e.as(store.RoleEditor), bad)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code)
	assert.Contains(t, resp.Body.String(), `work package \"WP4\"`)
	assert.Contains(t, resp.Body.String(), "activities")
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/cost/elements/WP4", e.as(store.RoleViewer)).Code)
	bad["id"] = "other"
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Put("/projects/P1/cost/elements/WP4", e.as(store.RoleEditor), bad).Code)
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Put("/projects/P1/cost/elements/WP5", e.as(store.RoleEditor), `If-Match: "x"`,
		map[string]any{"id": "WP5", "kind": "workPackage", "budget": "1", "activities": []string{"A1"}, "technique": map[string]any{"method": "0/100"}}).Code)

	// Delete: a control account with children is refused; a package goes.
	assert.Equal(t, http.StatusConflict, e.api.Delete("/projects/P1/cost/elements/CA1", e.as(store.RoleEditor)).Code)
	assert.Equal(t, http.StatusPreconditionFailed, e.api.Delete("/projects/P1/cost/elements/WP3", e.as(store.RoleEditor), `If-Match: "stale"`).Code)
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/cost/elements/WP3", e.as(store.RoleEditor)).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Delete("/projects/P1/cost/elements/WP3", e.as(store.RoleEditor)).Code)

	// Bulk writes are all or nothing: one bad element refuses the batch.
	resp = e.api.Put("/projects/P1/cost/elements", e.as(store.RoleEditor), []map[string]any{
		{"id": "WP6", "kind": "workPackage", "parent": "CA1", "budget": "1.00", "activities": []string{"A1"}, "technique": map[string]any{"method": "0/100"}},
		{"id": "WP7", "kind": "workPackage", "parent": "nowhere", "budget": "1.00", "activities": []string{"A1"}, "technique": map[string]any{"method": "0/100"}},
	})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/cost/elements/WP6", e.as(store.RoleViewer)).Code)
}

func TestCostBaselinesProgressActuals(t *testing.T) {
	e := newEnv(t)
	costFixture(t, e)

	// No baseline yet: earned value is not available.
	assert.Equal(t, http.StatusConflict, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05", e.as(store.RoleViewer)).Code)

	assert.Equal(t, http.StatusForbidden, e.api.Post("/projects/P1/baselines/0", e.as(store.RoleViewer)).Code)
	resp := e.api.Post("/projects/P1/baselines/0", e.as(store.RoleEditor), map[string]any{"name": "Contract"})
	v := okJSON(t, http.StatusCreated, resp)
	assert.Equal(t, "/projects/P1/baselines/0", resp.Header().Get("Location"))
	assert.Equal(t, json.Number("2"), v["activities"])
	assert.Equal(t, json.Number("2"), v["packages"])
	assertMoney(t, "1500.00", obj(v, "budget")["distributed"])
	// Taking it again replaces it.
	okJSON(t, http.StatusOK, e.api.Post("/projects/P1/baselines/0", e.as(store.RoleEditor), map[string]any{"name": "Contract"}))
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Post("/projects/P1/baselines/11", e.as(store.RoleEditor)).Code)

	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/baselines", e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 1)
	assert.Equal(t, "Contract", obj(arr(v["items"])[0])["name"])
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/baselines/0", e.as(store.RoleViewer)))
	acts := arr(v["activities"])
	require.Len(t, acts, 2)
	assert.Equal(t, "2025-03-03T08:00", obj(acts[0])["start"])
	assert.Equal(t, "2025-03-07T17:00", obj(acts[0])["finish"])
	assert.Equal(t, "2025-03-14T17:00", obj(acts[1])["finish"])
	require.Len(t, arr(v["calendars"]), 1)
	assert.Equal(t, "standard", obj(arr(v["calendars"])[0])["id"])
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/baselines/3", e.as(store.RoleViewer)).Code)

	// A baseline from a schedule computed before an activity was added is
	// refused: compute first.
	okJSON(t, http.StatusCreated, e.api.Post("/projects/P1/baselines/1", e.as(store.RoleEditor)))
	require.NoError(t, e.srv.DB().Schedule("acme").PutActivities(context.Background(), "P1", []schedule.Activity{{ID: "A3", Duration: 480}}))
	assert.Equal(t, http.StatusConflict, e.api.Post("/projects/P1/baselines/2", e.as(store.RoleEditor)).Code)
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/baselines/1", e.as(store.RoleEditor)).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Delete("/projects/P1/baselines/1", e.as(store.RoleEditor)).Code)

	// Progress.
	resp = e.api.Put("/projects/P1/cost/progress", e.as(store.RoleEditor), []map[string]any{{"package": "WP1", "date": "2025-03-05", "percent": "40"}})
	okJSON(t, http.StatusOK, resp)
	for _, bad := range []map[string]any{
		{"package": "WP1", "date": "2025-03-06", "percent": "140"},
		{"package": "CA1", "date": "2025-03-06", "percent": "10"},
		{"package": "nope", "date": "2025-03-06", "percent": "10"},
		{"package": "WP1", "date": "2025-02-29", "percent": "10"},
	} {
		resp = e.api.Put("/projects/P1/cost/progress", e.as(store.RoleEditor), []map[string]any{bad})
		assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, "%v: %s", bad, resp.Body.String())
	}
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/progress", e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 1)
	assert.Equal(t, "2025-03-05", obj(arr(v["items"])[0])["date"])
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/progress", e.as(store.RoleEditor), []map[string]any{{"package": "WP1", "date": "2025-03-04", "percent": "10"}}))
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/cost/progress?package=WP1&date=2025-03-04", e.as(store.RoleEditor)).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Delete("/projects/P1/cost/progress?package=WP1&date=2025-03-04", e.as(store.RoleEditor)).Code)

	// Actual costs.
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/actuals", e.as(store.RoleEditor), []map[string]any{
		{"id": "INV-1", "code": "WP1", "date": "2025-03-04", "amount": "500.00", "type": "material", "sourceRef": "INV-1"},
		{"id": "INV-2", "code": "WP1", "date": "2025-03-20", "amount": "70.00", "type": "equipment"},
		{"id": "CR-1", "code": "CA1", "date": "2025-03-21", "amount": "-20.00", "type": "other"},
	}))
	for _, bad := range []map[string]any{
		{"id": "labour:x", "code": "WP1", "date": "2025-03-04", "amount": "1.00", "type": "material"},
		{"id": "X", "code": "WP1", "date": "2025-03-04", "amount": "1.001", "type": "material"},
		{"id": "X", "code": "WP1", "date": "2025-03-04", "amount": "1.00", "type": "beer"},
		{"id": "X", "code": "nope", "date": "2025-03-04", "amount": "1.00", "type": "material"},
	} {
		resp = e.api.Put("/projects/P1/cost/actuals", e.as(store.RoleEditor), []map[string]any{bad})
		assert.Equal(t, http.StatusUnprocessableEntity, resp.Code, "%v: %s", bad, resp.Body.String())
	}
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost/actuals?limit=2", e.as(store.RoleViewer)))
	require.Len(t, arr(v["items"]), 2)
	assert.Equal(t, "CR-1", obj(arr(v["items"])[0])["id"])
	resp = e.api.Get("/projects/P1/cost/actuals/INV-1", e.as(store.RoleViewer))
	v = okJSON(t, http.StatusOK, resp)
	assertMoney(t, "500", v["amount"])
	assert.NotEmpty(t, resp.Header().Get("ETag"))
	assert.Equal(t, http.StatusNoContent, e.api.Delete("/projects/P1/cost/actuals?id=INV-2&id=CR-1&id=unknown", e.as(store.RoleEditor)).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/cost/actuals/INV-2", e.as(store.RoleViewer)).Code)
	// An element with actual costs booked cannot be deleted.
	assert.Equal(t, http.StatusConflict, e.api.Delete("/projects/P1/cost/elements/WP1", e.as(store.RoleEditor)).Code)
}

// TestEarnedValueByHand measures the fixture on Wednesday 5 March 2025, the
// end of the third of A1's five days, with WP1 40 % complete and 500.00 spent:
//
//	PV  = 3/5 × 1,000.00 = 600.00 (WP2 has not started: 0)
//	EV  = 40 % × 1,000.00 = 400.00
//	AC  = 500.00
//	SV  = EV − PV = −200.00      SPI = 400/600 = 0.6666666667
//	CV  = EV − AC = −100.00      CPI = 400/500 = 0.8
//	BAC = 1,500.00               EAC(CPI) = 1,500/0.8 = 1,875.00
//
// By day, PV is 200.00 a working day on A1 and 100.00 on A2, so the plan's
// cumulative PV is 200, 400, 600, 800, 1000, 1000, 1000, 1100 … 1500 and EV
// 400 is earned at the end of day 2: ES = 2 + (400 − 400)/(600 − 400) = 2
// periods, against AT = 3 (the status date ends the third period):
// SV(t) = −1, SPI(t) = 2/3.
func TestEarnedValueByHand(t *testing.T) {
	e := newEnv(t)
	costFixture(t, e)
	okJSON(t, http.StatusCreated, e.api.Post("/projects/P1/baselines/0", e.as(store.RoleEditor)))
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/progress", e.as(store.RoleEditor), []map[string]any{{"package": "WP1", "date": "2025-03-05", "percent": "40"}}))
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/actuals", e.as(store.RoleEditor), []map[string]any{
		{"id": "INV-1", "code": "WP1", "date": "2025-03-04", "amount": "500.00", "type": "material"},
		{"id": "INV-9", "code": "WP2", "date": "2025-03-06", "amount": "999.00", "type": "material"}, // after the status date
	}))

	v := okJSON(t, http.StatusOK, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&period=day", e.as(store.RoleViewer)))
	assert.Equal(t, "2025-03-05", v["statusDate"])
	assert.Equal(t, "day", v["period"])
	st := obj(v, "status")
	assertMoney(t, "1500.00", st["bac"])
	assertMoney(t, "600.00", st["pv"])
	assertMoney(t, "400.00", st["ev"])
	assertMoney(t, "500.00", st["ac"])
	assertMoney(t, "500.00", obj(st, "acByType")["material"])
	m := obj(st, "metrics")
	assertMoney(t, "-200", m["sv"])
	assertMoney(t, "-100", m["cv"])
	assertMoney(t, "0.6666666667", m["spi"])
	assertMoney(t, "0.8", m["cpi"])
	assertMoney(t, "1875.00", obj(m, "estimates", "cpi")["eac"])

	periods := arr(v["periods"])
	require.Len(t, periods, 12) // 3 to 14 March
	assert.Equal(t, "2025-03-03", obj(periods[0])["label"])
	assert.Equal(t, json.Number("2"), v["statusPeriod"])
	ser := obj(v, "series")
	pv := arr(ser["pv"])
	require.Len(t, pv, 12)
	for i, want := range []string{"200", "200", "200", "200", "200", "0", "0", "100", "100", "100", "100", "100"} {
		assertMoney(t, want, pv[i], "pv[%d]", i)
	}
	ev := arr(ser["ev"])
	require.Len(t, ev, 3)
	assertMoney(t, "400", ev[2])
	es := obj(ser, "earnedSchedule")
	assertMoney(t, "2", es["es"])
	assert.Equal(t, json.Number("3"), es["actualTime"])
	assertMoney(t, "-1", es["sv"])
	assertMoney(t, "0.6666666667", es["spi"])
	children := arr(v["children"])
	require.Len(t, children, 1)
	assert.Equal(t, "CA1", obj(children[0])["id"])

	// One element, by week: WP1's figures, CA1's children.
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&period=week&element=WP1", e.as(store.RoleViewer)))
	assertMoney(t, "600.00", obj(v, "status")["pv"])
	assert.Equal(t, "2025-W10", obj(arr(v["periods"])[0])["label"])
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&element=CA1", e.as(store.RoleViewer)))
	assert.Len(t, arr(v["children"]), 2)
	// A package with no actual cost has no CPI: null, not zero.
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&element=WP2", e.as(store.RoleViewer)))
	assert.Nil(t, obj(v, "status", "metrics")["cpi"])
	assert.Contains(t, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&element=WP2", e.as(store.RoleViewer)).Body.String(), `"cpi":null`)

	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&element=nope", e.as(store.RoleViewer)).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/earned-value?statusDate=2025-02-29", e.as(store.RoleViewer)).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/earned-value", e.as(store.RoleViewer)).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/earned-value?statusDate=2025-03-05&period=year", e.as(store.RoleViewer)).Code)

	// The cost report, forecasting at CPI and flagging variances of 200.00:
	// WP1 EAC = 1,000/0.8 = 1,250.00, variance −250.00 (−25 %), flagged;
	// WP2 (no CPI yet: at budget) and the 999.00 after the date left out.
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost-report?statusDate=2025-03-05&period=day&method=cpi&varianceAmount=200", e.as(store.RoleViewer)))
	assert.Equal(t, "cpi", v["method"])
	assert.Equal(t, json.Number("0"), v["baseline"])
	lines := arr(v["lines"])
	require.Len(t, lines, 3)
	byCode := map[string]map[string]any{}
	for _, l := range lines {
		byCode[obj(l)["code"].(string)] = obj(l)
	}
	assert.Equal(t, "CA1", obj(lines[0])["code"])
	assertMoney(t, "1000.00", byCode["WP1"]["revisedBudget"])
	assertMoney(t, "500.00", byCode["WP1"]["actualToDate"])
	assertMoney(t, "1250.00", byCode["WP1"]["estimateAtCompletion"])
	assertMoney(t, "-250.00", byCode["WP1"]["variance"])
	assertMoney(t, "-25", byCode["WP1"]["variancePercent"])
	assert.Equal(t, true, byCode["WP1"]["flagged"])
	assertMoney(t, "500.00", byCode["WP2"]["estimateAtCompletion"])
	assert.Nil(t, byCode["WP2"]["flagged"])
	assertMoney(t, "-250.00", byCode["CA1"]["variance"])
	assertMoney(t, "1750.00", obj(v, "total")["estimateAtCompletion"])
	// Earned value breaches of the project, each once: the day's CV +400 and
	// SV +200, the cumulative SV −200, VAC 1,500 − 1,875 = −375.
	var project []map[string]any
	for _, b := range arr(v["breaches"]) {
		if obj(b)["id"] == "" {
			project = append(project, obj(b, "breach"))
		}
	}
	require.Len(t, project, 4, "%v", project)
	assertMoney(t, "400", project[0]["variance"])
	assertMoney(t, "200", project[1]["variance"])
	assertMoney(t, "-200", project[2]["variance"])
	assert.Equal(t, "cumulative", project[2]["kind"])
	assertMoney(t, "-375", project[3]["variance"])

	// A changed working budget shows as an approved change against the
	// baseline's original budget.
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/elements/WP2", e.as(store.RoleEditor), map[string]any{
		"id": "WP2", "kind": "workPackage", "parent": "CA1", "budget": "600.00", "activities": []string{"A2"}, "technique": map[string]any{"method": "50/50"}}))
	v = okJSON(t, http.StatusOK, e.api.Get("/projects/P1/cost-report?statusDate=2025-03-05", e.as(store.RoleViewer)))
	for _, l := range arr(v["lines"]) {
		if obj(l)["code"] == "WP2" {
			assertMoney(t, "500.00", obj(l)["originalBudget"])
			assertMoney(t, "100.00", obj(l)["approvedChanges"])
			assertMoney(t, "600.00", obj(l)["revisedBudget"])
		}
	}
	assert.Empty(t, arr(v["breaches"]))
}

// TestCostAccess: every role gets what it may, and the rival tenant gets 404
// on every operation that names acme's project.
func TestCostAccess(t *testing.T) {
	e := newEnv(t)
	costFixture(t, e)
	okJSON(t, http.StatusCreated, e.api.Post("/projects/P1/baselines/0", e.as(store.RoleEditor)))

	type call struct {
		method, path string
		body         any
		write        bool
	}
	wp := map[string]any{"id": "WP1", "kind": "workPackage", "budget": "1.00", "activities": []string{"A1"}, "technique": map[string]any{"method": "0/100"}}
	calls := []call{
		{"GET", "/projects/P1/cost", nil, false},
		{"PUT", "/projects/P1/cost", map[string]any{"baseline": 0}, true},
		{"GET", "/projects/P1/cost/elements", nil, false},
		{"PUT", "/projects/P1/cost/elements", []any{wp}, true},
		{"GET", "/projects/P1/cost/elements/WP1", nil, false},
		{"PUT", "/projects/P1/cost/elements/WP1", wp, true},
		{"DELETE", "/projects/P1/cost/elements/WP2", nil, true},
		{"POST", "/projects/P1/baselines/0", nil, true},
		{"GET", "/projects/P1/baselines", nil, false},
		{"GET", "/projects/P1/baselines/0", nil, false},
		{"DELETE", "/projects/P1/baselines/0", nil, true},
		{"PUT", "/projects/P1/cost/progress", []any{}, true},
		{"GET", "/projects/P1/cost/progress", nil, false},
		{"DELETE", "/projects/P1/cost/progress?package=WP1&date=2025-03-05", nil, true},
		{"GET", "/projects/P1/cost/actuals", nil, false},
		{"PUT", "/projects/P1/cost/actuals", []any{}, true},
		{"GET", "/projects/P1/cost/actuals/INV-1", nil, false},
		{"DELETE", "/projects/P1/cost/actuals?id=INV-1", nil, true},
		{"POST", "/projects/P1/cost/actuals/from-labour", nil, true},
		{"GET", "/projects/P1/earned-value?statusDate=2025-03-05", nil, false},
		{"GET", "/projects/P1/cost-report?statusDate=2025-03-05", nil, false},
	}
	do := func(c call, auth ...any) int {
		args := append([]any{}, auth...)
		if c.body != nil {
			args = append(args, c.body)
		}
		return e.api.Do(c.method, c.path, args...).Code
	}
	for _, c := range calls {
		where := c.method + " " + c.path
		assert.Equal(t, http.StatusUnauthorized, do(c), where)
		assert.Equal(t, http.StatusNotFound, do(c, e.asRival()), "rival: %s", where)
		if c.write {
			assert.Equal(t, http.StatusForbidden, do(c, e.as(store.RoleViewer)), "viewer: %s", where)
		}
	}
	// Reads work for a viewer, writes for an editor (status aside, no 401/403).
	for _, c := range calls {
		role := store.RoleViewer
		if c.write {
			role = store.RoleEditor
		}
		code := do(c, e.as(role))
		assert.NotContains(t, []int{401, 403, 500}, code, "%s %s as %s", c.method, c.path, role)
	}
}
