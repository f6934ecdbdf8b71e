package pmxml

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Namespace is the XML namespace Write declares: that of P6's 8.3 schema, which
// later P6 versions import too.
const Namespace = "http://xmlns.oracle.com/Primavera/P6/V8.3/API/BusinessObjects"

// Write writes imp as a PMXML file of one project for P6's XML import: its
// calendars (as global calendars), WBS, activities, relationships and scheduling
// options, and the recorded dates and floats when imp.Recorded is aligned with
// the activities. What [Read] returns, Write writes back so that Read gives the
// same network again.
//
// WBS summary activities whose id begins with [WBSPrefix] become WBS elements.
// Another WBS summary activity becomes a P6 WBS Summary activity when it is the
// only child of its parent (or the only top-level one), which is where Read puts
// them; otherwise, having children of its own, it becomes a WBS element coded by
// its id, since only WBS elements hold activities in P6. Every other activity
// goes into the WBS element nearest above it.
//
// P6 has no percent lags: a lag given as a percentage is written in hours of the
// predecessor's duration, as Compute measures it. A link whose own lag calendar
// differs from the project option, and HonorConstraintDates (an MS Project
// option), cannot be written; the first is an error, the second is ignored.
// Calendar exceptions spanning several days are written one day at a time.
//
// Write checks the whole network before writing anything, so an error leaves w
// untouched.
func Write(w io.Writer, imp *schedule.Imported) error {
	if imp == nil || imp.Network == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "network", "", "is nil")
	}
	p, err := plan(imp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	x := &xmlWriter{w: bw}
	p.write(x)
	if x.err == nil {
		x.err = bw.Flush()
	}
	return x.err
}

// writePlan is a network checked and numbered for writing.
type writePlan struct {
	imp      *schedule.Imported
	net      *schedule.Network
	calOID   map[string]string // calendar id → ObjectId
	element  []bool            // activity i is a WBS element
	wbsOID   []int             // ObjectId of activity i as a WBS element or an activity
	holder   []int             // the WBS element above activity i, or -1
	code     []string          // WBS code of element i
	sep      string
	lagHours []int64 // lag of each link in minutes, percent lags resolved
	byID     map[string]int
}

// checkInstant refuses instants PMXML cannot hold: before 0001-01-01T00:01 (the
// zero Instant means "not set") or after the year 9999.
func checkInstant(rec, field string, t schedule.Instant) error {
	if t < 0 || t.Date().Year() > 9999 {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, field, "is outside the years 1 to 9999")
	}
	return nil
}

// checkPeriods refuses working periods PMXML cannot hold: each must be a span
// within one day, after the one before it.
func checkPeriods(ps []schedule.Period) error {
	for i, p := range ps {
		if p.Start < 0 || p.End > schedule.MinutesPerDay || p.Start >= p.End || i > 0 && p.Start < ps[i-1].End {
			return fmt.Errorf("period %d (%d–%d minutes) is not a span within the day after the one before it", i, p.Start, p.End)
		}
	}
	return nil
}

func actRec(id string) string { return fmt.Sprintf("activity %q", id) }

