package api

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/chart"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// chartTags tags the chart operations.
var chartTags = []string{"Charts"}

// svgContentType is the media type of every chart.
const svgContentType = "image/svg+xml"

// SVGOutput is a chart: one complete SVG document.
type SVGOutput struct {
	ContentType  string `header:"Content-Type"`
	CacheControl string `header:"Cache-Control"`
	Body         []byte
}

// svgOutput draws a chart into a buffer, so that a chart that fails (bad
// options, an unknown element) answers a problem and no half-written SVG.
func svgOutput(draw func(w *bytes.Buffer) error) (*SVGOutput, error) {
	var buf bytes.Buffer
	if err := draw(&buf); err != nil {
		return nil, err
	}
	// The charts follow the data, which changes under them: never cached.
	return &SVGOutput{ContentType: svgContentType, CacheControl: "no-cache", Body: buf.Bytes()}, nil
}

// ChartSize are the query parameters sizing a chart.
type ChartSize struct {
	Width  int `query:"width" minimum:"0" maximum:"20000" doc:"Width of the chart in pixels; 0 or absent means the chart's default."`
	Height int `query:"height" minimum:"0" maximum:"20000" doc:"Height of the chart in pixels; 0 or absent means the chart's default."`
}

// registerCharts registers the charts operations: the Gantt chart of the
// computed schedule, the S-curve and index trend of earned value, and the
// labour bars. Each answers an SVG document.
func (s *Server) registerCharts() {
	s.registerGanttChart()
	s.registerEVCharts()
	s.registerLabourBars()
}

// svgResponse declares an operation's success response as an SVG document in
// the API description (huma would describe a []byte body as JSON).
func (s *Server) svgResponse(path string) {
	item := s.api.OpenAPI().Paths[path]
	if item == nil || item.Get == nil {
		return
	}
	r := item.Get.Responses["200"]
	if r == nil {
		return
	}
	r.Description = "An SVG document."
	r.Content = map[string]*huma.MediaType{svgContentType: {Schema: &huma.Schema{Type: huma.TypeString}}}
}

func (s *Server) registerGanttChart() {
	type ganttInput struct {
		ProjectPath
		Width         int    `query:"width" minimum:"0" maximum:"20000" doc:"Width of the chart in pixels; 0 or absent means 1200. Its height follows its rows."`
		Offset        int    `query:"offset" minimum:"0" doc:"The first row of the page, 0-based, counting the rows shown after collapsing."`
		Limit         int    `query:"limit" minimum:"0" maximum:"5000" default:"500" doc:"At most this many rows; 0 means every row (for a large programme, page instead)."`
		CollapseDepth int    `query:"collapseDepth" minimum:"0" maximum:"100" doc:"Show only the rows down to this depth of the WBS, deeper summaries collapsed; 0 shows every row."`
		Links         bool   `query:"links" doc:"Draw the links between the activities of the page."`
		FitToPage     bool   `query:"fitToPage" doc:"Span the time axis over the page's rows only, rather than the whole schedule."`
		Baseline      string `query:"baseline" pattern:"^[0-9]{1,4}$" doc:"Draw the dates of this cost baseline under the bars; absent draws none." example:"0"`
	}
	path := "/projects/{project}/gantt.svg"
	register(s, op{ID: "get-gantt-chart", Method: http.MethodGet, Path: path, Summary: "Gantt chart of the computed schedule",
		Description: "The schedule computed last as an SVG Gantt chart (横道图): rows follow the WBS; bars run from early start to early finish, " +
			"critical ones with class \"bar critical\" in red; float, progress, the data date and (with baseline) the baseline dates are drawn " +
			"behind them. Every element has a class and data- attributes (docs/charts.md). As for GET /projects/{project}/schedule: 404 when the " +
			"schedule was never computed, 409 when activities or links were added or deleted since.",
		Tags: chartTags, Role: store.RoleViewer, Errors: []int{404, 409, 422}},
		func(ctx context.Context, k store.Key, in *ganttInput) (*SVGOutput, error) {
			net, res, err := loadComputed(ctx, s.db.Schedule(k.Tenant), in.Project)
			if err != nil {
				return nil, err
			}
			opts := chart.GanttOptions{
				Title: net.Project.Name, Width: in.Width, Offset: in.Offset, Limit: in.Limit,
				CollapseDepth: in.CollapseDepth, Links: in.Links, FitToPage: in.FitToPage,
			}
			if in.Baseline != "" {
				n, err := strconv.Atoi(in.Baseline)
				if err != nil {
					return nil, lanyan.Errorf(lanyan.CodeInvalid, "query", "baseline", "%q is not a baseline number", in.Baseline)
				}
				bl, err := s.db.Cost(k.Tenant).GetBaseline(ctx, in.Project, n)
				if err != nil {
					return nil, err
				}
				opts.Baseline = chart.BaselineDatesOf(&bl)
			}
			return svgOutput(func(w *bytes.Buffer) error { return chart.Gantt(w, net, res, opts) })
		})
	s.svgResponse(path)
}

