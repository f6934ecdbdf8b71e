package mspdi_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/mspdi"
)

// fixtureDir holds the MSPDI files of ../shared/testdata (see its SOURCES.md).
const fixtureDir = "../../../shared/testdata/schedule/mspdi"

func fixture(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(fixtureDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("fixture %s not found (../shared/testdata is not checked out here): %v", p, err)
	}
	return p
}

func fixtures(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("no MSPDI fixtures in %s (../shared/testdata is not checked out here)", fixtureDir)
	}
	return files
}

func readFile(t testing.TB, path string) *mspdi.Document {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	doc, err := mspdi.ReadDocument(f)
	require.NoError(t, err, path)
	return doc
}

func at(y int, m time.Month, d, hh, mm int) schedule.Instant {
	return schedule.AtTime(date.New(y, m, d), hh, mm)
}

func activity(t testing.TB, net *schedule.Network, id string) (int, *schedule.Activity) {
	t.Helper()
	for i := range net.Activities {
		if net.Activities[i].ID == id {
			return i, &net.Activities[i]
		}
	}
	t.Fatalf("no activity %q", id)
	return -1, nil
}

func findLink(t testing.TB, net *schedule.Network, pred, succ string) schedule.Link {
	t.Helper()
	for _, l := range net.Links {
		if l.Pred == pred && l.Succ == succ {
			return l
		}
	}
	t.Fatalf("no link %s→%s", pred, succ)
	return schedule.Link{}
}

func calendar(t testing.TB, net *schedule.Network, id string) *schedule.Calendar {
	t.Helper()
	for i := range net.Calendars {
		if net.Calendars[i].ID == id {
			return &net.Calendars[i]
		}
	}
	t.Fatalf("no calendar %q", id)
	return nil
}

var std8 = []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}

// The expected values below are read off the fixture files themselves.

func TestReadSample(t *testing.T) {
	doc := readFile(t, fixture(t, "mpxj-sample.xml"))
	net := doc.Network
	assert.Equal(t, "mspdi", doc.Format)
	// 20 <Task> elements; UID 0 is the project summary task and has no links.
	assert.Len(t, net.Activities, 19)
	assert.Len(t, net.Links, 6)
	assert.Equal(t, at(2003, 1, 7, 8, 0), net.Project.Start)
	assert.Equal(t, "sample", net.Project.Name) // <Title>
	assert.Equal(t, "1", net.Project.DefaultCalendar)
	assert.False(t, net.Options.HonorConstraintDates, "<HonorConstraints>0")
	assert.Zero(t, net.Options.DataDate, "no <StatusDate>")

	// <Task> UID 7 "Recurring Task 1": OutlineLevel 2 under UID 6, PT8H0M0S, SNET 2003-02-01T08:00:00.
	i, a := activity(t, net, "7")
	assert.Equal(t, "Recurring Task 1", a.Name)
	assert.Equal(t, schedule.Task, a.Kind)
	assert.Equal(t, "6", a.Parent)
	assert.Equal(t, int64(480), a.Duration)
	assert.Equal(t, schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: at(2003, 2, 1, 8, 0)}, a.Constraint)
	assert.Equal(t, schedule.Recorded{
		EarlyStart: at(2003, 2, 3, 8, 0), EarlyFinish: at(2003, 2, 3, 17, 0),
		LateStart: at(2003, 3, 17, 8, 0), LateFinish: at(2003, 3, 17, 17, 0),
		TotalFloat: 14400, HasTotalFloat: true, // <TotalSlack>144000</TotalSlack>: tenths of a minute
	}, doc.Recorded[i])
	_, s := activity(t, net, "6")
	assert.Equal(t, schedule.WBSSummary, s.Kind)
	_, m := activity(t, net, "3") // "Third task": Milestone 1, PT0H0M0S
	assert.Equal(t, schedule.FinishMilestone, m.Kind)
	assert.Equal(t, "1", m.Parent)

	// Links: 11→12 FS LinkLag 4800 (one 8-hour day), 13→14 FS −4800, 15→16 SS,
	// 17→18 FF, 20→21 SF.
	assert.Equal(t, schedule.Link{Pred: "11", Succ: "12", Type: schedule.FS, Lag: 480}, findLink(t, net, "11", "12"))
	assert.Equal(t, int64(-480), findLink(t, net, "13", "14").Lag)
	assert.Equal(t, schedule.SS, findLink(t, net, "15", "16").Type)
	assert.Equal(t, schedule.FF, findLink(t, net, "17", "18").Type)
	assert.Equal(t, schedule.SF, findLink(t, net, "20", "21").Type)

	// Calendars 1 Standard and 2 Night Shift; 3 and 4 are resource calendars no
	// task uses.
	require.Len(t, net.Calendars, 2)
	night := calendar(t, net, "2")
	assert.Equal(t, "Night Shift", night.Name)
	assert.Equal(t, []schedule.Period{schedule.Span(23, 0, 24, 0)}, night.Week[time.Monday])
	assert.Equal(t, []schedule.Period{schedule.Span(0, 0, 3, 0), schedule.Span(4, 0, 8, 0), schedule.Span(23, 0, 24, 0)}, night.Week[time.Tuesday])
	assert.Equal(t, []schedule.Period{}, night.Week[time.Sunday])
	assert.Equal(t, 8.0, night.HoursPerDay) // <MinutesPerDay>480
	std := calendar(t, net, "1")
	assert.Equal(t, std8, std.Week[time.Wednesday])
}

