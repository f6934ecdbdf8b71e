package schedule_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Every expected value in the Compute, Constraint and Progress tests is worked out
// by hand (the arithmetic is in the comments), never by running the engine.
//
// Most tests use the standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00, 480
// working minutes a day) from a project start of Monday 2025-03-03 08:00. Working
// positions are counted in minutes from that start, so a whole working day k
// (k = 0 for Mon 3 March) starts at position 480k and ends at 480(k+1):
//
//	day    Fri 28.2  Mon 3  Tue 4  Wed 5  Thu 6  Fri 7  Mon 10  Tue 11  Wed 12  Thu 13  Fri 14
//	start     −480       0    480    960   1440   1920    2400    2880    3360    3840    4320
//	finish       0     480    960   1440   1920   2400    2880    3360    3840    4320    4800
//
// A start at position p shows as 08:00 of its day; a finish at p shows as 17:00 of
// the day before the one that starts at p (a finish lands at the end of a working
// period, a start at the beginning of the next).

const (
	cpmHour = 60
	cpmDay  = 8 * cpmHour // one working day on the 8-hour calendars
	cpmAny  = math.MinInt64
)

// cpmAt parses a test instant such as "2025-03-07T17:00"; a typo in a test literal
// is a bug in the test, so it panics.
func cpmAt(s string) schedule.Instant {
	t, err := schedule.ParseInstant(s)
	if err != nil {
		panic(err)
	}
	return t
}

// cpmStart is the project start of most tests: Monday 2025-03-03 08:00.
var cpmStart = cpmAt("2025-03-03T08:00")

// cpmNet builds a network on the given calendars (the standard calendar when none),
// the first calendar being the project default.
func cpmNet(start schedule.Instant, acts []schedule.Activity, links []schedule.Link, cals ...schedule.Calendar) *schedule.Network {
	if len(cals) == 0 {
		cals = []schedule.Calendar{schedule.StandardFiveDay()}
	}
	return &schedule.Network{
		Project:    schedule.Project{ID: "P", Start: start, DefaultCalendar: cals[0].ID},
		Calendars:  cals,
		Activities: acts,
		Links:      links,
	}
}

// cpmTask is a task of d working minutes.
func cpmTask(id string, d int64) schedule.Activity {
	return schedule.Activity{ID: id, Duration: d, RemainingDuration: -1}
}

// cpmFS is a finish-to-start link without lag.
func cpmFS(pred, succ string) schedule.Link { return schedule.Link{Pred: pred, Succ: succ} }

// cpmWant is what one activity should get. Empty dates and cpmAny floats are not
// checked.
type cpmWant struct {
	id             string
	es, ef, ls, lf string
	tf, ff         int64
}

// cpmCompute runs Compute and fails the test on an error.
func cpmCompute(t *testing.T, net *schedule.Network, opts schedule.Options) *schedule.Result {
	t.Helper()
	res, err := schedule.Compute(net, opts)
	require.NoError(t, err)
	require.NotNil(t, res)
	require.Len(t, res.Activities, len(net.Activities))
	require.Len(t, res.Driving, len(net.Links))
	return res
}

// cpmResult returns the result of activity id, checking that results come in the
// order of Network.Activities.
func cpmResult(t *testing.T, net *schedule.Network, res *schedule.Result, id string) schedule.ActivityResult {
	t.Helper()
	for i := range net.Activities {
		if net.Activities[i].ID == id {
			require.Equal(t, id, res.Activities[i].ID, "results are in the order of Network.Activities")
			return res.Activities[i]
		}
	}
	t.Fatalf("no activity %q in the network", id)
	return schedule.ActivityResult{}
}

// cpmCheck compares each wanted activity with its result.
func cpmCheck(t *testing.T, net *schedule.Network, res *schedule.Result, wants []cpmWant) {
	t.Helper()
	for _, w := range wants {
		r := cpmResult(t, net, res, w.id)
		for _, d := range []struct {
			name string
			want string
			got  schedule.Instant
		}{{"EarlyStart", w.es, r.EarlyStart}, {"EarlyFinish", w.ef, r.EarlyFinish}, {"LateStart", w.ls, r.LateStart}, {"LateFinish", w.lf, r.LateFinish}} {
			if d.want != "" {
				assert.Equal(t, d.want, d.got.String(), "%s %s", w.id, d.name)
			}
		}
		if w.tf != cpmAny {
			assert.Equal(t, w.tf, r.TotalFloat, "%s TotalFloat", w.id)
		}
		if w.ff != cpmAny {
			assert.Equal(t, w.ff, r.FreeFloat, "%s FreeFloat", w.id)
		}
	}
}

