package pmxml

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// WBSPrefix begins the id of every activity that stands for a P6 WBS element:
// "WBS:" followed by the element's code path, the codes from the top of the WBS
// down joined with the project's WBS code separator ("WBS:PRJ.2.1").
const WBSPrefix = "WBS:"

// Format is the value of [schedule.Imported.Format] for networks this package reads.
const Format = "pmxml"

// ExternalRelationship is a relationship of the project with an activity outside
// it (in another project of the P6 database). The network leaves it out, since
// the engine schedules one project; [ReadWithExternal] lists it so that nothing
// the file says is dropped silently.
type ExternalRelationship struct {
	ObjectID string // the Relationship's ObjectId
	// PredecessorObjectID and SuccessorObjectID are the activity ObjectIds as the
	// file gives them.
	PredecessorObjectID string
	SuccessorObjectID   string
	// Pred and Succ are the ids of the ends inside the project; the end outside
	// it is empty.
	Pred, Succ string
	Type       schedule.LinkType
	Lag        int64 // working minutes
}

// Read reads one project of a P6 XML (PMXML, APIBusinessObjects) file into a
// network, with the dates and floats P6 stored beside it.
//
// project chooses the project by its ObjectId or its Id; empty chooses the only
// project of the file, and is an error when there are several (list them with
// [Projects]). Relationships with activities of other projects are left out; use
// [ReadWithExternal] to see them.
//
// The network holds, in this order, one WBS summary activity per WBS element
// (id [WBSPrefix] + code path, parented as the WBS tree is) and then the
// activities, each parented to its WBS element; Recorded is aligned with it and
// is empty for the WBS elements. Durations, lags and floats, which PMXML gives in
// hours, become minutes. Any value Read cannot map is an error naming the
// element, its ObjectId and the field; Read never returns part of a project.
func Read(r io.Reader, project string) (*schedule.Imported, error) {
	imp, _, err := ReadWithExternal(r, project)
	return imp, err
}

