package mspdi

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Namespace is the XML namespace of MS Project's XML format (MSPDI).
const Namespace = "http://schemas.microsoft.com/project"

// Read reads an MS Project XML (MSPDI) file into a network, with the dates and
// total slack MS Project stored beside each activity. See the package
// documentation for how the file maps to the network. On error it returns no
// network at all.
func Read(r io.Reader) (*schedule.Imported, error) {
	doc, err := ReadDocument(r)
	if err != nil {
		return nil, err
	}
	return &doc.Imported, nil
}

// ReadDocument reads an MSPDI file as [Read] does and also returns the MS Project
// fields a network has no place for (deadlines, manual scheduling, the links of
// summary tasks as the file states them), so that [WriteDocument] can write the
// file back as it was.
func ReadDocument(r io.Reader) (*Document, error) {
	if r == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", "", "reader is nil")
	}
	p, err := decode(r)
	if err != nil {
		return nil, err
	}
	return convert(p)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode streams the file into the few elements this package reads; everything
// else (timephased data, resources, assignments, views) is skipped unread.
func decode(r io.Reader) (*xProject, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(3)
	}
	dec := xml.NewDecoder(br)
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q: MSPDI files are UTF-8", label)
	}
	p := &xProject{}
	seenRoot, done := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if done {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", lineField(dec), "element <%s> after the end of <Project>", t.Name.Local)
			}
			if !seenRoot {
				if t.Name.Local != "Project" || (t.Name.Space != Namespace && t.Name.Space != "") {
					return nil, lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", lineField(dec), "root element is <%s> in namespace %q; want <Project> in %s", t.Name.Local, t.Name.Space, Namespace)
				}
				seenRoot = true
				continue
			}
			if err := decodeProjectChild(dec, &t, p); err != nil {
				return nil, err
			}
		case xml.EndElement:
			done = true
		case xml.CharData:
			if done && len(bytes.TrimSpace(t)) > 0 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", lineField(dec), "text after the end of <Project>")
			}
		case xml.Comment:
			if seenRoot && !done && p.comment == "" {
				p.comment = strings.TrimSpace(string(t))
			}
		}
	}
	if !seenRoot {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", "", "no <Project> element: not an MS Project XML file")
	}
	if !done {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "MSPDI", lineField(dec), "file ends inside <Project>")
	}
	return p, nil
}

func lineField(dec *xml.Decoder) string {
	line, _ := dec.InputPos()
	return fmt.Sprintf("line %d", line)
}

// xmlError wraps a decoding error with the line it happened on.
func xmlError(dec *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &lanyan.Error{Code: lanyan.CodeInvalid, Record: "MSPDI", Field: fmt.Sprintf("line %d", se.Line), Message: "malformed XML", Err: err}
	}
	var ue xml.UnmarshalError
	var te *xml.TagPathError
	if errors.As(err, &ue) || errors.As(err, &te) || strings.HasPrefix(err.Error(), "xml: ") {
		return &lanyan.Error{Code: lanyan.CodeInvalid, Record: "MSPDI", Field: lineField(dec), Message: "malformed XML", Err: err}
	}
	return &lanyan.Error{Code: lanyan.CodeInternal, Record: "MSPDI", Field: lineField(dec), Message: "reading failed", Err: err}
}

func decodeProjectChild(dec *xml.Decoder, t *xml.StartElement, p *xProject) error {
	field := map[string]**string{
		"SaveVersion": &p.SaveVersion, "Name": &p.Name, "Title": &p.Title,
		"ScheduleFromStart": &p.ScheduleFromStart, "StartDate": &p.StartDate, "FinishDate": &p.FinishDate,
		"CriticalSlackLimit": &p.CriticalSlackLimit, "CalendarUID": &p.CalendarUID,
		"MinutesPerDay": &p.MinutesPerDay, "HonorConstraints": &p.HonorConstraints,
		"SplitsInProgressTasks": &p.SplitsInProgressTasks, "StatusDate": &p.StatusDate,
	}[t.Name.Local]
	switch {
	case field != nil:
		var s string
		if err := dec.DecodeElement(&s, t); err != nil {
			return xmlError(dec, err)
		}
		*field = &s
		return nil
	case t.Name.Local == "Calendars":
		return decodeList(dec, "Calendar", func(line int, start *xml.StartElement) error {
			c := xCalendar{line: line}
			if err := dec.DecodeElement(&c, start); err != nil {
				return err
			}
			p.calendars = append(p.calendars, c)
			return nil
		})
	case t.Name.Local == "Tasks":
		return decodeList(dec, "Task", func(line int, start *xml.StartElement) error {
			x := xTask{line: line}
			if err := dec.DecodeElement(&x, start); err != nil {
				return err
			}
			p.tasks = append(p.tasks, x)
			return nil
		})
	}
	if err := dec.Skip(); err != nil {
		return xmlError(dec, err)
	}
	return nil
}

