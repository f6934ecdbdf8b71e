package xer

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Options say how Read decodes a file.
type Options struct {
	// Encoding is the text encoding of the file: UTF8, GB18030, Windows1252 or
	// Windows1251. Empty detects it: UTF-8 when the bytes are valid UTF-8, else
	// GB18030 when every byte above 0x7F belongs to a well-formed GB18030 sequence
	// and most two-byte sequences look like common Chinese characters (files from
	// Chinese P6 installations), else Windows-1252. Cyrillic files (Windows-1251)
	// are never detected and must be named: their letters also form well-formed
	// GB18030 sequences, so a file whose only non-ASCII text is Cyrillic would be
	// read as Chinese.
	Encoding string
}

// File is an XER file as read: the tables this package understands (PROJECT,
// CALENDAR, SCHEDOPTIONS, PROJWBS, TASK and TASKPRED), checked field by field.
// Other tables are skipped. One file may hold several projects; [File.Import]
// turns one of them into a network.
type File struct {
	// Version is the P6 version on the ERMHDR line, e.g. "8.2.0" or "20.12".
	Version string
	// Encoding is the encoding the text was read in (see [Options]).
	Encoding string
	// External lists the relationships between activities of different projects
	// (P6's external relationships), in file order. Import leaves them out of the
	// networks it returns, since one end is not in the network; they are here so
	// that the caller can decide what to do with them (for example turn a
	// predecessor's recorded early finish into a start-no-earlier-than constraint,
	// as P6 does when "ignore relationships to and from other projects" is off).
	External []ExternalLink

	projects  []projectRow
	projByID  map[int64]int
	calendars []calendarRow
	calByID   map[int64]int
	opts      []optsRow
	wbs       []wbsRow
	wbsByID   map[int64]int
	tasks     []taskRow
	taskByID  map[int64]int32
	preds     []predRow
}

// ExternalLink is a relationship between activities of two projects. Ids are P6's
// internal ones (proj_id, task_id); Pred and Succ are the activity ids
// (task_code) when that activity is in the file, else empty.
type ExternalLink struct {
	PredProject string // proj_id of the predecessor's project
	PredTask    string // task_id of the predecessor
	Pred        string // task_code of the predecessor, when it is in the file
	SuccProject string // proj_id of the successor's project
	SuccTask    string // task_id of the successor
	Succ        string // task_code of the successor, when it is in the file
	Type        schedule.LinkType
	Lag         int64 // working minutes
	// EarlyFinish and LateStart are what P6 stored for the relationship when it
	// last scheduled (TASKPRED.aref and arls: the adjusted relationship early
	// finish and late start); zero when absent.
	EarlyFinish schedule.Instant
	LateStart   schedule.Instant
}

// Project identifies one project of a file.
type Project struct {
	ID        string // proj_id, P6's internal number
	ShortName string // proj_short_name, what P6 shows as the project id
	Name      string // the name of the project's root WBS element
}

// at locates a row of a table, for error messages.
type at struct {
	table string
	row   int
	line  int
}

func (a at) record() string { return fmt.Sprintf("table %s row %d (line %d)", a.table, a.row, a.line) }

func (a at) errf(field, format string, args ...any) error {
	return lanyan.Errorf(lanyan.CodeInvalid, a.record(), field, format, args...)
}

func lineRecord(line int) string { return fmt.Sprintf("line %d", line) }

type projectRow struct {
	at
	id           int64
	short        string
	name         string
	clndr        int64
	start        schedule.Instant
	mustFinishBy schedule.Instant
	dataDate     schedule.Instant
	critical     int64
	scdEnd       schedule.Instant // the project finish P6 last computed
}

type calendarRow struct {
	at
	id          int64
	base        int64
	defaultFlag bool
	cal         schedule.Calendar
}

type optsRow struct {
	at
	proj     int64
	lag      schedule.LagCalendar
	float    schedule.FloatType
	progress schedule.ProgressMode
	// endForFloat: late dates run back from the project's finish date
	// (scd_end_date) rather than from the early finish.
	endForFloat bool
}

type wbsRow struct {
	at
	id, proj, parent int64
	projNode         bool
	name             string
}