// ReadWithExternal is [Read], also returning the relationships the network
// leaves out because one of their ends is outside the project.
func ReadWithExternal(r io.Reader, project string) (*schedule.Imported, []ExternalRelationship, error) {
	project = strings.TrimSpace(project)
	var chosen, byID []*xProject
	var names []string
	f, err := scan(r, func(p *xProject) error {
		oid := canonical(p.ObjectID)
		names = append(names, projectRecord(p))
		switch {
		case project == "":
			if len(chosen) == 0 {
				chosen = append(chosen, p)
			}
		case oid == project || oid == canonical(project):
			chosen = append(chosen, p)
		case p.ID == project:
			byID = append(byID, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	switch {
	case f.projects == 0:
		return nil, nil, lanyan.Errorf(lanyan.CodeNotFound, "PMXML", "Project", "the file holds no project")
	case project == "" && f.projects > 1:
		return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, "PMXML", "Project", "the file holds %d projects (%s): choose one by ObjectId or Id", f.projects, strings.Join(names, ", "))
	}
	if len(chosen) == 0 {
		chosen = byID
	}
	switch len(chosen) {
	case 0:
		return nil, nil, lanyan.Errorf(lanyan.CodeNotFound, "PMXML", "Project", "no project has ObjectId or Id %q (the file holds %s)", project, strings.Join(names, ", "))
	case 1:
	default:
		return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, "PMXML", "Project", "%d projects have ObjectId or Id %q", len(chosen), project)
	}
	b := &builder{file: f, p: chosen[0]}
	imp, ext, err := b.build()
	if err != nil {
		return nil, nil, err
	}
	return imp, ext, nil
}

func projectRecord(p *xProject) string {
	oid := canonical(p.ObjectID)
	switch {
	case oid != "":
		return "Project ObjectId " + oid
	case p.ID != "":
		return fmt.Sprintf("Project %q", p.ID)
	default:
		return "Project"
	}
}

// builder maps one project onto a network.
type builder struct {
	*file
	p   *xProject
	rec string // the project's record name in errors

	net      *schedule.Network
	recorded []schedule.Recorded

	calByOID map[string]*xCalendar
	calUsed  map[string]bool

	wbsByOID map[string]int // position in p.WBS
	wbsID    []string       // network id of each WBS element
	actByOID map[string]int // position in p.Activities
}

func (b *builder) fail(field, format string, args ...any) error {
	return lanyan.Errorf(lanyan.CodeInvalid, b.rec, field, format, args...)
}

func actRecord(a *xActivity, i int) string {
	if oid := strings.TrimSpace(a.ObjectID); oid != "" {
		return "Activity ObjectId " + oid
	}
	return fmt.Sprintf("Activity #%d", i+1)
}

func calRecord(c *xCalendar, i int) string {
	if oid := strings.TrimSpace(c.ObjectID); oid != "" {
		return "Calendar ObjectId " + oid
	}
	return fmt.Sprintf("Calendar #%d", i+1)
}

func wbsRecord(w *xWBS, i int) string {
	if oid := strings.TrimSpace(w.ObjectID); oid != "" {
		return "WBS ObjectId " + oid
	}
	return fmt.Sprintf("WBS #%d", i+1)
}

func relRecord(r *xRelationship, i int) string {
	if oid := strings.TrimSpace(r.ObjectID); oid != "" {
		return "Relationship ObjectId " + oid
	}
	return fmt.Sprintf("Relationship #%d", i+1)
}

func (b *builder) build() (*schedule.Imported, []ExternalRelationship, error) {
	p := b.p
	if err := b.normalize(); err != nil {
		return nil, nil, err
	}
	b.rec = projectRecord(p)
	b.net = &schedule.Network{}
	if err := b.project(); err != nil {
		return nil, nil, err
	}
	if err := b.indexCalendars(); err != nil {
		return nil, nil, err
	}
	if err := b.wbs(); err != nil {
		return nil, nil, err
	}
	if err := b.activities(); err != nil {
		return nil, nil, err
	}
	if err := b.calendars(); err != nil {
		return nil, nil, err
	}
	ext, err := b.relationships()
	if err != nil {
		return nil, nil, err
	}
	for i := range b.recorded {
		b.recorded[i].Remaining = b.recorded[i].EarlyStart != 0 // P6 stores the remaining work's early dates
	}
	return &schedule.Imported{Network: b.net, Recorded: b.recorded, Format: Format, Tool: b.tool}, ext, nil
}

// normalize rewrites every ObjectId and reference to one in canonical form.
func (b *builder) normalize() error {
	var err error
	fix := func(rec, field string, s *string) {
		if err == nil {
			v, e := objectID(*s)
			if e != nil {
				err = lanyan.Errorf(lanyan.CodeInvalid, rec, field, "%v", e)
			}
			*s = v
		}
	}
	own := func(kind string, i int, s *string) {
		fix(fmt.Sprintf("%s #%d", kind, i+1), "ObjectId", s)
	}
	p := b.p
	fix(projectRecord(p), "ObjectId", &p.ObjectID)
	fix(projectRecord(p), "ActivityDefaultCalendarObjectId", &p.ActivityDefaultCalendarObjectID)
	for _, cs := range [][]xCalendar{b.file.calendars, p.Calendars} {
		for i := range cs {
			c := &cs[i]
			own("Calendar", i, &c.ObjectID)
			fix(calRecord(c, i), "BaseCalendarObjectId", &c.BaseCalendarObjectID)
			fix(calRecord(c, i), "ProjectObjectId", &c.ProjectObjectID)
		}
	}
	for i := range p.WBS {
		w := &p.WBS[i]
		own("WBS", i, &w.ObjectID)
		fix(wbsRecord(w, i), "ParentObjectId", &w.ParentObjectID)
	}
	for i := range p.Activities {
		a := &p.Activities[i]
		own("Activity", i, &a.ObjectID)
		fix(actRecord(a, i), "CalendarObjectId", &a.CalendarObjectID)
		fix(actRecord(a, i), "WBSObjectId", &a.WBSObjectID)
	}
	for _, rs := range [][]xRelationship{p.Relationships, b.file.relationships} {
		for i := range rs {
			x := &rs[i]
			own("Relationship", i, &x.ObjectID)
			fix(relRecord(x, i), "PredecessorActivityObjectId", &x.PredecessorActivityObjectID)
			fix(relRecord(x, i), "SuccessorActivityObjectId", &x.SuccessorActivityObjectID)
		}
	}
	return err
}

// project maps the project's dates and scheduling options.
func (b *builder) project() error {
	p, net := b.p, b.net
	net.Project.ID = p.ID
	net.Project.Name = p.Name
	dates := []struct {
		field string
		text  string
		to    *schedule.Instant
	}{
		{"StartDate", p.StartDate, &net.Project.Start},
		{"PlannedStartDate", p.PlannedStartDate, &net.Project.Start}, // the planned start wins
		{"DataDate", p.DataDate, &net.Options.DataDate},
		{"MustFinishByDate", p.MustFinishByDate, &net.Options.MustFinishBy},
	}
	for _, d := range dates {
		t, err := parseDateTime(d.text)
		if err != nil {
			return b.fail(d.field, "%v", err)
		}
		if t != 0 {
			*d.to = t
		}
	}
	m, _, err := parseHours(p.CriticalActivityFloatLimit)
	if err != nil {
		return b.fail("CriticalActivityFloatLimit", "%v", err)
	}
	net.Options.CriticalFloat = m
	// Options are fields of Project; older exports keep them in ScheduleOptions.
	opts := p.xOptions
	for _, so := range p.ScheduleOptions {
		if opts.RelationshipLagCalendar == "" {
			opts.RelationshipLagCalendar = so.RelationshipLagCalendar
		}
		if opts.ComputeTotalFloatType == "" {
			opts.ComputeTotalFloatType = so.ComputeTotalFloatType
		}
		if opts.OutOfSequenceScheduleType == "" {
			opts.OutOfSequenceScheduleType = so.OutOfSequenceScheduleType
		}
	}
	if net.Options.LagCalendar, _, err = enum(lagCalendars, opts.RelationshipLagCalendar); err != nil {
		return b.fail("RelationshipLagCalendar", "%v", err)
	}
	if net.Options.FloatType, _, err = enum(floatTypes, opts.ComputeTotalFloatType); err != nil {
		return b.fail("ComputeTotalFloatType", "%v", err)
	}
	if net.Options.Progress, _, err = enum(progressModes, opts.OutOfSequenceScheduleType); err != nil {
		return b.fail("OutOfSequenceScheduleType", "%v", err)
	}
	return nil
}

// candidates lists the calendars the project may use: the global and resource
// calendars at the top of the file, and the project's own.
func (b *builder) candidates() []*xCalendar {
	out := make([]*xCalendar, 0, len(b.file.calendars)+len(b.p.Calendars))
	oid := strings.TrimSpace(b.p.ObjectID)
	for i := range b.file.calendars {
		c := &b.file.calendars[i]
		// A project calendar of another project, exported beside it.
		if pid := strings.TrimSpace(c.ProjectObjectID); pid != "" && pid != oid {
			continue
		}
		out = append(out, c)
	}
	for i := range b.p.Calendars {
		out = append(out, &b.p.Calendars[i])
	}
	return out
}

func (b *builder) indexCalendars() error {
	cands := b.candidates()
	b.calByOID = make(map[string]*xCalendar, len(cands))
	b.calUsed = map[string]bool{}
	for i, c := range cands {
		oid := strings.TrimSpace(c.ObjectID)
		if oid == "" {
			if isResourceCalendar(c) {
				continue // nothing can refer to it
			}
			return lanyan.Errorf(lanyan.CodeInvalid, calRecord(c, i), "ObjectId", "is missing")
		}
		if _, dup := b.calByOID[oid]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, calRecord(c, i), "ObjectId", "is used by more than one calendar")
		}
		b.calByOID[oid] = c
	}
	def := strings.TrimSpace(b.p.ActivityDefaultCalendarObjectID)
	if def != "" {
		if _, ok := b.calByOID[def]; !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, b.rec, "ActivityDefaultCalendarObjectId", "unknown calendar %s", def)
		}
	} else {
		// No project default: P6 uses the global default calendar.
		for _, c := range cands {
			if parseFlag(c.IsDefault) && !isResourceCalendar(c) && strings.TrimSpace(c.ObjectID) != "" {
				def = strings.TrimSpace(c.ObjectID)
				break
			}
		}
	}
	b.net.Project.DefaultCalendar = def
	if def != "" {
		b.calUsed[def] = true
	}
	return nil
}

