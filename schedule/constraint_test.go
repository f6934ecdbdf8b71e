package schedule_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// The constraint tests use the chain A (2 days) → B (2 days) → C (1 day) on the
// standard calendar from Mon 2025-03-03 08:00, with constraints on B. Without them:
// A [0,960] Mon 3–Tue 4, B [960,1920] Wed 5–Thu 6, C [1920,2400] Fri 7, all on
// zero float. Positions are as in the table at the top of compute_test.go.

func cpmChain(b schedule.Activity) *schedule.Network {
	return cpmNet(cpmStart,
		[]schedule.Activity{cpmTask("A", 2*cpmDay), b, cpmTask("C", cpmDay)},
		[]schedule.Link{cpmFS("A", "B"), cpmFS("B", "C")})
}

func TestConstraints(t *testing.T) {
	con := func(typ schedule.ConstraintType, at string) schedule.Constraint {
		return schedule.Constraint{Type: typ, Date: cpmAt(at)}
	}
	cases := []struct {
		name         string
		c1, c2       schedule.Constraint
		mustFinishBy string
		want         []cpmWant
		finish       string   // project early finish
		longest      []string // longest path
	}{
		{
			// B's early start pushed to Mon 10 (2400): B [2400,3360] Mon 10–Tue 11,
			// C [3360,3840] Wed 12. Late: C LF 3840; B LF 3360, LS 2400: TF 0.
			// A: LF = LS_B = 2400 (Fri 7 17:00), LS 1440 (Thu 6 08:00), TF 1440;
			// FF = ES_B − EF_A = 2400 − 960 = 1440. A→B no longer drives.
			name: "start no earlier than", c1: con(schedule.StartNoEarlierThan, "2025-03-10T08:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-06T08:00", "2025-03-07T17:00", 3 * cpmDay, 3 * cpmDay},
				{"B", "2025-03-10T08:00", "2025-03-11T17:00", "2025-03-10T08:00", "2025-03-11T17:00", 0, 0},
				{"C", "2025-03-12T08:00", "2025-03-12T17:00", "2025-03-12T08:00", "2025-03-12T17:00", 0, 0},
			},
			finish: "2025-03-12T17:00", longest: []string{"B", "C"},
		},
		{
			// SNET Tue 4 08:00 (480) is before logic allows (960): no effect.
			name: "start no earlier than, already met", c1: con(schedule.StartNoEarlierThan, "2025-03-04T08:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T08:00", "2025-03-04T17:00", 0, 0},
				{"B", "2025-03-05T08:00", "2025-03-06T17:00", "2025-03-05T08:00", "2025-03-06T17:00", 0, 0},
				{"C", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-07T08:00", "2025-03-07T17:00", 0, 0},
			},
			finish: "2025-03-07T17:00", longest: []string{"A", "B", "C"},
		},
		{
			// B must start by Tue 4 08:00 (480) but logic gives Wed 5 (960).
			// Early dates keep the logic. Late: C LF 2400, LS 1920, TF 0;
			// B LS = min(LS_C − 0 − 960 = 960, 480) = 480 (Tue 4 08:00), LF 1440
			// (Wed 5 17:00), TF 1440 − 1920 = −480; A LF = 480 (Mon 3 17:00), LS −480
			// (Fri 28 Feb 08:00), TF 480 − 960 = −480.
			name: "start no later than, violated by logic", c1: con(schedule.StartNoLaterThan, "2025-03-04T08:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-02-28T08:00", "2025-03-03T17:00", -cpmDay, 0},
				{"B", "2025-03-05T08:00", "2025-03-06T17:00", "2025-03-04T08:00", "2025-03-05T17:00", -cpmDay, 0},
				{"C", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-07T08:00", "2025-03-07T17:00", 0, 0},
			},
			finish: "2025-03-07T17:00", longest: []string{"A", "B", "C"},
		},
		{
			// B must finish no earlier than Mon 10 17:00 (2880): start 2880 − 960 =
			// 1920 (Fri 7), B [1920,2880] Fri 7–Mon 10; C [2880,3360] Tue 11.
			// A: LF = LS_B = 1920 (Thu 6 17:00), LS 960 (Wed 5 08:00), TF 960, FF 960.
			name: "finish no earlier than", c1: con(schedule.FinishNoEarlierThan, "2025-03-10T17:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-05T08:00", "2025-03-06T17:00", 2 * cpmDay, 2 * cpmDay},
				{"B", "2025-03-07T08:00", "2025-03-10T17:00", "2025-03-07T08:00", "2025-03-10T17:00", 0, 0},
				{"C", "2025-03-11T08:00", "2025-03-11T17:00", "2025-03-11T08:00", "2025-03-11T17:00", 0, 0},
			},
			finish: "2025-03-11T17:00", longest: []string{"B", "C"},
		},
		{
			// B must finish by Wed 5 17:00 (1440); logic finishes it Thu 6 (1920).
			// B LF 1440, LS 480, TF −480; A LF 480, LS −480, TF −480; C TF 0.
			name: "finish no later than, violated by logic", c1: con(schedule.FinishNoLaterThan, "2025-03-05T17:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-02-28T08:00", "2025-03-03T17:00", -cpmDay, 0},
				{"B", "2025-03-05T08:00", "2025-03-06T17:00", "2025-03-04T08:00", "2025-03-05T17:00", -cpmDay, 0},
				{"C", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-07T08:00", "2025-03-07T17:00", 0, 0},
			},
			finish: "2025-03-07T17:00", longest: []string{"A", "B", "C"},
		},
		{
			// Start on Mon 10 08:00 (2400), must finish by Fri 14 17:00 (4800).
			// Early: B [2400,3360], C [3360,3840] Wed 12. Late: C LF 4800, LS 4320,
			// TF 960; B LS ≤ 2400 → LF = min(LS_C 4320, 2400+960) = 3360, TF 0;
			// A LF = 2400 (Fri 7 17:00), LS 1440, TF 1440, FF 2400 − 960 = 1440.
			name: "start on", c1: con(schedule.StartOn, "2025-03-10T08:00"), mustFinishBy: "2025-03-14T17:00",
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-06T08:00", "2025-03-07T17:00", 3 * cpmDay, 3 * cpmDay},
				{"B", "2025-03-10T08:00", "2025-03-11T17:00", "2025-03-10T08:00", "2025-03-11T17:00", 0, 0},
				{"C", "2025-03-12T08:00", "2025-03-12T17:00", "2025-03-14T08:00", "2025-03-14T17:00", 2 * cpmDay, cpmAny},
			},
			finish: "2025-03-12T17:00", longest: []string{"B", "C"},
		},
		{
			// Finish on Mon 10 17:00 (2880), must finish by Fri 14 17:00 (4800).
			// Early: B starts 2880 − 960 = 1920, B [1920,2880], C [2880,3360] Tue 11.
			// Late: C LF 4800, TF 4800 − 3360 = 1440; B LF = min(LS_C 4320, 2880) =
			// 2880, TF 0; A LF = 1920 (Thu 6 17:00), LS 960, TF 960.
			name: "finish on", c1: con(schedule.FinishOn, "2025-03-10T17:00"), mustFinishBy: "2025-03-14T17:00",
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-05T08:00", "2025-03-06T17:00", 2 * cpmDay, 2 * cpmDay},
				{"B", "2025-03-07T08:00", "2025-03-10T17:00", "2025-03-07T08:00", "2025-03-10T17:00", 0, 0},
				{"C", "2025-03-11T08:00", "2025-03-11T17:00", "2025-03-14T08:00", "2025-03-14T17:00", 3 * cpmDay, cpmAny},
			},
			finish: "2025-03-11T17:00", longest: []string{"B", "C"},
		},
		{
			// Mandatory start Tue 4 08:00 (480) overrides logic: B starts while A
			// is still working (A ends Tue 4 17:00). B [480,1440] Tue 4–Wed 5,
			// C [1440,1920] Thu 6: project finish Thu 6 17:00. Late: C LF 1920, TF 0;
			// B late = early (mandatory): TF 0; A LF = LS_B = 480 (Mon 3 17:00), LS
			// −480 (Fri 28 Feb 08:00), TF 480 − 960 = −480.
			name: "mandatory start before the predecessor finishes", c1: con(schedule.MandatoryStart, "2025-03-04T08:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-02-28T08:00", "2025-03-03T17:00", -cpmDay, cpmAny},
				{"B", "2025-03-04T08:00", "2025-03-05T17:00", "2025-03-04T08:00", "2025-03-05T17:00", 0, 0},
				{"C", "2025-03-06T08:00", "2025-03-06T17:00", "2025-03-06T08:00", "2025-03-06T17:00", 0, 0},
			},
			finish: "2025-03-06T17:00", longest: []string{"B", "C"},
		},
		{
			// Mandatory finish Fri 7 17:00 (2400), must finish by Fri 14 17:00.
			// Early: B starts 2400 − 960 = 1440 (Thu 6), C [2400,2880] Mon 10.
			// Late: C LF 4800, TF 4800 − 2880 = 1920; B late = early despite C's
			// float (mandatory): LF 2400, TF 0; A LF = LS_B 1440 (Wed 5 17:00), LS
			// 480 (Tue 4 08:00), TF 480, FF 1440 − 960 = 480.
			name: "mandatory finish holds late dates too", c1: con(schedule.MandatoryFinish, "2025-03-07T17:00"), mustFinishBy: "2025-03-14T17:00",
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-04T08:00", "2025-03-05T17:00", cpmDay, cpmDay},
				{"B", "2025-03-06T08:00", "2025-03-07T17:00", "2025-03-06T08:00", "2025-03-07T17:00", 0, 0},
				{"C", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-14T08:00", "2025-03-14T17:00", 4 * cpmDay, cpmAny},
			},
			finish: "2025-03-10T17:00", longest: []string{"B", "C"},
		},
		{
			// Mandatory finish Wed 5 17:00 (1440), earlier than logic (1920): B
			// [480,1440] Tue 4–Wed 5 overlapping A; C Thu 6. A TF = 480 − 960 = −480.
			name: "mandatory finish before logic allows", c1: con(schedule.MandatoryFinish, "2025-03-05T17:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-02-28T08:00", "2025-03-03T17:00", -cpmDay, cpmAny},
				{"B", "2025-03-04T08:00", "2025-03-05T17:00", "2025-03-04T08:00", "2025-03-05T17:00", 0, 0},
				{"C", "2025-03-06T08:00", "2025-03-06T17:00", "2025-03-06T08:00", "2025-03-06T17:00", 0, 0},
			},
			finish: "2025-03-06T17:00", longest: []string{"B", "C"},
		},
		{
			// Primary SNET Thu 6 08:00 (1440), secondary FNLT Fri 7 12:00 (1920+240
			// = 2160). Early: B [1440,2400] Thu 6–Fri 7, C [2400,2880] Mon 10.
			// Late: C LF 2880, LS 2400, TF 0; B LF = min(LS_C 2400, 2160) = 2160
			// (Fri 7 12:00), LS 1200 (Wed 5, 240 into the day: 13:00), TF 2160 −
			// 2400 = −240; A LF = 1200 (Wed 5 12:00), LS 240 (Mon 3 13:00), TF 1200 −
			// 960 = 240.
			name: "secondary: start no earlier than and finish no later than",
			c1:   con(schedule.StartNoEarlierThan, "2025-03-06T08:00"), c2: con(schedule.FinishNoLaterThan, "2025-03-07T12:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T13:00", "2025-03-05T12:00", 4 * cpmHour, cpmAny},
				{"B", "2025-03-06T08:00", "2025-03-07T17:00", "2025-03-05T13:00", "2025-03-07T12:00", -4 * cpmHour, 0},
				{"C", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 0, 0},
			},
			finish: "2025-03-10T17:00", longest: []string{"B", "C"},
		},
		{
			// The same two constraints the other way round give the same schedule.
			name: "secondary: finish no later than and start no earlier than",
			c1:   con(schedule.FinishNoLaterThan, "2025-03-07T12:00"), c2: con(schedule.StartNoEarlierThan, "2025-03-06T08:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T13:00", "2025-03-05T12:00", 4 * cpmHour, cpmAny},
				{"B", "2025-03-06T08:00", "2025-03-07T17:00", "2025-03-05T13:00", "2025-03-07T12:00", -4 * cpmHour, 0},
				{"C", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 0, 0},
			},
			finish: "2025-03-10T17:00", longest: []string{"B", "C"},
		},
		{
			// Primary FNET Fri 7 17:00 (2400): B starts 2400 − 960 = 1440 (Thu 6),
			// C [2400,2880] Mon 10. Secondary SNLT Wed 5 08:00 (960): B LS 960, LF
			// min(LS_C 2400, 960+960) = 1920 (Thu 6 17:00), TF 1920 − 2400 = −480;
			// A LF = 960 (Tue 4 17:00), LS 0, TF 0.
			name: "secondary: finish no earlier than and start no later than",
			c1:   con(schedule.FinishNoEarlierThan, "2025-03-07T17:00"), c2: con(schedule.StartNoLaterThan, "2025-03-05T08:00"),
			want: []cpmWant{
				{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T08:00", "2025-03-04T17:00", 0, cpmAny},
				{"B", "2025-03-06T08:00", "2025-03-07T17:00", "2025-03-05T08:00", "2025-03-06T17:00", -cpmDay, 0},
				{"C", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 0, 0},
			},
			finish: "2025-03-10T17:00", longest: []string{"B", "C"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := cpmTask("B", 2*cpmDay)
			b.Constraint, b.Constraint2 = c.c1, c.c2
			net := cpmChain(b)
			opts := schedule.Options{}
			if c.mustFinishBy != "" {
				opts.MustFinishBy = cpmAt(c.mustFinishBy)
			}
			res := cpmCompute(t, net, opts)
			cpmCheck(t, net, res, c.want)
			assert.Equal(t, c.finish, res.EarlyFinish.String(), "project early finish")
			assert.Equal(t, c.longest, res.LongestPath, "longest path")
			for _, w := range c.want {
				if w.tf != cpmAny {
					assert.Equal(t, w.tf <= 0, cpmResult(t, net, res, w.id).Critical, "%s Critical", w.id)
				}
			}
		})
	}
}