func TestReadTaskLinks2019(t *testing.T) {
	doc := readFile(t, fixture(t, "mpxj-task-links-project2019-mspdi.xml"))
	net := doc.Network
	assert.Equal(t, "Microsoft Project 2010 or later (SaveVersion 14)", doc.Tool)
	assert.Len(t, net.Activities, 16)
	assert.Len(t, net.Links, 8)
	assert.Equal(t, at(2018, 10, 18, 8, 0), net.Project.Start)
	// UID 8 has PredecessorLink UID 7, Type 1, LinkLag 24000, LagFormat 9 (weeks):
	// 2400 minutes, five 8-hour days.
	assert.Equal(t, schedule.Link{Pred: "7", Succ: "8", Type: schedule.FS, Lag: 2400}, findLink(t, net, "7", "8"))
	assert.Equal(t, schedule.Link{Pred: "11", Succ: "12", Type: schedule.SF, Lag: 960}, findLink(t, net, "11", "12"))
	assert.Equal(t, schedule.Link{Pred: "13", Succ: "14", Type: schedule.SS, Lag: 960}, findLink(t, net, "13", "14"))
	assert.Equal(t, schedule.Link{Pred: "15", Succ: "16", Type: schedule.FF, Lag: 960}, findLink(t, net, "15", "16"))
	i, a := activity(t, net, "1")
	assert.Equal(t, "Task 1", a.Name)
	assert.Equal(t, int64(480), a.Duration)
	assert.True(t, doc.Tasks[i].Manual, "<Manual>1")
	assert.Equal(t, int64(4800), doc.Recorded[i].TotalFloat) // <TotalSlack>48000: ten days
	assert.Equal(t, at(2018, 11, 2, 8, 0), doc.Recorded[i].LateFinish)
}

func TestReadTaskLinks2010(t *testing.T) {
	doc := readFile(t, fixture(t, "mpxj-task-links-project2010-mspdi.xml"))
	net := doc.Network
	assert.Len(t, net.Activities, 16)
	assert.Equal(t, at(2014, 10, 17, 8, 0), net.Project.Start)
	_, a := activity(t, net, "10") // SNET 2014-11-03T08:00:00
	assert.Equal(t, schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: at(2014, 11, 3, 8, 0)}, a.Constraint)
	assert.Equal(t, schedule.Link{Pred: "9", Succ: "10", Type: schedule.FS, Lag: 4800}, findLink(t, net, "9", "10"))
}