func isResourceCalendar(c *xCalendar) bool {
	t := strings.TrimSpace(c.Type)
	return strings.EqualFold(t, "Resource") || strings.EqualFold(t, "Personal")
}

// calendars maps the calendars the project can use: all global and project
// calendars, and the resource calendars activities name; with their bases.
func (b *builder) calendars() error {
	cands := b.candidates()
	keep := map[string]bool{}
	var work []string
	for oid, c := range b.calByOID {
		if b.calUsed[oid] || !isResourceCalendar(c) {
			keep[oid] = true
			work = append(work, oid)
		}
	}
	// Bases of kept calendars are kept too.
	for len(work) > 0 {
		oid := work[len(work)-1]
		work = work[:len(work)-1]
		base := strings.TrimSpace(b.calByOID[oid].BaseCalendarObjectID)
		if _, ok := b.calByOID[base]; ok && !keep[base] {
			keep[base] = true
			work = append(work, base)
		}
	}
	for i, c := range cands {
		oid := strings.TrimSpace(c.ObjectID)
		if oid == "" || !keep[oid] || b.calByOID[oid] != c {
			continue
		}
		cal, err := mapCalendar(c, i, b.calByOID)
		if err != nil {
			return err
		}
		b.net.Calendars = append(b.net.Calendars, cal)
	}
	return nil
}