// TestConstraintMustFinishByNegativeFloat: a must-finish-by date a day before the
// early finish gives the whole chain a day of negative float.
func TestConstraintMustFinishByNegativeFloat(t *testing.T) {
	net := cpmChain(cpmTask("B", 2*cpmDay))
	res := cpmCompute(t, net, schedule.Options{MustFinishBy: cpmAt("2025-03-06T17:00")})
	// Late finish of C = Thu 6 17:00 (1920), LS 1440; B LF 1440 (Wed 5 17:00), LS
	// 480 (Tue 4 08:00); A LF 480 (Mon 3 17:00), LS −480 (Fri 28 Feb 08:00). Each
	// TF = LF − EF = −480; FF unchanged at 0.
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-03T08:00", "2025-03-04T17:00", "2025-02-28T08:00", "2025-03-03T17:00", -cpmDay, 0},
		{"B", "2025-03-05T08:00", "2025-03-06T17:00", "2025-03-04T08:00", "2025-03-05T17:00", -cpmDay, 0},
		{"C", "2025-03-07T08:00", "2025-03-07T17:00", "2025-03-06T08:00", "2025-03-06T17:00", -cpmDay, 0},
	})
	assert.Equal(t, "2025-03-07T17:00", res.EarlyFinish.String(), "the early finish is not moved")
	for _, id := range []string{"A", "B", "C"} {
		assert.True(t, cpmResult(t, net, res, id).Critical, id)
	}
}

