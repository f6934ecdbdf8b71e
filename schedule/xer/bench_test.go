package xer

import (
	"bytes"
	"testing"

	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// BenchmarkRead100k times Read and Import of an XER file of 100,000 activities
// written from gen.Network(100000, 1). Besides wall time it reports the CPU time
// per operation (cpu-ns/op, where the platform tells it), which is steadier on a
// shared machine.
func BenchmarkRead100k(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, gen.Network(100_000, 1), nil); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		f, err := Read(bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Import(""); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if cpu := cpuTime() - cpu0; cpu > 0 && n > 0 {
		b.ReportMetric(float64(cpu)/float64(n), "cpu-ns/op")
	}
}