func mapCalendar(c *xCalendar, i int, known map[string]*xCalendar) (schedule.Calendar, error) {
	rec := calRecord(c, i)
	cal := schedule.Calendar{ID: strings.TrimSpace(c.ObjectID), Name: c.Name}
	if base := strings.TrimSpace(c.BaseCalendarObjectID); base != "" {
		if _, ok := known[base]; !ok {
			return cal, lanyan.Errorf(lanyan.CodeNotFound, rec, "BaseCalendarObjectId", "unknown calendar %s", base)
		}
		if base == cal.ID {
			return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, "BaseCalendarObjectId", "a calendar cannot be its own base")
		}
		cal.Base = base
	}
	if s := strings.TrimSpace(c.HoursPerDay); s != "" {
		m, _, err := parseHours(s)
		if err != nil || m < 0 || m > schedule.MinutesPerDay {
			return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, "HoursPerDay", "%q is not a number of hours from 0 to 24", s)
		}
		cal.HoursPerDay = float64(m) / 60
	}
	if c.StandardWorkWeek != nil {
		for _, h := range c.StandardWorkWeek.Hours {
			day, ok := weekdays[strings.ToLower(strings.TrimSpace(h.DayOfWeek))]
			if !ok {
				return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, "StandardWorkWeek.DayOfWeek", "unknown day %q", h.DayOfWeek)
			}
			if cal.Week[day] != nil {
				return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, "StandardWorkWeek."+day.String(), "is given twice")
			}
			ps, err := periods(h.WorkTime)
			if err != nil {
				return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, "StandardWorkWeek."+day.String()+".WorkTime", "%v", err)
			}
			if ps == nil {
				ps = []schedule.Period{} // a day off, not a day inherited
			}
			cal.Week[day] = ps
		}
	}
	for k, e := range c.HolidayOrExceptions.List {
		field := fmt.Sprintf("HolidayOrException[%d]", k)
		t, err := parseDateTime(e.Date)
		if err != nil || t.Date() <= 0 {
			if err == nil {
				err = fmt.Errorf("is missing or before 0001-01-02")
			}
			return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".Date", "%v", err)
		}
		ps, err := periods(e.WorkTime)
		if err != nil {
			return cal, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".WorkTime", "%v", err)
		}
		cal.Exceptions = append(cal.Exceptions, schedule.Exception{From: t.Date(), To: t.Date(), Periods: ps})
	}
	return cal, nil
}

