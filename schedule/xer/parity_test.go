package xer

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
)

// TestParityReport schedules each fixture's projects with schedule.Compute and
// logs how many activities match the dates and floats P6 recorded. It asserts
// nothing about the engine: run with -v to read the figures.
func TestParityReport(t *testing.T) {
	for _, name := range fixtureNames {
		f := readFixture(t, name, Options{})
		for _, p := range f.Projects() {
			imp, err := f.Import(p.ID)
			require.NoError(t, err)
			if len(imp.Network.Activities) == 0 {
				t.Logf("%s %s: no activities", name, p.ShortName)
				continue
			}
			res, err := schedule.Compute(imp.Network, imp.Network.Options)
			if err != nil {
				t.Logf("%s %s: Compute: %v", name, p.ShortName, err)
				continue
			}
			var n [5]struct{ match, of int }
			count := func(k int, has bool, eq bool) {
				if has {
					n[k].of++
					if eq {
						n[k].match++
					}
				}
			}
			for i, a := range res.Activities {
				r := imp.Recorded[i]
				count(0, r.EarlyStart != 0, a.EarlyStart == r.EarlyStart)
				count(1, r.EarlyFinish != 0, a.EarlyFinish == r.EarlyFinish)
				count(2, r.LateStart != 0, a.LateStart == r.LateStart)
				count(3, r.LateFinish != 0, a.LateFinish == r.LateFinish)
				count(4, r.HasTotalFloat, a.TotalFloat == r.TotalFloat)
				if a.EarlyStart != r.EarlyStart || a.EarlyFinish != r.EarlyFinish || a.LateStart != r.LateStart ||
					a.LateFinish != r.LateFinish || (r.HasTotalFloat && a.TotalFloat != r.TotalFloat) {
					t.Logf("    %s: ES %v/%v EF %v/%v LS %v/%v LF %v/%v TF %d/%d (ours/P6)", a.ID,
						a.EarlyStart, r.EarlyStart, a.EarlyFinish, r.EarlyFinish, a.LateStart, r.LateStart,
						a.LateFinish, r.LateFinish, a.TotalFloat, r.TotalFloat)
				}
			}
			t.Logf("%s %s: %d activities; ES %d/%d EF %d/%d LS %d/%d LF %d/%d TF %d/%d", name, p.ShortName, len(res.Activities),
				n[0].match, n[0].of, n[1].match, n[1].of, n[2].match, n[2].of, n[3].match, n[3].of, n[4].match, n[4].of)
		}
	}
}
