package mspdi

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Write writes the network of imp, with its recorded dates when given, as an MS
// Project XML (MSPDI) file that MS Project 2010 and later open. Everything is
// checked before the first byte is written: on error nothing is written. See the
// package documentation for what MS Project cannot hold.
func Write(w io.Writer, imp *schedule.Imported) error {
	if imp == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", "", "nothing to write: imported network is nil")
	}
	return WriteDocument(w, &Document{Imported: *imp})
}

// WriteDocument writes doc as [Write] does, with the MS Project fields it carries
// beside the network: deadlines, manual scheduling, milestone flags, and summary
// links where their expansion is still in the network unchanged.
func WriteDocument(w io.Writer, doc *Document) error {
	if doc == nil || doc.Network == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", "", "nothing to write: network is nil")
	}
	if w == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", "", "writer is nil")
	}
	p, err := newPlan(doc)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	p.emit(&xw{w: bw})
	if err := bw.Flush(); err != nil {
		return &lanyan.Error{Code: lanyan.CodeInternal, Record: "MSPDI", Message: "writing failed", Err: err}
	}
	return nil
}

type wCal struct {
	uid        int64
	c          *schedule.Calendar
	base       int64
	exceptions []schedule.Exception
}

type wLink struct {
	pred   int64
	typ    int
	lag    int64
	format int
}

type wTask struct {
	uid, row int64
	level    int
	name     string
	a        *schedule.Activity // nil for the project summary task written for MS Project
	rec      schedule.Recorded
	info     TaskInfo
	summary  bool
	calendar int64
	links    []wLink
}

// plan is a document checked and converted, ready to be written.
type plan struct {
	net       *schedule.Network
	mpd       int64
	defCal    int64
	calUID    map[string]int64
	cals      []wCal
	tasks     []wTask
	critDays  int64
	fromStart bool
}

func actRecord(id string) string { return fmt.Sprintf("activity %q", id) }

func calIDRecord(id string) string { return fmt.Sprintf("calendar %q", id) }

// canonicalUID returns the MS Project UID an id stands for when it is one
// already: a decimal integer from 0 to 2³¹−1 written without sign or leading zeros.
func canonicalUID(id string) (int64, bool) {
	v, err := strconv.ParseInt(id, 10, 64)
	if err != nil || v < 0 || v > math.MaxInt32 || strconv.FormatInt(v, 10) != id {
		return 0, false
	}
	return v, true
}

// assignUIDs keeps the ids that are UIDs already and numbers the rest after the
// largest. reserved ids are never kept.
func assignUIDs(ids []string, keep func(i int) bool, first int64) []int64 {
	uids := make([]int64, len(ids))
	next := first
	fresh := make([]bool, len(ids))
	for i, id := range ids {
		if v, ok := canonicalUID(id); ok && keep(i) {
			uids[i] = v
			next = max(next, v+1)
			continue
		}
		fresh[i] = true
	}
	for i := range ids {
		if fresh[i] {
			uids[i] = next
			next++
		}
	}
	return uids
}

func newPlan(doc *Document) (*plan, error) {
	net := doc.Network
	p := &plan{net: net, calUID: make(map[string]int64, len(net.Calendars)), defCal: -1}
	if err := p.calendars(); err != nil {
		return nil, err
	}
	if err := p.activities(doc); err != nil {
		return nil, err
	}
	if net.Options.CriticalFloat != 0 {
		p.critDays = int64(math.Round(float64(net.Options.CriticalFloat) / float64(p.mpd)))
	}
	p.fromStart = net.Options.MustFinishBy == 0
	return p, nil
}

