package xer

import (
	"slices"
	"strconv"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Projects lists the projects of the file, in file order.
func (f *File) Projects() []Project {
	out := make([]Project, len(f.projects))
	for i, p := range f.projects {
		out[i] = Project{ID: strconv.FormatInt(p.id, 10), ShortName: p.short, Name: p.name}
	}
	return out
}

// Import returns the network of one project of the file with the values P6
// recorded for its activities. project is the project's proj_id or
// proj_short_name; empty chooses the file's only project. The mapping:
//
//   - Project: ID is proj_short_name (what P6 shows as the project id), Name the
//     root WBS element's name, Start plan_start_date, DefaultCalendar clndr_id
//     (or, when the file lacks that calendar, the calendar marked default_flag Y).
//   - Options: DataDate is last_recalc_date; MustFinishBy is plan_end_date (P6's
//     "must finish by"), or scd_end_date when sched_use_project_end_date_for_float
//     is Y and plan_end_date is empty;
//     CriticalFloat is critical_drtn_hr_cnt. From SCHEDOPTIONS: LagCalendar from
//     sched_calendar_on_relationship_lag, FloatType from sched_float_type
//     (FT_FF finish, FT_SS start, FT_Min smallest), Progress from
//     sched_retained_logic Y (retained logic), else sched_progress_override Y
//     (progress override), else actual dates. Without a SCHEDOPTIONS row the
//     options are P6's defaults.
//   - Calendars: the project's default calendar, the calendars of its activities
//     and their base calendars, in file order; ids are clndr_id. A base calendar
//     missing from the file is dropped (the calendar keeps its own week).
//   - Activities, in file order: ID task_code, Kind from task_type (TT_Task and
//     TT_Rsrc task, TT_Mile start milestone, TT_FinMile finish milestone, TT_LOE
//     level of effort, TT_WBS WBS summary), Duration target_drtn_hr_cnt,
//     RemainingDuration remain_drtn_hr_cnt (the duration when empty),
//     PercentComplete the duration percent those two give, actual dates as
//     status_code allows, constraints from cstr_type/cstr_date and
//     cstr_type2/cstr_date2. Parent is the nearest WBS summary activity up the
//     activity's WBS chain: a TT_WBS activity summarises the activities of its WBS
//     element and of the elements below.
//   - Links: the TASKPRED rows between two activities of the project, lag_hr_cnt
//     as Lag on the option's lag calendar. Relationships to or from other
//     projects are left out and listed in [File.External].
//   - Recorded, aligned with the activities: early_start_date, early_end_date
//     (or restart_date, reend_date when those are empty),
//     late_start_date, late_end_date and total_float_hr_cnt (HasTotalFloat when
//     the field is not empty), as P6 stored them — for a started activity P6's
//     early start is the start of its remaining work, and for a finished one P6
//     writes the data date as early start and finish.
//
// Hours become minutes, rounded to the nearest minute. Import checks references
// (calendars, tasks, WBS loops) and reports the first problem as a *lanyan.Error
// naming the table, row and field; it returns nothing then. It leaves the File
// unchanged, so several projects can be imported from one File, also at once
// from several goroutines.
func (f *File) Import(project string) (*schedule.Imported, error) {
	p, err := f.project(project)
	if err != nil {
		return nil, err
	}
	net := &schedule.Network{
		Project: schedule.Project{ID: p.short, Name: p.name, Start: p.start},
		Options: schedule.Options{
			DataDate:      p.dataDate,
			MustFinishBy:  p.mustFinishBy,
			LagCalendar:   schedule.LagPredecessor,
			FloatType:     schedule.FinishFloat,
			CriticalFloat: p.critical,
			Progress:      schedule.RetainedLogic,
		},
	}
	for _, o := range f.opts {
		if o.proj == p.id {
			net.Options.LagCalendar, net.Options.FloatType, net.Options.Progress = o.lag, o.float, o.progress
			if o.endForFloat && net.Options.MustFinishBy == 0 && p.scdEnd > 0 {
				// "Use the project's finish date for float": open ends finish by it.
				net.Options.MustFinishBy = p.scdEnd
			}
			break
		}
	}

	// Activities.
	var tasks []int32
	for i := range f.tasks {
		if f.tasks[i].proj == p.id {
			tasks = append(tasks, int32(i))
		}
	}
	n := len(tasks)
	acts := make([]schedule.Activity, n)
	rec := make([]schedule.Recorded, n)
	codes := make(map[string]int32, n)
	for j, k := range tasks {
		t := &f.tasks[k]
		if prev, dup := codes[t.code]; dup {
			return nil, t.errf("task_code", "activity id %q is also used by %s", t.code, f.tasks[tasks[prev]].record())
		}
		codes[t.code] = int32(j)
		a := &acts[j]
		a.ID, a.Name, a.Kind = t.code, t.name, t.kind
		a.Duration = t.target
		a.RemainingDuration = t.target
		if t.hasRemain {
			a.RemainingDuration = t.remain
		}
		a.ActualStart, a.ActualFinish = t.actStart, t.actFinish
		switch {
		case t.actFinish != 0:
			a.PercentComplete = 100
		case t.actStart != 0 && a.Duration > 0:
			a.PercentComplete = 100 * float64(max(a.Duration-a.RemainingDuration, 0)) / float64(a.Duration)
		}
		a.Constraint, a.Constraint2 = t.cstr, t.cstr2
		rec[j] = t.rec
	}

	// Calendars.
	use := map[int64]bool{}
	defCal := int64(-1)
	if _, ok := f.calByID[p.clndr]; ok {
		defCal = p.clndr
	} else {
		for _, c := range f.calendars {
			if c.defaultFlag {
				defCal = c.id
				break
			}
		}
	}
	if defCal >= 0 {
		use[defCal] = true
		net.Project.DefaultCalendar = strconv.FormatInt(defCal, 10)
	}
	for j, k := range tasks {
		t := &f.tasks[k]
		if t.clndr < 0 {
			continue
		}
		if _, ok := f.calByID[t.clndr]; !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, t.record(), "clndr_id", "unknown calendar %d", t.clndr)
		}
		use[t.clndr] = true
		acts[j].Calendar = strconv.FormatInt(t.clndr, 10)
	}
	for _, c := range f.calendars {
		if !use[c.id] {
			continue
		}
		// Base chains: each step adds a calendar; a loop is an error.
		for steps, cur := 0, c.id; ; steps++ {
			c := &f.calendars[f.calByID[cur]]
			if _, ok := f.calByID[c.base]; c.base < 0 || !ok {
				break
			}
			if steps > len(f.calendars) {
				return nil, c.errf("base_clndr_id", "calendars inherit from each other in a loop")
			}
			cur = c.base
			use[cur] = true
		}
	}
	for _, c := range f.calendars {
		if !use[c.id] {
			continue
		}
		cal := copyCalendar(c.cal)
		if _, ok := f.calByID[c.base]; ok && c.base >= 0 {
			cal.Base = strconv.FormatInt(c.base, 10)
		}
		net.Calendars = append(net.Calendars, cal)
	}

	// WBS summaries.
	if err := f.checkWBS(p.id); err != nil {
		return nil, err
	}
	if err := f.setParents(p.id, tasks, acts); err != nil {
		return nil, err
	}

	// Links.
	nl := 0
	for i := range f.preds {
		if r := &f.preds[i]; r.succProj == p.id && r.predProj == p.id {
			nl++
		}
	}
	net.Links = make([]schedule.Link, 0, nl)
	for i := range f.preds {
		r := &f.preds[i]
		if r.succProj != p.id && r.predProj != p.id {
			continue
		}
		if r.succProj != r.predProj {
			continue // external: listed in f.External
		}
		succ, ok := f.taskByID[r.succ]
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, r.record(), "task_id", "unknown task %d", r.succ)
		}
		pred, ok := f.taskByID[r.pred]
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, r.record(), "pred_task_id", "unknown task %d", r.pred)
		}
		net.Links = append(net.Links, schedule.Link{Pred: f.tasks[pred].code, Succ: f.tasks[succ].code, Type: r.typ, Lag: r.lag})
	}

	net.Activities = acts
	tool := "Primavera P6"
	if f.Version != "" {
		tool += " " + f.Version
	}
	for i := range rec {
		rec[i].Remaining = rec[i].EarlyStart != 0 // P6 stores the remaining work's early dates
	}
	return &schedule.Imported{Network: net, Recorded: rec, Format: "xer", Tool: tool}, nil
}