// The two files hold one plan saved by two MS Project versions: the same tasks
// and links. They differ in the project start and in 2010's start-no-earlier
// constraints, which are left out of the comparison.
func TestTaskLinks2010And2019Agree(t *testing.T) {
	a := readFile(t, fixture(t, "mpxj-task-links-project2010-mspdi.xml")).Network
	b := readFile(t, fixture(t, "mpxj-task-links-project2019-mspdi.xml")).Network
	strip := func(net *schedule.Network) []schedule.Activity {
		out := make([]schedule.Activity, len(net.Activities))
		for i, x := range net.Activities {
			x.Constraint = schedule.Constraint{}
			out[i] = x
		}
		return out
	}
	assert.Equal(t, strip(a), strip(b))
	assert.Equal(t, a.Links, b.Links)
	assert.Equal(t, a.Calendars, b.Calendars)
	assert.Equal(t, a.Options, b.Options)
}

func TestReadRelations(t *testing.T) {
	doc := readFile(t, fixture(t, "mpxj-mspdirelations.xml"))
	net := doc.Network
	assert.Equal(t, "Microsoft Project 2007 (SaveVersion 12)", doc.Tool)
	assert.Len(t, net.Activities, 5)
	assert.Equal(t, []schedule.Link{
		{Pred: "1", Succ: "2", Type: schedule.FS},
		{Pred: "2", Succ: "3", Type: schedule.SS, Lag: 480},
		{Pred: "3", Succ: "4", Type: schedule.FF},
		{Pred: "4", Succ: "5", Type: schedule.SF},
	}, net.Links)
	// Task 5: TotalSlack 4800 with EarlyStart 2006-09-22 and LateStart 2006-09-25
	// (a Friday and the next Monday): one working day is 480 minutes.
	i, _ := activity(t, net, "5")
	assert.Equal(t, int64(480), doc.Recorded[i].TotalFloat)
	assert.Equal(t, at(2006, 9, 22, 8, 0), doc.Recorded[i].EarlyStart)
	assert.Equal(t, at(2006, 9, 25, 8, 0), doc.Recorded[i].LateStart)
}

func TestReadTimephasedSegments(t *testing.T) {
	doc := readFile(t, fixture(t, "mpxj-mspditimephasedsegments.xml"))
	net := doc.Network
	assert.Len(t, net.Activities, 20) // 21 tasks less UID 0
	assert.Empty(t, net.Links)
	// UID 4 "Task Three": ActualStart 2011-02-07T08:00:00, 50 %, RemainingDuration PT20H0M0S.
	_, a := activity(t, net, "4")
	assert.Equal(t, "Task Three", a.Name)
	assert.Equal(t, at(2011, 2, 7, 8, 0), a.ActualStart)
	assert.Zero(t, a.ActualFinish)
	assert.Equal(t, 50.0, a.PercentComplete)
	assert.Equal(t, int64(1200), a.RemainingDuration)
	// UID 16: Duration PT114H17M6S is 6857.1 minutes.
	_, a = activity(t, net, "16")
	assert.Equal(t, int64(6857), a.Duration)
	// UID 9 "Task Eight" uses calendar 6, whose exceptions are in the pre-2007
	// format (WeekDay DayType 0 with a TimePeriod).
	_, a = activity(t, net, "9")
	assert.Equal(t, "6", a.Calendar)
	c := calendar(t, net, "6")
	assert.Equal(t, "Task Eight", c.Name)
	assert.Equal(t, std8, c.Week[time.Friday])
	assert.Equal(t, []schedule.Exception{
		{From: date.New(2011, 2, 8), To: date.New(2011, 2, 8), Periods: []schedule.Period{}},
		{From: date.New(2011, 2, 10), To: date.New(2011, 2, 10), Periods: []schedule.Period{}},
		{From: date.New(2011, 2, 12), To: date.New(2011, 2, 13), Periods: std8},
	}, c.Exceptions)
	// Calendars 3, 4, 5, 7, 8 and 9 are resource calendars no task uses.
	assert.Len(t, net.Calendars, 2)
}