// decodeList reads the children named item of the current element with f,
// skipping any other child, until the element ends.
func decodeList(dec *xml.Decoder, item string, f func(line int, start *xml.StartElement) error) error {
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return xmlError(dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == item {
				if err := f(line, &t); err != nil {
					return xmlError(dec, err)
				}
			} else if err := dec.Skip(); err != nil {
				return xmlError(dec, err)
			}
		case xml.EndElement:
			return nil
		}
	}
}

// toolName says what saved the file: Aspose and others sign it with a comment;
// MS Project gives its SaveVersion.
func toolName(p *xProject) string {
	if rest, ok := strings.CutPrefix(p.comment, "Published by "); ok {
		return rest
	}
	if v, ok := val(p.SaveVersion); ok {
		switch v {
		case "9":
			return "Microsoft Project 2002/2003 (SaveVersion 9)"
		case "12":
			return "Microsoft Project 2007 (SaveVersion 12)"
		case "14":
			return "Microsoft Project 2010 or later (SaveVersion 14)"
		}
		return "Microsoft Project (SaveVersion " + v + ")"
	}
	return ""
}

// reader holds the state of one conversion.
type reader struct {
	mpd  int64 // minutes per day
	cals *calendarSet
}

func projectErr(field, format string, args ...any) error {
	return lanyan.Errorf(lanyan.CodeInvalid, "project", field, format, args...)
}

func convert(p *xProject) (*Document, error) {
	rd := &reader{mpd: 480}
	net := &schedule.Network{}
	if s, ok := val(p.MinutesPerDay); ok {
		v, err := parseInt(s)
		if err != nil {
			return nil, projectErr("MinutesPerDay", "%v", err)
		}
		if v < 1 || v > schedule.MinutesPerDay {
			return nil, projectErr("MinutesPerDay", "%d is not between 1 and 1440", v)
		}
		rd.mpd = v
	}
	if s, ok := val(p.Title); ok {
		net.Project.Name = s
	} else if s, ok := val(p.Name); ok {
		net.Project.Name = s
	}
	var err error
	dateField := func(ptr *string, field string) (schedule.Instant, error) {
		s, ok := val(ptr)
		if !ok {
			return 0, nil
		}
		t, err := parseDateTime(s)
		if err != nil {
			return 0, projectErr(field, "%v", err)
		}
		return t, nil
	}
	if net.Project.Start, err = dateField(p.StartDate, "StartDate"); err != nil {
		return nil, err
	}
	if net.Options.DataDate, err = dateField(p.StatusDate, "StatusDate"); err != nil {
		return nil, err
	}
	fromStart := true
	if s, ok := val(p.ScheduleFromStart); ok {
		if fromStart, err = parseBool(s); err != nil {
			return nil, projectErr("ScheduleFromStart", "%v", err)
		}
	}
	if !fromStart {
		if net.Options.MustFinishBy, err = dateField(p.FinishDate, "FinishDate"); err != nil {
			return nil, err
		}
	}
	net.Options.HonorConstraintDates = true
	if s, ok := val(p.HonorConstraints); ok {
		if net.Options.HonorConstraintDates, err = parseBool(s); err != nil {
			return nil, projectErr("HonorConstraints", "%v", err)
		}
	}
	net.Options.Progress = schedule.RetainedLogic
	if s, ok := val(p.SplitsInProgressTasks); ok {
		split, err := parseBool(s)
		if err != nil {
			return nil, projectErr("SplitsInProgressTasks", "%v", err)
		}
		if !split {
			net.Options.Progress = schedule.ProgressOverride
		}
	}
	if s, ok := val(p.CriticalSlackLimit); ok {
		v, err := parseInt(s)
		if err != nil {
			return nil, projectErr("CriticalSlackLimit", "%v", err)
		}
		if v > 366000 || v < -366000 {
			return nil, projectErr("CriticalSlackLimit", "%d days is out of range", v)
		}
		net.Options.CriticalFloat = v * rd.mpd
	}
	net.Options.FloatType = schedule.SmallestFloat
	net.Options.LagCalendar = schedule.LagSuccessor

	if rd.cals, err = readCalendars(p.calendars, rd.mpd); err != nil {
		return nil, err
	}
	defUID := int64(-1)
	if s, ok := val(p.CalendarUID); ok {
		v, err := parseInt(s)
		if err != nil {
			return nil, projectErr("CalendarUID", "%v", err)
		}
		if v >= 0 {
			if _, ok := rd.cals.byUID[v]; !ok {
				return nil, lanyan.Errorf(lanyan.CodeNotFound, "project", "CalendarUID", "unknown calendar %d", v)
			}
			defUID = v
		}
	}
	doc := &Document{}
	doc.Format = "mspdi"
	doc.Tool = toolName(p)
	doc.Network = net
	if err := rd.tasks(p.tasks, doc); err != nil {
		return nil, err
	}
	if defUID < 0 {
		defUID = rd.cals.fallbackDefault()
	}
	used := make([]int64, 0, len(net.Activities)+1)
	if defUID >= 0 {
		used = append(used, defUID)
		net.Project.DefaultCalendar = strconv.FormatInt(defUID, 10)
	}
	for i := range net.Activities {
		if c := net.Activities[i].Calendar; c != "" {
			v, _ := strconv.ParseInt(c, 10, 64)
			used = append(used, v)
		}
	}
	net.Calendars = rd.cals.network(used)
	return doc, nil
}

