package labour

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// Status is where a slip is in its sign-off: a foreman drafts it, submits it,
// the site engineer verifies it and the employer's representative approves it
// (or either rejects it, after which it may be revised as a draft again).
type Status string

// The statuses of a slip.
const (
	StatusDraft     Status = "draft"     // 草稿
	StatusSubmitted Status = "submitted" // 已提交
	StatusVerified  Status = "verified"  // 已核实
	StatusApproved  Status = "approved"  // 已批准
	StatusRejected  Status = "rejected"  // 已驳回
)

// transitions lists the statuses each status may move to.
var transitions = map[Status][]Status{
	StatusDraft:     {StatusSubmitted},
	StatusSubmitted: {StatusVerified, StatusRejected, StatusDraft},
	StatusVerified:  {StatusApproved, StatusRejected},
	StatusRejected:  {StatusDraft},
	StatusApproved:  nil,
}

// Valid reports whether s is one of the five statuses.
func (s Status) Valid() bool {
	_, ok := transitions[s]
	return ok
}

// CanBecome reports whether a slip of status s may move to status to: draft →
// submitted; submitted → verified, rejected or back to draft (withdrawn);
// verified → approved or rejected; rejected → draft. Approved is final.
func (s Status) CanBecome(to Status) bool {
	for _, t := range transitions[s] {
		if t == to {
			return true
		}
	}
	return false
}