func (p *plan) calendars() error {
	net := p.net
	byID := make(map[string]int, len(net.Calendars))
	ids := make([]string, len(net.Calendars))
	for i := range net.Calendars {
		c := &net.Calendars[i]
		if c.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %d", i), "id", "is empty")
		}
		if _, dup := byID[c.ID]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, calIDRecord(c.ID), "id", "is used by more than one calendar")
		}
		byID[c.ID] = i
		ids[i] = c.ID
	}
	uids := assignUIDs(ids, func(int) bool { return true }, 1)
	for i, id := range ids {
		p.calUID[id] = uids[i]
	}
	for i := range net.Calendars {
		c := &net.Calendars[i]
		rec := calIDRecord(c.ID)
		wc := wCal{uid: uids[i], c: c, base: -1}
		if c.Base != "" {
			b, ok := p.calUID[c.Base]
			if !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, rec, "base", "unknown calendar %q", c.Base)
			}
			wc.base = b
		}
		if c.HoursPerDay < 0 || c.HoursPerDay > 24 || math.IsNaN(c.HoursPerDay) {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "hoursPerDay", "must be between 0 and 24")
		}
		for d, ps := range c.Week {
			if err := checkPeriods(ps); err != nil {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, "week."+time.Weekday(d).String(), "%v", err)
			}
		}
		rules := make([]dayRule, 0, len(c.Exceptions))
		for k, e := range c.Exceptions {
			field := fmt.Sprintf("exceptions[%d]", k)
			if e.From == 0 {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, field+".from", "is not set")
			}
			to := e.To
			if to == 0 {
				to = e.From
			}
			if to < e.From {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, field+".to", "%s is before from %s", to, e.From)
			}
			if err := checkPeriods(e.Periods); err != nil {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, field+".periods", "%v", err)
			}
			ps := e.Periods
			if ps == nil {
				ps = []schedule.Period{}
			}
			rules = append(rules, dayRule{name: e.Name, periods: ps, from: e.From, to: to})
		}
		// MS Project refuses exceptions that overlap; where they do, each day
		// takes the last that covers it, as in the engine.
		var err error
		if wc.exceptions, err = resolveRules(rules, rec, newExpansion()); err != nil {
			return err
		}
		p.cals = append(p.cals, wc)
	}
	defIdx := -1
	switch def := net.Project.DefaultCalendar; {
	case def != "":
		i, ok := byID[def]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, "project", "defaultCalendar", "unknown calendar %q", def)
		}
		defIdx = i
	case len(net.Calendars) > 0:
		defIdx = 0
		for i, c := range net.Calendars {
			if c.Base == "" {
				defIdx = i
				break
			}
		}
	}
	p.mpd = 480
	if defIdx >= 0 {
		// Hours per day of the default calendar, inherited through its bases.
		seen := make([]bool, len(net.Calendars))
		for i := defIdx; !seen[i]; {
			seen[i] = true
			if h := net.Calendars[i].HoursPerDay; h > 0 {
				p.mpd = min(max(int64(math.Round(h*60)), 1), schedule.MinutesPerDay)
				break
			}
			j, ok := byID[net.Calendars[i].Base]
			if !ok {
				break
			}
			i = j
		}
		p.defCal = p.cals[defIdx].uid
	}
	return nil
}

// checkPeriods checks that working periods lie within a day, in order, apart.
func checkPeriods(ps []schedule.Period) error {
	for i, q := range ps {
		if q.Start < 0 || q.End > schedule.MinutesPerDay || q.Start >= q.End {
			return fmt.Errorf("period %d (%d–%d minutes) is not a span within one day", i, q.Start, q.End)
		}
		if i > 0 && q.Start < ps[i-1].End {
			return fmt.Errorf("period %d overlaps or precedes the one before it", i)
		}
	}
	return nil
}