// project finds the project named by proj_id or proj_short_name.
func (f *File) project(name string) (*projectRow, error) {
	if name == "" {
		switch len(f.projects) {
		case 0:
			return nil, lanyan.Errorf(lanyan.CodeNotFound, "file", "PROJECT", "holds no project")
		case 1:
			return &f.projects[0], nil
		}
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "file", "PROJECT", "holds %d projects: name one by proj_id or proj_short_name", len(f.projects))
	}
	if id, err := strconv.ParseInt(name, 10, 64); err == nil {
		if i, ok := f.projByID[id]; ok {
			return &f.projects[i], nil
		}
	}
	found := -1
	for i := range f.projects {
		if f.projects[i].short == name {
			if found >= 0 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "file", "proj_short_name", "more than one project is called %q", name)
			}
			found = i
		}
	}
	if found < 0 {
		return nil, lanyan.Errorf(lanyan.CodeNotFound, "file", "PROJECT", "no project has proj_id or proj_short_name %q", name)
	}
	return &f.projects[found], nil
}

// checkWBS reports a loop among the project's WBS elements.
func (f *File) checkWBS(proj int64) error {
	state := map[int64]uint8{} // 1 on the current chain, 2 checked
	var chain []int64
	for i := range f.wbs {
		if f.wbs[i].proj != proj {
			continue
		}
		chain = chain[:0]
		for cur := f.wbs[i].id; state[cur] != 2; {
			k := f.wbsByID[cur]
			if state[cur] == 1 {
				return f.wbs[k].errf("parent_wbs_id", "WBS elements contain each other in a loop")
			}
			state[cur] = 1
			chain = append(chain, cur)
			next, ok := f.wbsByID[f.wbs[k].parent]
			if f.wbs[k].parent < 0 || !ok || f.wbs[next].proj != proj {
				break
			}
			cur = f.wbs[k].parent
		}
		for _, w := range chain {
			state[w] = 2
		}
	}
	return nil
}

