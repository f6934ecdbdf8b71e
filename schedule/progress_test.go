package schedule_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lanyan-dev/lanyan/schedule"
)

// The progress tests use the standard calendar from Mon 2025-03-03 08:00;
// positions are as in the table at the top of compute_test.go.

// TestProgressCompletedAndDataDate: A is complete; nothing remaining is scheduled
// before the data date, Thu 6 08:00 (1440).
func TestProgressCompletedAndDataDate(t *testing.T) {
	a := cpmTask("A", 2*cpmDay)
	a.ActualStart, a.ActualFinish = cpmAt("2025-03-03T08:00"), cpmAt("2025-03-04T17:00")
	net := cpmNet(cpmStart,
		[]schedule.Activity{a, cpmTask("B", 3*cpmDay), cpmTask("C", cpmDay), cpmTask("D", cpmDay)},
		[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C")})
	res := cpmCompute(t, net, schedule.Options{DataDate: cpmAt("2025-03-06T08:00")})
	// A keeps its actual dates. B could follow A on Wed 5 (960) but not before the
	// data date: B [1440,2880] Thu 6–Mon 10, C [2880,3360] Tue 11.
	// D has no predecessor and is not started: at the data date, Thu 6; TF = project
	// finish 3360 − 1920 = 1440; FF the same.
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-04T17:00", "", "", cpmAny, cpmAny},
		{"B", "2025-03-06T08:00", "2025-03-10T17:00", "2025-03-06T08:00", "2025-03-10T17:00", 0, 0},
		{"C", "2025-03-11T08:00", "2025-03-11T17:00", "2025-03-11T08:00", "2025-03-11T17:00", 0, 0},
		{"D", "2025-03-06T08:00", "2025-03-06T17:00", "2025-03-11T08:00", "2025-03-11T17:00", 3 * cpmDay, 3 * cpmDay},
	})
	assert.Equal(t, int64(0), cpmResult(t, net, res, "A").RemainingDuration, "complete: nothing remains")
	assert.Equal(t, int64(3*cpmDay), cpmResult(t, net, res, "B").RemainingDuration)
	assert.Equal(t, "2025-03-11T17:00", res.EarlyFinish.String())
}