func (p *plan) activities(doc *Document) error {
	net := p.net
	acts := net.Activities
	n := len(acts)
	byID := make(map[string]int, n)
	ids := make([]string, n)
	for i := range acts {
		a := &acts[i]
		if a.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %d", i), "id", "is empty")
		}
		if _, dup := byID[a.ID]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "id", "is used by more than one activity")
		}
		byID[a.ID] = i
		ids[i] = a.ID
	}
	parent := make([]int, n)
	kids := make([][]int, n)
	var roots []int
	for i := range acts {
		a := &acts[i]
		parent[i] = -1
		if a.Kind > schedule.WBSSummary {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "kind", "unknown kind %d", a.Kind)
		}
		if a.Parent == "" {
			roots = append(roots, i)
			continue
		}
		j, ok := byID[a.Parent]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "parent", "unknown activity %q", a.Parent)
		}
		if acts[j].Kind != schedule.WBSSummary {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "parent", "%q is not a WBS summary", a.Parent)
		}
		parent[i] = j
		kids[j] = append(kids[j], i)
	}
	// Outline order: each summary followed by its descendants, iteratively.
	order := make([]int, 0, n)
	depth := make([]int, n)
	stack := make([]int, 0, len(roots))
	for k := len(roots) - 1; k >= 0; k-- {
		stack = append(stack, roots[k])
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		order = append(order, i)
		for k := len(kids[i]) - 1; k >= 0; k-- {
			c := kids[i][k]
			depth[c] = depth[i] + 1
			stack = append(stack, c)
		}
	}
	if len(order) != n {
		for i := range acts {
			if !slices.Contains(order, i) {
				return lanyan.Errorf(lanyan.CodeInvalid, actRecord(acts[i].ID), "parent", "the parents of activities form a loop")
			}
		}
	}
	// Activity "0" is written as MS Project's project summary task (UID 0) when it
	// can be one: the only activity, or a summary of all the others.
	root0 := -1
	if i, ok := byID["0"]; ok && len(roots) == 1 && roots[0] == i && (n == 1 || acts[i].Kind == schedule.WBSSummary) {
		root0 = i
	}
	uids := assignUIDs(ids, func(i int) bool { return ids[i] != "0" || i == root0 }, 1)
	uidOf := make(map[string]int64, n)
	for i, id := range ids {
		uidOf[id] = uids[i]
	}

	p.tasks = make([]wTask, 0, n+1)
	slot := make([]int, n) // index in p.tasks
	offset := 1
	if root0 < 0 {
		p.tasks = append(p.tasks, wTask{uid: 0, row: 0, level: 0, name: net.Project.Name, summary: n > 0, calendar: -1})
	} else {
		offset = 0
	}
	for _, i := range order {
		a := &acts[i]
		t := wTask{uid: uids[i], row: int64(len(p.tasks)), level: depth[i] + offset, name: a.Name, a: a,
			summary: len(kids[i]) > 0, calendar: -1}
		if i < len(doc.Recorded) {
			t.rec = doc.Recorded[i]
		}
		if i < len(doc.Tasks) {
			t.info = doc.Tasks[i]
		}
		if a.Calendar != "" {
			c, ok := p.calUID[a.Calendar]
			if !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "calendar", "unknown calendar %q", a.Calendar)
			}
			t.calendar = c
		}
		if err := checkActivity(a); err != nil {
			return err
		}
		slot[i] = len(p.tasks)
		p.tasks = append(p.tasks, t)
	}
	return p.links(doc, byID, parent, kids, uidOf, slot)
}

func checkActivity(a *schedule.Activity) error {
	rec := actRecord(a.ID)
	if a.Duration < 0 || a.Duration > maxMinutes {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "duration", "must be between zero and a thousand years")
	}
	if a.RemainingDuration > maxMinutes {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "remainingDuration", "is longer than a thousand years")
	}
	if math.IsNaN(a.PercentComplete) || a.PercentComplete < 0 || a.PercentComplete > 100 {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "percentComplete", "must be between 0 and 100")
	}
	c, c2 := a.Constraint, a.Constraint2
	if c2.Type != schedule.ASAP && c.Type != schedule.ASAP {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "constraint2", "MS Project keeps one constraint per task; clear one of the two")
	}
	if c.Type == schedule.ASAP {
		c = c2
	}
	if c.Type > schedule.MandatoryFinish {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "constraint.type", "unknown constraint type %d", c.Type)
	}
	if c.Type != schedule.ASAP && c.Type != schedule.ALAP && c.Date == 0 {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "constraint.date", "%s needs a date", c.Type)
	}
	return nil
}

// constraintCode is MS Project's ConstraintType for a constraint. Mandatory
// constraints become must-start-on and must-finish-on, MS Project's nearest.
func constraintCode(t schedule.ConstraintType) int {
	switch t {
	case schedule.ALAP:
		return 1
	case schedule.StartOn, schedule.MandatoryStart:
		return 2
	case schedule.FinishOn, schedule.MandatoryFinish:
		return 3
	case schedule.StartNoEarlierThan:
		return 4
	case schedule.StartNoLaterThan:
		return 5
	case schedule.FinishNoEarlierThan:
		return 6
	case schedule.FinishNoLaterThan:
		return 7
	}
	return 0
}

