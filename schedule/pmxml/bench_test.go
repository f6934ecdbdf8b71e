package pmxml_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
)

// BenchmarkRead and BenchmarkWrite time a project of n activities from
// `lanyan gen` (seed 1) written as PMXML and read back.
func BenchmarkRead(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		if testing.Short() && n > 10_000 {
			continue
		}
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			var file bytes.Buffer
			if err := pmxml.Write(&file, &schedule.Imported{Network: gen.Network(n, 1)}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(file.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pmxml.Read(bytes.NewReader(file.Bytes()), ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		if testing.Short() && n > 10_000 {
			continue
		}
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			imp := &schedule.Imported{Network: gen.Network(n, 1)}
			var file bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				file.Reset()
				if err := pmxml.Write(&file, imp); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(file.Len()))
		})
	}
}