func TestReadAsposeNotUpdated(t *testing.T) {
	doc := readFile(t, fixture(t, "aspose-not-updated.xml"))
	net := doc.Network
	assert.Equal(t, "Aspose.Tasks 2009 for .NET 9.4.1.0", doc.Tool)
	// The file has no <StatusDate> (nor a <CurrentDate>): no data date.
	assert.Zero(t, net.Options.DataDate)
	assert.Equal(t, at(2000, 1, 27, 8, 0), net.Project.Start)
	assert.Len(t, net.Activities, 10) // 11 tasks less UID 0
	// Every task has ActualStart and ActualFinish 2000-01-01T00:00:00 while its
	// Start is 2000-01-27T08:00:00 and PercentComplete 0: Aspose's "no date".
	for _, a := range net.Activities {
		assert.Zero(t, a.ActualStart, a.ID)
		assert.Zero(t, a.ActualFinish, a.ID)
	}
	// Task 3 has PredecessorLink UID 2, LinkLag 4800, LagFormat 3 (minutes).
	assert.Equal(t, schedule.Link{Pred: "2", Succ: "3", Type: schedule.FS, Lag: 480}, findLink(t, net, "2", "3"))
	i, a := activity(t, net, "7")
	assert.True(t, doc.Tasks[i].Manual)
	assert.Equal(t, int64(1440), a.Duration)
	assert.Equal(t, at(2000, 1, 1, 0, 0), doc.Tasks[i].Deadline)
}