type taskRow struct {
	at
	id, proj, wbs, clndr int64
	kind                 schedule.Kind
	code, name           string
	target, remain       int64
	hasRemain            bool
	actStart, actFinish  schedule.Instant
	cstr, cstr2          schedule.Constraint
	rec                  schedule.Recorded
}

type predRow struct {
	at
	succ, pred             int64
	succProj, predProj     int64 // resolved after reading: the projects of the two ends
	typ                    schedule.LinkType
	lag                    int64
	earlyFinish, lateStart schedule.Instant
}

// Read parses an XER file. It reads the whole file, checks every row of the
// tables it understands and reports the first problem as a *lanyan.Error naming
// the table, row, line and field; it returns no File then.
func Read(r io.Reader, opts Options) (*File, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, &lanyan.Error{Code: lanyan.CodeInternal, Record: "file", Message: "cannot read", Err: err}
	}
	text, enc, err := decode(b, opts.Encoding)
	if err != nil {
		return nil, err
	}
	f := &File{
		Encoding: enc,
		projByID: map[int64]int{},
		calByID:  map[int64]int{},
		wbsByID:  map[int64]int{},
	}
	if err := f.parse(text); err != nil {
		return nil, err
	}
	f.link()
	return f, nil
}

// readAll reads r to the end, in one allocation when r can tell its size.
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }: // os.File
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < math.MaxInt32 {
			size = int(fi.Size())
		}
	}
	if size < 0 {
		return io.ReadAll(r)
	}
	var buf bytes.Buffer
	buf.Grow(size + 1) // one byte more, so that reading EOF does not grow it
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// spec says which fields of a table this package reads and how a row is added.
type spec struct {
	fields   []string // slot i holds fields[i]
	required []string
	add      func(f *File, v []string, a at) error
	reserve  func(f *File, rows int) // optional: room for the rows of a large table
}

var specs = map[string]*spec{
	"PROJECT":      {fields: projectFields, required: []string{"proj_id"}, add: (*File).addProject},
	"CALENDAR":     {fields: calendarFields, required: []string{"clndr_id"}, add: (*File).addCalendar},
	"SCHEDOPTIONS": {fields: optsFields, required: []string{"proj_id"}, add: (*File).addOpts},
	"PROJWBS":      {fields: wbsFields, required: []string{"wbs_id", "proj_id"}, add: (*File).addWBS},
	"TASK": {fields: taskFields, required: []string{"task_id", "proj_id", "task_code"}, add: (*File).addTask,
		reserve: func(f *File, n int) {
			f.tasks = slices.Grow(f.tasks, n)
			f.taskByID = make(map[int64]int32, n)
		}},
	"TASKPRED": {fields: predFields, required: []string{"task_id", "pred_task_id"}, add: (*File).addPred,
		reserve: func(f *File, n int) { f.preds = slices.Grow(f.preds, n) }},
}

const maxSlots = 32

// maxReserve bounds the rows allocated ahead, so that a file of empty rows cannot
// make Read allocate many times its size before the first row fails.
const maxReserve = 1 << 20