func (s *Server) registerEVCharts() {
	type sCurveInput struct {
		ProjectPath
		EVQuery
		ChartSize
		Element   string         `query:"element" doc:"An element of the breakdown to draw instead of the whole project." example:"CA1"`
		EACMethod cost.EACMethod `query:"eacMethod" enum:"cpi,budgetRate,cpiSpi,composite" doc:"The estimate at completion the projection runs to: BAC/CPI, at the budget rate, by CPI and SPI, or the composite weighted by eacWeight; absent means by CPI."`
	}
	path := "/projects/{project}/s-curve.svg"
	register(s, op{ID: "get-s-curve-chart", Method: http.MethodGet, Path: path, Summary: "Earned value S-curve",
		Description: "The earned value analysis of GET /projects/{project}/earned-value drawn as an S-curve: cumulative PV over the plan, EV and " +
			"AC to the status date (<polyline class=\"series pv|ev|ac\">), BAC, and the projection from AC to the estimate at completion. " +
			"Without the baseline the answer is 409.",
		Tags: chartTags, Role: store.RoleViewer, Errors: []int{404, 409, 422}},
		func(ctx context.Context, k store.Key, in *sCurveInput) (*SVGOutput, error) {
			a, p, _, err := s.analyze(ctx, s.db.Cost(k.Tenant), in.Project, in.EVQuery)
			if err != nil {
				return nil, err
			}
			opts := chart.SCurveOptions{Title: p.Name, Width: in.Width, Height: in.Height, EACMethod: in.EACMethod}
			return svgOutput(func(w *bytes.Buffer) error { return chart.SCurve(w, a, in.Element, opts) })
		})
	s.svgResponse(path)

	type indexTrendInput struct {
		ProjectPath
		EVQuery
		ChartSize
		Element string `query:"element" doc:"An element of the breakdown to draw instead of the whole project." example:"CA1"`
		Current bool   `query:"current" doc:"Each period's own indices rather than the cumulative ones."`
	}
	path = "/projects/{project}/index-trend.svg"
	register(s, op{ID: "get-index-trend-chart", Method: http.MethodGet, Path: path, Summary: "SPI and CPI period by period",
		Description: "The schedule and cost performance indices of the earned value analysis, period by period to the status date " +
			"(<path class=\"series spi|cpi\">), cumulative or, with current, each period's own, against a reference line at 1.0. " +
			"Without the baseline the answer is 409.",
		Tags: chartTags, Role: store.RoleViewer, Errors: []int{404, 409, 422}},
		func(ctx context.Context, k store.Key, in *indexTrendInput) (*SVGOutput, error) {
			a, p, _, err := s.analyze(ctx, s.db.Cost(k.Tenant), in.Project, in.EVQuery)
			if err != nil {
				return nil, err
			}
			opts := chart.IndexTrendOptions{Title: p.Name, Width: in.Width, Height: in.Height, Current: in.Current}
			return svgOutput(func(w *bytes.Buffer) error { return chart.IndexTrend(w, a, in.Element, opts) })
		})
	s.svgResponse(path)
}