func plan(imp *schedule.Imported) (*writePlan, error) {
	net := imp.Network
	p := &writePlan{imp: imp, net: net}
	if len(imp.Recorded) != 0 && len(imp.Recorded) != len(net.Activities) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "imported", "recorded", "has %d values for %d activities", len(imp.Recorded), len(net.Activities))
	}
	o := net.Options
	switch {
	case o.LagCalendar > schedule.LagProjectDefault:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "options", "lagCalendar", "unknown value %d", o.LagCalendar)
	case o.FloatType > schedule.SmallestFloat:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "options", "floatType", "unknown value %d", o.FloatType)
	case o.Progress > schedule.ActualDates:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "options", "progress", "unknown value %d", o.Progress)
	case o.CriticalFloat > maxMinutes || o.CriticalFloat < -maxMinutes:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "options", "criticalFloat", "is longer than a thousand years")
	}
	for _, d := range []struct {
		field string
		t     schedule.Instant
	}{{"start", net.Project.Start}, {"dataDate", o.DataDate}, {"mustFinishBy", o.MustFinishBy}} {
		if err := checkInstant("project", d.field, d.t); err != nil {
			return nil, err
		}
	}
	if err := p.calendars(); err != nil {
		return nil, err
	}
	n := len(net.Activities)
	p.byID = make(map[string]int, n)
	for i := range net.Activities {
		a := &net.Activities[i]
		if a.ID == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %d", i), "id", "is empty")
		}
		if _, dup := p.byID[a.ID]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), "id", "is used by more than one activity")
		}
		p.byID[a.ID] = i
		if a.Kind > schedule.WBSSummary {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), "kind", "unknown kind %d", a.Kind)
		}
		if a.Calendar != "" {
			if _, ok := p.calOID[a.Calendar]; !ok {
				return nil, lanyan.Errorf(lanyan.CodeNotFound, actRec(a.ID), "calendar", "unknown calendar %q", a.Calendar)
			}
		}
		for _, c := range []struct {
			field string
			c     schedule.Constraint
		}{{"constraint", a.Constraint}, {"constraint2", a.Constraint2}} {
			if int(c.c.Type) >= len(constraintNames) {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), c.field+".type", "unknown constraint type %d", c.c.Type)
			}
			if c.c.Type != schedule.ASAP && c.c.Type != schedule.ALAP && c.c.Date == 0 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), c.field+".date", "%s needs a date", c.c.Type)
			}
		}
		dates := []struct {
			field string
			t     schedule.Instant
		}{{"actualStart", a.ActualStart}, {"actualFinish", a.ActualFinish}, {"constraint.date", a.Constraint.Date}, {"constraint2.date", a.Constraint2.Date}}
		if len(imp.Recorded) > 0 {
			r := &imp.Recorded[i]
			dates = append(dates, []struct {
				field string
				t     schedule.Instant
			}{{"recorded.earlyStart", r.EarlyStart}, {"recorded.earlyFinish", r.EarlyFinish}, {"recorded.lateStart", r.LateStart}, {"recorded.lateFinish", r.LateFinish}}...)
			if r.TotalFloat > maxMinutes || r.TotalFloat < -maxMinutes {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), "recorded.totalFloat", "is longer than a thousand years")
			}
		}
		for _, d := range dates {
			if err := checkInstant(actRec(a.ID), d.field, d.t); err != nil {
				return nil, err
			}
		}
		if !(a.PercentComplete >= 0 && a.PercentComplete <= 100) {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), "percentComplete", "must be between 0 and 100")
		}
		if a.Duration < 0 || a.Duration > maxMinutes {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), "duration", "must be from 0 to a thousand years")
		}
		if a.RemainingDuration > maxMinutes {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, actRec(a.ID), "remainingDuration", "is longer than a thousand years")
		}
	}
	if def := net.Project.DefaultCalendar; def != "" {
		if _, ok := p.calOID[def]; !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, "project", "defaultCalendar", "unknown calendar %q", def)
		}
	}
	if err := p.tree(); err != nil {
		return nil, err
	}
	return p, p.links()
}

