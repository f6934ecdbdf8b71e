package labour

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// CheckRule names one of the consistency rules run by [CheckSlips].
type CheckRule string

// The rules of [CheckSlips], in the order their findings are reported.
const (
	// RuleDuplicate: two or more slips of the same worker, date, project and
	// time (hours, work-days and overtime hours) — the same work booked twice
	// (重复点工).
	RuleDuplicate CheckRule = "duplicate"
	// RuleOver24Hours: a worker's slips of one day, over all projects, book
	// more than 24 hours.
	RuleOver24Hours CheckRule = "over-24-hours"
	// RuleTwoSites: a worker has slips on two or more projects the same day.
	RuleTwoSites CheckRule = "two-sites"
	// RuleFutureDate: a slip is dated after today.
	RuleFutureDate CheckRule = "future-date"
	// RulePendingTooLong: a submitted or verified slip has waited for approval
	// longer than the allowed days.
	RulePendingTooLong CheckRule = "pending-too-long"
	// RuleNoAttendance: a slip's worker has no attendance record (考勤) for the
	// slip's date (and project, when the record names one).
	RuleNoAttendance CheckRule = "no-attendance"
)

// Finding is one breach of a check rule: the rule, the slips involved (ids
// sorted), the worker and date where the rule is about one worker's day, and a
// message for people.
type Finding struct {
	Rule     CheckRule `json:"rule"`
	SlipIDs  []string  `json:"slipIds"`
	WorkerID string    `json:"workerId,omitempty"`
	Date     date.Date `json:"date,omitempty"`
	Message  string    `json:"message"`
}

// Attendance is one attendance record (考勤记录): a worker present on a date, at a
// project if Project is set (empty: anywhere).
type Attendance struct {
	WorkerID string    `json:"workerId"`
	Date     date.Date `json:"date"`
	Project  string    `json:"project,omitempty"`
}

// CheckOptions configure [CheckSlips].
type CheckOptions struct {
	// Today is the date the checks are run on. Zero skips the future-date and
	// pending-too-long rules.
	Today date.Date
	// MaxPendingDays is how many days a submitted or verified slip may wait
	// for approval, counted from its last status change (or from its date if it
	// has no history); zero means 7.
	MaxPendingDays int
	// StandardDay is the hours of one work-day, to turn WorkDays into hours for
	// the 24-hour rule; zero means 8.
	StandardDay decimal.Decimal
	// Attendance, when not nil, turns on the no-attendance rule. An empty,
	// non-nil slice flags every slip.
	Attendance []Attendance
}

// DefaultMaxPendingDays is the approval wait allowed when
// CheckOptions.MaxPendingDays is zero.
const DefaultMaxPendingDays = 7