// setParents sets each activity's Parent to the nearest WBS summary activity up
// its WBS chain. The first TT_WBS activity of a WBS element is that element's
// summary; it summarises the activities of the element and of the elements below
// (further summaries of the same element summarise nothing). A WBS element that
// is not in PROJWBS, or belongs to another project, ends the chain.
func (f *File) setParents(proj int64, tasks []int32, acts []schedule.Activity) error {
	summaryOf := map[int64]int32{} // WBS element → the activity summarising it
	for j, k := range tasks {
		t := &f.tasks[k]
		if t.kind != schedule.WBSSummary || t.wbs < 0 {
			continue
		}
		if _, ok := summaryOf[t.wbs]; !ok {
			summaryOf[t.wbs] = int32(j)
		}
	}
	if len(summaryOf) == 0 {
		return nil
	}
	// nearest[w] is the summary at or above WBS element w, or -1.
	nearest := map[int64]int32{}
	var path []int64
	find := func(w int64) (int32, error) {
		path = path[:0]
		found := int32(-1)
		for w >= 0 {
			if s, ok := nearest[w]; ok {
				found = s
				break
			}
			i, ok := f.wbsByID[w]
			if !ok || f.wbs[i].proj != proj {
				break
			}
			if len(path) > len(f.wbs) {
				return 0, f.wbs[i].errf("parent_wbs_id", "WBS elements contain each other in a loop")
			}
			path = append(path, w)
			if s, ok := summaryOf[w]; ok {
				found = s
				break
			}
			w = f.wbs[i].parent
		}
		for _, p := range path {
			nearest[p] = found
		}
		return found, nil
	}
	for j, k := range tasks {
		t := &f.tasks[k]
		w := t.wbs
		if t.kind == schedule.WBSSummary {
			// A summary rolls up into the summary above its own element.
			i, ok := f.wbsByID[w]
			if !ok || f.wbs[i].proj != proj {
				continue
			}
			w = f.wbs[i].parent
		}
		s, err := find(w)
		if err != nil {
			return err
		}
		if s >= 0 {
			acts[j].Parent = acts[s].ID
		}
	}
	return nil
}

// copyCalendar copies a calendar deeply, so that changing an imported network
// leaves the File as it was.
func copyCalendar(c schedule.Calendar) schedule.Calendar {
	for d := range c.Week {
		if c.Week[d] != nil {
			c.Week[d] = slices.Clone(c.Week[d])
		}
	}
	c.Exceptions = slices.Clone(c.Exceptions)
	for i := range c.Exceptions {
		if c.Exceptions[i].Periods != nil {
			c.Exceptions[i].Periods = slices.Clone(c.Exceptions[i].Periods)
		}
	}
	return c
}