// calendars checks what P6 needs of the calendars and numbers them. (Whether a
// calendar has working time at all is the engine's question, not the format's.)
func (p *writePlan) calendars() error {
	cals := p.net.Calendars
	ids := make(map[string]bool, len(cals))
	for _, c := range cals {
		if c.ID == "" || ids[c.ID] {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %q", c.ID), "id", "is empty or used by more than one calendar")
		}
		ids[c.ID] = true
	}
	for _, c := range cals {
		rec := fmt.Sprintf("calendar %q", c.ID)
		if c.Base != "" && !ids[c.Base] {
			return lanyan.Errorf(lanyan.CodeNotFound, rec, "base", "unknown calendar %q", c.Base)
		}
		if !(c.HoursPerDay >= 0 && c.HoursPerDay <= 24) {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "hoursPerDay", "must be between 0 and 24")
		}
		for d, ps := range c.Week {
			if err := checkPeriods(ps); err != nil {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, "week."+strings.ToLower(time.Weekday(d).String()), "%v", err)
			}
		}
		for k, e := range c.Exceptions {
			if err := checkPeriods(e.Periods); err != nil {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, fmt.Sprintf("exceptions[%d].periods", k), "%v", err)
			}
			if e.To != 0 && e.To < e.From || e.To-e.From > 3660 {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, fmt.Sprintf("exceptions[%d].to", k), "must be from %s up to ten years later", e.From)
			}
		}
	}
	for _, c := range cals {
		for k, e := range c.Exceptions {
			for j, d := range []date.Date{e.From, e.To} {
				if (j == 0 || d != 0) && (d <= 0 || d.Year() > 9999) {
					return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %q", c.ID), fmt.Sprintf("exceptions[%d]", k), "%s is outside 0001-01-02 to 9999-12-31", d)
				}
			}
		}
	}
	p.calOID = make(map[string]string, len(cals))
	numeric := true // ids that are ObjectIds already, as Read gives them, are kept
	for _, c := range cals {
		if v, err := objectID(c.ID); err != nil || v != c.ID {
			numeric = false
		}
	}
	for i, c := range cals {
		if numeric && canonical(c.ID) == c.ID {
			p.calOID[c.ID] = c.ID
		} else {
			p.calOID[c.ID] = strconv.Itoa(i + 1)
		}
	}
	return nil
}

// tree decides which activities are WBS elements, the element holding each
// activity, and the elements' codes.
func (p *writePlan) tree() error {
	acts := p.net.Activities
	n := len(acts)
	parent := make([]int, n)
	children := make([]int, n)
	roots := 0
	for i := range acts {
		parent[i] = -1
		if acts[i].Parent == "" {
			roots++
			continue
		}
		j, ok := p.byID[acts[i].Parent]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, actRec(acts[i].ID), "parent", "unknown activity %q", acts[i].Parent)
		}
		parent[i] = j
		children[j]++
	}
	p.element = make([]bool, n)
	for i := range acts {
		if acts[i].Kind != schedule.WBSSummary {
			continue
		}
		sole := roots == 1
		if parent[i] >= 0 {
			sole = children[parent[i]] == 1
		}
		p.element[i] = strings.HasPrefix(acts[i].ID, WBSPrefix) || (children[i] > 0 && !sole)
	}
	// The element above each activity, found iteratively with loop detection.
	p.holder = make([]int, n)
	const unknown = -2
	for i := range p.holder {
		p.holder[i] = unknown
	}
	var chain []int
	for i := range acts {
		chain = chain[:0]
		j := parent[i]
		for j >= 0 && p.holder[j] == unknown && !p.element[j] {
			if len(chain) > n {
				return lanyan.Errorf(lanyan.CodeInvalid, actRec(acts[i].ID), "parent", "WBS summaries contain each other in a loop")
			}
			chain = append(chain, j)
			j = parent[j]
		}
		h := -1
		switch {
		case j < 0:
		case p.element[j]:
			h = j
		default:
			h = p.holder[j]
		}
		for _, k := range chain {
			p.holder[k] = h
		}
		p.holder[i] = h
	}
	// An element in an element is a loop when the elements are.
	for i := range acts {
		seen := 0
		for j := p.holder[i]; j >= 0; j = p.holder[j] {
			if seen++; seen > n {
				return lanyan.Errorf(lanyan.CodeInvalid, actRec(acts[i].ID), "parent", "WBS summaries contain each other in a loop")
			}
		}
	}
	// Codes: Read's ids are WBSPrefix + the code path, so each element's code is
	// its path after its parent's and the separator between them.
	p.sep = ""
	path := func(i int) (string, bool) {
		return strings.CutPrefix(acts[i].ID, WBSPrefix)
	}
	for i := range acts {
		if !p.element[i] || p.holder[i] < 0 {
			continue
		}
		own, ok1 := path(i)
		up, ok2 := path(p.holder[i])
		if ok1 && ok2 && len(own) > len(up) && strings.HasPrefix(own, up) {
			p.sep = own[len(up) : len(up)+1]
			break
		}
	}
	if p.sep == "" {
		p.sep = "."
	}
	p.code = make([]string, n)
	for i := range acts {
		if !p.element[i] {
			continue
		}
		own, ok := path(i)
		if !ok {
			p.code[i] = acts[i].ID
			continue
		}
		p.code[i] = own
		if h := p.holder[i]; h >= 0 {
			if up, ok := path(h); ok && strings.HasPrefix(own, up+p.sep) {
				p.code[i] = own[len(up)+len(p.sep):]
			}
		}
	}
	p.wbsOID = make([]int, n)
	nextWBS, nextAct := 1, 1
	for i := range acts {
		if p.element[i] {
			p.wbsOID[i] = nextWBS
			nextWBS++
		} else {
			p.wbsOID[i] = nextAct
			nextAct++
		}
	}
	return nil
}