// TestComputeTextbookHendrickson computes the nine-activity project of
// C. Hendrickson, Project Management for Construction (2nd ed., 2008), chapter 10
// "Fundamental Scheduling Procedures": the precedences and durations are Table 10-2,
// the event times and the 30-day project duration are Examples 10-2 and 10-3, and
// the earliest start, latest start and floats are Table 10-5 (on-line edition,
// https://www.cmu.edu/cee/projects/PMbook/10_Fundamental_Scheduling_Procedures.html).
//
// Table 10-2 (days): A site clearing 4; B removal of trees 3; C general excavation 8
// (after A); D grading 7 (after A); E excavation for trenches 9 (after B, C);
// F formwork and reinforcement 12 (after B, C); G sewer lines 2 (after D, E);
// H other utilities 5 (after D, E); I pouring concrete 6 (after F, G).
//
// Day n is mapped to 2025-01-01 + n days at 00:00 on the 24-hour calendar, so one
// day of duration is 1440 working minutes and EF of day n is the same instant as
// ES of day n.
func TestComputeTextbookHendrickson(t *testing.T) {
	const d = 24 * cpmHour
	day0 := date.New(2025, time.January, 1)
	dayAt := func(n int) string { return schedule.AtTime(day0+date.Date(n), 0, 0).String() }

	// Listed backwards so that the order of results and the topological sort are
	// both exercised.
	acts := []schedule.Activity{
		cpmTask("I", 6*d), cpmTask("H", 5*d), cpmTask("G", 2*d), cpmTask("F", 12*d),
		cpmTask("E", 9*d), cpmTask("D", 7*d), cpmTask("C", 8*d), cpmTask("B", 3*d), cpmTask("A", 4*d),
	}
	links := []schedule.Link{
		cpmFS("A", "C"), cpmFS("A", "D"),
		cpmFS("B", "E"), cpmFS("C", "E"),
		cpmFS("B", "F"), cpmFS("C", "F"),
		cpmFS("D", "G"), cpmFS("E", "G"),
		cpmFS("D", "H"), cpmFS("E", "H"),
		cpmFS("F", "I"), cpmFS("G", "I"),
	}
	net := cpmNet(schedule.AtTime(day0, 0, 0), acts, links, schedule.TwentyFourHour())
	res := cpmCompute(t, net, schedule.Options{})

	// Forward pass: ES = max EF of predecessors; EF = ES + duration.
	//   A 0+4=4, B 0+3=3, C 4+8=12, D 4+7=11, E max(3,12)+9=21, F max(3,12)+12=24,
	//   G max(11,21)+2=23, H max(11,21)+5=26, I max(24,23)+6=30 (project: 30 days).
	// Backward pass: LF = min LS of successors (30 at the end); LS = LF − duration.
	//   I 30−6=24, H 30−5=25, G 24−2=22, F 24−12=12, E min(22,25)−9=13,
	//   D min(22,25)−7=15, C min(13,12)−8=4, B min(13,12)−3=9, A min(4,15)−4=0.
	// TF = LF − EF; FF = min ES of successors − EF (project finish for H).
	//   B 12−3=9, FF 12−3=9; D 22−11=11, FF 21−11=10; E 22−21=1, FF 21−21=0;
	//   G 24−23=1, FF 24−23=1; H 30−26=4, FF 30−26=4; A, C, F, I zero.
	// These agree with Table 10-5: floats (free, total) B 9/9, D 10/11, E 0/1,
	// G 1/1, H 4/4; critical path A–C–F–I.
	cases := []struct {
		id             string
		es, ef, ls, lf int
		tf, ff         int
	}{
		{"A", 0, 4, 0, 4, 0, 0},
		{"B", 0, 3, 9, 12, 9, 9},
		{"C", 4, 12, 4, 12, 0, 0},
		{"D", 4, 11, 15, 22, 11, 10},
		{"E", 12, 21, 13, 22, 1, 0},
		{"F", 12, 24, 12, 24, 0, 0},
		{"G", 21, 23, 22, 24, 1, 1},
		{"H", 21, 26, 25, 30, 4, 4},
		{"I", 24, 30, 24, 30, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			cpmCheck(t, net, res, []cpmWant{{c.id, dayAt(c.es), dayAt(c.ef), dayAt(c.ls), dayAt(c.lf), int64(c.tf) * d, int64(c.ff) * d}})
			r := cpmResult(t, net, res, c.id)
			assert.Equal(t, c.tf == 0, r.Critical, "critical")
			assert.Equal(t, c.tf == 0, r.LongestPath, "on the longest path")
		})
	}
	assert.Equal(t, dayAt(30), res.EarlyFinish.String())
	assert.Equal(t, []string{"A", "C", "F", "I"}, res.LongestPath)
	for i := range net.Activities {
		assert.Equal(t, int64(d), res.MinutesPerDay[i], "24-hour calendar: 1440 minutes a day")
	}
	// A link drives when its successor's ES equals the predecessor's EF:
	// A→C 4=4, A→D 4=4, B→E 3≠12, C→E 12=12, B→F 3≠12, C→F 12=12, D→G 11≠21,
	// E→G 21=21, D→H 11≠21, E→H 21=21, F→I 24=24, G→I 23≠24.
	assert.Equal(t, []bool{true, true, false, true, false, true, false, true, false, true, true, false}, res.Driving)
}