// periods maps WorkTime elements; nil ones (<WorkTime xsi:nil="true"/>) are
// none. The result is nil when there is no working time.
func periods(ws []xWorkTime) ([]schedule.Period, error) {
	var ps []schedule.Period
	for _, w := range ws {
		if strings.TrimSpace(w.Start) == "" && strings.TrimSpace(w.Finish) == "" {
			continue
		}
		p, err := workPeriod(w)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start < ps[j].Start })
	for i := 1; i < len(ps); i++ {
		if ps[i].Start < ps[i-1].End {
			return nil, fmt.Errorf("working times %s and %s overlap", span(ps[i-1]), span(ps[i]))
		}
	}
	return ps, nil
}

func span(p schedule.Period) string {
	return fmt.Sprintf("%02d:%02d–%02d:%02d", p.Start/60, p.Start%60, p.End/60, p.End%60)
}

// wbs gives each WBS element its network id, the code path, checking the tree.
func (b *builder) wbs() error {
	ws := b.p.WBS
	b.wbsByOID = make(map[string]int, len(ws))
	for i := range ws {
		oid := strings.TrimSpace(ws[i].ObjectID)
		if oid == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, wbsRecord(&ws[i], i), "ObjectId", "is missing")
		}
		if _, dup := b.wbsByOID[oid]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, wbsRecord(&ws[i], i), "ObjectId", "is used by more than one WBS element")
		}
		b.wbsByOID[oid] = i
	}
	sep := b.p.WBSCodeSeparator
	if len(sep) != 1 {
		sep = "."
	}
	parent := make([]int, len(ws)) // -1 at the top
	for i := range ws {
		parent[i] = -1
		if j, ok := b.wbsByOID[strings.TrimSpace(ws[i].ParentObjectID)]; ok {
			parent[i] = j
		}
	}
	paths := make([]string, len(ws))
	done := make([]bool, len(ws))
	var chain []int
	for i := range ws {
		chain = chain[:0]
		for j := i; j >= 0 && !done[j]; j = parent[j] {
			if len(chain) > len(ws) {
				return lanyan.Errorf(lanyan.CodeInvalid, wbsRecord(&ws[i], i), "ParentObjectId", "WBS elements contain each other in a loop")
			}
			chain = append(chain, j)
		}
		for k := len(chain) - 1; k >= 0; k-- {
			j := chain[k]
			if parent[j] < 0 {
				paths[j] = ws[j].Code
			} else {
				paths[j] = paths[parent[j]] + sep + ws[j].Code
			}
			done[j] = true
		}
	}
	b.wbsID = make([]string, len(ws))
	seen := make(map[string]int, len(ws))
	for i := range ws {
		id := WBSPrefix + paths[i]
		if j, dup := seen[id]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, wbsRecord(&ws[i], i), "Code", "the code path %q is also that of %s", paths[i], wbsRecord(&ws[j], j))
		}
		seen[id] = i
		b.wbsID[i] = id
	}
	return nil
}