// parse reads the lines of the file.
func (f *File) parse(text string) error {
	var (
		line    int
		table   string // current table, "" before the first %T
		sp      *spec  // nil when the current table is skipped
		cols    []int  // slot of each field of the current table, -1 when unread
		haveF   bool
		rows    int
		tableAt int
		seen    = map[string]bool{}
		v       = make([]string, maxSlots)
	)
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		var l string
		if end < 0 {
			l, pos = text[pos:], len(text)
		} else {
			l, pos = text[pos:pos+end], pos+end+1
		}
		l = strings.TrimSuffix(l, "\r")
		line++
		tag, rest, _ := strings.Cut(l, "\t")
		if line == 1 {
			if tag != "ERMHDR" {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(1), "", "not an XER file: the first line does not start with ERMHDR")
			}
			f.Version, _, _ = strings.Cut(rest, "\t")
			continue
		}
		switch tag {
		case "":
			if l != "" {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "line starts with a tab; want %%T, %%F, %%R or %%E")
			}
		case "%T":
			table, tableAt = strings.TrimSpace(rest), line
			if table == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "%%T names no table")
			}
			if seen[table] {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "table %s appears twice", table)
			}
			seen[table] = true
			sp, haveF, rows = specs[table], false, 0
			if sp != nil && sp.reserve != nil {
				// Count the rows ahead (a fast byte scan) to allocate once.
				seg := text[pos:]
				if end := strings.Index(seg, "\n%T"); end >= 0 {
					seg = seg[:end]
				}
				sp.reserve(f, min(strings.Count(seg, "\n%R"), maxReserve))
			}
		case "%F":
			if table == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "%%F before any %%T")
			}
			if haveF {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "table %s has a second %%F line", table)
			}
			haveF = true
			if sp == nil {
				continue
			}
			names := strings.Split(rest, "\t")
			cols = cols[:0]
			for _, n := range names {
				s := -1
				for i, want := range sp.fields {
					if n == want {
						s = i
						break
					}
				}
				cols = append(cols, s)
			}
			for _, req := range sp.required {
				found := false
				for _, n := range names {
					if n == req {
						found = true
					}
				}
				if !found {
					return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("table %s (line %d)", table, tableAt), req, "the field is missing from %%F on line %d", line)
				}
			}
		case "%R":
			if !haveF {
				return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "%%R before the %%F line of table %q", table)
			}
			rows++
			if sp == nil {
				continue
			}
			clear(v)
			i := 0
			for {
				val, more, found := strings.Cut(rest, "\t")
				if i < len(cols) {
					if s := cols[i]; s >= 0 {
						v[s] = val
					}
				} else if val != "" {
					return lanyan.Errorf(lanyan.CodeInvalid, (at{table, rows, line}).record(), "", "has more values than the %d fields of %%F", len(cols))
				}
				i++
				if !found {
					break
				}
				rest = more
			}
			if err := sp.add(f, v, at{table, rows, line}); err != nil {
				return err
			}
		case "%E":
			return nil
		default:
			return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "line starts with %q; want %%T, %%F, %%R or %%E", truncate(tag, 20))
		}
	}
	if line == 0 {
		return lanyan.Errorf(lanyan.CodeInvalid, "file", "", "is empty")
	}
	return lanyan.Errorf(lanyan.CodeInvalid, lineRecord(line), "", "the file ends without %%E: it may be cut short")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Slots of the fields read from each table.
var projectFields = []string{"proj_id", "proj_short_name", "clndr_id", "plan_start_date", "plan_end_date", "last_recalc_date", "critical_drtn_hr_cnt", "scd_end_date"}

const (
	pID = iota
	pShort
	pClndr
	pStart
	pEnd
	pRecalc
	pCritical
	pScdEnd
)

func (f *File) addProject(v []string, a at) error {
	p := projectRow{at: a, short: v[pShort]}
	var err error
	if p.id, err = a.id(v[pID], "proj_id", true); err != nil {
		return err
	}
	if _, dup := f.projByID[p.id]; dup {
		return a.errf("proj_id", "project %d appears twice", p.id)
	}
	if p.clndr, err = a.id(v[pClndr], "clndr_id", false); err != nil {
		return err
	}
	if p.start, err = a.date(v[pStart], "plan_start_date"); err != nil {
		return err
	}
	if p.mustFinishBy, err = a.date(v[pEnd], "plan_end_date"); err != nil {
		return err
	}
	if p.dataDate, err = a.date(v[pRecalc], "last_recalc_date"); err != nil {
		return err
	}
	if p.critical, _, err = a.hours(v[pCritical], "critical_drtn_hr_cnt"); err != nil {
		return err
	}
	if p.scdEnd, err = a.date(v[pScdEnd], "scd_end_date"); err != nil {
		return err
	}
	f.projByID[p.id] = len(f.projects)
	f.projects = append(f.projects, p)
	return nil
}

var calendarFields = []string{"clndr_id", "default_flag", "clndr_name", "base_clndr_id", "day_hr_cnt", "clndr_data"}

const (
	cID = iota
	cDefault
	cName
	cBase
	cDayHr
	cData
)