func (p *writePlan) links() error {
	net := p.net
	p.lagHours = make([]int64, len(net.Links))
	opt := net.Options.LagCalendar
	if opt == schedule.LagFromOption {
		opt = schedule.LagPredecessor
	}
	for k, l := range net.Links {
		rec := fmt.Sprintf("link %d (%s → %s)", k, l.Pred, l.Succ)
		a, ok := p.byID[l.Pred]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, rec, "pred", "unknown activity %q", l.Pred)
		}
		b, ok := p.byID[l.Succ]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, rec, "succ", "unknown activity %q", l.Succ)
		}
		if p.element[a] || p.element[b] {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "pred", "P6 has no relationships to or from WBS elements")
		}
		if int(l.Type) >= len(linkTypeNames) {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "type", "unknown link type %d", l.Type)
		}
		lag := l.Lag
		if l.LagPercent != 0 {
			if math.IsNaN(l.LagPercent) || math.Abs(l.LagPercent) > 1e6 {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, "lagPercent", "is out of range")
			}
			lag = int64(math.Round(float64(net.Activities[a].Duration) * l.LagPercent / 100))
		} else if l.LagCalendar != schedule.LagFromOption && l.LagCalendar != opt {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "lagCalendar", "P6 measures every lag on the project's lag calendar (%s), not %s", opt, l.LagCalendar)
		}
		if lag > maxMinutes || lag < -maxMinutes {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "lag", "is longer than a thousand years")
		}
		p.lagHours[k] = lag
	}
	return nil
}

// xmlWriter writes indented XML, keeping the first error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func (x *xmlWriter) line(depth int, s string) {
	if x.err != nil {
		return
	}
	for range depth {
		x.w.WriteString("  ")
	}
	x.w.WriteString(s)
	_, x.err = x.w.WriteString("\n")
}

func (x *xmlWriter) open(depth int, name string)  { x.line(depth, "<"+name+">") }
func (x *xmlWriter) close(depth int, name string) { x.line(depth, "</"+name+">") }

// field is one simple element; P6's schema lists them in name order.
type field struct{ name, value string }

func (x *xmlWriter) fields(depth int, fs []field) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].name < fs[j].name })
	for _, f := range fs {
		if x.err != nil {
			return
		}
		var sb strings.Builder
		_ = xml.EscapeText(&sb, []byte(f.value))
		x.line(depth, "<"+f.name+">"+sb.String()+"</"+f.name+">")
	}
}