// activities maps the activities and sets every parent: a P6 WBS Summary
// activity spans its WBS element, so it takes the element's place as the parent
// of what the element holds (several chain one under the other).
func (b *builder) activities() error {
	acts := b.p.Activities
	ws := b.p.WBS
	n := len(ws) + len(acts)
	b.net.Activities = make([]schedule.Activity, 0, n)
	b.recorded = make([]schedule.Recorded, n)
	for i := range ws {
		b.net.Activities = append(b.net.Activities, schedule.Activity{ID: b.wbsID[i], Name: ws[i].Name, Kind: schedule.WBSSummary})
	}
	b.actByOID = make(map[string]int, len(acts))
	ids := make(map[string]string, n)
	for i, id := range b.wbsID {
		ids[id] = wbsRecord(&ws[i], i)
	}
	wbsOf := make([]int, len(acts)) // -1 at the project level
	for i := range acts {
		a := &acts[i]
		rec := actRecord(a, i)
		oid := strings.TrimSpace(a.ObjectID)
		if oid == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "ObjectId", "is missing")
		}
		if _, dup := b.actByOID[oid]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "ObjectId", "is used by more than one activity")
		}
		b.actByOID[oid] = i
		if a.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "Id", "is missing")
		}
		if other, dup := ids[a.ID]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "Id", "%q is also the id of %s", a.ID, other)
		}
		ids[a.ID] = rec
		act, r, err := b.activity(a, rec)
		if err != nil {
			return err
		}
		if act.Kind == schedule.WBSSummary && strings.HasPrefix(act.ID, WBSPrefix) {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, "Id", "%q: ids beginning with %q are kept for WBS elements", act.ID, WBSPrefix)
		}
		wbsOf[i] = -1
		if j, ok := b.wbsByOID[strings.TrimSpace(a.WBSObjectID)]; ok {
			wbsOf[i] = j
		}
		b.net.Activities = append(b.net.Activities, act)
		b.recorded[len(ws)+i] = r
	}

	// Parents. tail[k+1] is the parent of what WBS element k holds (tail[0]: the
	// project level): the element itself, or the last WBS Summary activity in it.
	tail := make([]string, len(ws)+1)
	for k := range ws {
		tail[k+1] = b.wbsID[k]
	}
	for i := range acts {
		if b.net.Activities[len(ws)+i].Kind == schedule.WBSSummary {
			k := wbsOf[i] + 1
			b.net.Activities[len(ws)+i].Parent = tail[k]
			tail[k] = acts[i].ID
		}
	}
	for i := range ws {
		k := 0
		if j, ok := b.wbsByOID[strings.TrimSpace(ws[i].ParentObjectID)]; ok {
			k = j + 1
		}
		b.net.Activities[i].Parent = tail[k]
	}
	for i := range acts {
		if a := &b.net.Activities[len(ws)+i]; a.Kind != schedule.WBSSummary {
			a.Parent = tail[wbsOf[i]+1]
		}
	}
	return nil
}

var statuses = map[string]bool{"Not Started": true, "In Progress": true, "Completed": true}

// activity maps one activity and the values P6 computed for it.
func (b *builder) activity(a *xActivity, rec string) (schedule.Activity, schedule.Recorded, error) {
	act := schedule.Activity{ID: a.ID, Name: a.Name, RemainingDuration: -1}
	var r schedule.Recorded
	fail := func(field string, err error) (schedule.Activity, schedule.Recorded, error) {
		return act, r, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "%v", err)
	}
	kind, _, err := enum(activityTypes, a.Type)
	if err != nil {
		return fail("Type", err)
	}
	act.Kind = kind
	if cal := strings.TrimSpace(a.CalendarObjectID); cal != "" {
		if _, ok := b.calByOID[cal]; !ok {
			return act, r, lanyan.Errorf(lanyan.CodeNotFound, rec, "CalendarObjectId", "unknown calendar %s", cal)
		}
		act.Calendar = cal
		b.calUsed[cal] = true
	}
	d, _, err := parseHours(a.PlannedDuration)
	if err == nil && d < 0 {
		err = fmt.Errorf("is negative")
	}
	if err != nil {
		return fail("PlannedDuration", err)
	}
	if kind != schedule.StartMilestone && kind != schedule.FinishMilestone {
		act.Duration = d // a milestone has none, whatever the file says
	}
	if rd, ok, err := parseHours(a.RemainingDuration); err != nil || rd < 0 {
		if err == nil {
			err = fmt.Errorf("is negative")
		}
		return fail("RemainingDuration", err)
	} else if ok {
		act.RemainingDuration = rd
	}
	pct, ok, err := parseFraction(a.DurationPercentComplete)
	if err != nil {
		return fail("DurationPercentComplete", err)
	}
	if !ok {
		if t := strings.TrimSpace(a.PercentCompleteType); t == "" || t == "Duration" {
			if pct, _, err = parseFraction(a.PercentComplete); err != nil {
				return fail("PercentComplete", err)
			}
		}
	}
	act.PercentComplete = pct
	if act.ActualStart, err = parseDateTime(a.ActualStartDate); err != nil {
		return fail("ActualStartDate", err)
	}
	if act.ActualFinish, err = parseDateTime(a.ActualFinishDate); err != nil {
		return fail("ActualFinishDate", err)
	}
	if s := strings.TrimSpace(a.Status); s != "" {
		actual := act.ActualStart != 0 || act.ActualFinish != 0
		switch {
		case !statuses[s]:
			return fail("Status", fmt.Errorf("unknown value %q", s))
		case s == "Not Started" && actual:
			return fail("Status", fmt.Errorf("is Not Started but the activity has actual dates"))
		case s == "In Progress" && act.ActualStart == 0:
			return fail("ActualStartDate", fmt.Errorf("is missing while Status is In Progress"))
		case s == "Completed" && !actual:
			return fail("ActualFinishDate", fmt.Errorf("is missing while Status is Completed"))
		}
	}
	for _, c := range []struct {
		typeField, dateField, typ, date string
		to                              *schedule.Constraint
	}{
		{"PrimaryConstraintType", "PrimaryConstraintDate", a.PrimaryConstraintType, a.PrimaryConstraintDate, &act.Constraint},
		{"SecondaryConstraintType", "SecondaryConstraintDate", a.SecondaryConstraintType, a.SecondaryConstraintDate, &act.Constraint2},
	} {
		t, _, err := enum(constraintTypes, c.typ)
		if err != nil {
			return fail(c.typeField, err)
		}
		if t == schedule.ASAP || t == schedule.ALAP {
			c.to.Type = t // any date is meaningless
			continue
		}
		at, err := parseDateTime(c.date)
		if err == nil && at == 0 {
			err = fmt.Errorf("is missing for the constraint %q", strings.TrimSpace(c.typ))
		}
		if err != nil {
			return fail(c.dateField, err)
		}
		*c.to = schedule.Constraint{Type: t, Date: at}
	}
	for _, d := range []struct {
		field, text string
		to          *schedule.Instant
	}{
		{"EarlyStartDate", a.EarlyStartDate, &r.EarlyStart},
		{"EarlyFinishDate", a.EarlyFinishDate, &r.EarlyFinish},
		{"LateStartDate", a.LateStartDate, &r.LateStart},
		{"LateFinishDate", a.LateFinishDate, &r.LateFinish},
	} {
		if *d.to, err = parseDateTime(d.text); err != nil {
			return fail(d.field, err)
		}
	}
	if r.TotalFloat, r.HasTotalFloat, err = parseHours(a.TotalFloat); err != nil {
		return fail("TotalFloat", err)
	}
	return act, r, nil
}