// TestComputeLinkTypes checks each link type with positive and negative lags on the
// standard calendar, several across the weekend of 8–9 March 2025. Every network
// is X (optional) → A —link→ B, with A and B both followed (FS) by a finish
// milestone Z, so that late dates are bounded by the project finish whatever the
// link type. Lags are in working minutes (one day = 480). Positions are as in the
// table at the top of this file.
func TestComputeLinkTypes(t *testing.T) {
	cases := []struct {
		name    string
		x       int64 // duration of X before A (0: no X)
		a, b    int64
		typ     schedule.LinkType
		lag     int64
		wantA   cpmWant
		wantB   cpmWant
		driving bool
	}{
		{
			// A [0,960]; B starts at 960 (Wed 5), ends 1440. Z = 1440.
			// LF_A = LS_B = 960: TF 0; FF_A = ES_B − EF_A = 0.
			name: "FS", a: 2 * cpmDay, b: cpmDay, typ: schedule.FS,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T08:00", "2025-03-04T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-05T08:00", "2025-03-05T17:00", "2025-03-05T08:00", "2025-03-05T17:00", 0, 0},
			driving: true,
		},
		{
			// A [0,1920] ends Thu 6 17:00; lag two days Fri 7 and Mon 10:
			// B starts 1920+960 = 2880 (Tue 11), ends 3360. All zero float.
			name: "FS +2d over the weekend", a: 4 * cpmDay, b: cpmDay, typ: schedule.FS, lag: 2 * cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-06T17:00", "2025-03-03T08:00", "2025-03-06T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-11T08:00", "2025-03-11T17:00", "2025-03-11T08:00", "2025-03-11T17:00", 0, 0},
			driving: true,
		},
		{
			// A [0,2880] ends Mon 10 17:00; lead of two days back over the weekend:
			// B starts 2880−960 = 1920 (Fri 7), ends 2400. Z = 2880.
			// B: LF 2880 (Mon 10 17:00), LS 2400 (Mon 10 08:00), TF 2880−2400 = 480,
			// FF = Z − EF = 480. A: LF = min(Z 2880, LS_B 2400 + 960 = 3360) = 2880,
			// TF 0; FF = min(Z 2880 − 2880, ES_B 1920 + 960 − 2880) = 0.
			name: "FS −2d over the weekend", a: 6 * cpmDay, b: cpmDay, typ: schedule.FS, lag: -2 * cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-10T17:00", "2025-03-03T08:00", "2025-03-10T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-10T08:00", "2025-03-10T17:00", cpmDay, cpmDay},
			driving: true,
		},
		{
			// A [0,1920]; B starts 0+480 = 480 (Tue 4), 2 days to 1440 (Wed 5 17:00).
			// Z = 1920. B: LF 1920, LS 960 (Wed 5 08:00), TF 480, FF 1920−1440 = 480.
			// A: LS ≤ LS_B − 480 = 480, LF ≤ Z 1920 → LF = min(1920, 480+1920) = 1920,
			// TF 0; FF = min(Z − EF = 0, ES_B − lag − ES_A = 0) = 0.
			name: "SS +1d", a: 4 * cpmDay, b: 2 * cpmDay, typ: schedule.SS, lag: cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-06T17:00", "2025-03-03T08:00", "2025-03-06T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-04T08:00", "2025-03-05T17:00", "2025-03-05T08:00", "2025-03-06T17:00", cpmDay, cpmDay},
			driving: true,
		},
		{
			// X [0,2400] Mon 3–Fri 7; A [2400,3360] Mon 10–Tue 11; B starts one day
			// before A: 2400−480 = 1920 (Fri 7), ends 2400. Z = 3360.
			// B: LF 3360, LS 2880 (Tue 11 08:00), TF 960, FF 3360−2400 = 960.
			// A: TF 0, FF = min(Z − 3360, ES_B + 480 − ES_A = 0) = 0.
			name: "SS −1d over the weekend", x: 5 * cpmDay, a: 2 * cpmDay, b: cpmDay, typ: schedule.SS, lag: -cpmDay,
			wantA:   cpmWant{"A", "2025-03-10T08:00", "2025-03-11T17:00", "2025-03-10T08:00", "2025-03-11T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-11T08:00", "2025-03-11T17:00", 2 * cpmDay, 2 * cpmDay},
			driving: true,
		},
		{
			// A [0,1920]; B must finish ≥ 1920+480 = 2400 (Fri 7 17:00), so starts
			// 2400−960 = 1440 (Thu 6). Z = 2400. A: LF = min(Z 2400, LF_B − 480 =
			// 1920) = 1920, TF 0; FF = min(2400−1920, 2400−480−1920) = 0.
			name: "FF +1d", a: 4 * cpmDay, b: 2 * cpmDay, typ: schedule.FF, lag: cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-06T17:00", "2025-03-03T08:00", "2025-03-06T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-06T08:00", "2025-03-07T17:00", "2025-03-06T08:00", "2025-03-07T17:00", 0, 0},
			driving: true,
		},
		{
			// A [0,2400] ends Fri 7; B finishes ≥ 2400+480 = 2880 (Mon 10 17:00),
			// starts 2880−960 = 1920 (Fri 7 08:00), so B spans the weekend.
			name: "FF +1d over the weekend", a: 5 * cpmDay, b: 2 * cpmDay, typ: schedule.FF, lag: cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-07T17:00", "2025-03-03T08:00", "2025-03-07T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-07T08:00", "2025-03-10T17:00", "2025-03-07T08:00", "2025-03-10T17:00", 0, 0},
			driving: true,
		},
		{
			// A [0,2400]; B finishes ≥ 2400−960 = 1440 (Wed 5 17:00), starts 960.
			// Z = 2400. B: LF 2400, LS 1920 (Fri 7 08:00), TF 960, FF 2400−1440 = 960.
			// A: LF = min(Z 2400, LF_B + 960 = 3360) = 2400, TF 0, FF 0.
			name: "FF −2d", a: 5 * cpmDay, b: cpmDay, typ: schedule.FF, lag: -2 * cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-07T17:00", "2025-03-03T08:00", "2025-03-07T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-05T08:00", "2025-03-05T17:00", "2025-03-07T08:00", "2025-03-07T17:00", 2 * cpmDay, 2 * cpmDay},
			driving: true,
		},
		{
			// A [0,960]; B finishes ≥ ES_A + 3 days = 1440 (Wed 5 17:00), starts 960.
			// Z = 1440. A: LS ≤ LF_B − 1440 = 0 → LF = min(Z 1440, 0+960) = 960, TF 0;
			// FF = min(Z − EF = 480, EF_B − lag − ES_A = 0) = 0.
			name: "SF +3d", a: 2 * cpmDay, b: cpmDay, typ: schedule.SF, lag: 3 * cpmDay,
			wantA:   cpmWant{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T08:00", "2025-03-04T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-05T08:00", "2025-03-05T17:00", "2025-03-05T08:00", "2025-03-05T17:00", 0, 0},
			driving: true,
		},
		{
			// X [0,1920]; A [1920,2400] Fri 7; B finishes ≥ 1920+960 = 2880 (Mon 10
			// 17:00), starts 1920 (Fri 7 08:00). Z = 2880. A: LS ≤ 2880−960 = 1920,
			// LF = min(Z, 1920+480) = 2400: TF 0.
			name: "SF +2d over the weekend", x: 4 * cpmDay, a: cpmDay, b: 2 * cpmDay, typ: schedule.SF, lag: 2 * cpmDay,
			wantA:   cpmWant{"A", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-07T08:00", "2025-03-07T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-07T08:00", "2025-03-10T17:00", "2025-03-07T08:00", "2025-03-10T17:00", 0, 0},
			driving: true,
		},
		{
			// X [0,2400]; A [2400,2880] Mon 10; B finishes ≥ 2400−480 = 1920, which
			// is Fri 7 08:00 as a start and Thu 6 17:00 as a finish; B [1440,1920].
			// Z = 2880. B: LF 2880 (Mon 10 17:00), LS 2400, TF 960, FF 2880−1920 = 960.
			// A: LS ≤ LF_B + 480 = 3360, LF = min(Z 2880, 3360+480) = 2880: TF 0.
			name: "SF −1d over the weekend", x: 5 * cpmDay, a: cpmDay, b: cpmDay, typ: schedule.SF, lag: -cpmDay,
			wantA:   cpmWant{"A", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 0, 0},
			wantB:   cpmWant{"B", "2025-03-06T08:00", "2025-03-06T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 2 * cpmDay, 2 * cpmDay},
			driving: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			acts := []schedule.Activity{cpmTask("A", c.a), cpmTask("B", c.b), {ID: "Z", Kind: schedule.FinishMilestone}}
			links := []schedule.Link{{Pred: "A", Succ: "B", Type: c.typ, Lag: c.lag}, cpmFS("A", "Z"), cpmFS("B", "Z")}
			if c.x > 0 {
				acts = append(acts, cpmTask("X", c.x))
				links = append(links, cpmFS("X", "A"))
			}
			net := cpmNet(cpmStart, acts, links)
			res := cpmCompute(t, net, schedule.Options{})
			cpmCheck(t, net, res, []cpmWant{c.wantA, c.wantB})
			assert.Equal(t, c.driving, res.Driving[0], "A→B drives B")
		})
	}
}

// TestComputeOpenEndedStartLink: when A's only successor is start-to-start, nothing
// after A bounds its finish, so its late finish is the project's late finish
// (P6 and MS Project treat such an open finish like an activity without
// successors). Here A finishes last, so it sets the project finish and cannot slip.
func TestComputeOpenEndedStartLink(t *testing.T) {
	// A [0,1920] Mon 3–Thu 6; B SS +1d [480,1440] Tue 4–Wed 5. Project finish 1920.
	// B: LF 1920 (Thu 6 17:00), LS 960 (Wed 5 08:00), TF 480.
	// A: LS ≤ LS_B − 480 = 480, but LF ≤ project finish 1920 → LF = min(1920,
	// 480+1920) = 1920, LS 0: TF 0. A finishes last, so it is critical.
	net := cpmNet(cpmStart,
		[]schedule.Activity{cpmTask("A", 4*cpmDay), cpmTask("B", 2*cpmDay)},
		[]schedule.Link{{Pred: "A", Succ: "B", Type: schedule.SS, Lag: cpmDay}})
	res := cpmCompute(t, net, schedule.Options{})
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-06T17:00", "2025-03-03T08:00", "2025-03-06T17:00", 0, 0},
		{"B", "2025-03-04T08:00", "2025-03-05T17:00", "2025-03-05T08:00", "2025-03-06T17:00", cpmDay, cpmDay},
	})
	assert.Equal(t, "2025-03-06T17:00", res.EarlyFinish.String())
	assert.True(t, cpmResult(t, net, res, "A").Critical)
}

