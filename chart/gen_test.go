package chart_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/chart"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// withWBS adds a WBS to a generated network: a summary per zone of 250
// activities (the zone in their names), and a phase summary over every four
// zones, so the WBS is three levels deep.
func withWBS(net *schedule.Network) *schedule.Network {
	n := len(net.Activities)
	zones := (n + 249) / 250
	for z := 0; z < zones; z++ {
		net.Activities = append(net.Activities, schedule.Activity{
			ID: fmt.Sprintf("Z%03d", z+1), Name: fmt.Sprintf("Zone %d 区", z+1), Kind: schedule.WBSSummary,
			Parent: fmt.Sprintf("P%02d", z/4+1), RemainingDuration: -1,
		})
	}
	for p := 0; p < (zones+3)/4; p++ {
		net.Activities = append(net.Activities, schedule.Activity{
			ID: fmt.Sprintf("P%02d", p+1), Name: fmt.Sprintf("Phase %d", p+1), Kind: schedule.WBSSummary, RemainingDuration: -1,
		})
	}
	for i := 0; i < n; i++ {
		net.Activities[i].Parent = fmt.Sprintf("Z%03d", i/250+1)
	}
	return net
}

type generated struct {
	net  *schedule.Network
	res  *schedule.Result
	kind map[string]schedule.Kind
	crit map[string]bool
}

func generate(t testing.TB, n int, seed int64) *generated {
	t.Helper()
	net := withWBS(gen.Network(n, seed))
	res := compute(t, net)
	g := &generated{net: net, res: res, kind: map[string]schedule.Kind{}, crit: map[string]bool{}}
	for i, a := range net.Activities {
		g.kind[a.ID] = a.Kind
		g.crit[a.ID] = res.Activities[i].Critical
	}
	return g
}

// check draws the network with opts and checks what any chart must satisfy:
// well-formed, the page it asked for, one shape per row of the right kind and
// colour, links only between rows shown, everything inside the chart.
func (g *generated) check(t *testing.T, opts chart.GanttOptions, total int) *node {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, chart.Gantt(&buf, g.net, g.res, opts))
	root := parseSVG(t, buf.Bytes())
	width := root.num(t, "width")
	require.Equal(t, fmt.Sprint(total), root.attr("data-total-rows"), "%+v", opts)
	want := max(0, total-opts.Offset)
	if opts.Limit > 0 {
		want = min(want, opts.Limit)
	}
	rows := root.all("row")
	require.Len(t, rows, want, "%+v", opts)
	shown := map[string]bool{}
	for i, r := range rows {
		id := r.attr("data-id")
		shown[id] = true
		require.Equal(t, float64(opts.Offset+i), r.num(t, "data-row"))
		var shape []*node
		switch g.kind[id] {
		case schedule.WBSSummary:
			shape = r.all("summary")
		case schedule.StartMilestone, schedule.FinishMilestone:
			shape = r.all("milestone")
		default:
			shape = r.all("bar")
		}
		if opts.From == 0 && opts.To == 0 {
			require.Len(t, shape, 1, "row %s", id)
		}
		for _, s := range shape {
			if g.kind[id] != schedule.WBSSummary {
				if g.crit[id] {
					assert.Equal(t, chart.ColorCritical, s.attr("fill"), id)
				} else {
					assert.Equal(t, chart.ColorNormal, s.attr("fill"), id)
				}
			}
		}
		for _, b := range r.all("bar") {
			x, w := b.num(t, "x"), b.num(t, "width")
			require.True(t, x >= 0 && w >= 0 && x+w <= width+0.01, "bar %s at %v+%v in %v", id, x, w, width)
		}
	}
	for _, l := range root.all("link") {
		require.True(t, shown[l.attr("data-pred")] && shown[l.attr("data-succ")], "link %s→%s", l.attr("data-pred"), l.attr("data-succ"))
	}
	return root
}