// TestProgressInProgress: A (in progress) → B (3 days) → C (1 day); the remaining
// part of A is scheduled from the data date (or its actual start, when later).
func TestProgressInProgress(t *testing.T) {
	cases := []struct {
		name        string
		duration    int64
		actualStart string
		remaining   int64
		percent     float64
		dataDate    string
		wantRem     int64
		wantAEF     string
		wantB       [2]string
		wantC       [2]string
	}{
		{
			// Planned 2 days, 1 day remaining, started Mon 3; data date Thu 6 08:00:
			// the remaining day is Thu 6. B Fri 7, Mon 10, Tue 11; C Wed 12.
			name: "remaining duration", duration: 2 * cpmDay, actualStart: "2025-03-03T08:00",
			remaining: cpmDay, dataDate: "2025-03-06T08:00",
			wantRem: cpmDay, wantAEF: "2025-03-06T17:00",
			wantB: [2]string{"2025-03-07T08:00", "2025-03-11T17:00"}, wantC: [2]string{"2025-03-12T08:00", "2025-03-12T17:00"},
		},
		{
			// Planned 4 days, 25 % complete, remaining not given (−1): 75 % × 1920 =
			// 1440 = 3 days from the data date Wed 5: Wed 5, Thu 6, Fri 7. B Mon 10–
			// Wed 12; C Thu 13.
			name: "percent complete only", duration: 4 * cpmDay, actualStart: "2025-03-03T08:00",
			remaining: -1, percent: 25, dataDate: "2025-03-05T08:00",
			wantRem: 3 * cpmDay, wantAEF: "2025-03-07T17:00",
			wantB: [2]string{"2025-03-10T08:00", "2025-03-12T17:00"}, wantC: [2]string{"2025-03-13T08:00", "2025-03-13T17:00"},
		},
		{
			// Remaining −1 and 0 % complete: the whole 2 days remain, from the data
			// date Tue 4: Tue 4, Wed 5. B Thu 6, Fri 7, Mon 10; C Tue 11.
			name: "started, no percent", duration: 2 * cpmDay, actualStart: "2025-03-03T08:00",
			remaining: -1, dataDate: "2025-03-04T08:00",
			wantRem: 2 * cpmDay, wantAEF: "2025-03-05T17:00",
			wantB: [2]string{"2025-03-06T08:00", "2025-03-10T17:00"}, wantC: [2]string{"2025-03-11T08:00", "2025-03-11T17:00"},
		},
		{
			// Actual start Fri 7 08:00, after the data date Thu 6 08:00: the remaining
			// day cannot come before the work started, so it is Fri 7. B Mon 10–Wed
			// 12; C Thu 13.
			name: "actual start after the data date", duration: 2 * cpmDay, actualStart: "2025-03-07T08:00",
			remaining: cpmDay, dataDate: "2025-03-06T08:00",
			wantRem: cpmDay, wantAEF: "2025-03-07T17:00",
			wantB: [2]string{"2025-03-10T08:00", "2025-03-12T17:00"}, wantC: [2]string{"2025-03-13T08:00", "2025-03-13T17:00"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := cpmTask("A", c.duration)
			a.ActualStart = cpmAt(c.actualStart)
			a.RemainingDuration = c.remaining
			a.PercentComplete = c.percent
			net := cpmNet(cpmStart,
				[]schedule.Activity{a, cpmTask("B", 3*cpmDay), cpmTask("C", cpmDay)},
				[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C")})
			res := cpmCompute(t, net, schedule.Options{DataDate: cpmAt(c.dataDate)})
			// A's early start is its actual start; the chain stays on zero float.
			cpmCheck(t, net, res, []cpmWant{
				{"A", c.actualStart, c.wantAEF, "", c.wantAEF, 0, 0},
				{"B", c.wantB[0], c.wantB[1], c.wantB[0], c.wantB[1], 0, 0},
				{"C", c.wantC[0], c.wantC[1], c.wantC[0], c.wantC[1], 0, 0},
			})
			assert.Equal(t, c.wantRem, cpmResult(t, net, res, "A").RemainingDuration)
			assert.Equal(t, c.wantC[1], res.EarlyFinish.String())
		})
	}
}

// TestProgressOutOfSequence: A (2 days) → B (2 days) → C (1 day), data date Wed 5
// 08:00 (960). A has not started, but B has (out of sequence). A is [960,1920] Wed
// 5–Thu 6 in every mode.
func TestProgressOutOfSequence(t *testing.T) {
	cases := []struct {
		name     string
		mode     schedule.ProgressMode
		finished bool // B complete (actual finish Wed 5 17:00, after the data date) or 1 day remaining
		wantB    [2]string
		wantC    [2]string
	}{
		// B complete, started Mon 3 08:00, finished Wed 5 17:00.
		// Retained logic: C still waits for A through B: A ends Thu 6 17:00, C Fri 7.
		{"complete, retained logic", schedule.RetainedLogic, true,
			[2]string{"2025-03-03T08:00", "2025-03-05T17:00"}, [2]string{"2025-03-07T08:00", "2025-03-07T17:00"}},
		// Progress override: B's logic is dropped; C may start at the data date, Wed 5.
		{"complete, progress override", schedule.ProgressOverride, true,
			[2]string{"2025-03-03T08:00", "2025-03-05T17:00"}, [2]string{"2025-03-05T08:00", "2025-03-05T17:00"}},
		// Actual dates: C follows B's actual finish Wed 5 17:00: Thu 6.
		{"complete, actual dates", schedule.ActualDates, true,
			[2]string{"2025-03-03T08:00", "2025-03-05T17:00"}, [2]string{"2025-03-06T08:00", "2025-03-06T17:00"}},
		// B started Mon 3, one day remaining.
		// Retained logic: the remaining day waits for A (ends Thu 6): Fri 7; C Mon 10.
		{"in progress, retained logic", schedule.RetainedLogic, false,
			[2]string{"2025-03-03T08:00", "2025-03-07T17:00"}, [2]string{"2025-03-10T08:00", "2025-03-10T17:00"}},
		// Progress override: the remaining day is at the data date, Wed 5; C Thu 6.
		{"in progress, progress override", schedule.ProgressOverride, false,
			[2]string{"2025-03-03T08:00", "2025-03-05T17:00"}, [2]string{"2025-03-06T08:00", "2025-03-06T17:00"}},
		// Actual dates: as progress override for remaining work: Wed 5; C Thu 6.
		{"in progress, actual dates", schedule.ActualDates, false,
			[2]string{"2025-03-03T08:00", "2025-03-05T17:00"}, [2]string{"2025-03-06T08:00", "2025-03-06T17:00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := cpmTask("B", 2*cpmDay)
			b.ActualStart = cpmAt("2025-03-03T08:00")
			if c.finished {
				b.ActualFinish = cpmAt("2025-03-05T17:00")
			} else {
				b.RemainingDuration = cpmDay
			}
			net := cpmNet(cpmStart,
				[]schedule.Activity{cpmTask("A", 2*cpmDay), b, cpmTask("C", cpmDay)},
				[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C")})
			res := cpmCompute(t, net, schedule.Options{DataDate: cpmAt("2025-03-05T08:00"), Progress: c.mode})
			cpmCheck(t, net, res, []cpmWant{
				{"A", "2025-03-05T08:00", "2025-03-06T17:00", "", "", cpmAny, cpmAny},
				{"B", c.wantB[0], c.wantB[1], "", "", cpmAny, cpmAny},
				{"C", c.wantC[0], c.wantC[1], "", "", cpmAny, cpmAny},
			})
		})
	}
}

// TestProgressMilestoneActual: a milestone has one actual date, whichever field
// holds it, and is then complete; its successor's remaining work still waits for
// the data date, Wed 5 08:00.
func TestProgressMilestoneActual(t *testing.T) {
	cases := []struct {
		name   string
		kind   schedule.Kind
		actual string
		finish bool // the date is in ActualFinish (else ActualStart)
	}{
		{"finish milestone, actual finish only", schedule.FinishMilestone, "2025-03-04T17:00", true},
		{"start milestone, actual start only", schedule.StartMilestone, "2025-03-04T13:00", false},
		{"finish milestone, actual start only", schedule.FinishMilestone, "2025-03-04T17:00", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := cpmTask("A", 2*cpmDay)
			a.ActualStart, a.ActualFinish = cpmAt("2025-03-03T08:00"), cpmAt("2025-03-04T17:00")
			m := schedule.Activity{ID: "M", Kind: c.kind}
			if c.finish {
				m.ActualFinish = cpmAt(c.actual)
			} else {
				m.ActualStart = cpmAt(c.actual)
			}
			net := cpmNet(cpmStart,
				[]schedule.Activity{a, m, cpmTask("B", cpmDay)},
				[]schedule.Link{cpmFS("A", "M"), cpmFS("M", "B")})
			res := cpmCompute(t, net, schedule.Options{DataDate: cpmAt("2025-03-05T08:00")})
			// M sits at its one actual date; B, not started, starts at the data date
			// Wed 5 08:00 (position 960) and ends Wed 5 17:00.
			cpmCheck(t, net, res, []cpmWant{
				{"M", c.actual, c.actual, "", "", cpmAny, cpmAny},
				{"B", "2025-03-05T08:00", "2025-03-05T17:00", "2025-03-05T08:00", "2025-03-05T17:00", 0, 0},
			})
			assert.Equal(t, int64(0), cpmResult(t, net, res, "M").RemainingDuration)
		})
	}
}

// TestProgressStartedIgnoresStartConstraint: once an activity has started, a
// constraint on its start no longer applies; its remaining day is at the data date.
func TestProgressStartedIgnoresStartConstraint(t *testing.T) {
	a := cpmTask("A", 2*cpmDay)
	a.ActualStart = cpmAt("2025-03-03T08:00")
	a.RemainingDuration = cpmDay
	a.Constraint = schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: cpmAt("2025-03-10T08:00")}
	net := cpmNet(cpmStart, []schedule.Activity{a, cpmTask("B", cpmDay)}, []schedule.Link{cpmFS("A", "B")})
	res := cpmCompute(t, net, schedule.Options{DataDate: cpmAt("2025-03-05T08:00")})
	// Remaining day Wed 5 (not Mon 10 as the constraint would say); B Thu 6.
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-05T17:00", "", "2025-03-05T17:00", 0, 0},
		{"B", "2025-03-06T08:00", "2025-03-06T17:00", "2025-03-06T08:00", "2025-03-06T17:00", 0, 0},
	})
}