// task is one row of <Tasks> on its way to an activity.
type task struct {
	x      *xTask
	uid    int64
	rec    string // "task UID 12"
	level  int
	parent int // index in rows of the nearest outline parent, -1 for none
	kept   bool
	act    int // index in Network.Activities when kept
}

func taskRecord(uid int64) string { return fmt.Sprintf("task UID %d", uid) }

func (rd *reader) tasks(xs []xTask, doc *Document) error {
	net := doc.Network
	rows := make([]task, 0, len(xs))
	byUID := make(map[int64]int, len(xs))
	for i := range xs {
		x := &xs[i]
		s, ok := val(x.UID)
		if !ok {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("task %d (line %d)", i+1, x.line), "UID", "is missing")
		}
		uid, err := parseUID(s)
		if err != nil {
			return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("task %d (line %d)", i+1, x.line), "UID", "%v", err)
		}
		if _, dup := byUID[uid]; dup {
			return lanyan.Errorf(lanyan.CodeInvalid, taskRecord(uid), "UID", "is used by more than one task")
		}
		byUID[uid] = len(rows)
		rows = append(rows, task{x: x, uid: uid, rec: taskRecord(uid), parent: -1, act: -1})
	}

	// Which rows take part: blank rows, inactive tasks and external (cross-project)
	// placeholders do not; the project summary task (UID 0) only when it has links.
	skip := make([]bool, len(rows))
	for i := range rows {
		r := &rows[i]
		for _, f := range []struct {
			p    *string
			name string
			when bool
		}{{r.x.IsNull, "IsNull", true}, {r.x.Active, "Active", false}, {r.x.ExternalTask, "ExternalTask", true}} {
			if s, ok := val(f.p); ok {
				b, err := parseBool(s)
				if err != nil {
					return lanyan.Errorf(lanyan.CodeInvalid, r.rec, f.name, "%v", err)
				}
				if b == f.when {
					skip[i] = true
				}
			}
		}
		if r.uid == 0 && i != 0 && !skip[i] {
			return lanyan.Errorf(lanyan.CodeInvalid, r.rec, "UID", "the project summary task (UID 0) must be the first task")
		}
	}

	// Outline: the parent of a row is the nearest row above it with a lower
	// outline level.
	var stack []int
	for i := range rows {
		if skip[i] && isNull(rows[i].x) {
			continue
		}
		r := &rows[i]
		r.level = 1
		if s, ok := val(r.x.OutlineLevel); ok {
			v, err := parseInt(s)
			if err != nil {
				return lanyan.Errorf(lanyan.CodeInvalid, r.rec, "OutlineLevel", "%v", err)
			}
			if v > 1000 {
				return lanyan.Errorf(lanyan.CodeInvalid, r.rec, "OutlineLevel", "%d is deeper than 1000 levels", v)
			}
			r.level = int(v)
		}
		if r.uid == 0 {
			r.level = 0
		} else if r.level < 1 {
			return lanyan.Errorf(lanyan.CodeInvalid, r.rec, "OutlineLevel", "is %d; only the project summary task (UID 0) is at level 0", r.level)
		}
		for len(stack) > 0 && rows[stack[len(stack)-1]].level >= r.level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			r.parent = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}

	// Links are parsed up front: whether UID 0 takes part depends on them.
	type rawLink struct {
		pred, succ int // rows
		l          schedule.Link
	}
	var raws []rawLink
	for i := range rows {
		if skip[i] {
			continue
		}
		r := &rows[i]
		for k := range r.x.PredecessorLink {
			x := &r.x.PredecessorLink[k]
			field := fmt.Sprintf("PredecessorLink[%d].", k)
			if s, ok := val(x.CrossProject); ok {
				cross, err := parseBool(s)
				if err != nil {
					return lanyan.Errorf(lanyan.CodeInvalid, r.rec, field+"CrossProject", "%v", err)
				}
				if cross {
					continue // a task of another project: not in this network
				}
			}
			s, ok := val(x.PredecessorUID)
			if !ok {
				return lanyan.Errorf(lanyan.CodeInvalid, r.rec, field+"PredecessorUID", "is missing")
			}
			puid, err := parseUID(s)
			if err != nil {
				return lanyan.Errorf(lanyan.CodeInvalid, r.rec, field+"PredecessorUID", "%v", err)
			}
			j, ok := byUID[puid]
			if !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, r.rec, field+"PredecessorUID", "unknown task %d", puid)
			}
			l, err := rd.link(x, r.rec, field)
			if err != nil {
				return err
			}
			if skip[j] {
				continue
			}
			raws = append(raws, rawLink{pred: j, succ: i, l: l})
		}
	}
	if len(rows) > 0 && rows[0].uid == 0 && !skip[0] {
		skip[0] = true
		for _, l := range raws {
			if l.pred == 0 || l.succ == 0 {
				skip[0] = false
				break
			}
		}
		if skip[0] {
			kept := raws[:0]
			for _, l := range raws {
				if l.pred != 0 && l.succ != 0 {
					kept = append(kept, l)
				}
			}
			raws = kept
		}
	}

	// Activities, in file order, each under its nearest kept ancestor.
	for i := range rows {
		if skip[i] {
			continue
		}
		r := &rows[i]
		r.kept = true
		r.act = len(net.Activities)
		for r.parent >= 0 && !rows[r.parent].kept {
			r.parent = rows[r.parent].parent
		}
		a, rec, info, err := rd.activity(r)
		if err != nil {
			return err
		}
		if r.parent >= 0 {
			a.Parent = strconv.FormatInt(rows[r.parent].uid, 10)
		}
		net.Activities = append(net.Activities, a)
		doc.Recorded = append(doc.Recorded, rec)
		doc.Tasks = append(doc.Tasks, info)
	}
	// A task is a WBS summary when it has children that take part; the Summary
	// flag of the file is not needed (MS Project derives it from the outline too).
	parent := make([]int, len(net.Activities))
	isSummary := make([]bool, len(net.Activities))
	for i := range rows {
		if !rows[i].kept {
			continue
		}
		parent[rows[i].act] = -1
		if p := rows[i].parent; p >= 0 {
			parent[rows[i].act] = rows[p].act
			isSummary[rows[p].act] = true
		}
	}
	for i := range net.Activities {
		a := &net.Activities[i]
		if isSummary[i] {
			a.Kind = schedule.WBSSummary
		} else if a.Duration == 0 {
			a.Kind = schedule.FinishMilestone
		}
		if a.Kind != schedule.Task {
			doc.Tasks[i].Milestone = false // only a task with a duration needs the flag
		}
	}

	links := make([]plainLink, len(raws))
	for k, l := range raws {
		links[k] = plainLink{pred: rows[l.pred].act, succ: rows[l.succ].act, l: l.l}
	}
	var err error
	net.Links, doc.SummaryLinks, err = expand(net.Activities, parent, isSummary, links)
	return err
}