// TestGanttGenerated draws generated networks of 5,000 activities (with a
// three-level WBS) whole, page by page, collapsed, and with random options.
func TestGanttGenerated(t *testing.T) {
	const n = 5000
	seeds := []int64{1, 2}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		g := generate(t, n, seed)
		total := len(g.net.Activities) // 5,000 + 20 zones + 5 phases
		require.Equal(t, 5025, total)

		// The whole chart, with links.
		root := g.check(t, chart.GanttOptions{Links: true}, total)
		var order []string
		for _, r := range root.all("row") {
			order = append(order, r.attr("data-id"))
		}
		assert.Equal(t, []string{"P01", "Z001", "A000001"}, order[:3])
		assert.NotEmpty(t, root.all("link", "driving"))

		// Pages of 700 rows cover every row once, in the same order.
		var paged []string
		for off := 0; off < total; off += 700 {
			p := g.check(t, chart.GanttOptions{Offset: off, Limit: 700, Links: true}, total)
			assert.Equal(t, root.attr("data-from"), p.attr("data-from"), "the same axis on every page")
			for _, r := range p.all("row") {
				paged = append(paged, r.attr("data-id"))
			}
		}
		assert.Equal(t, order, paged)

		// A page fitted to its own rows gets a finer scale than the whole.
		assert.Equal(t, "years", root.attr("data-scale"))
		fit := g.check(t, chart.GanttOptions{Offset: 2000, Limit: 40, FitToPage: true, Links: true}, total)
		assert.NotEqual(t, "years", fit.attr("data-scale"))
		assert.Greater(t, fit.attr("data-from"), root.attr("data-from"))

		// Collapsed to the phases, and to the zones.
		p := g.check(t, chart.GanttOptions{CollapseDepth: 1}, 5)
		assert.Len(t, p.all("summary", "collapsed"), 5)
		z := g.check(t, chart.GanttOptions{CollapseDepth: 2, Links: true}, 25)
		assert.Len(t, z.all("summary", "collapsed"), 20)
		assert.Empty(t, z.all("link"), "no links between summaries")

		// Random options: never an error for valid ones, always a valid chart.
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		for range 8 {
			opts := chart.GanttOptions{
				Width:         200 + r.IntN(3000),
				RowHeight:     r.IntN(40),
				LabelWidth:    r.IntN(400),
				Scale:         chart.Scale(r.IntN(6)),
				Links:         r.IntN(2) == 0,
				HideFloat:     r.IntN(4) == 0,
				FitToPage:     r.IntN(3) == 0,
				CollapseDepth: r.IntN(4),
				Offset:        r.IntN(5100),
				Limit:         r.IntN(800),
			}
			if r.IntN(3) == 0 {
				opts.PixelsPerDay = float64(r.IntN(2000)) / 100
			}
			if r.IntN(4) == 0 {
				opts.From = g.res.Activities[r.IntN(n)].EarlyStart
				opts.To = opts.From + schedule.Instant(1+r.IntN(400))*schedule.MinutesPerDay
			}
			total := []int{5025, 5, 25, 5025}[opts.CollapseDepth]
			g.check(t, opts, total)
		}
	}
}

// FuzzGantt draws small generated networks with arbitrary options and names:
// the result is an error for bad options and a well-formed chart otherwise,
// never a panic.
func FuzzGantt(f *testing.F) {
	f.Add(20, int64(1), 0, 0, 0, 0.0, 0, true, "基础 <&>")
	f.Add(150, int64(2), 10, 20, 2, 3.5, 900, false, "\xff\x00")
	f.Add(0, int64(3), 0, 0, 0, 0.0, 0, true, "")
	f.Add(40, int64(4), 5, math.MaxInt, 1, 1e-9, 1<<40, true, "x")
	f.Add(40, int64(5), math.MaxInt, 1, 0, math.Inf(1), 100, false, "y")
	f.Fuzz(func(t *testing.T, n int, seed int64, offset, limit, depth int, ppd float64, width int, links bool, name string) {
		n = min(max(n, 0), 300)
		net := withWBS(gen.Network(n, seed))
		if n > 0 {
			net.Activities[0].Name = name
		}
		res, err := schedule.Compute(net, net.Options)
		if err != nil {
			t.Skip(err)
		}
		var buf bytes.Buffer
		err = chart.Gantt(&buf, net, res, chart.GanttOptions{
			Offset: offset, Limit: limit, CollapseDepth: depth, PixelsPerDay: ppd, Width: width, Links: links,
		})
		if err != nil {
			assert.Zero(t, buf.Len())
			return
		}
		parseSVG(t, buf.Bytes())
	})
}

// BenchmarkGantt draws generated networks (with a WBS) whole, with links, and
// one page of 100 rows.
func BenchmarkGantt(b *testing.B) {
	for _, n := range []int{1_000, 5_000, 50_000} {
		if testing.Short() && n > 5_000 {
			continue
		}
		g := generate(b, n, 1)
		for _, tc := range []struct {
			name string
			opts chart.GanttOptions
		}{
			{"all", chart.GanttOptions{Links: true}},
			{"page", chart.GanttOptions{Links: true, Offset: n / 2, Limit: 100}},
		} {
			b.Run(fmt.Sprintf("activities=%d/%s", n, tc.name), func(b *testing.B) {
				var buf bytes.Buffer
				b.ReportAllocs()
				for b.Loop() {
					buf.Reset()
					if err := chart.Gantt(&buf, g.net, g.res, tc.opts); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(buf.Len())/1e6, "MB")
			})
		}
	}
}

func BenchmarkSCurve(b *testing.B) {
	a := tinyAnalysis(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := chart.SCurve(&buf, a, "", chart.SCurveOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
