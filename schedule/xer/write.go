package xer

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// writeVersion is the P6 version Write puts on the ERMHDR line.
const writeVersion = "20.12"

// Write writes net as a UTF-8 XER file holding one project, in the tables Read
// understands (PROJECT, CALENDAR, SCHEDOPTIONS, PROJWBS, TASK, TASKPRED), so that
// Read and Import give the network back. rec, when not empty, is aligned with
// net.Activities and fills the early and late dates and total float of each task.
//
// P6 keeps ids as numbers: calendars whose id is a number keep it and the others
// are numbered after the largest; proj_id is 1; task_id follows activity order;
// the project is the root WBS element (wbs_id 1) and each WBS summary activity
// gets a WBS element of its own, under its parent's, holding the activities
// whose Parent it is. What XER cannot hold makes an error, before anything is
// written: a link lag on another calendar than the project option's, an
// activity whose Parent is not a WBS summary, dates outside the years 1800–9999.
// Percent lags become fixed lags on the predecessor's duration. Tabs and line
// breaks in names become spaces; calendar exception names are lost.
func Write(w io.Writer, net *schedule.Network, rec []schedule.Recorded) error {
	if net == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "network", "", "is nil")
	}
	acts := net.Activities
	if len(rec) != 0 && len(rec) != len(acts) {
		return lanyan.Errorf(lanyan.CodeInvalid, "recorded", "", "has %d entries for %d activities", len(rec), len(acts))
	}
	x := &writer{net: net}
	if err := x.prepare(); err != nil {
		return err
	}
	if err := x.write(rec); err != nil {
		return err
	}
	_, err := w.Write(x.buf.Bytes())
	return err
}

type writer struct {
	net     *schedule.Network
	buf     bytes.Buffer
	calID   map[string]int64
	actIdx  map[string]int32
	wbsNode []int64 // per activity: the WBS element it sits in
	node    []int32 // per activity: the WBS element it heads (WBS summaries), else 0
	err     error
}

func actRecord(id string) string { return fmt.Sprintf("activity %q", id) }

// prepare checks what XER cannot hold and numbers calendars and WBS elements.
func (x *writer) prepare() error {
	net := x.net
	x.calID = make(map[string]int64, len(net.Calendars))
	next := int64(0)
	for _, c := range net.Calendars {
		if _, dup := x.calID[c.ID]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %q", c.ID), "id", "is used by more than one calendar")
		}
		x.calID[c.ID] = -1
		if n, ok := numericID(c.ID); ok {
			x.calID[c.ID] = n
			next = max(next, n)
		}
	}
	for _, c := range net.Calendars {
		if x.calID[c.ID] < 0 {
			next++
			x.calID[c.ID] = next
		}
		if _, ok := x.calID[c.Base]; c.Base != "" && !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("calendar %q", c.ID), "base", "unknown calendar %q", c.Base)
		}
	}
	if d := net.Project.DefaultCalendar; d != "" {
		if _, ok := x.calID[d]; !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, "project", "defaultCalendar", "unknown calendar %q", d)
		}
	}

	acts := net.Activities
	x.actIdx = make(map[string]int32, len(acts))
	for i := range acts {
		a := &acts[i]
		if a.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %d", i), "id", "is empty")
		}
		if _, dup := x.actIdx[a.ID]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "id", "is used by more than one activity")
		}
		x.actIdx[a.ID] = int32(i)
		if _, ok := x.calID[a.Calendar]; a.Calendar != "" && !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "calendar", "unknown calendar %q", a.Calendar)
		}
		if a.Duration < 0 {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "duration", "is negative")
		}
		if a.Kind == schedule.Task && a.ActualFinish != 0 && a.ActualStart == 0 {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "actualStart", "is missing while actualFinish is set")
		}
		if p := a.PercentComplete; !(p >= 0 && p <= 100) {
			return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "percentComplete", "must be between 0 and 100")
		}
	}

	// WBS: the root is element 1; the k-th WBS summary heads element k+2.
	x.node = make([]int32, len(acts))
	k := int32(2)
	for i := range acts {
		if acts[i].Kind == schedule.WBSSummary {
			x.node[i] = k
			k++
		}
	}
	x.wbsNode = make([]int64, len(acts))
	for i := range acts {
		a := &acts[i]
		x.wbsNode[i] = 1
		if a.Parent != "" {
			p, ok := x.actIdx[a.Parent]
			if !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "parent", "unknown activity %q", a.Parent)
			}
			if acts[p].Kind != schedule.WBSSummary {
				return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "parent", "activity %q is not a WBS summary", a.Parent)
			}
			x.wbsNode[i] = int64(x.node[p])
		}
	}
	// Summaries must not contain each other in a loop: P6 would not take the WBS.
	state := make([]uint8, len(acts)) // 0 unseen, 1 on the current chain, 2 checked
	var chain []int32
	for i := range acts {
		chain = chain[:0]
		for j := int32(i); acts[j].Kind == schedule.WBSSummary && state[j] != 2; {
			if state[j] == 1 {
				return lanyan.Errorf(lanyan.CodeInvalid, actRecord(acts[j].ID), "parent", "WBS summaries contain each other in a loop")
			}
			state[j] = 1
			chain = append(chain, j)
			if acts[j].Parent == "" {
				break
			}
			j = x.actIdx[acts[j].Parent]
		}
		for _, j := range chain {
			state[j] = 2
		}
	}

	for k := range net.Links {
		l := &net.Links[k]
		a, ok := x.actIdx[l.Pred]
		if !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k, l), "pred", "unknown activity %q", l.Pred)
		}
		if _, ok := x.actIdx[l.Succ]; !ok {
			return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k, l), "succ", "unknown activity %q", l.Succ)
		}
		if l.Type > schedule.SF {
			return lanyan.Errorf(lanyan.CodeInvalid, linkRecord(k, l), "type", "unknown link type %d", l.Type)
		}
		if _, err := x.lag(l, &acts[a]); err != nil {
			return lanyan.Errorf(lanyan.CodeInvalid, linkRecord(k, l), "lagCalendar", "%v", err)
		}
	}
	return nil
}