// cpmFourDay is a Monday-to-Thursday calendar, used as a project default that
// differs from both ends of a link.
func cpmFourDay() schedule.Calendar {
	var w schedule.WorkWeek
	for d := range w {
		w[d] = []schedule.Period{}
	}
	for d := time.Monday; d <= time.Thursday; d++ {
		w[d] = []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	}
	return schedule.Calendar{ID: "mon-thu", Week: w, HoursPerDay: 8}
}

// TestComputeLagCalendars: P (one day on the seven-day calendar) —FS, lag 2 days
// (960 minutes)→ S (one day on the standard calendar), from Thursday 2025-03-06
// 08:00; the project default is a Monday-to-Thursday calendar. P finishes Thu 6
// 17:00 and the lag runs over the weekend of 8–9 March, so each lag calendar gives
// a different start for S.
func TestComputeLagCalendars(t *testing.T) {
	network := func(linkCal schedule.LagCalendar) *schedule.Network {
		p := cpmTask("P", cpmDay)
		p.Calendar = schedule.SevenDayID
		s := cpmTask("S", cpmDay)
		s.Calendar = schedule.StandardFiveDayID
		return cpmNet(cpmAt("2025-03-06T08:00"),
			[]schedule.Activity{p, s},
			[]schedule.Link{{Pred: "P", Succ: "S", Lag: 2 * cpmDay, LagCalendar: linkCal}},
			cpmFourDay(), schedule.StandardFiveDay(), schedule.SevenDay())
	}
	// The four outcomes (P's TF is found by asking how late P may finish and still
	// give the same S, on P's seven-day calendar):
	//   predecessor (seven-day): Thu 17:00 + Fri, Sat = Sat 8 17:00 → S Mon 10 08:00,
	//     ends Mon 10 17:00. P may finish Fri 7 17:00 (+ Sat, Sun → Sun 17:00 → S
	//     still Mon 08:00): TF 1 day = 480.
	//   successor (standard): Thu 17:00 + Fri 7, Mon 10 = Mon 10 17:00 → S Tue 11
	//     08:00–17:00. P finishing any later pushes S: TF 0.
	//   24-hour: Thu 17:00 + 960 elapsed minutes (16 h) = Fri 7 09:00 → S starts Fri
	//     09:00; 480 minutes: Fri 09–12 (180), 13–17 (240), Mon 08–09 (60) → ends Mon
	//     10 09:00. TF 0.
	//   project default (Mon–Thu): Thu 17:00 + Mon 10, Tue 11 = Tue 11 17:00 → S Wed
	//     12 08:00–17:00. P may finish Sun 9 17:00 (+ Mon, Tue → Tue 17:00): TF Fri,
	//     Sat, Sun = 3 days = 1440.
	type outcome struct {
		sES, sEF string
		pTF      int64
	}
	pred := outcome{"2025-03-10T08:00", "2025-03-10T17:00", cpmDay}
	succ := outcome{"2025-03-11T08:00", "2025-03-11T17:00", 0}
	h24 := outcome{"2025-03-07T09:00", "2025-03-10T09:00", 0}
	def := outcome{"2025-03-12T08:00", "2025-03-12T17:00", 3 * cpmDay}
	cases := []struct {
		name    string
		option  schedule.LagCalendar
		linkCal schedule.LagCalendar
		want    outcome
	}{
		{"option predecessor", schedule.LagPredecessor, schedule.LagFromOption, pred},
		{"option successor", schedule.LagSuccessor, schedule.LagFromOption, succ},
		{"option 24h", schedule.Lag24Hour, schedule.LagFromOption, h24},
		{"option project default", schedule.LagProjectDefault, schedule.LagFromOption, def},
		{"link successor overrides option 24h", schedule.Lag24Hour, schedule.LagSuccessor, succ},
		{"link 24h overrides option successor", schedule.LagSuccessor, schedule.Lag24Hour, h24},
		{"link project default overrides option predecessor", schedule.LagPredecessor, schedule.LagProjectDefault, def},
		{"link predecessor overrides option project default", schedule.LagProjectDefault, schedule.LagPredecessor, pred},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := network(c.linkCal)
			res := cpmCompute(t, net, schedule.Options{LagCalendar: c.option})
			cpmCheck(t, net, res, []cpmWant{
				{"P", "2025-03-06T08:00", "2025-03-06T17:00", "", "", c.want.pTF, cpmAny},
				{"S", c.want.sES, c.want.sEF, c.want.sES, c.want.sEF, 0, 0},
			})
			assert.Equal(t, c.want.sEF, res.EarlyFinish.String())
			assert.True(t, res.Driving[0])
		})
	}
}

// TestComputeLagCalendarZeroValueFollowsOption: LagFromOption is documented as the
// zero-valued "use the project option" of Link.LagCalendar, so a link that leaves
// LagCalendar unset follows Options.LagCalendar.
func TestComputeLagCalendarZeroValueFollowsOption(t *testing.T) {
	p := cpmTask("P", cpmDay)
	p.Calendar = schedule.SevenDayID
	s := cpmTask("S", cpmDay)
	s.Calendar = schedule.StandardFiveDayID
	net := cpmNet(cpmAt("2025-03-06T08:00"),
		[]schedule.Activity{p, s},
		[]schedule.Link{{Pred: "P", Succ: "S", Lag: 2 * cpmDay}}, // LagCalendar left zero
		cpmFourDay(), schedule.StandardFiveDay(), schedule.SevenDay())
	// Option successor (standard): Thu 6 17:00 + Fri 7, Mon 10 → S Tue 11 08:00.
	res := cpmCompute(t, net, schedule.Options{LagCalendar: schedule.LagSuccessor})
	cpmCheck(t, net, res, []cpmWant{{"S", "2025-03-11T08:00", "2025-03-11T17:00", "", "", 0, 0}})
}

