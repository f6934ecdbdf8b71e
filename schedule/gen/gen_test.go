package gen_test

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
)

func TestNetworkIsDeterministic(t *testing.T) {
	a := gen.Network(3000, 42)
	b := gen.Network(3000, 42)
	require.Equal(t, a, b, "same n and seed must give the same network")

	c := gen.Network(3000, 43)
	assert.NotEqual(t, a.Activities, c.Activities, "another seed should give another network")

	// A smaller network with the same seed is not a prefix of a larger one, but it
	// must be the same network every time too.
	assert.Equal(t, gen.Network(10, 42), gen.Network(10, 42))
}

// TestNetworkPinned guards reproducibility across platforms and releases: these
// values were taken from the generator once and must never change, or every
// benchmark and golden file built on generated networks changes with them.
func TestNetworkPinned(t *testing.T) {
	net := gen.Network(1000, 7)
	require.Len(t, net.Activities, 1000)
	sum := func() (s uint64) {
		for _, a := range net.Activities {
			s = s*31 + uint64(a.Duration) + uint64(a.Kind) + uint64(len(a.Calendar)) + uint64(a.Constraint.Date)
		}
		for _, l := range net.Links {
			s = s*31 + uint64(l.Type) + uint64(l.Lag) + uint64(len(l.Pred)) + uint64(l.Pred[len(l.Pred)-1])
		}
		return s
	}()
	assert.Equal(t, pinnedSum, sum, "the generator's output changed")
	assert.Equal(t, pinnedLinks, len(net.Links))
}

const (
	pinnedSum   = uint64(0x964f730980d99001)
	pinnedLinks = 1842
)

func TestNetworkShape(t *testing.T) {
	const n = 10_000
	net := gen.Network(n, 1)
	require.Len(t, net.Activities, n)

	p := net.Project
	assert.Equal(t, "2025-01-06T08:00", p.Start.String())
	assert.Equal(t, time.Monday, p.Start.Date().Weekday())
	assert.Equal(t, schedule.StandardFiveDayID, p.DefaultCalendar)

	idRe := regexp.MustCompile(`^A\d{6,}$`)
	index := make(map[string]int, n)
	var milestones, constrained int
	calCount := map[string]int{}
	for i, a := range net.Activities {
		require.Regexp(t, idRe, a.ID)
		assert.Equal(t, fmt.Sprintf("A%06d", i+1), a.ID)
		index[a.ID] = i
		assert.NotEmpty(t, a.Name, a.ID)
		calCount[a.Calendar]++
		switch a.Kind {
		case schedule.StartMilestone, schedule.FinishMilestone:
			milestones++
			assert.Zero(t, a.Duration, a.ID)
		case schedule.Task:
			assert.Zero(t, a.Duration%480, a.ID)
			assert.GreaterOrEqual(t, a.Duration, int64(480), a.ID)
			assert.LessOrEqual(t, a.Duration, int64(20*480), a.ID)
		default:
			t.Errorf("%s: unexpected kind %v", a.ID, a.Kind)
		}
		if a.Constraint.Type != schedule.ASAP {
			constrained++
			assert.Contains(t, []schedule.ConstraintType{schedule.StartNoEarlierThan, schedule.StartNoLaterThan,
				schedule.FinishNoEarlierThan, schedule.FinishNoLaterThan}, a.Constraint.Type, a.ID)
			assert.GreaterOrEqual(t, a.Constraint.Date, p.Start, a.ID)
		}
		assert.Equal(t, schedule.ASAP, a.Constraint2.Type, a.ID)
		assert.Equal(t, int64(-1), a.RemainingDuration, a.ID)
		assert.True(t, a.ActualStart.IsZero() && a.ActualFinish.IsZero(), a.ID)
	}
	assert.Len(t, index, n, "ids are unique")
	assert.InDelta(t, 0.03, float64(milestones)/n, 0.01, "milestone share")
	assert.InDelta(t, 0.03, float64(constrained)/n, 0.01, "constraint share")
	assert.Len(t, calCount, 3)
	assert.InDelta(t, 0.70, float64(calCount[schedule.StandardFiveDayID])/n, 0.03, "standard calendar share")
	assert.InDelta(t, 0.20, float64(calCount[schedule.SixDayID])/n, 0.03, "six-day calendar share")
	assert.InDelta(t, 0.10, float64(calCount[schedule.SevenDayID])/n, 0.03, "seven-day calendar share")

	preds := make([][]int, n)
	types := map[schedule.LinkType]int{}
	var lagged, leads int
	for _, l := range net.Links {
		pi, ok := index[l.Pred]
		require.True(t, ok, "unknown predecessor %q", l.Pred)
		si, ok := index[l.Succ]
		require.True(t, ok, "unknown successor %q", l.Succ)
		assert.Less(t, pi, si, "%s→%s: predecessors come before", l.Pred, l.Succ)
		assert.LessOrEqual(t, si-pi, 50, "%s→%s: predecessors are within the 50 before", l.Pred, l.Succ)
		assert.NotContains(t, preds[si], pi, "%s→%s: duplicate link", l.Pred, l.Succ)
		preds[si] = append(preds[si], pi)
		types[l.Type]++
		if l.Lag != 0 {
			lagged++
			assert.Zero(t, l.Lag%480)
			assert.GreaterOrEqual(t, l.Lag, int64(-2*480))
			assert.LessOrEqual(t, l.Lag, int64(5*480))
			if l.Lag < 0 {
				leads++
			}
		}
		assert.Zero(t, l.LagPercent)
		assert.Equal(t, schedule.LagFromOption, l.LagCalendar)
	}
	assert.Empty(t, preds[0], "the first activity has no predecessor")
	for i := 1; i < n; i++ {
		assert.True(t, len(preds[i]) >= 1 && len(preds[i]) <= 3, "%s has %d predecessors", net.Activities[i].ID, len(preds[i]))
	}
	links := float64(len(net.Links))
	assert.InDelta(t, 0.70, float64(types[schedule.FS])/links, 0.02, "FS share")
	for _, ty := range []schedule.LinkType{schedule.SS, schedule.FF, schedule.SF} {
		assert.InDelta(t, 0.10, float64(types[ty])/links, 0.02, "%v share", ty)
	}
	assert.InDelta(t, 0.20, float64(lagged)/links, 0.02, "lagged share")
	assert.Positive(t, leads, "some lags are negative")
}