func (p *plan) links(doc *Document, byID map[string]int, parent []int, kids [][]int, uidOf map[string]int64, slot []int) error {
	links := p.net.Links
	x := &leafIndex{parent: parent, kids: kids}
	acts := p.net.Activities
	// Summary links whose expansion is in the network, unchanged, are written as
	// the file had them.
	claimed := make([]int, len(links))
	for k := range claimed {
		claimed[k] = -1
	}
	collapsed := make([]bool, len(doc.SummaryLinks))
	for j := range doc.SummaryLinks {
		s := &doc.SummaryLinks[j]
		pi, ok1 := byID[s.Pred]
		si, ok2 := byID[s.Succ]
		if !ok1 || !ok2 || len(s.Expanded) == 0 || x.ancestorOrSelf(pi, si) || x.ancestorOrSelf(si, pi) {
			continue
		}
		pairs := x.pairs(pi, si)
		if len(pairs) != len(s.Expanded) {
			continue
		}
		ok := true
		for k, idx := range s.Expanded {
			if idx < 0 || idx >= len(links) || claimed[idx] >= 0 {
				ok = false
				break
			}
			l := links[idx]
			if l.Pred != acts[pairs[k][0]].ID || l.Succ != acts[pairs[k][1]].ID || l.Type != s.Type ||
				l.Lag != s.Lag || l.LagPercent != s.LagPercent || l.LagCalendar != s.LagCalendar {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		collapsed[j] = true
		for _, idx := range s.Expanded {
			claimed[idx] = j
		}
	}
	written := make([]bool, len(doc.SummaryLinks))
	for k := range links {
		l := &links[k]
		if j := claimed[k]; j >= 0 {
			s := &doc.SummaryLinks[j]
			si := byID[s.Succ]
			if len(kids[si]) == 0 && !written[j] {
				written[j] = true
				if err := p.addLink(&s.Link, -1, uidOf, slot[si]); err != nil {
					return err
				}
			}
			continue
		}
		if _, ok := byID[l.Pred]; !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k, l), "pred", "unknown activity %q", l.Pred)
		}
		si, ok := byID[l.Succ]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k, l), "succ", "unknown activity %q", l.Succ)
		}
		if err := p.addLink(l, k, uidOf, slot[si]); err != nil {
			return err
		}
	}
	for j := range doc.SummaryLinks {
		s := &doc.SummaryLinks[j]
		if collapsed[j] && !written[j] {
			if err := p.addLink(&s.Link, -1, uidOf, slot[byID[s.Succ]]); err != nil {
				return err
			}
		}
	}
	return nil
}

func linkRecord(k int, l *schedule.Link) string {
	if k < 0 {
		return fmt.Sprintf("summary link (%s→%s)", l.Pred, l.Succ)
	}
	return fmt.Sprintf("link %d (%s→%s)", k, l.Pred, l.Succ)
}

// addLink converts a link to a PredecessorLink of the task at slot.
func (p *plan) addLink(l *schedule.Link, k int, uidOf map[string]int64, slot int) error {
	rec := linkRecord(k, l)
	wl := wLink{pred: uidOf[l.Pred]}
	switch l.Type {
	case schedule.FF:
		wl.typ = 0
	case schedule.FS:
		wl.typ = 1
	case schedule.SF:
		wl.typ = 2
	case schedule.SS:
		wl.typ = 3
	default:
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "type", "unknown link type %d", l.Type)
	}
	if l.LagCalendar > schedule.LagProjectDefault {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "lagCalendar", "unknown value %d", l.LagCalendar)
	}
	elapsed := l.LagCalendar == schedule.Lag24Hour
	switch {
	case math.IsNaN(l.LagPercent) || math.Abs(l.LagPercent) > 1e6:
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "lagPercent", "is out of range")
	case l.LagPercent != 0:
		wl.lag = int64(math.Round(l.LagPercent))
		wl.format = 19
		if elapsed {
			wl.format = 20
		}
	case l.Lag > maxMinutes || l.Lag < -maxMinutes:
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "lag", "is longer than a thousand years")
	default:
		wl.lag = l.Lag * 10
		switch {
		case elapsed && l.Lag%schedule.MinutesPerDay == 0:
			wl.format = 8 // elapsed days
		case elapsed && l.Lag%60 == 0:
			wl.format = 6 // elapsed hours
		case elapsed:
			wl.format = 4 // elapsed minutes
		case l.Lag%p.mpd == 0:
			wl.format = 7 // days
		case l.Lag%60 == 0:
			wl.format = 5 // hours
		default:
			wl.format = 3 // minutes
		}
	}
	p.tasks[slot].links = append(p.tasks[slot].links, wl)
	return nil
}