func (s *Server) registerLabourBars() {
	type labourBarsInput struct {
		ChartSize
		GroupBy string `query:"groupBy" enum:"team,trade" default:"team" doc:"What the bars are stacked by."`
		Value   string `query:"value" enum:"workDays,amount" default:"workDays" doc:"What the bars measure: work-days (工日) or the amount priced."`
		Period  string `query:"period" enum:"day,week,month" default:"week" doc:"One bar per day, ISO week or month."`
		Project string `query:"project" doc:"Only slips of this project." example:"P1"`
		From    string `query:"from" format:"date" doc:"Slips dated on or after this day." example:"2025-03-01"`
		To      string `query:"to" format:"date" doc:"Slips dated on or before this day." example:"2025-03-31"`
		Status  string `query:"status" enum:"draft,submitted,verified,approved" doc:"Only slips of this status. Rejected slips are void and never drawn."`
	}
	path := "/labour/bars.svg"
	register(s, op{ID: "get-labour-bars-chart", Method: http.MethodGet, Path: path, Summary: "Day-work labour as stacked bars",
		Description: "The day-work slips selected, priced and totalled as GET /labour/summary does, drawn as one bar per period stacked by team " +
			"or trade (<rect class=\"bar\" data-stack data-period data-value>). A slip without a rate for its trade fails the chart (422, naming the slip).",
		Tags: chartTags, Role: store.RoleViewer, Errors: []int{422}},
		func(ctx context.Context, k store.Key, in *labourBarsInput) (*SVGOutput, error) {
			f, err := SlipFilter{Project: in.Project, From: in.From, To: in.To}.filter()
			if err != nil {
				return nil, err
			}
			f.Status = labour.Status(in.Status)
			opts := chart.LabourBarsOptions{Width: in.Width, Height: in.Height, Period: labour.ByWeek}
			by := labour.GroupBy{Team: true, Period: labour.ByWeek}
			if in.GroupBy == "trade" {
				by = labour.GroupBy{Trade: true}
				opts.StackBy = chart.StackByTrade
			}
			switch in.Period {
			case "day":
				opts.Period = labour.ByDay
			case "month":
				opts.Period = labour.ByMonth
			}
			by.Period = opts.Period
			if in.Value == "amount" {
				opts.Measure = chart.MeasureAmount
			}
			l, err := s.labourLedger(ctx, k.Tenant, f)
			if err != nil {
				return nil, err
			}
			return svgOutput(func(w *bytes.Buffer) error { return chart.LabourBars(w, l.Aggregate(by), opts) })
		})
	s.svgResponse(path)
}

// labourLedger prices the slips f selects (rejected ones are void) with the
// tenant's labour settings and enters them in a ledger, for the labour
// summary and charts to total.
func (s *Server) labourLedger(ctx context.Context, tenant string, f labour.Filter) (*labour.Ledger, error) {
	st, err := loadLabourSettings(ctx, s.db, tenant)
	if err != nil {
		return nil, err
	}
	ls := s.db.Labour(tenant)
	slips, err := listAllSlips(ctx, ls, f)
	if err != nil {
		return nil, err
	}
	slips = slices.DeleteFunc(slips, func(sl labour.Slip) bool { return sl.Status == labour.StatusRejected })
	pays, err := priceSlips(ctx, ls, st, slips)
	if err != nil {
		return nil, err
	}
	l := labour.NewLedger()
	for i := range slips {
		if err := l.Add(slips[i], pays[i]); err != nil {
			return nil, err
		}
	}
	return l, nil
}