// TestConstraintALAP: an as-late-as-possible activity is moved later by its free
// float, not by its total float.
func TestConstraintALAP(t *testing.T) {
	a := cpmTask("A", cpmDay)
	a.Constraint = schedule.Constraint{Type: schedule.ALAP}
	net := cpmNet(cpmStart,
		[]schedule.Activity{a, cpmTask("B", 3*cpmDay), cpmTask("C", cpmDay), cpmTask("F", 6*cpmDay), cpmTask("E", cpmDay)},
		[]schedule.Link{cpmFS("A", "C"), cpmFS("B", "C"), cpmFS("C", "E"), cpmFS("F", "E")})
	res := cpmCompute(t, net, schedule.Options{})
	// Before the move: A [0,480] Mon 3; B [0,1440] Mon 3–Wed 5; C [1440,1920]
	// Thu 6; F [0,2880] Mon 3–Mon 10; E [2880,3360] Tue 11.
	// Late: E LF 3360; C LF = LS_E = 2880, LS 2400, TF 960; A LF = LS_C = 2400
	// (Fri 7 17:00), LS 1920 (Fri 7 08:00).
	// A's free float = ES_C − EF_A = 1440 − 480 = 960 (its total float is 1920):
	// A moves to [960,1440], Wed 5 08:00–17:00; then FF 0, TF 2400 − 1440 = 960.
	// C is not delayed.
	cpmCheck(t, net, res, []cpmWant{
		{"A", "2025-03-05T08:00", "2025-03-05T17:00", "2025-03-07T08:00", "2025-03-07T17:00", 2 * cpmDay, 0},
		{"C", "2025-03-06T08:00", "2025-03-06T17:00", "2025-03-10T08:00", "2025-03-10T17:00", 2 * cpmDay, 2 * cpmDay},
		{"E", "2025-03-11T08:00", "2025-03-11T17:00", "2025-03-11T08:00", "2025-03-11T17:00", 0, 0},
	})
}