func (p *writePlan) write(x *xmlWriter) {
	net := p.net
	x.line(0, `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`)
	x.line(0, `<APIBusinessObjects xmlns="`+Namespace+`" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for i := range net.Calendars {
		p.writeCalendar(x, &net.Calendars[i])
	}
	x.open(1, "Project")
	const projectOID = "1"
	fs := []field{
		{"ComputeTotalFloatType", floatTypeNames[net.Options.FloatType]},
		{"CriticalActivityFloatLimit", formatHours(net.Options.CriticalFloat)},
		{"ObjectId", projectOID},
		{"OutOfSequenceScheduleType", progressModeNames[net.Options.Progress]},
		{"WBSCodeSeparator", p.sep},
	}
	if net.Project.DefaultCalendar != "" {
		fs = append(fs, field{"ActivityDefaultCalendarObjectId", p.calOID[net.Project.DefaultCalendar]})
	}
	if net.Project.ID != "" {
		fs = append(fs, field{"Id", net.Project.ID})
	}
	if net.Project.Name != "" {
		fs = append(fs, field{"Name", net.Project.Name})
	}
	if t := net.Project.Start; t != 0 {
		fs = append(fs, field{"PlannedStartDate", formatDateTime(t)}, field{"StartDate", formatDateTime(t)})
	}
	if t := net.Options.DataDate; t != 0 {
		fs = append(fs, field{"DataDate", formatDateTime(t)})
	}
	if t := net.Options.MustFinishBy; t != 0 {
		fs = append(fs, field{"MustFinishByDate", formatDateTime(t)})
	}
	if lc := net.Options.LagCalendar; lc != schedule.LagFromOption {
		fs = append(fs, field{"RelationshipLagCalendar", lagCalendarNames[lc]})
	}
	x.fields(2, fs)
	for i, a := range net.Activities {
		if !p.element[i] {
			continue
		}
		fs := []field{
			{"Code", p.code[i]},
			{"Name", a.Name},
			{"ObjectId", strconv.Itoa(p.wbsOID[i])},
			{"ProjectObjectId", projectOID},
		}
		if h := p.holder[i]; h >= 0 {
			fs = append(fs, field{"ParentObjectId", strconv.Itoa(p.wbsOID[h])})
		}
		x.open(2, "WBS")
		x.fields(3, fs)
		x.close(2, "WBS")
	}
	for i := range net.Activities {
		if !p.element[i] {
			p.writeActivity(x, i, projectOID)
		}
	}
	for k, l := range net.Links {
		x.open(2, "Relationship")
		x.fields(3, []field{
			{"Lag", formatHours(p.lagHours[k])},
			{"ObjectId", strconv.Itoa(k + 1)},
			{"PredecessorActivityObjectId", strconv.Itoa(p.wbsOID[p.byID[l.Pred]])},
			{"SuccessorActivityObjectId", strconv.Itoa(p.wbsOID[p.byID[l.Succ]])},
			{"Type", linkTypeNames[l.Type]},
		})
		x.close(2, "Relationship")
	}
	x.close(1, "Project")
	x.line(0, "</APIBusinessObjects>")
}

func (p *writePlan) writeCalendar(x *xmlWriter, c *schedule.Calendar) {
	x.open(1, "Calendar")
	fs := []field{{"Name", c.Name}, {"ObjectId", p.calOID[c.ID]}, {"Type", "Global"}}
	if c.Base != "" {
		fs = append(fs, field{"BaseCalendarObjectId", p.calOID[c.Base]})
	}
	if c.HoursPerDay > 0 {
		fs = append(fs, field{"HoursPerDay", strconv.FormatFloat(c.HoursPerDay, 'f', -1, 64)})
	}
	x.fields(2, fs)
	x.open(2, "StandardWorkWeek")
	for d := time.Sunday; d <= time.Saturday; d++ {
		if c.Week[d] == nil {
			continue // inherited from the base calendar
		}
		x.open(3, "StandardWorkHours")
		x.fields(4, []field{{"DayOfWeek", d.String()}})
		writeWorkTime(x, 4, c.Week[d], true)
		x.close(3, "StandardWorkHours")
	}
	x.close(2, "StandardWorkWeek")
	if len(c.Exceptions) > 0 {
		x.open(2, "HolidayOrExceptions")
		for _, e := range c.Exceptions {
			to := e.To
			if to < e.From {
				to = e.From
			}
			for d := e.From; d <= to; d++ {
				x.open(3, "HolidayOrException")
				x.fields(4, []field{{"Date", formatDateTime(schedule.At(d, 0))}})
				writeWorkTime(x, 4, e.Periods, false)
				x.close(3, "HolidayOrException")
			}
		}
		x.close(2, "HolidayOrExceptions")
	}
	x.close(1, "Calendar")
}

func writeWorkTime(x *xmlWriter, depth int, ps []schedule.Period, nilWhenNone bool) {
	if len(ps) == 0 && nilWhenNone {
		x.line(depth, `<WorkTime xsi:nil="true" />`)
	}
	for _, pd := range ps {
		x.open(depth, "WorkTime")
		x.fields(depth+1, []field{{"Finish", formatFinish(pd.End)}, {"Start", formatClock(pd.Start)}})
		x.close(depth, "WorkTime")
	}
}

func (p *writePlan) writeActivity(x *xmlWriter, i int, projectOID string) {
	a := &p.net.Activities[i]
	status := "Not Started"
	switch {
	case a.ActualFinish != 0 || (a.ActualStart != 0 && (a.Kind == schedule.StartMilestone || a.Kind == schedule.FinishMilestone)):
		status = "Completed"
	case a.ActualStart != 0:
		status = "In Progress"
	}
	fs := []field{
		{"Id", a.ID},
		{"Name", a.Name},
		{"ObjectId", strconv.Itoa(p.wbsOID[i])},
		{"PercentComplete", formatFraction(a.PercentComplete)},
		{"DurationPercentComplete", formatFraction(a.PercentComplete)},
		{"PercentCompleteType", "Duration"},
		{"PlannedDuration", formatHours(a.Duration)},
		{"ProjectObjectId", projectOID},
		{"Status", status},
		{"Type", activityTypeNames[a.Kind]},
	}
	if a.Calendar != "" {
		fs = append(fs, field{"CalendarObjectId", p.calOID[a.Calendar]})
	}
	if h := p.holder[i]; h >= 0 {
		fs = append(fs, field{"WBSObjectId", strconv.Itoa(p.wbsOID[h])})
	}
	if a.RemainingDuration >= 0 {
		fs = append(fs, field{"RemainingDuration", formatHours(a.RemainingDuration)})
	}
	dates := []struct {
		name string
		t    schedule.Instant
	}{{"ActualStartDate", a.ActualStart}, {"ActualFinishDate", a.ActualFinish}}
	if len(p.imp.Recorded) > 0 {
		r := &p.imp.Recorded[i]
		dates = append(dates, []struct {
			name string
			t    schedule.Instant
		}{{"EarlyStartDate", r.EarlyStart}, {"EarlyFinishDate", r.EarlyFinish}, {"LateStartDate", r.LateStart}, {"LateFinishDate", r.LateFinish}}...)
		if r.HasTotalFloat {
			fs = append(fs, field{"TotalFloat", formatHours(r.TotalFloat)})
		}
	}
	for _, c := range []struct {
		prefix string
		c      schedule.Constraint
	}{{"Primary", a.Constraint}, {"Secondary", a.Constraint2}} {
		if c.c.Type == schedule.ASAP {
			continue
		}
		fs = append(fs, field{c.prefix + "ConstraintType", constraintNames[c.c.Type]})
		if c.c.Type != schedule.ALAP {
			dates = append(dates, struct {
				name string
				t    schedule.Instant
			}{c.prefix + "ConstraintDate", c.c.Date})
		}
	}
	for _, d := range dates {
		if d.t != 0 {
			fs = append(fs, field{d.name, formatDateTime(d.t)})
		}
	}
	x.open(2, "Activity")
	x.fields(3, fs)
	x.close(2, "Activity")
}