// CheckSlips runs the check rules over slips and returns what it finds, never
// an error: findings are for people to review, not reasons to refuse data.
// Rejected slips are void and take part in no rule. Findings come rule by rule
// in the order of the CheckRule constants, and within a rule by date, worker
// and first slip id, so the result is deterministic.
func CheckSlips(slips []Slip, opts CheckOptions) []Finding {
	std := opts.StandardDay
	if std.Sign() <= 0 {
		std = decimal.New(8, 0)
	}
	maxPending := opts.MaxPendingDays
	if maxPending <= 0 {
		maxPending = DefaultMaxPendingDays
	}
	live := make([]int, 0, len(slips))
	for i := range slips {
		if slips[i].Status != StatusRejected {
			live = append(live, i)
		}
	}
	var out []Finding

	// Duplicates.
	type dupKey struct {
		worker, project, hours, workDays, overtime string
		d                                          date.Date
	}
	dups := make(map[dupKey][]string)
	var dupOrder []dupKey
	for _, i := range live {
		s := &slips[i]
		k := dupKey{s.Worker.ID, s.Project, s.Hours.String(), s.WorkDays.String(), s.OvertimeHours.String(), s.Date}
		if _, ok := dups[k]; !ok {
			dupOrder = append(dupOrder, k)
		}
		dups[k] = append(dups[k], s.ID)
	}
	var found []Finding
	for _, k := range dupOrder {
		if ids := dups[k]; len(ids) > 1 {
			found = append(found, Finding{Rule: RuleDuplicate, SlipIDs: sortedIDs(ids), WorkerID: k.worker, Date: k.d,
				Message: fmt.Sprintf("worker %q has %d slips on %s at project %q with the same time", k.worker, len(ids), k.d, k.project)})
		}
	}
	out = append(out, sortFindings(found)...)

	// One worker's day: total hours and projects.
	type wd struct {
		worker string
		d      date.Date
	}
	type dayAcc struct {
		ids      []string
		hours    decimal.Decimal
		projects []string
	}
	days := make(map[wd]*dayAcc)
	var dayOrder []wd
	for _, i := range live {
		s := &slips[i]
		k := wd{s.Worker.ID, s.Date}
		a := days[k]
		if a == nil {
			a = &dayAcc{}
			days[k] = a
			dayOrder = append(dayOrder, k)
		}
		a.ids = append(a.ids, s.ID)
		a.hours = a.hours.Add(s.Hours).Add(s.WorkDays.Mul(std)).Add(s.OvertimeHours)
		if !slices.Contains(a.projects, s.Project) {
			a.projects = append(a.projects, s.Project)
		}
	}
	limit := decimal.New(24, 0)
	found = nil
	for _, k := range dayOrder {
		if a := days[k]; a.hours.GreaterThan(limit) {
			found = append(found, Finding{Rule: RuleOver24Hours, SlipIDs: sortedIDs(a.ids), WorkerID: k.worker, Date: k.d,
				Message: fmt.Sprintf("worker %q books %s hours on %s", k.worker, a.hours, k.d)})
		}
	}
	out = append(out, sortFindings(found)...)
	found = nil
	for _, k := range dayOrder {
		if a := days[k]; len(a.projects) > 1 {
			ps := slices.Clone(a.projects)
			slices.Sort(ps)
			found = append(found, Finding{Rule: RuleTwoSites, SlipIDs: sortedIDs(a.ids), WorkerID: k.worker, Date: k.d,
				Message: fmt.Sprintf("worker %q is on %d projects on %s: %s", k.worker, len(ps), k.d, strings.Join(ps, ", "))})
		}
	}
	out = append(out, sortFindings(found)...)

	if opts.Today != 0 {
		found = nil
		for _, i := range live {
			if s := &slips[i]; s.Date > opts.Today {
				found = append(found, Finding{Rule: RuleFutureDate, SlipIDs: []string{s.ID}, WorkerID: s.Worker.ID, Date: s.Date,
					Message: fmt.Sprintf("slip is dated %s, after today %s", s.Date, opts.Today)})
			}
		}
		out = append(out, sortFindings(found)...)

		found = nil
		for _, i := range live {
			s := &slips[i]
			if s.Status != StatusSubmitted && s.Status != StatusVerified {
				continue
			}
			since := s.Date
			if n := len(s.History); n > 0 {
				since = date.NewAt(s.History[n-1].At)
			}
			if waited := int(opts.Today - since); waited > maxPending {
				found = append(found, Finding{Rule: RulePendingTooLong, SlipIDs: []string{s.ID}, WorkerID: s.Worker.ID, Date: s.Date,
					Message: fmt.Sprintf("slip has been %s since %s: %d days, more than %d", s.Status, since, waited, maxPending)})
			}
		}
		out = append(out, sortFindings(found)...)
	}

	if opts.Attendance != nil {
		type ak struct {
			worker string
			d      date.Date
		}
		present := make(map[ak][]string, len(opts.Attendance)) // projects; "" = anywhere
		for _, a := range opts.Attendance {
			k := ak{a.WorkerID, a.Date}
			present[k] = append(present[k], a.Project)
		}
		found = nil
		for _, i := range live {
			s := &slips[i]
			ps, ok := present[ak{s.Worker.ID, s.Date}]
			if ok && (slices.Contains(ps, "") || slices.Contains(ps, s.Project)) {
				continue
			}
			msg := fmt.Sprintf("no attendance record for worker %q on %s", s.Worker.ID, s.Date)
			if ok {
				msg = fmt.Sprintf("worker %q is recorded present on %s, but not at project %q", s.Worker.ID, s.Date, s.Project)
			}
			found = append(found, Finding{Rule: RuleNoAttendance, SlipIDs: []string{s.ID}, WorkerID: s.Worker.ID, Date: s.Date, Message: msg})
		}
		out = append(out, sortFindings(found)...)
	}
	return out
}

func sortedIDs(ids []string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

// sortFindings orders one rule's findings by date, worker and first slip id.
func sortFindings(fs []Finding) []Finding {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.WorkerID, b.WorkerID), cmp.Compare(a.SlipIDs[0], b.SlipIDs[0]))
	})
	return fs
}