func (f *File) addCalendar(v []string, a at) error {
	c := calendarRow{at: a, defaultFlag: v[cDefault] == "Y"}
	var err error
	if c.id, err = a.id(v[cID], "clndr_id", true); err != nil {
		return err
	}
	if _, dup := f.calByID[c.id]; dup {
		return a.errf("clndr_id", "calendar %d appears twice", c.id)
	}
	if c.base, err = a.id(v[cBase], "base_clndr_id", false); err != nil {
		return err
	}
	c.cal = schedule.Calendar{ID: strconv.FormatInt(c.id, 10), Name: v[cName]}
	if h := v[cDayHr]; h != "" {
		x, err := strconv.ParseFloat(h, 64)
		if err != nil || !(x >= 0 && x <= 24) {
			return a.errf("day_hr_cnt", "%q is not a number of hours between 0 and 24", h)
		}
		c.cal.HoursPerDay = x
	}
	hasWeek, err := parseClndrData(v[cData], &c.cal)
	if err != nil {
		return a.errf("clndr_data", "%v", err)
	}
	if !hasWeek && c.base < 0 {
		// P6 reads a calendar without a week as Monday to Friday, 08:00–16:00.
		for d := time.Sunday; d <= time.Saturday; d++ {
			c.cal.Week[d] = []schedule.Period{}
			if d != time.Sunday && d != time.Saturday {
				c.cal.Week[d] = []schedule.Period{schedule.Span(8, 0, 16, 0)}
			}
		}
	}
	f.calByID[c.id] = len(f.calendars)
	f.calendars = append(f.calendars, c)
	return nil
}

var optsFields = []string{"proj_id", "sched_retained_logic", "sched_progress_override", "sched_float_type", "sched_calendar_on_relationship_lag", "sched_use_project_end_date_for_float"}

const (
	oProj = iota
	oRetained
	oOverride
	oFloat
	oLag
	oEndForFloat
)

func (f *File) addOpts(v []string, a at) error {
	o := optsRow{at: a}
	var err error
	if o.proj, err = a.id(v[oProj], "proj_id", true); err != nil {
		return err
	}
	retained, err := a.flag(v[oRetained], "sched_retained_logic", true)
	if err != nil {
		return err
	}
	override, err := a.flag(v[oOverride], "sched_progress_override", false)
	if err != nil {
		return err
	}
	switch {
	case retained:
		o.progress = schedule.RetainedLogic
	case override:
		o.progress = schedule.ProgressOverride
	default:
		o.progress = schedule.ActualDates
	}
	switch s := v[oFloat]; s {
	case "", "FT_FF":
		o.float = schedule.FinishFloat
	case "FT_SS":
		o.float = schedule.StartFloat
	case "FT_Min":
		o.float = schedule.SmallestFloat
	default:
		return a.errf("sched_float_type", "unknown value %q: want FT_FF, FT_SS or FT_Min", s)
	}
	switch s := v[oLag]; s {
	case "", "rcal_Predecessor":
		o.lag = schedule.LagPredecessor
	case "rcal_Successor":
		o.lag = schedule.LagSuccessor
	case "rcal_24Hour":
		o.lag = schedule.Lag24Hour
	case "rcal_ProjDefault":
		o.lag = schedule.LagProjectDefault
	default:
		return a.errf("sched_calendar_on_relationship_lag", "unknown value %q: want rcal_Predecessor, rcal_Successor, rcal_24Hour or rcal_ProjDefault", s)
	}
	if o.endForFloat, err = a.flag(v[oEndForFloat], "sched_use_project_end_date_for_float", false); err != nil {
		return err
	}
	f.opts = append(f.opts, o)
	return nil
}

var wbsFields = []string{"wbs_id", "proj_id", "proj_node_flag", "wbs_name", "parent_wbs_id"}

const (
	wID = iota
	wProj
	wNode
	wName
	wParent
)

func (f *File) addWBS(v []string, a at) error {
	w := wbsRow{at: a, projNode: v[wNode] == "Y", name: v[wName]}
	var err error
	if w.id, err = a.id(v[wID], "wbs_id", true); err != nil {
		return err
	}
	if _, dup := f.wbsByID[w.id]; dup {
		return a.errf("wbs_id", "WBS element %d appears twice", w.id)
	}
	if w.proj, err = a.id(v[wProj], "proj_id", true); err != nil {
		return err
	}
	if w.parent, err = a.id(v[wParent], "parent_wbs_id", false); err != nil {
		return err
	}
	f.wbsByID[w.id] = len(f.wbs)
	f.wbs = append(f.wbs, w)
	return nil
}