func TestReadErrors(t *testing.T) {
	const head = `<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-03-03T08:00:00</StartDate>`
	task := func(body string) string {
		return head + `<Tasks><Task><UID>1</UID><Name>A</Name>` + body + `</Task></Tasks></Project>`
	}
	tests := []struct {
		name, in   string
		code       lanyan.Code
		wantInText []string
	}{
		{"empty", ``, lanyan.CodeInvalid, []string{"no <Project>"}},
		{"not xml", "hello", lanyan.CodeInvalid, []string{"no <Project>"}},
		{"wrong root", `<Schedule/>`, lanyan.CodeInvalid, []string{"root element is <Schedule>"}},
		{"wrong namespace", `<Project xmlns="urn:x"/>`, lanyan.CodeInvalid, []string{"namespace"}},
		{"malformed", "<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Tasks>\n<Task><UID>1</UID></Tsk>", lanyan.CodeInvalid, []string{"line 3", "malformed XML"}},
		{"truncated", head + "<Tasks><Task>", lanyan.CodeInvalid, []string{"malformed XML"}},
		{"bad duration", task(`<Duration>PT8X</Duration>`), lanyan.CodeInvalid, []string{"task UID 1", "Duration", "PT8X"}},
		{"negative duration", task(`<Duration>-PT8H0M0S</Duration>`), lanyan.CodeInvalid, []string{"task UID 1", "Duration"}},
		{"months", task(`<Duration>P1M</Duration>`), lanyan.CodeInvalid, []string{"years or months"}},
		{"bad start", head[:len(head)-len(`<StartDate>2025-03-03T08:00:00</StartDate>`)] + `<StartDate>2025-02-29T08:00:00</StartDate></Project>`, lanyan.CodeInvalid, []string{"project", "StartDate", "2025-02-29"}},
		{"missing UID", head + `<Tasks><Task><Name>A</Name></Task></Tasks></Project>`, lanyan.CodeInvalid, []string{"task 1", "UID", "missing"}},
		{"duplicate UID", head + `<Tasks><Task><UID>1</UID></Task><Task><UID>1</UID></Task></Tasks></Project>`, lanyan.CodeInvalid, []string{"task UID 1", "more than one"}},
		{"unknown predecessor", task(`<PredecessorLink><PredecessorUID>9</PredecessorUID></PredecessorLink>`), lanyan.CodeNotFound, []string{"task UID 1", "PredecessorLink[0].PredecessorUID", "unknown task 9"}},
		{"bad link type", head + `<Tasks><Task><UID>1</UID></Task><Task><UID>2</UID><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>7</Type></PredecessorLink></Task></Tasks></Project>`, lanyan.CodeInvalid, []string{"task UID 2", "PredecessorLink[0].Type"}},
		{"bad lag", head + `<Tasks><Task><UID>1</UID></Task><Task><UID>2</UID><PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>x</LinkLag></PredecessorLink></Task></Tasks></Project>`, lanyan.CodeInvalid, []string{"task UID 2", "LinkLag"}},
		{"constraint without date", task(`<ConstraintType>4</ConstraintType>`), lanyan.CodeInvalid, []string{"task UID 1", "ConstraintDate", "missing"}},
		{"unknown constraint", task(`<ConstraintType>8</ConstraintType>`), lanyan.CodeInvalid, []string{"task UID 1", "ConstraintType"}},
		{"unknown task calendar", task(`<CalendarUID>5</CalendarUID>`), lanyan.CodeNotFound, []string{"task UID 1", "CalendarUID", "unknown calendar 5"}},
		{"percent", task(`<PercentComplete>101</PercentComplete>`), lanyan.CodeInvalid, []string{"task UID 1", "PercentComplete"}},
		{"summary task not first", head + `<Tasks><Task><UID>1</UID></Task><Task><UID>0</UID></Task></Tasks></Project>`, lanyan.CodeInvalid, []string{"task UID 0", "first"}},
		{"minutes per day", head + `<MinutesPerDay>0</MinutesPerDay></Project>`, lanyan.CodeInvalid, []string{"project", "MinutesPerDay"}},
		{"unknown project calendar", head + `<CalendarUID>3</CalendarUID></Project>`, lanyan.CodeNotFound, []string{"project", "CalendarUID"}},
		{"unknown base calendar", head + `<Calendars><Calendar><UID>2</UID><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID></Calendar></Calendars></Project>`, lanyan.CodeNotFound, []string{"calendar UID 2", "BaseCalendarUID"}},
		{"overlapping times", head + `<Calendars><Calendar><UID>1</UID><WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes>` +
			`<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>11:00:00</FromTime><ToTime>13:00:00</ToTime></WorkingTime>` +
			`</WorkingTimes></WeekDay></WeekDays></Calendar></Calendars></Project>`, lanyan.CodeInvalid, []string{"calendar UID 1", "WeekDays[0].WorkingTimes", "overlap"}},
		{"bad day type", head + `<Calendars><Calendar><UID>1</UID><WeekDays><WeekDay><DayType>8</DayType></WeekDay></WeekDays></Calendar></Calendars></Project>`, lanyan.CodeInvalid, []string{"calendar UID 1", "DayType"}},
		{"exception backwards", head + `<Calendars><Calendar><UID>1</UID><Exceptions><Exception><TimePeriod><FromDate>2025-03-05T00:00:00</FromDate><ToDate>2025-03-04T23:59:00</ToDate></TimePeriod></Exception></Exceptions></Calendar></Calendars></Project>`, lanyan.CodeInvalid, []string{"calendar UID 1", "Exceptions[0].TimePeriod.ToDate"}},
		{"text after root", head + `</Project>junk`, lanyan.CodeInvalid, []string{"after the end"}},
		{"second root", head + `</Project><Project/>`, lanyan.CodeInvalid, []string{"after the end"}},
		{"encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><Project/>`, lanyan.CodeInvalid, []string{"encoding"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, err := mspdi.Read(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Nil(t, imp, "no half-read network")
			assert.Equal(t, tt.code, lanyan.CodeOf(err), err.Error())
			for _, s := range tt.wantInText {
				assert.Contains(t, err.Error(), s)
			}
		})
	}
}

func TestReadNilReader(t *testing.T) {
	_, err := mspdi.Read(nil)
	require.ErrorIs(t, err, lanyan.ErrInvalid)
}