func linkRecord(k int, l *schedule.Link) string {
	return fmt.Sprintf("link %d (%s→%s)", k, l.Pred, l.Succ)
}

// lag returns a link's lag in minutes on the project's lag calendar.
func (x *writer) lag(l *schedule.Link, pred *schedule.Activity) (int64, error) {
	opt := x.net.Options.LagCalendar
	if opt == schedule.LagFromOption {
		opt = schedule.LagPredecessor
	}
	lag, lc := l.Lag, l.LagCalendar
	if l.LagPercent != 0 {
		if math.IsNaN(l.LagPercent) || math.Abs(l.LagPercent) > 1e6 {
			return 0, fmt.Errorf("lagPercent is out of range")
		}
		lag = int64(math.Round(float64(pred.Duration) * l.LagPercent / 100))
		lc = schedule.LagPredecessor
	}
	if lc == schedule.LagFromOption {
		lc = opt
	}
	if lag != 0 && lc != opt {
		return 0, fmt.Errorf("the lag is measured on the %s calendar but XER measures every lag on the project's (%s)", lc, opt)
	}
	return lag, nil
}

// numericID reports whether id is a number as P6 writes one (digits, no
// leading zeros).
func numericID(id string) (int64, bool) {
	if id == "" || len(id) > 18 || (id[0] == '0' && len(id) > 1) {
		return 0, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil && n >= 0
}

func (x *writer) write(rec []schedule.Recorded) error {
	net := x.net
	b := &x.buf
	// The export date on the ERMHDR line: the data date, else the project start,
	// so that the same network always gives the same file.
	day := x.instant(net.Options.DataDate, "options", "dataDate")
	if day == "" {
		day = x.instant(net.Project.Start, "project", "start")
	}
	day = day[:min(len(day), 10)]
	fmt.Fprintf(b, "ERMHDR\t%s\t%s\tProject\tadmin\tlanyan\tdbxDatabaseNoName\tProject Management\tUSD\n", writeVersion, day)

	defCal := ""
	if net.Project.DefaultCalendar != "" {
		defCal = strconv.FormatInt(x.calID[net.Project.DefaultCalendar], 10)
	}
	opts := net.Options
	x.table("PROJECT", "proj_id", "proj_short_name", "clndr_id", "plan_start_date", "plan_end_date", "last_recalc_date",
		"critical_drtn_hr_cnt", "project_flag", "critical_path_type")
	x.row("1", text(net.Project.ID), defCal,
		x.instant(net.Project.Start, "project", "start"),
		x.instant(opts.MustFinishBy, "options", "mustFinishBy"),
		x.instant(opts.DataDate, "options", "dataDate"),
		hours(opts.CriticalFloat), "Y", "CT_TotFloat")

	x.table("CALENDAR", "clndr_id", "default_flag", "clndr_name", "proj_id", "base_clndr_id", "clndr_type", "day_hr_cnt", "clndr_data")
	for i := range net.Calendars {
		c := &net.Calendars[i]
		def := "N"
		if c.ID == net.Project.DefaultCalendar {
			def = "Y"
		}
		base := ""
		if c.Base != "" {
			base = strconv.FormatInt(x.calID[c.Base], 10)
		}
		name := c.Name
		if _, numeric := numericID(c.ID); !numeric && name == "" {
			name = c.ID // the id is lost: keep it as the name
		}
		data, err := formatClndrData(c)
		if err != nil {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %q", c.ID), "", "%v", err)
		}
		hpd := ""
		if c.HoursPerDay != 0 {
			if !(c.HoursPerDay > 0 && c.HoursPerDay <= 24) {
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %q", c.ID), "hoursPerDay", "must be between 0 and 24")
			}
			hpd = strconv.FormatFloat(c.HoursPerDay, 'f', -1, 64)
		}
		x.row(strconv.FormatInt(x.calID[c.ID], 10), def, text(name), "", base, "CA_Base", hpd, data)
	}

	retained, override := "Y", "N"
	switch opts.Progress {
	case schedule.RetainedLogic:
	case schedule.ProgressOverride:
		retained, override = "N", "Y"
	case schedule.ActualDates:
		retained = "N"
	default:
		return lanyan.Errorf(lanyan.CodeInvalid, "options", "progress", "unknown value %d", opts.Progress)
	}
	var float string
	switch opts.FloatType {
	case schedule.FinishFloat:
		float = "FT_FF"
	case schedule.StartFloat:
		float = "FT_SS"
	case schedule.SmallestFloat:
		float = "FT_Min"
	default:
		return lanyan.Errorf(lanyan.CodeInvalid, "options", "floatType", "unknown value %d", opts.FloatType)
	}
	var lagCal string
	switch opts.LagCalendar {
	case schedule.LagFromOption, schedule.LagPredecessor:
		lagCal = "rcal_Predecessor"
	case schedule.LagSuccessor:
		lagCal = "rcal_Successor"
	case schedule.Lag24Hour:
		lagCal = "rcal_24Hour"
	case schedule.LagProjectDefault:
		lagCal = "rcal_ProjDefault"
	default:
		return lanyan.Errorf(lanyan.CodeInvalid, "options", "lagCalendar", "unknown value %d", opts.LagCalendar)
	}
	x.table("SCHEDOPTIONS", "schedoptions_id", "proj_id", "sched_outer_depend_type", "sched_retained_logic",
		"sched_progress_override", "sched_float_type", "sched_calendar_on_relationship_lag")
	x.row("1", "1", "SD_Both", retained, override, float, lagCal)

	acts := net.Activities
	x.table("PROJWBS", "wbs_id", "proj_id", "seq_num", "proj_node_flag", "status_code", "wbs_short_name", "wbs_name", "parent_wbs_id")
	x.row("1", "1", "0", "Y", "WS_Open", text(net.Project.ID), text(net.Project.Name), "")
	seq := 0
	for i := range acts {
		if x.node[i] == 0 {
			continue
		}
		seq++
		x.row(strconv.Itoa(int(x.node[i])), "1", strconv.Itoa(seq), "N", "WS_Open", text(acts[i].ID), text(acts[i].Name),
			strconv.FormatInt(x.wbsNode[i], 10))
	}

	x.table("TASK", "task_id", "proj_id", "wbs_id", "clndr_id", "task_type", "duration_type", "status_code", "task_code", "task_name",
		"total_float_hr_cnt", "remain_drtn_hr_cnt", "target_drtn_hr_cnt", "act_start_date", "act_end_date",
		"early_start_date", "early_end_date", "late_start_date", "late_end_date",
		"cstr_type", "cstr_date", "cstr_type2", "cstr_date2", "complete_pct_type")
	var r schedule.Recorded
	for i := range acts {
		a := &acts[i]
		if len(rec) != 0 {
			r = rec[i]
		}
		cal := ""
		if a.Calendar != "" {
			cal = strconv.FormatInt(x.calID[a.Calendar], 10)
		}
		status := "TK_NotStart"
		remain := a.Duration
		switch {
		case a.ActualFinish != 0:
			status, remain = "TK_Complete", 0
		case a.ActualStart != 0:
			status = "TK_Active"
			remain = int64(math.Round(float64(a.Duration) * (100 - a.PercentComplete) / 100))
		}
		if a.RemainingDuration >= 0 {
			remain = a.RemainingDuration
		}
		tf := ""
		if r.HasTotalFloat {
			tf = hours(r.TotalFloat)
		}
		ct, cd, err := x.constraint(a, "constraint", a.Constraint)
		if err != nil {
			return err
		}
		ct2, cd2, err := x.constraint(a, "constraint2", a.Constraint2)
		if err != nil {
			return err
		}
		rid := actRecord(a.ID)
		wbs := x.wbsNode[i]
		if x.node[i] != 0 {
			wbs = int64(x.node[i])
		}
		x.row(strconv.Itoa(i+1), "1", strconv.FormatInt(wbs, 10), cal, taskType(a.Kind), "DT_FixedDUR2", status,
			text(a.ID), text(a.Name), tf, hours(remain), hours(a.Duration),
			x.instant(a.ActualStart, rid, "actualStart"), x.instant(a.ActualFinish, rid, "actualFinish"),
			x.instant(r.EarlyStart, rid, "recorded.earlyStart"), x.instant(r.EarlyFinish, rid, "recorded.earlyFinish"),
			x.instant(r.LateStart, rid, "recorded.lateStart"), x.instant(r.LateFinish, rid, "recorded.lateFinish"),
			ct, cd, ct2, cd2, "CP_Drtn")
		if x.err != nil {
			return x.err
		}
	}

	x.table("TASKPRED", "task_pred_id", "task_id", "pred_task_id", "proj_id", "pred_proj_id", "pred_type", "lag_hr_cnt")
	for k := range net.Links {
		l := &net.Links[k]
		p := x.actIdx[l.Pred]
		lag, _ := x.lag(l, &acts[p]) // checked in prepare
		x.row(strconv.Itoa(k+1), strconv.Itoa(int(x.actIdx[l.Succ])+1), strconv.Itoa(int(p)+1), "1", "1",
			"PR_"+l.Type.String(), hours(lag))
	}
	b.WriteString("%E\n")
	return x.err
}

var taskTypes = [...]string{schedule.Task: "TT_Task", schedule.StartMilestone: "TT_Mile", schedule.FinishMilestone: "TT_FinMile",
	schedule.LevelOfEffort: "TT_LOE", schedule.WBSSummary: "TT_WBS"}

func taskType(k schedule.Kind) string {
	if int(k) < len(taskTypes) {
		return taskTypes[k]
	}
	return "TT_Task"
}

var constraintNames = map[schedule.ConstraintType]string{
	schedule.StartOn: "CS_MSO", schedule.StartNoEarlierThan: "CS_MSOA", schedule.StartNoLaterThan: "CS_MSOB",
	schedule.FinishOn: "CS_MEO", schedule.FinishNoEarlierThan: "CS_MEOA", schedule.FinishNoLaterThan: "CS_MEOB",
	schedule.ALAP: "CS_ALAP", schedule.MandatoryStart: "CS_MANDSTART", schedule.MandatoryFinish: "CS_MANDFIN",
}

func (x *writer) constraint(a *schedule.Activity, field string, c schedule.Constraint) (string, string, error) {
	if c.Type == schedule.ASAP {
		return "", "", nil
	}
	name, ok := constraintNames[c.Type]
	if !ok {
		return "", "", lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), field+".type", "unknown constraint type %d", c.Type)
	}
	if c.Type == schedule.ALAP {
		return name, "", nil
	}
	if c.Date == 0 {
		return "", "", lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), field+".date", "%s needs a date", c.Type)
	}
	return name, x.instant(c.Date, actRecord(a.ID), field+".date"), nil
}

