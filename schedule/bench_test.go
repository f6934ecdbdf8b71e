package schedule_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
)

var benchSizes = []int{1_000, 10_000, 100_000, 1_000_000}

// BenchmarkCompute times the full computation (validation and indexing, forward
// and backward passes, floats, driving links, longest path) on networks from
// `lanyan gen` with seed 1.
func BenchmarkCompute(b *testing.B) {
	for _, n := range benchSizes {
		if testing.Short() && n > 10_000 {
			continue
		}
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			net := gen.Network(n, 1)
			runtime.GC()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := schedule.Compute(net, net.Options); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(net.Links))/float64(n), "links/activity")
		})
	}
}

// BenchmarkComputeRetained reports the heap a Result keeps alive beyond its input,
// per activity (the target is at most 400 bytes).
func BenchmarkComputeRetained(b *testing.B) {
	for _, n := range benchSizes {
		if testing.Short() && n > 10_000 {
			continue
		}
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			net := gen.Network(n, 1)
			var before, after runtime.MemStats
			var kept *schedule.Result
			for b.Loop() {
				kept = nil
				runtime.GC()
				runtime.ReadMemStats(&before)
				res, err := schedule.Compute(net, net.Options)
				if err != nil {
					b.Fatal(err)
				}
				kept = res
				runtime.GC()
				runtime.ReadMemStats(&after)
			}
			b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(n), "retained-B/activity")
			runtime.KeepAlive(kept)
		})
	}
}