// TestConstraintErrors: contradictory constraints are errors that name the
// activity and the field.
func TestConstraintErrors(t *testing.T) {
	con := func(typ schedule.ConstraintType, at string) schedule.Constraint {
		return schedule.Constraint{Type: typ, Date: cpmAt(at)}
	}
	cases := []struct {
		name     string
		c1, c2   schedule.Constraint
		contains []string
	}{
		{"start no earlier than after start no later than",
			con(schedule.StartNoEarlierThan, "2025-03-10T08:00"), con(schedule.StartNoLaterThan, "2025-03-05T08:00"),
			[]string{`activity "B"`, "constraint2", "start no earlier than"}},
		{"finish no earlier than after finish no later than",
			con(schedule.FinishNoEarlierThan, "2025-03-10T17:00"), con(schedule.FinishNoLaterThan, "2025-03-07T17:00"),
			[]string{`activity "B"`, "constraint2", "finish no earlier than"}},
		{"finish constraint before start constraint",
			con(schedule.StartNoEarlierThan, "2025-03-10T08:00"), con(schedule.FinishNoLaterThan, "2025-03-07T17:00"),
			[]string{`activity "B"`, "constraint2", "finish constraint", "before start constraint"}},
		{"two mandatory constraints",
			con(schedule.MandatoryStart, "2025-03-05T08:00"), con(schedule.MandatoryFinish, "2025-03-06T17:00"),
			[]string{`activity "B"`, "constraint2", "mandatory"}},
		{"constraint without a date",
			schedule.Constraint{Type: schedule.StartNoEarlierThan}, schedule.Constraint{},
			[]string{`activity "B"`, "constraint.date"}},
		{"secondary constraint without a date",
			schedule.Constraint{}, schedule.Constraint{Type: schedule.FinishNoLaterThan},
			[]string{`activity "B"`, "constraint2.date"}},
		{"unknown constraint type",
			schedule.Constraint{Type: 99, Date: cpmAt("2025-03-05T08:00")}, schedule.Constraint{},
			[]string{`activity "B"`, "constraint.type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := cpmTask("B", 2*cpmDay)
			b.Constraint, b.Constraint2 = c.c1, c.c2
			res, err := schedule.Compute(cpmChain(b), schedule.Options{})
			require.Error(t, err)
			assert.Nil(t, res)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
			for _, s := range c.contains {
				assert.Contains(t, err.Error(), s)
			}
		})
	}
}