// StatusChange records one move of a slip's status: to what, by whom and when.
type StatusChange struct {
	Status Status    `json:"status"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Note   string    `json:"note,omitempty"`
}

// Worker is a real-name registered worker (实名制): the registration id and name.
type Worker struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Slip is a day-work slip (点工单): one worker's day work on one day, signed off
// as, or under, a site instruction (签证).
//
// Time is given either as Hours or as WorkDays (工日, of the rule set's
// StandardDay), not both; OvertimeHours are further hours beyond them, so the
// hours worked are Hours (or WorkDays × StandardDay) + OvertimeHours. Which of
// them are paid at premium is decided by the overtime rules over the worker's
// whole week ([RuleSet.Price]), not by how the foreman split them. Hours have at
// most three decimal places.
type Slip struct {
	ID            string          `json:"id"`
	Date          date.Date       `json:"date"`
	Project       string          `json:"project"`
	Team          string          `json:"team,omitempty"`          // 班组
	Subcontractor string          `json:"subcontractor,omitempty"` // 劳务分包
	Worker        Worker          `json:"worker"`
	Trade         string          `json:"trade"` // 工种
	Hours         decimal.Decimal `json:"hours"`
	WorkDays      decimal.Decimal `json:"workDays"`
	OvertimeHours decimal.Decimal `json:"overtimeHours"`
	// Rate, when set, overrides the rate table for this slip.
	Rate            Rate   `json:"rate,omitempty"`
	CostCode        string `json:"costCode"`
	Activity        string `json:"activity,omitempty"`
	Description     string `json:"description,omitempty"`
	Reason          string `json:"reason,omitempty"`
	SiteInstruction string `json:"siteInstruction,omitempty"` // 签证 reference
	// Status is the slip's current status; empty means draft. History lists its
	// changes, oldest first; the last one, if any, is to Status.
	Status  Status         `json:"status"`
	History []StatusChange `json:"history,omitempty"`
}

func slipRecord(id string) string { return fmt.Sprintf("slip %q", id) }

// maxDayMilli is the most time one worker may book on one day: 24 hours.
const maxDayMilli = 24_000

// Validate checks a slip on its own: an id, a date, a project, a worker id, a
// trade and a cost code; hours or work-days (not both), not negative, and some
// time in all; a valid rate override if any; a valid status and a history whose
// moves are allowed, in time order, ending at Status. Errors name the slip and
// field: `slip "D-0012": hours: is negative`.
func (s Slip) Validate() error {
	rec := slipRecord(s.ID)
	bad := func(field, format string, args ...any) error {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, field, format, args...)
	}
	switch {
	case s.ID == "":
		return bad("id", "is empty")
	case s.Date == 0:
		return bad("date", "is missing")
	case s.Project == "":
		return bad("project", "is empty")
	case s.Worker.ID == "":
		return bad("worker", "id is empty")
	case s.Trade == "":
		return bad("trade", "is empty")
	case s.CostCode == "":
		return bad("costCode", "is empty")
	case !s.Hours.IsZero() && !s.WorkDays.IsZero():
		return bad("workDays", "is given together with hours: give one")
	}
	for _, f := range []struct {
		name   string
		v      decimal.Decimal
		places int32
	}{{"hours", s.Hours, 3}, {"workDays", s.WorkDays, 3}, {"overtimeHours", s.OvertimeHours, 3}} {
		if f.v.IsNegative() {
			return bad(f.name, "%s is negative", f.v)
		}
		if f.v.GreaterThan(decimal.New(24, 0)) {
			return bad(f.name, "%s is more than 24", f.v)
		}
		if _, ok := scaled(f.v, f.places); !ok {
			return bad(f.name, "%s has more than %d decimal places", f.v, f.places)
		}
	}
	if s.Hours.IsZero() && s.WorkDays.IsZero() && s.OvertimeHours.IsZero() {
		return bad("hours", "no time is booked")
	}
	if !s.Rate.IsZero() {
		if err := s.Rate.validate(rec, "rate"); err != nil {
			return err
		}
	}
	st := s.Status
	if st == "" {
		st = StatusDraft
	}
	if !st.Valid() {
		return bad("status", "%q is not a status", s.Status)
	}
	prev := StatusDraft
	for i, c := range s.History {
		if !c.Status.Valid() {
			return bad(fmt.Sprintf("history[%d].status", i), "%q is not a status", c.Status)
		}
		if i == 0 && c.Status == StatusDraft {
			// A history may start by recording the draft's creation.
		} else if !prev.CanBecome(c.Status) {
			return bad(fmt.Sprintf("history[%d].status", i), "cannot move from %s to %s", prev, c.Status)
		}
		if i > 0 && c.At.Before(s.History[i-1].At) {
			return bad(fmt.Sprintf("history[%d].at", i), "is before the change before it")
		}
		prev = c.Status
	}
	if prev != st {
		return bad("status", "is %s but the history ends at %s", st, prev)
	}
	return nil
}

// Transition moves the slip to status to, recording who did it, when and why in
// its history. It fails with lanyan.ErrConflict, naming the slip and field
// "status", if the move is not allowed from the current status, and with
// lanyan.ErrInvalid if by is empty; the slip is then unchanged.
func (s *Slip) Transition(to Status, by string, at time.Time, note string) error {
	from := s.Status
	if from == "" {
		from = StatusDraft
	}
	if !to.Valid() {
		return lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "status", "%q is not a status", to)
	}
	if by == "" {
		return lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "by", "is empty: a status change names who made it")
	}
	if !from.CanBecome(to) {
		return lanyan.Errorf(lanyan.CodeConflict, slipRecord(s.ID), "status", "cannot move from %s to %s", from, to)
	}
	s.Status = to
	s.History = append(s.History[:len(s.History):len(s.History)], StatusChange{Status: to, By: by, At: at, Note: note})
	return nil
}

// clone returns a copy of s that shares no memory with it.
func (s Slip) clone() Slip {
	if s.History != nil {
		s.History = append([]StatusChange(nil), s.History...)
	}
	return s
}

// pow10 holds 10^0 … 10^18.
var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// scaled returns d × 10^places as an int64 when that is a whole number well
// within range (|d| < 10^12); ok is false otherwise.
func scaled(d decimal.Decimal, places int32) (int64, bool) {
	if d.IsZero() {
		return 0, true
	}
	if d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	e := d.Exponent() + places
	var v int64
	switch {
	case e == 0:
		v = c
	case e > 0:
		if e > 12 {
			return 0, false
		}
		v = c * pow10[e]
		if v/pow10[e] != c {
			return 0, false
		}
	default:
		if -e > 18 {
			return 0, false
		}
		p := pow10[-e]
		if c%p != 0 {
			return 0, false
		}
		v = c / p
	}
	if v > 1e15 || v < -1e15 {
		return 0, false
	}
	return v, true
}