func TestNetworkCalendars(t *testing.T) {
	net := gen.Network(10_000, 3)
	require.Len(t, net.Calendars, 3)
	ids := []string{schedule.StandardFiveDayID, schedule.SixDayID, schedule.SevenDayID}
	for i, c := range net.Calendars {
		assert.Equal(t, ids[i], c.ID)
		require.NotEmpty(t, c.Exceptions, c.ID)
		years := map[int]bool{}
		for _, e := range c.Exceptions {
			assert.Empty(t, e.Periods, "%s: holidays are non-working", c.ID)
			assert.GreaterOrEqual(t, e.To, e.From, "%s: %s", c.ID, e.Name)
			assert.Less(t, int(e.To-e.From), 7, "%s: %s spans at most a week", c.ID, e.Name)
			years[e.From.Year()] = true
		}
		first, last := 9999, 0
		for y := range years {
			first, last = min(first, y), max(last, y)
		}
		assert.Equal(t, 2025, first, c.ID)
		assert.Len(t, years, last-first+1, "%s: every year has holidays", c.ID)
		cc, err := schedule.Compile(c.ID, net.Calendars...)
		require.NoError(t, err, c.ID)
		for _, e := range c.Exceptions[:4] {
			assert.False(t, cc.IsWorkDay(e.To), "%s: %s %s", c.ID, e.Name, e.To)
		}
	}
	// The holidays reach past every constraint date: the network's span is covered.
	lastYear := net.Calendars[0].Exceptions[len(net.Calendars[0].Exceptions)-1].From.Year()
	for _, a := range net.Activities {
		if a.Constraint.Type != schedule.ASAP {
			assert.LessOrEqual(t, a.Constraint.Date.Date().Year(), lastYear, a.ID)
		}
	}
}

func TestNetworkSmall(t *testing.T) {
	for _, n := range []int{-1, 0, 1, 2} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			net := gen.Network(n, 1)
			assert.Len(t, net.Activities, max(n, 0))
			assert.Len(t, net.Links, max(n-1, 0))
			assert.Len(t, net.Calendars, 3)
		})
	}
}

func BenchmarkNetwork(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gen.Network(n, 1)
			}
		})
	}
}

func ExampleNetwork() {
	net := gen.Network(5, 1)
	for _, a := range net.Activities {
		fmt.Printf("%s %-26q %-9s %2.0f days\n", a.ID, a.Name, a.Calendar, float64(a.Duration)/480)
	}
	for _, l := range net.Links {
		fmt.Printf("%s → %s %v lag %d min\n", l.Pred, l.Succ, l.Type, l.Lag)
	}
	// Output:
	// A000001 "Roof, zone 1"             standard   3 days
	// A000002 "Screed, zone 1"           standard  14 days
	// A000003 "Fix rebar, zone 1"        six-day   13 days
	// A000004 "Drylining, zone 1"        standard  11 days
	// A000005 "Strike formwork, zone 1"  seven-day 11 days
	// A000001 → A000002 FF lag 0 min
	// A000002 → A000003 FS lag 0 min
	// A000001 → A000003 FS lag 0 min
	// A000002 → A000004 FS lag 960 min
	// A000003 → A000004 FS lag 0 min
	// A000001 → A000004 FF lag 0 min
	// A000002 → A000005 SF lag 0 min
}

// TestNetworkSchedules checks that generated networks are valid input for
// schedule.Compute and that their holidays reach past the computed finish.
func TestNetworkSchedules(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		net := gen.Network(20_000, seed)
		res, err := schedule.Compute(net, net.Options)
		require.NoError(t, err, "seed %d", seed)
		for _, c := range net.Calendars {
			last := c.Exceptions[len(c.Exceptions)-1].From.Year()
			assert.Greater(t, last, res.EarlyFinish.Date().Year(), "seed %d: %s holidays end before the finish %s", seed, c.ID, res.EarlyFinish)
		}
	}
}
