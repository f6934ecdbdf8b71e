package labour

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

// slip returns a valid draft slip of worker w for hours h on d.
func slip(id, w string, d date.Date, h string) Slip {
	return Slip{
		ID: id, Date: d, Project: "P1", Team: "T1", Subcontractor: "SC1",
		Worker: Worker{ID: w, Name: "张三"}, Trade: "rebar", Hours: dec(h), CostCode: "03-200",
		Description: "rebar rework 钢筋返工", Reason: "design change", SiteInstruction: "QZ-017",
	}
}

func TestSlipValidate(t *testing.T) {
	at := time.Date(2025, 9, 29, 18, 0, 0, 0, time.UTC)
	ok := slip("S1", "W1", day(2025, 9, 29), "8")
	require.NoError(t, ok.Validate())
	tests := []struct {
		name  string
		edit  func(*Slip)
		field string
	}{
		{"no id", func(s *Slip) { s.ID = "" }, "id"},
		{"no date", func(s *Slip) { s.Date = 0 }, "date"},
		{"no project", func(s *Slip) { s.Project = "" }, "project"},
		{"no worker", func(s *Slip) { s.Worker.ID = "" }, "worker"},
		{"no trade", func(s *Slip) { s.Trade = "" }, "trade"},
		{"no cost code", func(s *Slip) { s.CostCode = "" }, "costCode"},
		{"hours and days", func(s *Slip) { s.WorkDays = dec("1") }, "workDays"},
		{"negative hours", func(s *Slip) { s.Hours = dec("-1") }, "hours"},
		{"too many places", func(s *Slip) { s.Hours = dec("1.0005") }, "hours"},
		{"over 24", func(s *Slip) { s.OvertimeHours = dec("25") }, "overtimeHours"},
		{"no time", func(s *Slip) { s.Hours = decimal.Zero }, "hours"},
		{"bad rate", func(s *Slip) { s.Rate = Rate{Unit: PerHour, Amount: dec("1.234")} }, "rate"},
		{"bad unit", func(s *Slip) { s.Rate = Rate{Unit: "week", Amount: dec("1")} }, "rate"},
		{"bad status", func(s *Slip) { s.Status = "paid" }, "status"},
		{"status without history", func(s *Slip) { s.Status = StatusApproved }, "status"},
		{"bad move", func(s *Slip) {
			s.Status = StatusApproved
			s.History = []StatusChange{{Status: StatusApproved, By: "x", At: at}}
		}, "history[0].status"},
		{"history out of order", func(s *Slip) {
			s.Status = StatusVerified
			s.History = []StatusChange{{Status: StatusSubmitted, By: "a", At: at}, {Status: StatusVerified, By: "b", At: at.Add(-time.Hour)}}
		}, "history[1].at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok.clone()
			tt.edit(&s)
			err := s.Validate()
			require.Error(t, err)
			assert.ErrorIs(t, err, lanyan.ErrInvalid)
			var le *lanyan.Error
			require.True(t, errors.As(err, &le))
			assert.Equal(t, slipRecord(s.ID), le.Record)
			assert.Equal(t, tt.field, le.Field)
		})
	}
}

func TestSlipTransition(t *testing.T) {
	at := time.Date(2025, 9, 29, 18, 0, 0, 0, time.UTC)
	s := slip("S1", "W1", day(2025, 9, 29), "8")
	require.NoError(t, s.Transition(StatusSubmitted, "foreman Li", at, ""))
	require.NoError(t, s.Transition(StatusVerified, "engineer Wang", at.Add(time.Hour), "checked on site"))
	err := s.Transition(StatusSubmitted, "x", at, "")
	assert.ErrorIs(t, err, lanyan.ErrConflict)
	assert.ErrorIs(t, s.Transition(StatusApproved, "", at, ""), lanyan.ErrInvalid)
	require.NoError(t, s.Transition(StatusApproved, "QS Zhao", at.Add(2*time.Hour), ""))
	assert.Equal(t, StatusApproved, s.Status)
	require.Len(t, s.History, 3)
	assert.Equal(t, "engineer Wang", s.History[1].By)
	require.NoError(t, s.Validate())
	assert.ErrorIs(t, s.Transition(StatusRejected, "x", at, ""), lanyan.ErrConflict, "approved is final")

	r := slip("S2", "W1", day(2025, 9, 29), "8")
	require.NoError(t, r.Transition(StatusSubmitted, "a", at, ""))
	require.NoError(t, r.Transition(StatusRejected, "b", at, "hours not witnessed"))
	require.NoError(t, r.Transition(StatusDraft, "a", at, "revised"))
	require.NoError(t, r.Validate())
}

type dateT = date.Date

var errInvalid = lanyan.ErrInvalid

func itoa(i int) string { return strconv.Itoa(i) }
