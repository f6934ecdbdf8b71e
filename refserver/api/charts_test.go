package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// ganttFixture makes project G1 on the standard calendar: A1 (5 days) before
// A2 (5 days) and A3 (2 days), both before the finish milestone M1. A1, A2
// and M1 are critical; A3 has three days of float. It is not computed.
func ganttFixture(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	resp := e.api.Post("/projects", e.as(store.RoleEditor), map[string]any{"id": "G1", "name": "Culvert 涵洞", "start": "2025-03-03T08:00", "defaultCalendar": "standard"})
	require.Equal(t, http.StatusCreated, resp.Code, resp.Body.String())
	ss := e.srv.DB().Schedule("acme")
	require.NoError(t, ss.PutCalendar(ctx, "G1", schedule.StandardFiveDay()))
	require.NoError(t, ss.PutActivities(ctx, "G1", []schedule.Activity{
		{ID: "A1", Name: "Excavate", Duration: 5 * 480},
		{ID: "A2", Name: "Box sections", Duration: 5 * 480},
		{ID: "A3", Name: "Headwalls", Duration: 2 * 480},
		{ID: "M1", Name: "Complete", Kind: schedule.FinishMilestone},
	}))
	require.NoError(t, ss.PutLinks(ctx, "G1", []schedule.Link{
		{Pred: "A1", Succ: "A2"}, {Pred: "A1", Succ: "A3"}, {Pred: "A2", Succ: "M1"}, {Pred: "A3", Succ: "M1"},
	}))
}

// svgOf requires a chart: 200, image/svg+xml, one <svg> document.
func svgOf(t *testing.T, code int, header http.Header, body string) string {
	t.Helper()
	require.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, "image/svg+xml", header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(body, "<svg"), "starts with <svg: %.80s", body)
	assert.True(t, strings.HasSuffix(strings.TrimSpace(body), "</svg>"), "ends with </svg>")
	return body
}

func TestGanttChart(t *testing.T) {
	e := newEnv(t)
	ganttFixture(t, e)
	viewer := e.as(store.RoleViewer)

	// Not computed yet.
	resp := e.api.Get("/projects/G1/gantt.svg", viewer)
	assert.Equal(t, http.StatusNotFound, resp.Code)
	assert.Contains(t, resp.Body.String(), "has not been computed")
	assert.Equal(t, "application/problem+json", resp.Header().Get("Content-Type"))

	okJSON(t, http.StatusOK, e.api.Post("/projects/G1/schedule", e.as(store.RoleEditor)))

	resp = e.api.Get("/projects/G1/gantt.svg?links=true", viewer)
	svg := svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 2, strings.Count(svg, `class="bar critical"`), "A1 and A2")
	assert.Equal(t, 1, strings.Count(svg, `class="bar"`), "A3")
	assert.Equal(t, 1, strings.Count(svg, `class="milestone critical"`), "M1")
	assert.Equal(t, 4, strings.Count(svg, `class="link `), "links drawn")
	assert.Contains(t, svg, `data-total-rows="4"`)
	assert.Contains(t, svg, "Culvert 涵洞")

	// A page of rows; no links unless asked.
	resp = e.api.Get("/projects/G1/gantt.svg?offset=1&limit=2", viewer)
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Contains(t, svg, `data-rows="2"`)
	assert.Equal(t, 2, strings.Count(svg, `class="row"`))
	assert.Equal(t, 0, strings.Count(svg, `class="link `))

	// The whole handler sends it too, with the content type.
	req, err := http.NewRequest(http.MethodGet, e.http.URL+"/projects/G1/gantt.svg", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+e.tokens[store.RoleViewer])
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "image/svg+xml", res.Header.Get("Content-Type"))

	// Bad options and a baseline that is not stored.
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/G1/gantt.svg?offset=-1", viewer).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/G1/gantt.svg?baseline=x", viewer).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/G1/gantt.svg?baseline=3", viewer).Code)

	// Keys and tenants.
	assert.Equal(t, http.StatusUnauthorized, e.api.Get("/projects/G1/gantt.svg").Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/G1/gantt.svg", e.asRival()).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/nope/gantt.svg", viewer).Code)

	// An activity added since the computation: compute again.
	require.NoError(t, e.srv.DB().Schedule("acme").PutActivities(context.Background(), "G1", []schedule.Activity{{ID: "A4", Duration: 480}}))
	resp = e.api.Get("/projects/G1/gantt.svg", viewer)
	assert.Equal(t, http.StatusConflict, resp.Code)
	assert.Contains(t, resp.Body.String(), "compute it again")
}

func TestGanttChartBaseline(t *testing.T) {
	e := newEnv(t)
	costFixture(t, e)
	okJSON(t, http.StatusCreated, e.api.Post("/projects/P1/baselines/0", e.as(store.RoleEditor)))
	resp := e.api.Get("/projects/P1/gantt.svg?baseline=0", e.as(store.RoleViewer))
	svg := svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 2, strings.Count(svg, `class="baseline"`))
	assert.Equal(t, 2, strings.Count(svg, `class="bar critical"`))
}