// TestComputeLagPercent: a 50 % lag on a four-day predecessor is a two-day lag,
// measured on the predecessor's calendar whatever the lag-calendar option.
func TestComputeLagPercent(t *testing.T) {
	cases := []struct {
		name         string
		predCal      string
		start        string
		wantPF       string
		wantS, wantF string
	}{
		{
			// P 4d Mon 3–Thu 6 17:00; lag 50 % × 1920 = 960 on the standard
			// calendar: Fri 7, Mon 10 → Mon 10 17:00 → S Tue 11. (On the 24-hour
			// option it would have been Thu 17:00 + 16 h = Fri 09:00.)
			name: "standard predecessor", predCal: schedule.StandardFiveDayID, start: "2025-03-03T08:00",
			wantPF: "2025-03-06T17:00", wantS: "2025-03-11T08:00", wantF: "2025-03-11T17:00",
		},
		{
			// P 4d on the seven-day calendar from Thu 6: Thu, Fri, Sat, Sun → Sun 9
			// 17:00; lag 960 on seven-day: Mon 10, Tue 11 → Tue 11 17:00 → S (standard)
			// Wed 12 08:00–17:00.
			name: "seven-day predecessor", predCal: schedule.SevenDayID, start: "2025-03-06T08:00",
			wantPF: "2025-03-09T17:00", wantS: "2025-03-12T08:00", wantF: "2025-03-12T17:00",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := cpmTask("P", 4*cpmDay)
			p.Calendar = c.predCal
			s := cpmTask("S", cpmDay)
			net := cpmNet(cpmAt(c.start), []schedule.Activity{p, s},
				[]schedule.Link{{Pred: "P", Succ: "S", LagPercent: 50, LagCalendar: schedule.LagFromOption}},
				schedule.StandardFiveDay(), schedule.SevenDay())
			res := cpmCompute(t, net, schedule.Options{LagCalendar: schedule.Lag24Hour})
			cpmCheck(t, net, res, []cpmWant{
				{"P", c.start, c.wantPF, "", "", 0, 0},
				{"S", c.wantS, c.wantF, c.wantS, c.wantF, 0, 0},
			})
		})
	}
}

// TestComputeCalendarChinaStatutory runs a chain over China's 2025 National Day
// holiday (2025-10-01 Wed … 10-08 Wed) and its make-up working days (Sun 9-28 and
// Sat 10-11, 调休上班), beside a task on the plain standard calendar.
func TestComputeCalendarChinaStatutory(t *testing.T) {
	s := cpmTask("S", 5*cpmDay)
	s.Calendar = schedule.StandardFiveDayID
	net := cpmNet(cpmAt("2025-09-26T08:00"),
		[]schedule.Activity{cpmTask("T", 5*cpmDay), cpmTask("U", 2*cpmDay), cpmTask("V", cpmDay), s},
		[]schedule.Link{cpmFS("T", "U"), cpmFS("U", "V")},
		schedule.ChinaStatutory(), schedule.StandardFiveDay())
	res := cpmCompute(t, net, schedule.Options{})
	// T 5 days from Fri 9-26: Fri 26, (Sat 27 off), Sun 28 (make-up), Mon 29,
	//   Tue 30, (Oct 1–8 holiday), Thu Oct 9 → ends 10-09 17:00.
	// U 2 days: Fri Oct 10, Sat Oct 11 (make-up) → ends 10-11 17:00.
	// V 1 day: (Sun 12 off) Mon Oct 13.
	// S on standard, no holidays: Fri 26, Mon 29, Tue 30, Wed Oct 1, Thu Oct 2 →
	//   ends 10-02 17:00; LF = project finish 10-13 17:00, LS five standard days
	//   back: Mon 13, Fri 10, Thu 9, Wed 8, Tue 7 → 10-07 08:00; TF on standard =
	//   Fri 3, Mon 6 … Fri 10, Mon 13 = 7 days = 3360; no successors: FF = TF.
	cpmCheck(t, net, res, []cpmWant{
		{"T", "2025-09-26T08:00", "2025-10-09T17:00", "2025-09-26T08:00", "2025-10-09T17:00", 0, 0},
		{"U", "2025-10-10T08:00", "2025-10-11T17:00", "2025-10-10T08:00", "2025-10-11T17:00", 0, 0},
		{"V", "2025-10-13T08:00", "2025-10-13T17:00", "2025-10-13T08:00", "2025-10-13T17:00", 0, 0},
		{"S", "2025-09-26T08:00", "2025-10-02T17:00", "2025-10-07T08:00", "2025-10-13T17:00", 7 * cpmDay, 7 * cpmDay},
	})
	assert.Equal(t, "2025-10-13T17:00", res.EarlyFinish.String())
	assert.Equal(t, []string{"T", "U", "V"}, res.LongestPath)
}

// TestComputeCalendarPeriodEnds: a finish lands at the end of a working period and
// its successor starts at the beginning of the next one.
func TestComputeCalendarPeriodEnds(t *testing.T) {
	cases := []struct {
		name          string
		a, b          int64
		aEF, bES, bEF string
		projectFinish string
	}{
		// A 5 days Mon 3–Fri 7 17:00; B starts Monday 10 08:00, not Friday 17:00.
		{"end of day before a weekend", 5 * cpmDay, cpmDay, "2025-03-07T17:00", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-10T17:00"},
		// A 4 hours Mon 3 08:00–12:00; B starts after lunch at 13:00, 1 h to 14:00.
		{"end of the morning", 4 * cpmHour, cpmHour, "2025-03-03T12:00", "2025-03-03T13:00", "2025-03-03T14:00", "2025-03-03T14:00"},
		// A 6 hours: 08–12 and 13–15; B 3 hours: 15–17 then Tue 08–09.
		{"across the night", 6 * cpmHour, 3 * cpmHour, "2025-03-03T15:00", "2025-03-03T15:00", "2025-03-04T09:00", "2025-03-04T09:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := cpmNet(cpmStart, []schedule.Activity{cpmTask("A", c.a), cpmTask("B", c.b)}, []schedule.Link{cpmFS("A", "B")})
			res := cpmCompute(t, net, schedule.Options{})
			cpmCheck(t, net, res, []cpmWant{
				{"A", "2025-03-03T08:00", c.aEF, "2025-03-03T08:00", c.aEF, 0, 0},
				{"B", c.bES, c.bEF, c.bES, c.bEF, 0, 0},
			})
			assert.Equal(t, c.projectFinish, res.EarlyFinish.String())
		})
	}
}