var taskFields = []string{"task_id", "proj_id", "wbs_id", "clndr_id", "task_type", "status_code", "task_code", "task_name",
	"total_float_hr_cnt", "remain_drtn_hr_cnt", "target_drtn_hr_cnt", "act_start_date", "act_end_date",
	"early_start_date", "early_end_date", "late_start_date", "late_end_date",
	"cstr_type", "cstr_date", "cstr_type2", "cstr_date2", "restart_date", "reend_date"}

const (
	tID = iota
	tProj
	tWBS
	tClndr
	tType
	tStatus
	tCode
	tName
	tFloat
	tRemain
	tTarget
	tActStart
	tActEnd
	tES
	tEF
	tLS
	tLF
	tCstr
	tCstrDate
	tCstr2
	tCstrDate2
	tRestart
	tReend
)

// Task statuses.
const (
	notStarted = iota
	active
	complete
)

func (f *File) addTask(v []string, a at) error {
	t := taskRow{at: a, code: v[tCode], name: v[tName]}
	var err error
	if t.id, err = a.id(v[tID], "task_id", true); err != nil {
		return err
	}
	if f.taskByID == nil {
		f.taskByID = map[int64]int32{}
	}
	if _, dup := f.taskByID[t.id]; dup {
		return a.errf("task_id", "task %d appears twice", t.id)
	}
	if len(f.tasks) >= math.MaxInt32 {
		return a.errf("task_id", "too many tasks")
	}
	if t.proj, err = a.id(v[tProj], "proj_id", true); err != nil {
		return err
	}
	if t.wbs, err = a.id(v[tWBS], "wbs_id", false); err != nil {
		return err
	}
	if t.clndr, err = a.id(v[tClndr], "clndr_id", false); err != nil {
		return err
	}
	if t.code == "" {
		return a.errf("task_code", "is empty")
	}
	switch s := v[tType]; s {
	case "", "TT_Task", "TT_Rsrc":
		t.kind = schedule.Task
	case "TT_Mile":
		t.kind = schedule.StartMilestone
	case "TT_FinMile":
		t.kind = schedule.FinishMilestone
	case "TT_LOE":
		t.kind = schedule.LevelOfEffort
	case "TT_WBS":
		t.kind = schedule.WBSSummary
	default:
		return a.errf("task_type", "unknown value %q: want TT_Task, TT_Rsrc, TT_Mile, TT_FinMile, TT_LOE or TT_WBS", s)
	}
	milestone := t.kind == schedule.StartMilestone || t.kind == schedule.FinishMilestone
	if t.target, _, err = a.hours(v[tTarget], "target_drtn_hr_cnt"); err != nil {
		return err
	}
	if t.target < 0 {
		return a.errf("target_drtn_hr_cnt", "is negative")
	}
	if milestone {
		t.target = 0 // P6 gives milestones no duration, whatever the field says
	}
	if t.remain, t.hasRemain, err = a.hours(v[tRemain], "remain_drtn_hr_cnt"); err != nil {
		return err
	}
	if t.remain < 0 {
		return a.errf("remain_drtn_hr_cnt", "is negative")
	}
	status := notStarted
	switch s := v[tStatus]; s {
	case "", "TK_NotStart":
	case "TK_Active":
		status = active
	case "TK_Complete":
		status = complete
	default:
		return a.errf("status_code", "unknown value %q: want TK_NotStart, TK_Active or TK_Complete", s)
	}
	var as, af schedule.Instant
	if as, err = a.date(v[tActStart], "act_start_date"); err != nil {
		return err
	}
	if af, err = a.date(v[tActEnd], "act_end_date"); err != nil {
		return err
	}
	// Actual dates count as the status says; a milestone has one date, in either field.
	switch {
	case status == notStarted:
	case milestone:
		d := as
		if d == 0 {
			d = af
		}
		if d == 0 {
			return a.errf("act_start_date", "a %s milestone needs an actual date", v[tStatus])
		}
		t.actStart = d
		if status == complete {
			t.actFinish = d
		}
	default:
		t.actStart = as
		if status == complete {
			t.actFinish = af
		}
		if t.kind == schedule.LevelOfEffort || t.kind == schedule.WBSSummary {
			break // their progress is derived from what they span
		}
		if as == 0 {
			return a.errf("act_start_date", "is empty while status_code is %s", v[tStatus])
		}
		if status == complete && af == 0 {
			return a.errf("act_end_date", "is empty while status_code is TK_Complete")
		}
	}
	if t.cstr, err = a.constraint(v[tCstr], v[tCstrDate], "cstr_type", "cstr_date"); err != nil {
		return err
	}
	if t.cstr2, err = a.constraint(v[tCstr2], v[tCstrDate2], "cstr_type2", "cstr_date2"); err != nil {
		return err
	}
	r := &t.rec
	if r.EarlyStart, err = a.date(v[tES], "early_start_date"); err != nil {
		return err
	}
	if r.EarlyFinish, err = a.date(v[tEF], "early_end_date"); err != nil {
		return err
	}
	// Some exports leave the early dates empty but keep P6's remaining early
	// dates (restart_date, reend_date), which are the same thing.
	if r.EarlyStart == 0 && r.EarlyFinish == 0 {
		if r.EarlyStart, err = a.date(v[tRestart], "restart_date"); err != nil {
			return err
		}
		if r.EarlyFinish, err = a.date(v[tReend], "reend_date"); err != nil {
			return err
		}
	}
	if r.LateStart, err = a.date(v[tLS], "late_start_date"); err != nil {
		return err
	}
	if r.LateFinish, err = a.date(v[tLF], "late_end_date"); err != nil {
		return err
	}
	if r.TotalFloat, r.HasTotalFloat, err = a.hours(v[tFloat], "total_float_hr_cnt"); err != nil {
		return err
	}
	f.taskByID[t.id] = int32(len(f.tasks))
	f.tasks = append(f.tasks, t)
	return nil
}