// xw writes XML text; the first write error sticks and stops further writes.
type xw struct {
	w   *bufio.Writer
	err error
}

func (x *xw) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *xw) text(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

// elem writes <name>value</name> on its own line at the given indent.
func (x *xw) elem(indent, name, value string) {
	x.raw(indent + "<" + name + ">")
	x.text(value)
	x.raw("</" + name + ">\n")
}

func (x *xw) num(indent, name string, v int64) { x.elem(indent, name, strconv.FormatInt(v, 10)) }

func (x *xw) flag(indent, name string, v bool) {
	if v {
		x.elem(indent, name, "1")
	} else {
		x.elem(indent, name, "0")
	}
}

func (x *xw) date(indent, name string, t schedule.Instant) {
	if t != 0 {
		x.elem(indent, name, formatDateTime(t))
	}
}

// emit writes the file, its elements in the order of MS Project's schema.
func (p *plan) emit(x *xw) {
	net := p.net
	const i1, i2, i3, i4, i5, i6 = "  ", "    ", "      ", "        ", "          ", "            "
	x.raw(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	x.raw(`<Project xmlns="` + Namespace + `">` + "\n")
	x.num(i1, "SaveVersion", 14)
	if net.Project.Name != "" {
		x.elem(i1, "Name", net.Project.Name)
		x.elem(i1, "Title", net.Project.Name)
	}
	x.flag(i1, "ScheduleFromStart", p.fromStart)
	x.date(i1, "StartDate", net.Project.Start)
	x.date(i1, "FinishDate", net.Options.MustFinishBy)
	x.num(i1, "CriticalSlackLimit", p.critDays)
	if p.defCal >= 0 {
		x.num(i1, "CalendarUID", p.defCal)
	}
	x.num(i1, "MinutesPerDay", p.mpd)
	x.num(i1, "MinutesPerWeek", 5*p.mpd)
	x.num(i1, "DaysPerMonth", 20)
	x.flag(i1, "HonorConstraints", net.Options.HonorConstraintDates)
	x.flag(i1, "SplitsInProgressTasks", net.Options.Progress == schedule.RetainedLogic)
	x.date(i1, "StatusDate", net.Options.DataDate)

	if len(p.cals) > 0 {
		x.raw(i1 + "<Calendars>\n")
		for _, c := range p.cals {
			x.raw(i2 + "<Calendar>\n")
			x.num(i3, "UID", c.uid)
			x.elem(i3, "Name", c.c.Name)
			x.flag(i3, "IsBaseCalendar", c.base < 0)
			x.num(i3, "BaseCalendarUID", c.base)
			x.raw(i3 + "<WeekDays>\n")
			for d, ps := range c.c.Week {
				if ps == nil {
					continue
				}
				x.raw(i4 + "<WeekDay>\n")
				x.num(i5, "DayType", int64(d)+1)
				x.flag(i5, "DayWorking", len(ps) > 0)
				writeTimes(x, i5, ps)
				x.raw(i4 + "</WeekDay>\n")
			}
			x.raw(i3 + "</WeekDays>\n")
			if len(c.exceptions) > 0 {
				x.raw(i3 + "<Exceptions>\n")
				for _, e := range c.exceptions {
					x.raw(i4 + "<Exception>\n")
					x.num(i5, "EnteredByOccurrences", 0)
					x.raw(i5 + "<TimePeriod>\n")
					x.elem(i6, "FromDate", e.From.Format("2006-01-02")+"T00:00:00")
					x.elem(i6, "ToDate", e.To.Format("2006-01-02")+"T23:59:00")
					x.raw(i5 + "</TimePeriod>\n")
					x.num(i5, "Occurrences", 1)
					x.elem(i5, "Name", e.Name)
					x.num(i5, "Type", recurDaily)
					x.flag(i5, "DayWorking", len(e.Periods) > 0)
					writeTimes(x, i5, e.Periods)
					x.raw(i4 + "</Exception>\n")
				}
				x.raw(i3 + "</Exceptions>\n")
			}
			x.raw(i2 + "</Calendar>\n")
		}
		x.raw(i1 + "</Calendars>\n")
	}

	x.raw(i1 + "<Tasks>\n")
	for i := range p.tasks {
		p.emitTask(x, &p.tasks[i], i2, i3, i4)
	}
	x.raw(i1 + "</Tasks>\n")
	x.raw("</Project>\n")
}

func writeTimes(x *xw, indent string, ps []schedule.Period) {
	if len(ps) == 0 {
		return
	}
	x.raw(indent + "<WorkingTimes>\n")
	for _, q := range ps {
		x.raw(indent + "  <WorkingTime>\n")
		x.elem(indent+"    ", "FromTime", formatClock(q.Start))
		x.elem(indent+"    ", "ToTime", formatClock(q.End))
		x.raw(indent + "  </WorkingTime>\n")
	}
	x.raw(indent + "</WorkingTimes>\n")
}

func (p *plan) emitTask(x *xw, t *wTask, i2, i3, i4 string) {
	x.raw(i2 + "<Task>\n")
	x.num(i3, "UID", t.uid)
	x.num(i3, "ID", t.row)
	x.elem(i3, "Name", t.name)
	a := t.a
	if a == nil {
		// The project summary task MS Project expects first.
		x.num(i3, "OutlineLevel", 0)
		x.date(i3, "Start", p.net.Project.Start)
		x.flag(i3, "Summary", t.summary)
		x.raw(i2 + "</Task>\n")
		return
	}
	x.flag(i3, "Active", true)
	x.flag(i3, "Manual", t.info.Manual)
	x.num(i3, "OutlineLevel", int64(t.level))
	start, finish := a.ActualStart, a.ActualFinish
	if start == 0 {
		start = t.rec.EarlyStart
	}
	if finish == 0 {
		finish = t.rec.EarlyFinish
	}
	x.date(i3, "Start", start)
	x.date(i3, "Finish", finish)
	milestone := a.Kind == schedule.StartMilestone || a.Kind == schedule.FinishMilestone
	dur := a.Duration
	if milestone {
		dur = 0
	}
	x.elem(i3, "Duration", formatDuration(dur))
	x.num(i3, "DurationFormat", 7)
	x.flag(i3, "Milestone", milestone || (t.info.Milestone && !t.summary && dur > 0))
	x.flag(i3, "Summary", t.summary)
	x.date(i3, "EarlyStart", t.rec.EarlyStart)
	x.date(i3, "EarlyFinish", t.rec.EarlyFinish)
	x.date(i3, "LateStart", t.rec.LateStart)
	x.date(i3, "LateFinish", t.rec.LateFinish)
	if t.rec.HasTotalFloat {
		x.num(i3, "TotalSlack", t.rec.TotalFloat*10)
	}
	x.num(i3, "PercentComplete", int64(math.Round(a.PercentComplete)))
	x.date(i3, "ActualStart", a.ActualStart)
	x.date(i3, "ActualFinish", a.ActualFinish)
	if a.RemainingDuration >= 0 {
		x.elem(i3, "RemainingDuration", formatDuration(a.RemainingDuration))
	}
	c := a.Constraint
	if c.Type == schedule.ASAP {
		c = a.Constraint2
	}
	x.num(i3, "ConstraintType", int64(constraintCode(c.Type)))
	x.num(i3, "CalendarUID", t.calendar)
	if c.Type != schedule.ASAP && c.Type != schedule.ALAP {
		x.date(i3, "ConstraintDate", c.Date)
	}
	x.date(i3, "Deadline", t.info.Deadline)
	for _, l := range t.links {
		x.raw(i3 + "<PredecessorLink>\n")
		x.num(i4, "PredecessorUID", l.pred)
		x.num(i4, "Type", int64(l.typ))
		x.num(i4, "CrossProject", 0)
		x.num(i4, "LinkLag", l.lag)
		x.num(i4, "LagFormat", int64(l.format))
		x.raw(i3 + "</PredecessorLink>\n")
	}
	x.raw(i2 + "</Task>\n")
}