// TestComputeCalendarMilestones: after a predecessor finishing Friday 17:00 a start
// milestone sits at the start of the next working period (Monday 08:00) and a
// finish milestone at the finish itself (Friday 17:00); milestones without
// predecessors sit at the project start.
func TestComputeCalendarMilestones(t *testing.T) {
	net := cpmNet(cpmStart,
		[]schedule.Activity{
			cpmTask("A", 5*cpmDay),
			{ID: "SM", Kind: schedule.StartMilestone},
			{ID: "FM", Kind: schedule.FinishMilestone},
			{ID: "SM0", Kind: schedule.StartMilestone},
			{ID: "FM0", Kind: schedule.FinishMilestone},
		},
		[]schedule.Link{cpmFS("A", "SM"), cpmFS("A", "FM")})
	res := cpmCompute(t, net, schedule.Options{})
	// A [0,2400]: Mon 3 08:00–Fri 7 17:00. SM and FM at position 2400: a start
	// there is Mon 10 08:00, a finish Fri 7 17:00. Both are at the project finish
	// (2400): TF 0. SM0 and FM0 have no predecessors: at the project start, Mon 3
	// 08:00 (nothing is scheduled before the project start); their float runs to the
	// project finish, 2400 − 0 = 2400.
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-07T17:00", "2025-03-03T08:00", "2025-03-07T17:00", 0, 0},
		{"SM", "2025-03-10T08:00", "2025-03-10T08:00", "2025-03-10T08:00", "2025-03-10T08:00", 0, 0},
		{"FM", "2025-03-07T17:00", "2025-03-07T17:00", "2025-03-07T17:00", "2025-03-07T17:00", 0, 0},
		{"SM0", "2025-03-03T08:00", "2025-03-03T08:00", "", "", 5 * cpmDay, 5 * cpmDay},
		{"FM0", "2025-03-03T08:00", "2025-03-03T08:00", "", "", 5 * cpmDay, 5 * cpmDay},
	})
	// The project finishes when A does, Friday 17:00, not at the start milestone's
	// Monday 08:00.
	assert.Equal(t, "2025-03-07T17:00", res.EarlyFinish.String())
}

// TestComputeMustFinishByCriticalFloat: total float against a must-finish-by date,
// and the critical flag against Options.CriticalFloat. A 2d → B 2d → C 1d, and
// D 1d → C; early finish Fri 7 17:00 (2400).
func TestComputeMustFinishByCriticalFloat(t *testing.T) {
	net := cpmNet(cpmStart,
		[]schedule.Activity{cpmTask("A", 2*cpmDay), cpmTask("B", 2*cpmDay), cpmTask("C", cpmDay), cpmTask("D", cpmDay)},
		[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C"), cpmFS("D", "C")})
	// C's LF is the late project finish L; the chain A–B–C has TF = L − 2400;
	// D: LF = LS_C = L − 480, EF 480, TF = L − 960.
	cases := []struct {
		name          string
		mustFinishBy  string
		criticalFloat int64
		chainTF, dTF  int64
		chainCritical bool
		dCritical     bool
	}{
		// L = 2400: chain 0, D 1440.
		{"no must-finish-by", "", 0, 0, 3 * cpmDay, true, false},
		// L = Mon 10 17:00 = 2880: chain 480, D 1920.
		{"later must-finish-by", "2025-03-10T17:00", 0, cpmDay, 4 * cpmDay, false, false},
		// Same, with one day of float counted as critical.
		{"later must-finish-by, critical float 1d", "2025-03-10T17:00", cpmDay, cpmDay, 4 * cpmDay, true, false},
		// L = Thu 6 17:00 = 1920: chain −480, D 960.
		{"earlier must-finish-by: negative float", "2025-03-06T17:00", 0, -cpmDay, 2 * cpmDay, true, false},
		// Critical float 3 days: D's 1440 is at the threshold, so critical.
		{"critical float 3d includes D", "", 3 * cpmDay, 0, 3 * cpmDay, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := schedule.Options{CriticalFloat: c.criticalFloat}
			if c.mustFinishBy != "" {
				opts.MustFinishBy = cpmAt(c.mustFinishBy)
			}
			res := cpmCompute(t, net, opts)
			for _, id := range []string{"A", "B", "C"} {
				r := cpmResult(t, net, res, id)
				assert.Equal(t, c.chainTF, r.TotalFloat, "%s TotalFloat", id)
				assert.Equal(t, c.chainCritical, r.Critical, "%s Critical", id)
			}
			r := cpmResult(t, net, res, "D")
			assert.Equal(t, c.dTF, r.TotalFloat, "D TotalFloat")
			assert.Equal(t, c.dCritical, r.Critical, "D Critical")
			// The early finish does not move with the must-finish-by date.
			assert.Equal(t, "2025-03-07T17:00", res.EarlyFinish.String())
			assert.Equal(t, []string{"A", "B", "C"}, res.LongestPath)
		})
	}
}

// TestComputeLongestPathWithConstraints: the longest path is the chain of driving
// links back from the project finish, not the set of zero-float activities.
func TestComputeLongestPathWithConstraints(t *testing.T) {
	b := cpmTask("B", cpmDay)
	b.Constraint = schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: cpmAt("2025-03-12T08:00")}
	d := cpmTask("D", 3*cpmDay)
	d.Constraint = schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: cpmAt("2025-03-04T17:00")}
	e := cpmTask("E", 5*cpmDay)
	e.Constraint = schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: cpmAt("2025-03-07T17:00")}
	net := cpmNet(cpmStart,
		[]schedule.Activity{cpmTask("A", 2*cpmDay), b, cpmTask("C", cpmDay), d, e},
		[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C")})
	res := cpmCompute(t, net, schedule.Options{MustFinishBy: cpmAt("2025-03-14T17:00")})
	// A [0,960]; B held by SNET to 3360 (Wed 12), ends 3840; C [3840,4320] Thu 13:
	// the project finishes Thu 13 17:00. D [0,1440], E [0,2400].
	// Late, from the must-finish-by Fri 14 17:00 = 4800:
	//   C LF 4800, TF 4800−4320 = 480; B LF = LS_C 4320, TF 4320−3840 = 480;
	//   A LF = LS_B 3840, TF 3840−960 = 2880;
	//   D LF = min(4800, FNLT 960) = 960, TF 960−1440 = −480;
	//   E LF = min(4800, FNLT 2400) = 2400, TF 0.
	// Critical (TF ≤ 0): D and E. Longest path: C finishes last; B→C drives
	// (3840 = 3840); A→B does not (960 ≠ 3360, the constraint set B's start).
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-11T08:00", "2025-03-12T17:00", 6 * cpmDay, cpmAny},
		{"B", "2025-03-12T08:00", "2025-03-12T17:00", "2025-03-13T08:00", "2025-03-13T17:00", cpmDay, 0},
		{"C", "2025-03-13T08:00", "2025-03-13T17:00", "2025-03-14T08:00", "2025-03-14T17:00", cpmDay, cpmAny},
		{"D", "2025-03-03T08:00", "2025-03-05T17:00", "2025-02-28T08:00", "2025-03-04T17:00", -cpmDay, cpmAny},
		{"E", "2025-03-03T08:00", "2025-03-07T17:00", "2025-03-03T08:00", "2025-03-07T17:00", 0, cpmAny},
	})
	assert.Equal(t, "2025-03-13T17:00", res.EarlyFinish.String())
	assert.Equal(t, []string{"B", "C"}, res.LongestPath)
	assert.Equal(t, []bool{false, true}, res.Driving)
	for _, c := range []struct {
		id           string
		critical, lp bool
	}{{"A", false, false}, {"B", false, true}, {"C", false, true}, {"D", true, false}, {"E", true, false}} {
		r := cpmResult(t, net, res, c.id)
		assert.Equal(t, c.critical, r.Critical, "%s Critical", c.id)
		assert.Equal(t, c.lp, r.LongestPath, "%s LongestPath", c.id)
	}
}