var constraintTypes = map[string]schedule.ConstraintType{
	"CS_MSO":       schedule.StartOn,
	"CS_MSOA":      schedule.StartNoEarlierThan,
	"CS_MSOB":      schedule.StartNoLaterThan,
	"CS_MEO":       schedule.FinishOn,
	"CS_MEOA":      schedule.FinishNoEarlierThan,
	"CS_MEOB":      schedule.FinishNoLaterThan,
	"CS_ALAP":      schedule.ALAP,
	"CS_MANDSTART": schedule.MandatoryStart,
	"CS_MANDFIN":   schedule.MandatoryFinish,
	"CS_MANDEND":   schedule.MandatoryFinish,
}

func (a at) constraint(typ, day, typeField, dateField string) (schedule.Constraint, error) {
	if typ == "" || typ == "CS_ASAP" {
		return schedule.Constraint{}, nil
	}
	ct, ok := constraintTypes[typ]
	if !ok {
		return schedule.Constraint{}, a.errf(typeField, "unknown value %q: want CS_MSO, CS_MSOA, CS_MSOB, CS_MEO, CS_MEOA, CS_MEOB, CS_ALAP, CS_MANDSTART or CS_MANDFIN", typ)
	}
	if ct == schedule.ALAP {
		return schedule.Constraint{Type: ct}, nil
	}
	d, err := a.date(day, dateField)
	if err != nil {
		return schedule.Constraint{}, err
	}
	if d == 0 {
		return schedule.Constraint{}, a.errf(dateField, "is empty while %s is %s", typeField, typ)
	}
	return schedule.Constraint{Type: ct, Date: d}, nil
}

var predFields = []string{"task_id", "pred_task_id", "proj_id", "pred_proj_id", "pred_type", "lag_hr_cnt", "aref", "arls"}

const (
	rSucc = iota
	rPred
	rProj
	rPredProj
	rType
	rLag
	rAref
	rArls
)

var linkTypes = map[string]schedule.LinkType{"PR_FS": schedule.FS, "PR_SS": schedule.SS, "PR_FF": schedule.FF, "PR_SF": schedule.SF}

func (f *File) addPred(v []string, a at) error {
	p := predRow{at: a}
	var err error
	if p.succ, err = a.id(v[rSucc], "task_id", true); err != nil {
		return err
	}
	if p.pred, err = a.id(v[rPred], "pred_task_id", true); err != nil {
		return err
	}
	if p.succProj, err = a.id(v[rProj], "proj_id", false); err != nil {
		return err
	}
	if p.predProj, err = a.id(v[rPredProj], "pred_proj_id", false); err != nil {
		return err
	}
	if s := v[rType]; s != "" {
		t, ok := linkTypes[s]
		if !ok {
			return a.errf("pred_type", "unknown value %q: want PR_FS, PR_SS, PR_FF or PR_SF", s)
		}
		p.typ = t
	}
	if p.lag, _, err = a.hours(v[rLag], "lag_hr_cnt"); err != nil {
		return err
	}
	if p.earlyFinish, err = a.date(v[rAref], "aref"); err != nil {
		return err
	}
	if p.lateStart, err = a.date(v[rArls], "arls"); err != nil {
		return err
	}
	f.preds = append(f.preds, p)
	return nil
}