func isNull(x *xTask) bool {
	s, ok := val(x.IsNull)
	return ok && (s == "1" || s == "true")
}

// link converts one PredecessorLink (without its ends).
func (rd *reader) link(x *xLink, rec, field string) (schedule.Link, error) {
	var l schedule.Link
	l.Type = schedule.FS
	if s, ok := val(x.Type); ok {
		v, err := parseInt(s)
		if err != nil {
			return l, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"Type", "%v", err)
		}
		switch v {
		case 0:
			l.Type = schedule.FF
		case 1:
			l.Type = schedule.FS
		case 2:
			l.Type = schedule.SF
		case 3:
			l.Type = schedule.SS
		default:
			return l, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"Type", "unknown link type %d (want 0 FF, 1 FS, 2 SF, 3 SS)", v)
		}
	}
	format := int64(7)
	if s, ok := val(x.LagFormat); ok {
		v, err := parseInt(s)
		if err != nil {
			return l, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"LagFormat", "%v", err)
		}
		format = v
	}
	var lag float64
	if s, ok := val(x.LinkLag); ok {
		v, err := parseNumber(s)
		if err != nil {
			return l, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"LinkLag", "%v", err)
		}
		lag = v
	}
	switch {
	case isPercentFormat(format):
		// Percent lags are stored as the percentage itself, not in tenths of a
		// minute (as MPXJ reads and writes them).
		if math.Abs(lag) > 1e6 {
			return l, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"LinkLag", "%g%% is out of range", lag)
		}
		l.LagPercent = math.Round(lag)
		if l.LagPercent == 0 {
			l.LagPercent = 0 // not −0
		}
		if isElapsedFormat(format) {
			l.LagCalendar = schedule.Lag24Hour
		}
	default:
		if math.Abs(lag) > 10*maxMinutes {
			return l, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"LinkLag", "is longer than a thousand years")
		}
		l.Lag = roundTenths(int64(math.Round(lag)))
		if isElapsedFormat(format) {
			l.LagCalendar = schedule.Lag24Hour
		}
	}
	return l, nil
}