// TestComputeLevelOfEffort: L is tied SS to A and FF to C, so it spans from A's
// start to C's finish and drives nothing.
func TestComputeLevelOfEffort(t *testing.T) {
	net := cpmNet(cpmStart,
		[]schedule.Activity{{ID: "L", Kind: schedule.LevelOfEffort}, cpmTask("A", 2*cpmDay), cpmTask("C", 3*cpmDay)},
		[]schedule.Link{
			{Pred: "A", Succ: "L", Type: schedule.SS},
			{Pred: "L", Succ: "C", Type: schedule.FF},
			cpmFS("A", "C"),
		})
	res := cpmCompute(t, net, schedule.Options{})
	// A [0,960] Mon 3–Tue 4; C [960,2400] Wed 5–Fri 7. All critical.
	// L: start = ES_A = Mon 3 08:00, finish = EF_C = Fri 7 17:00 (early and late
	// alike); its span is 2400 working minutes; TF 0.
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T08:00", "2025-03-04T17:00", 0, 0},
		{"C", "2025-03-05T08:00", "2025-03-07T17:00", "2025-03-05T08:00", "2025-03-07T17:00", 0, 0},
		{"L", "2025-03-03T08:00", "2025-03-07T17:00", "2025-03-03T08:00", "2025-03-07T17:00", 0, cpmAny},
	})
	assert.Equal(t, int64(5*cpmDay), cpmResult(t, net, res, "L").RemainingDuration)
	assert.Equal(t, []bool{false, false, true}, res.Driving, "a level-of-effort activity never drives")
	assert.Equal(t, []string{"A", "C"}, res.LongestPath)
	assert.Equal(t, "2025-03-07T17:00", res.EarlyFinish.String())
}