// link completes what needs every table: project names, and the projects of
// both ends of each relationship (taken from the tasks when they are in the file,
// else from the row), from which it lists the external relationships.
func (f *File) link() {
	for _, w := range f.wbs {
		if i, ok := f.projByID[w.proj]; ok && w.projNode && f.projects[i].name == "" {
			f.projects[i].name = w.name
		}
	}
	for i := range f.preds {
		p := &f.preds[i]
		if k, ok := f.taskByID[p.succ]; ok {
			p.succProj = f.tasks[k].proj
		}
		if k, ok := f.taskByID[p.pred]; ok {
			p.predProj = f.tasks[k].proj
		} else if p.predProj < 0 {
			p.predProj = p.succProj
		}
		if p.succProj == p.predProj {
			continue
		}
		e := ExternalLink{
			PredProject: idString(p.predProj), PredTask: idString(p.pred), Pred: f.code(p.pred),
			SuccProject: idString(p.succProj), SuccTask: idString(p.succ), Succ: f.code(p.succ),
			Type: p.typ, Lag: p.lag, EarlyFinish: p.earlyFinish, LateStart: p.lateStart,
		}
		f.External = append(f.External, e)
	}
}

func (f *File) code(task int64) string {
	if k, ok := f.taskByID[task]; ok {
		return f.tasks[k].code
	}
	return ""
}

func idString(id int64) string {
	if id < 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// id reads one of P6's numeric ids; an empty optional id is -1.
func (a at) id(s, field string, required bool) (int64, error) {
	if s == "" {
		if required {
			return 0, a.errf(field, "is empty")
		}
		return -1, nil
	}
	if len(s) > 18 {
		return 0, a.errf(field, "%q is not an id (a whole number)", truncate(s, 30))
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, a.errf(field, "%q is not an id (a whole number)", truncate(s, 30))
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// flag reads Y or N; empty gives def.
func (a at) flag(s, field string, def bool) (bool, error) {
	switch s {
	case "":
		return def, nil
	case "Y":
		return true, nil
	case "N":
		return false, nil
	}
	return false, a.errf(field, "%q is not Y or N", truncate(s, 30))
}

// maxHours bounds hour counts: about a thousand years of working time.
const maxHours = 1e7

// hours reads a number of hours as minutes, rounded to the nearest minute; it
// reports whether the field was set.
func (a at) hours(s, field string) (int64, bool, error) {
	if s == "" {
		return 0, false, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.Abs(x) > maxHours {
		return 0, false, a.errf(field, "%q is not a number of hours", truncate(s, 30))
	}
	return int64(math.Round(x * 60)), true, nil
}

// Years of the dates this package reads and writes.
const (
	minYear = 1800
	maxYear = 9999
)

// date reads "2006-01-02 15:04" (or any form schedule.ParseInstant accepts);
// empty is the zero Instant.
func (a at) date(s, field string) (schedule.Instant, error) {
	if s == "" {
		return 0, nil
	}
	if t, ok := fastDate(s); ok {
		return t, nil
	}
	t, err := schedule.ParseInstant(s)
	if err != nil {
		return 0, a.errf(field, "%q is not a date like 2006-01-02 15:04", truncate(s, 30))
	}
	if y := t.Date().Year(); y < minYear || y > maxYear {
		return 0, a.errf(field, "%s is outside the years %d–%d", s, minYear, maxYear)
	}
	return t, nil
}

// fastDate reads "2006-01-02 15:04" strictly without the time package's parser.
func fastDate(s string) (schedule.Instant, bool) {
	if len(s) != 16 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' {
		return 0, false
	}
	num := func(i, j int) int {
		n := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, mo, d, hh, mm := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16)
	if y < minYear || y > maxYear || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) ||
		hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return schedule.At(date.New(y, time.Month(mo), d), hh*60+mm), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