func TestEarnedValueCharts(t *testing.T) {
	e := newEnv(t)
	costFixture(t, e)
	viewer := e.as(store.RoleViewer)

	// Without the baseline there is no earned value.
	assert.Equal(t, http.StatusConflict, e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05", viewer).Code)
	assert.Equal(t, http.StatusConflict, e.api.Get("/projects/P1/index-trend.svg?statusDate=2025-03-05", viewer).Code)

	okJSON(t, http.StatusCreated, e.api.Post("/projects/P1/baselines/0", e.as(store.RoleEditor)))
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/progress", e.as(store.RoleEditor), []map[string]any{{"package": "WP1", "date": "2025-03-05", "percent": "40"}}))
	okJSON(t, http.StatusOK, e.api.Put("/projects/P1/cost/actuals", e.as(store.RoleEditor), []map[string]any{
		{"id": "INV-1", "code": "WP1", "date": "2025-03-04", "amount": "500.00", "type": "material"},
	}))

	resp := e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05&period=day", viewer)
	svg := svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	for _, s := range []string{"pv", "ev", "ac"} {
		assert.Equal(t, 1, strings.Count(svg, `<polyline class="series `+s+`"`), s)
	}
	assert.Contains(t, svg, `class="status-date" data-date="2025-03-05"`)
	assert.Contains(t, svg, `class="bac" data-value="1500"`)

	resp = e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05&element=WP1&eacMethod=budgetRate&width=600&height=300", viewer)
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Contains(t, svg, `width="600"`)

	resp = e.api.Get("/projects/P1/index-trend.svg?statusDate=2025-03-05&period=day", viewer)
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 1, strings.Count(svg, `class="series spi"`))
	assert.Equal(t, 1, strings.Count(svg, `class="series cpi"`))

	// Bad queries, unknown elements, keys and tenants.
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/s-curve.svg", viewer).Code, "statusDate is required")
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-02-30", viewer).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05&eacMethod=guess", viewer).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05&element=nope", viewer).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/index-trend.svg?statusDate=2025-03-05&element=nope", viewer).Code)
	assert.Equal(t, http.StatusUnauthorized, e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05").Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/s-curve.svg?statusDate=2025-03-05", e.asRival()).Code)
	assert.Equal(t, http.StatusNotFound, e.api.Get("/projects/P1/index-trend.svg?statusDate=2025-03-05", e.asRival()).Code)
}

func TestLabourBarsChart(t *testing.T) {
	e := newEnv(t)
	labourFixture(t, e)
	viewer := e.as(store.RoleViewer)

	// No slips: a valid chart that says so.
	resp := e.api.Get("/labour/bars.svg", viewer)
	svg := svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 0, strings.Count(svg, `class="bar"`))

	s1 := slip("D-1", "W1", "rebar", "P1", "WP1", "8")
	s1["team"] = "rebar-2"
	s2 := slip("D-2", "W2", "fitter", "P1", "WP1", "8")
	s2["team"] = "mep-1"
	s3 := slip("D-3", "W1", "rebar", "P1", "WP1", "8")
	s3["team"], s3["date"] = "rebar-2", "2025-03-12"
	s4 := slip("D-4", "W3", "rebar", "P2", "WP1", "8") // another project
	s4["team"] = "rebar-2"
	okJSON(t, http.StatusOK, e.api.Post("/slips", e.as(store.RoleEditor), []any{s1, s2, s3, s4}))

	// By team and week: week 10 has both teams, week 11 rebar-2 alone.
	resp = e.api.Get("/labour/bars.svg?project=P1", viewer)
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 3, strings.Count(svg, `class="bar"`))
	assert.Equal(t, 2, strings.Count(svg, `data-stack="rebar-2"`))
	assert.Equal(t, 1, strings.Count(svg, `data-stack="mep-1"`))
	assert.Contains(t, svg, `data-period="2025-W10"`)

	// By trade and month, in money.
	resp = e.api.Get("/labour/bars.svg?project=P1&groupBy=trade&period=month&value=amount", viewer)
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 2, strings.Count(svg, `class="bar"`))
	assert.Contains(t, svg, `data-stack="fitter" data-period="2025-03" data-value="320`)
	assert.Contains(t, svg, `data-stack="rebar" data-period="2025-03" data-value="600`)

	// A window of days, all projects.
	resp = e.api.Get("/labour/bars.svg?from=2025-03-10&to=2025-03-16&period=day", viewer)
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 1, strings.Count(svg, `class="bar"`))

	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/labour/bars.svg?groupBy=worker", viewer).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.api.Get("/labour/bars.svg?from=2025-13-01", viewer).Code)
	assert.Equal(t, http.StatusUnauthorized, e.api.Get("/labour/bars.svg").Code)

	// The rival tenant sees none of acme's slips.
	resp = e.api.Get("/labour/bars.svg?project=P1", e.asRival())
	svg = svgOf(t, resp.Code, resp.Header(), resp.Body.String())
	assert.Equal(t, 0, strings.Count(svg, `class="bar"`))
}

// TestChartsDescribed: the charts are described as SVG documents.
func TestChartsDescribed(t *testing.T) {
	e := newEnv(t)
	oa := e.srv.API().OpenAPI()
	for _, p := range []string{"/projects/{project}/gantt.svg", "/projects/{project}/s-curve.svg", "/projects/{project}/index-trend.svg", "/labour/bars.svg"} {
		item := oa.Paths[p]
		require.NotNil(t, item, p)
		require.NotNil(t, item.Get, p)
		r := item.Get.Responses["200"]
		require.NotNil(t, r, p)
		assert.Contains(t, r.Content, "image/svg+xml", p)
		assert.NotContains(t, r.Content, "application/json", p)
		assert.Equal(t, []string{"Charts"}, item.Get.Tags, p)
	}
}