// TestComputeWBSSummary: W1 holds A and the summary W2, which holds B, C and E.
func TestComputeWBSSummary(t *testing.T) {
	with := func(a schedule.Activity, parent string) schedule.Activity { a.Parent = parent; return a }
	net := cpmNet(cpmStart,
		[]schedule.Activity{
			{ID: "W1", Kind: schedule.WBSSummary},
			with(schedule.Activity{ID: "W2", Kind: schedule.WBSSummary}, "W1"),
			with(cpmTask("A", 2*cpmDay), "W1"),
			with(cpmTask("B", 2*cpmDay), "W2"),
			with(cpmTask("C", cpmDay), "W2"),
			with(cpmTask("E", cpmDay), "W2"),
			cpmTask("D", cpmDay),
		},
		[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C"), cpmFS("A", "E"), cpmFS("C", "D")})
	res := cpmCompute(t, net, schedule.Options{})
	// A [0,960] Mon 3–Tue 4; B [960,1920] Wed 5–Thu 6; C [1920,2400] Fri 7;
	// D [2400,2880] Mon 10; E [960,1440] Wed 5, no successor: LF = project finish
	// 2880 (Mon 10 17:00), LS 2400 (Mon 10 08:00), TF 1440.
	// W2 = span of B, C, E: ES Wed 5 08:00, EF Fri 7 17:00, LS min(Wed 5, Fri 7,
	// Mon 10) = Wed 5 08:00, LF max(Thu 6, Fri 7, Mon 10 17:00) = Mon 10 17:00;
	// span 1440; TF = LF − EF = 2880 − 2400 = 480.
	// W1 = span of A and W2: Mon 3 08:00 … Fri 7 17:00, late Mon 3 08:00 … Mon 10
	// 17:00; span 2400; TF 480.
	cpmCheck(t, net, res, []cpmWant{
		{"E", "2025-03-05T08:00", "2025-03-05T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 3 * cpmDay, 3 * cpmDay},
		{"W2", "2025-03-05T08:00", "2025-03-07T17:00", "2025-03-05T08:00", "2025-03-10T17:00", cpmDay, cpmAny},
		{"W1", "2025-03-03T08:00", "2025-03-07T17:00", "2025-03-03T08:00", "2025-03-10T17:00", cpmDay, cpmAny},
	})
	assert.Equal(t, int64(3*cpmDay), cpmResult(t, net, res, "W2").RemainingDuration)
	assert.Equal(t, int64(5*cpmDay), cpmResult(t, net, res, "W1").RemainingDuration)
	assert.Equal(t, []string{"A", "B", "C", "D"}, res.LongestPath)
}

// TestComputeErrors: bad input gives an error naming the record and field, with the
// right code, and no result.
func TestComputeErrors(t *testing.T) {
	ok := func() *schedule.Network {
		return cpmNet(cpmStart,
			[]schedule.Activity{cpmTask("A", cpmDay), cpmTask("B", cpmDay), cpmTask("C", cpmDay)},
			[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C")})
	}
	cases := []struct {
		name     string
		net      *schedule.Network
		code     error
		contains []string
	}{
		{"nil network", nil, lanyan.ErrInvalid, []string{"network"}},
		{"no project start", func() *schedule.Network { n := ok(); n.Project.Start = 0; return n }(), lanyan.ErrInvalid, []string{"project", "start"}},
		{"unknown calendar", func() *schedule.Network { n := ok(); n.Activities[1].Calendar = "nope"; return n }(),
			lanyan.ErrNotFound, []string{`activity "B"`, "calendar", `"nope"`}},
		{"unknown default calendar", func() *schedule.Network { n := ok(); n.Project.DefaultCalendar = "nope"; return n }(),
			lanyan.ErrNotFound, []string{"project", "defaultCalendar", `"nope"`}},
		{"dangling link predecessor", func() *schedule.Network { n := ok(); n.Links = append(n.Links, cpmFS("X", "C")); return n }(),
			lanyan.ErrNotFound, []string{"link 2", "pred", `"X"`}},
		{"dangling link successor", func() *schedule.Network { n := ok(); n.Links = append(n.Links, cpmFS("A", "Y")); return n }(),
			lanyan.ErrNotFound, []string{"link 2", "succ", `"Y"`}},
		{"duplicate id", func() *schedule.Network { n := ok(); n.Activities[2].ID = "A"; return n }(),
			lanyan.ErrInvalid, []string{`activity "A"`, "id"}},
		{"empty id", func() *schedule.Network { n := ok(); n.Activities[1].ID = ""; return n }(),
			lanyan.ErrInvalid, []string{"activity 1", "id"}},
		{"negative duration", func() *schedule.Network { n := ok(); n.Activities[1].Duration = -480; return n }(),
			lanyan.ErrInvalid, []string{`activity "B"`, "duration"}},
		{"start milestone with a duration", func() *schedule.Network {
			n := ok()
			n.Activities[1].Kind = schedule.StartMilestone
			return n
		}(), lanyan.ErrInvalid, []string{`activity "B"`, "duration"}},
		{"finish milestone with a duration", func() *schedule.Network {
			n := ok()
			n.Activities[2].Kind = schedule.FinishMilestone
			return n
		}(), lanyan.ErrInvalid, []string{`activity "C"`, "duration"}},
		{"self link", func() *schedule.Network { n := ok(); n.Links = append(n.Links, cpmFS("B", "B")); return n }(),
			lanyan.ErrInvalid, []string{"link 2", "B"}},
		{"percent complete over 100", func() *schedule.Network { n := ok(); n.Activities[0].PercentComplete = 101; return n }(),
			lanyan.ErrInvalid, []string{`activity "A"`, "percentComplete"}},
		{"actual finish without actual start", func() *schedule.Network {
			n := ok()
			n.Activities[0].ActualFinish = cpmAt("2025-03-03T17:00")
			return n
		}(), lanyan.ErrInvalid, []string{`activity "A"`, "actualStart"}},
		{"actual finish before actual start", func() *schedule.Network {
			n := ok()
			n.Activities[0].ActualStart = cpmAt("2025-03-04T08:00")
			n.Activities[0].ActualFinish = cpmAt("2025-03-03T17:00")
			return n
		}(), lanyan.ErrInvalid, []string{`activity "A"`, "actualFinish"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var res *schedule.Result
			var err error
			require.NotPanics(t, func() { res, err = schedule.Compute(c.net, schedule.Options{}) })
			require.Error(t, err)
			assert.Nil(t, res, "no partial output")
			assert.True(t, errors.Is(err, c.code), "errors.Is(%v, %v)", err, c.code)
			for _, s := range c.contains {
				assert.Contains(t, err.Error(), s)
			}
		})
	}
}

// TestComputeCycleError: the message lists the activities of the cycle, and only
// them (D follows the cycle but is not on it).
func TestComputeCycleError(t *testing.T) {
	net := cpmNet(cpmStart,
		[]schedule.Activity{cpmTask("D", cpmDay), cpmTask("A", cpmDay), cpmTask("B", cpmDay), cpmTask("C", cpmDay), cpmTask("S", cpmDay)},
		[]schedule.Link{cpmFS("S", "A"), cpmFS("A", "B"), cpmFS("B", "C"), cpmFS("C", "A"), cpmFS("C", "D")})
	res, err := schedule.Compute(net, schedule.Options{})
	require.Error(t, err)
	assert.Nil(t, res)
	assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
	msg := err.Error()
	rotations := []string{"A → B → C → A", "B → C → A → B", "C → A → B → C"}
	found := false
	for _, r := range rotations {
		found = found || strings.Contains(msg, r)
	}
	assert.True(t, found, "message %q lists the cycle A → B → C → A", msg)
	assert.NotContains(t, msg, "D →", "D is not on the cycle")
	assert.NotContains(t, msg, "S →", "S is not on the cycle")
}

// TestComputeEmptyNetwork: an empty network is no error; its finish is its start.
func TestComputeEmptyNetwork(t *testing.T) {
	var res *schedule.Result
	var err error
	require.NotPanics(t, func() { res, err = schedule.Compute(cpmNet(cpmStart, nil, nil), schedule.Options{}) })
	require.NoError(t, err)
	assert.Empty(t, res.Activities)
	assert.Empty(t, res.LongestPath)
	assert.Equal(t, cpmStart, res.EarlyFinish)

	require.NotPanics(t, func() { res, err = schedule.Compute(&schedule.Network{}, schedule.Options{}) })
	require.Error(t, err, "no project start to schedule from")
	assert.True(t, errors.Is(err, lanyan.ErrInvalid))
}

// TestComputeDeterministicAndPure: Compute leaves the network unchanged and gives
// the same result every time.
func TestComputeDeterministicAndPure(t *testing.T) {
	a := cpmTask("A", 2*cpmDay)
	a.Constraint = schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: cpmAt("2025-03-04T08:00")}
	net := cpmNet(cpmStart,
		[]schedule.Activity{a, cpmTask("B", cpmDay), cpmTask("C", 3*cpmDay)},
		[]schedule.Link{cpmFS("A", "B"), {Pred: "A", Succ: "C", Type: schedule.SS, Lag: cpmHour}})
	before := *net
	before.Activities = append([]schedule.Activity(nil), net.Activities...)
	before.Links = append([]schedule.Link(nil), net.Links...)
	before.Calendars = append([]schedule.Calendar(nil), net.Calendars...)
	first := cpmCompute(t, net, schedule.Options{})
	for range 5 {
		assert.Equal(t, first, cpmCompute(t, net, schedule.Options{}))
	}
	assert.Equal(t, before, *net)
}