// relationships maps the project's relationships (and any at the top of the
// file that touch it), setting aside those with an end outside the project.
func (b *builder) relationships() ([]ExternalRelationship, error) {
	rels := make([]*xRelationship, 0, len(b.p.Relationships)+len(b.file.relationships))
	for i := range b.p.Relationships {
		rels = append(rels, &b.p.Relationships[i])
	}
	own := len(rels)
	for i := range b.file.relationships {
		rels = append(rels, &b.file.relationships[i])
	}
	var ext []ExternalRelationship
	for i, x := range rels {
		rec := relRecord(x, i)
		po, so := strings.TrimSpace(x.PredecessorActivityObjectID), strings.TrimSpace(x.SuccessorActivityObjectID)
		pi, pin := b.actByOID[po]
		si, sin := b.actByOID[so]
		if i >= own && !pin && !sin {
			continue // a relationship of other projects
		}
		if po == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "PredecessorActivityObjectId", "is missing")
		}
		if so == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "SuccessorActivityObjectId", "is missing")
		}
		t, _, err := enum(linkTypes, x.Type)
		if err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "Type", "%v", err)
		}
		lag, _, err := parseHours(x.Lag)
		if err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "Lag", "%v", err)
		}
		if !pin || !sin {
			e := ExternalRelationship{ObjectID: strings.TrimSpace(x.ObjectID), PredecessorObjectID: po, SuccessorObjectID: so, Type: t, Lag: lag}
			if pin {
				e.Pred = b.p.Activities[pi].ID
			}
			if sin {
				e.Succ = b.p.Activities[si].ID
			}
			ext = append(ext, e)
			continue
		}
		b.net.Links = append(b.net.Links, schedule.Link{Pred: b.p.Activities[pi].ID, Succ: b.p.Activities[si].ID, Type: t, Lag: lag})
	}
	return ext, nil
}