func (x *writer) table(name string, fields ...string) {
	x.buf.WriteString("%T\t")
	x.buf.WriteString(name)
	x.buf.WriteString("\n%F")
	for _, f := range fields {
		x.buf.WriteByte('\t')
		x.buf.WriteString(f)
	}
	x.buf.WriteByte('\n')
}

func (x *writer) row(vals ...string) {
	x.buf.WriteString("%R")
	for _, v := range vals {
		x.buf.WriteByte('\t')
		x.buf.WriteString(v)
	}
	x.buf.WriteByte('\n')
}

// instant formats t as 2006-01-02 15:04 ("" when zero); a date outside the years
// 1800–9999 sets x.err.
func (x *writer) instant(t schedule.Instant, record, field string) string {
	if t == 0 {
		return ""
	}
	y, mo, d := t.Date().Date()
	if y < minYear || y > maxYear {
		if x.err == nil {
			x.err = lanyan.Errorf(lanyan.CodeInvalid, record, field, "%s is outside the years %d–%d", t, minYear, maxYear)
		}
		return "0000-00-00 00:00"
	}
	m := t.Minute()
	var buf [16]byte
	put := func(i, v, n int) {
		for k := n - 1; k >= 0; k-- {
			buf[i+k] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	buf[4] = '-'
	put(5, int(mo), 2)
	buf[7] = '-'
	put(8, d, 2)
	buf[10] = ' '
	put(11, m/60, 2)
	buf[13] = ':'
	put(14, m%60, 2)
	return string(buf[:])
}

// hours formats minutes as hours, exactly enough for Read to round back to the
// same minutes.
func hours(m int64) string {
	if m%60 == 0 {
		return strconv.FormatInt(m/60, 10)
	}
	return strconv.FormatFloat(float64(m)/60, 'f', -1, 64)
}

// text makes a value safe for a tab-separated line.
func text(s string) string {
	if !strings.ContainsAny(s, "\t\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}
