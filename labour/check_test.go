package labour

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func chkSlip(id, worker, project string, d date.Date, hours string) Slip {
	return Slip{ID: id, Date: d, Project: project, Worker: Worker{ID: worker}, Trade: "木工", CostCode: "C1",
		Hours: impDec(hours), Status: StatusApproved}
}

func TestCheckSlips(t *testing.T) {
	d5 := date.New(2025, 3, 5)
	d6 := d5 + 1
	slips := []Slip{
		chkSlip("A", "W1", "P1", d5, "8"),
		chkSlip("B", "W1", "P1", d5, "8.0"), // duplicate of A (8 = 8.0)
		chkSlip("C", "W1", "P2", d5, "9"),   // W1: 25 h on the 5th, two sites
		chkSlip("D", "W2", "P1", d5, "8"),
		chkSlip("E", "W2", "P1", d6, "8"), // W2 on the 6th: not a duplicate of D
		chkSlip("F", "W3", "P1", d6+10, "4"),
	}
	// A rejected copy of D takes part in nothing.
	rej := chkSlip("R", "W2", "P1", d5, "8")
	rej.Status = StatusRejected
	slips = append(slips, rej)
	// W4: 2 work-days of 8 h = 16 h plus 9 overtime = 25 h.
	w4 := chkSlip("G", "W4", "P1", d5, "0")
	w4.WorkDays, w4.OvertimeHours = impDec("2"), impDec("9")
	slips = append(slips, w4)
	// Pending: H submitted on the 5th at 09:00 UTC; I verified on the 7th.
	h := chkSlip("H", "W5", "P1", d5, "8")
	h.Status = StatusSubmitted
	h.History = []StatusChange{{Status: StatusSubmitted, By: "foreman", At: time.Date(2025, 3, 5, 9, 0, 0, 0, time.UTC)}}
	i := chkSlip("I", "W6", "P1", d5, "8")
	i.Status = StatusVerified
	i.History = []StatusChange{
		{Status: StatusSubmitted, By: "foreman", At: time.Date(2025, 3, 5, 9, 0, 0, 0, time.UTC)},
		{Status: StatusVerified, By: "engineer", At: time.Date(2025, 3, 7, 9, 0, 0, 0, time.UTC)},
	}
	j := chkSlip("J", "W7", "P1", d5-3, "8") // submitted, no history: waits from its date, 2 March
	j.Status = StatusSubmitted
	slips = append(slips, h, i, j)

	today := date.New(2025, 3, 13) // H waited 8 days, I 6, J 11
	got := CheckSlips(slips, CheckOptions{Today: today})
	type short struct {
		rule CheckRule
		ids  []string
	}
	var gs []short
	for _, f := range got {
		assert.NotEmpty(t, f.Message)
		gs = append(gs, short{f.Rule, f.SlipIDs})
	}
	assert.Equal(t, []short{
		{RuleDuplicate, []string{"A", "B"}},
		{RuleOver24Hours, []string{"A", "B", "C"}}, // 8+8+9 = 25
		{RuleOver24Hours, []string{"G"}},           // 16+9 = 25
		{RuleTwoSites, []string{"A", "B", "C"}},
		{RuleFutureDate, []string{"F"}}, // 16 March
		{RulePendingTooLong, []string{"J"}},
		{RulePendingTooLong, []string{"H"}},
	}, gs)
	assert.Equal(t, "W1", got[1].WorkerID)
	assert.Equal(t, d5, got[1].Date)

	// A longer allowance clears H (8 days) but not J (11 days).
	got = CheckSlips(slips, CheckOptions{Today: today, MaxPendingDays: 10})
	var pending []string
	for _, f := range got {
		if f.Rule == RulePendingTooLong {
			pending = append(pending, f.SlipIDs...)
		}
	}
	assert.Equal(t, []string{"J"}, pending)

	// No today: neither date rule runs.
	for _, f := range CheckSlips(slips, CheckOptions{}) {
		assert.NotEqual(t, RuleFutureDate, f.Rule)
		assert.NotEqual(t, RulePendingTooLong, f.Rule)
	}
}

func TestCheckSlipsAttendance(t *testing.T) {
	d := date.New(2025, 3, 5)
	slips := []Slip{
		chkSlip("A", "W1", "P1", d, "8"), // present at P1
		chkSlip("B", "W2", "P1", d, "8"), // present, site not recorded: fine
		chkSlip("C", "W3", "P1", d, "8"), // present at P2 only
		chkSlip("D", "W4", "P1", d, "8"), // absent
	}
	att := []Attendance{
		{WorkerID: "W1", Date: d, Project: "P1"},
		{WorkerID: "W2", Date: d},
		{WorkerID: "W3", Date: d, Project: "P2"},
		{WorkerID: "W4", Date: d + 1},
	}
	got := CheckSlips(slips, CheckOptions{Attendance: att})
	require.Len(t, got, 2)
	assert.Equal(t, RuleNoAttendance, got[0].Rule)
	assert.Equal(t, []string{"C"}, got[0].SlipIDs)
	assert.Contains(t, got[0].Message, "not at project")
	assert.Equal(t, []string{"D"}, got[1].SlipIDs)

	assert.Empty(t, CheckSlips(slips, CheckOptions{}), "no attendance given: rule off")
	assert.Len(t, CheckSlips(slips, CheckOptions{Attendance: []Attendance{}}), 4)
}