// TestConstraintHonorConstraintDates: A (5 days) → B (2 days) FS, B finish no later
// than Friday 2025-03-07 17:00, project start Monday 2025-03-03 08:00.
//
// By hand, P6's way (HonorConstraintDates off): A Mon 03 08:00 – Fri 07 17:00; B by
// logic Mon 10 08:00 – Tue 11 17:00; B's late finish is the constraint, Fri 07
// 17:00, two days (960 min) before its early finish: TF −960, and A, whose late
// finish is B's late start Thu 06 08:00 = Wed 05 17:00, has TF −960 too.
//
// MS Project's way (on): B's early finish is held at Fri 07 17:00 against logic, so
// B runs Thu 06 08:00 – Fri 07 17:00 with TF 0 (the project finishes Fri 07 17:00);
// A keeps Mon–Fri and its late finish is still Wed 05 17:00: TF −960. The link no
// longer drives B.
func TestConstraintHonorConstraintDates(t *testing.T) {
	day := int64(480)
	b := cpmTask("B", 2*day)
	b.Constraint = schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: cpmAt("2025-03-07T17:00")}
	net := cpmNet(cpmStart, []schedule.Activity{cpmTask("A", 5*day), b}, []schedule.Link{cpmFS("A", "B")})

	res := cpmCompute(t, net, schedule.Options{})
	cpmCheck(t, net, res, []cpmWant{
		{id: "A", es: "2025-03-03T08:00", ef: "2025-03-07T17:00", lf: "2025-03-05T17:00", tf: -960, ff: 0},
		{id: "B", es: "2025-03-10T08:00", ef: "2025-03-11T17:00", ls: "2025-03-06T08:00", lf: "2025-03-07T17:00", tf: -960, ff: cpmAny},
	})
	assert.True(t, res.Driving[0])

	res = cpmCompute(t, net, schedule.Options{HonorConstraintDates: true})
	cpmCheck(t, net, res, []cpmWant{
		{id: "A", es: "2025-03-03T08:00", ef: "2025-03-07T17:00", lf: "2025-03-05T17:00", tf: -960, ff: cpmAny},
		{id: "B", es: "2025-03-06T08:00", ef: "2025-03-07T17:00", ls: "2025-03-06T08:00", lf: "2025-03-07T17:00", tf: 0, ff: cpmAny},
	})
	assert.False(t, res.Driving[0])
	assert.Equal(t, "2025-03-07T17:00", res.EarlyFinish.String())
}