// Lag formats (MS Project's duration formats): 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed,
// 9 w, 10 ew, 11 mo, 12 emo, 19 %, 20 e%, and the same plus 32 for estimated
// values ("?"); 53 is "no format".
func isElapsedFormat(f int64) bool {
	if f >= 35 && f <= 52 {
		f -= 32
	}
	switch f {
	case 4, 6, 8, 10, 12, 20:
		return true
	}
	return false
}

func isPercentFormat(f int64) bool { return f == 19 || f == 20 || f == 51 || f == 52 }

// activity converts the fields of one task row.
func (rd *reader) activity(r *task) (schedule.Activity, schedule.Recorded, TaskInfo, error) {
	x := r.x
	a := schedule.Activity{ID: strconv.FormatInt(r.uid, 10), RemainingDuration: -1}
	var rec schedule.Recorded
	var info TaskInfo
	fail := func(field, format string, args ...any) (schedule.Activity, schedule.Recorded, TaskInfo, error) {
		return a, rec, info, lanyan.Errorf(lanyan.CodeInvalid, r.rec, field, format, args...)
	}
	if x.Name != nil {
		a.Name = *x.Name
	}
	var err error
	if s, ok := val(x.Duration); ok {
		if a.Duration, err = parseDuration(s, rd.mpd, false); err != nil {
			return fail("Duration", "%v", err)
		}
	}
	if s, ok := val(x.RemainingDuration); ok {
		if a.RemainingDuration, err = parseDuration(s, rd.mpd, false); err != nil {
			return fail("RemainingDuration", "%v", err)
		}
	}
	dates := []struct {
		p    *string
		name string
		dst  *schedule.Instant
	}{
		{x.EarlyStart, "EarlyStart", &rec.EarlyStart}, {x.EarlyFinish, "EarlyFinish", &rec.EarlyFinish},
		{x.LateStart, "LateStart", &rec.LateStart}, {x.LateFinish, "LateFinish", &rec.LateFinish},
		{x.ActualStart, "ActualStart", &a.ActualStart}, {x.ActualFinish, "ActualFinish", &a.ActualFinish},
		{x.Deadline, "Deadline", &info.Deadline},
	}
	for _, d := range dates {
		if s, ok := val(d.p); ok {
			if *d.dst, err = parseDateTime(s); err != nil {
				return fail(d.name, "%v", err)
			}
		}
	}
	var start, finish schedule.Instant
	if s, ok := val(x.Start); ok {
		if start, err = parseDateTime(s); err != nil {
			return fail("Start", "%v", err)
		}
	}
	if s, ok := val(x.Finish); ok {
		if finish, err = parseDateTime(s); err != nil {
			return fail("Finish", "%v", err)
		}
	}
	// MS Project keeps Start equal to ActualStart once a task has started, and
	// Finish equal to ActualFinish once it has finished. An actual date that
	// disagrees is a placeholder some tools write for "none" (Aspose writes
	// 2000-01-01T00:00:00) and is not progress.
	if a.ActualStart != 0 && start != 0 && start != a.ActualStart {
		a.ActualStart = 0
	}
	if a.ActualFinish != 0 && finish != 0 && finish != a.ActualFinish {
		a.ActualFinish = 0
	}
	if s, ok := val(x.TotalSlack); ok {
		v, err := parseNumber(s)
		if err != nil {
			return fail("TotalSlack", "%v", err)
		}
		if math.Abs(v) > 10*maxMinutes {
			return fail("TotalSlack", "is longer than a thousand years")
		}
		rec.TotalFloat = roundTenths(int64(math.Round(v)))
		rec.HasTotalFloat = true
	}
	if s, ok := val(x.PercentComplete); ok {
		v, err := parseNumber(s)
		if err != nil {
			return fail("PercentComplete", "%v", err)
		}
		if v < 0 || v > 100 {
			return fail("PercentComplete", "%g is not between 0 and 100", v)
		}
		a.PercentComplete = math.Round(v)
	}
	for _, f := range []struct {
		p   *string
		dst *bool
		n   string
	}{{x.Manual, &info.Manual, "Manual"}, {x.Milestone, &info.Milestone, "Milestone"}} {
		if s, ok := val(f.p); ok {
			if *f.dst, err = parseBool(s); err != nil {
				return fail(f.n, "%v", err)
			}
		}
	}
	if s, ok := val(x.CalendarUID); ok {
		v, err := parseInt(s)
		if err != nil {
			return fail("CalendarUID", "%v", err)
		}
		if v >= 0 {
			if _, ok := rd.cals.byUID[v]; !ok {
				return a, rec, info, lanyan.Errorf(lanyan.CodeNotFound, r.rec, "CalendarUID", "unknown calendar %d", v)
			}
			a.Calendar = strconv.FormatInt(v, 10)
		}
	}
	if s, ok := val(x.ConstraintType); ok {
		v, err := parseInt(s)
		if err != nil {
			return fail("ConstraintType", "%v", err)
		}
		if v < 0 || v >= int64(len(constraintTypes)) {
			return fail("ConstraintType", "unknown constraint type %d (want 0–7)", v)
		}
		a.Constraint.Type = constraintTypes[v]
		if v >= 2 {
			s, ok := val(x.ConstraintDate)
			if !ok {
				return fail("ConstraintDate", "is missing for constraint type %d", v)
			}
			if a.Constraint.Date, err = parseDateTime(s); err != nil {
				return fail("ConstraintDate", "%v", err)
			}
			if a.Constraint.Date == 0 {
				return fail("ConstraintDate", "is missing for constraint type %d", v)
			}
		}
	}
	return a, rec, info, nil
}

// constraintTypes maps MS Project's ConstraintType codes. Must start on and must
// finish on become the on-date constraints: with HonorConstraintDates they hold
// early and late dates both ways, as MS Project schedules them.
var constraintTypes = [...]schedule.ConstraintType{
	0: schedule.ASAP,
	1: schedule.ALAP,
	2: schedule.StartOn,
	3: schedule.FinishOn,
	4: schedule.StartNoEarlierThan,
	5: schedule.StartNoLaterThan,
	6: schedule.FinishNoEarlierThan,
	7: schedule.FinishNoLaterThan,
}
