package schedule_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// TestCompareRecorded: A (2 days) → B (1 day) on the standard calendar from Monday
// 2025-03-03 08:00. By hand A runs Mon 08:00 – Tue 17:00 and B Wed 08:00 – Wed 17:00,
// floats 0. The "file" records A's finish as Wed 08:00 (the start of the next working
// period: the same point in working time, so it agrees), B's late finish as Thu 17:00
// (a day out: a mismatch), and A's float as 1 minute (within tolerance) and B's as
// 480 (a mismatch). A has no late dates recorded, so LateN counts only B.
func TestCompareRecorded(t *testing.T) {
	net := &schedule.Network{
		Project:    schedule.Project{Start: at("2025-03-03T08:00")},
		Calendars:  []schedule.Calendar{schedule.StandardFiveDay()},
		Activities: []schedule.Activity{{ID: "A", Duration: 960}, {ID: "B", Duration: 480}},
		Links:      []schedule.Link{{Pred: "A", Succ: "B"}},
	}
	res, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	rec := []schedule.Recorded{
		{EarlyStart: at("2025-03-03T08:00"), EarlyFinish: at("2025-03-05T08:00"), TotalFloat: 1, HasTotalFloat: true},
		{EarlyStart: at("2025-03-05T08:00"), EarlyFinish: at("2025-03-05T17:00"),
			LateStart: at("2025-03-05T08:00"), LateFinish: at("2025-03-06T17:00"), TotalFloat: 480, HasTotalFloat: true},
	}
	p, err := schedule.CompareRecorded(net, res, rec)
	require.NoError(t, err)
	assert.Equal(t, "parity: early 2/2 late 0/1 float 1/2", p.String())
	assert.Equal(t, []schedule.Mismatch{
		{Activity: "B", Field: "lateFinish", File: "2025-03-06T17:00", Ours: "2025-03-05T17:00"},
		{Activity: "B", Field: "totalFloat", File: "480min", Ours: "0min"},
	}, p.Mismatches)

	_, err = schedule.CompareRecorded(net, res, rec[:1])
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
}

func at(s string) schedule.Instant {
	t, err := schedule.ParseInstant(s)
	if err != nil {
		panic(err)
	}
	return t
}
