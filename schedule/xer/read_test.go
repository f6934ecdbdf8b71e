package xer

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// The expected values below are read off the fixture files themselves.

func TestReadMpxjPredecessorCalendar(t *testing.T) {
	f := readFixture(t, "mpxj-PredecessorCalendar.xer", Options{})
	assert.Equal(t, "8.2.0", f.Version)
	assert.Equal(t, UTF8, f.Encoding)
	assert.Equal(t, []Project{{ID: "34738", ShortName: "TEST PROJECT", Name: "TEST PROJECT"}}, f.Projects())
	assert.Empty(t, f.External)

	imp, err := f.Import("")
	require.NoError(t, err)
	assert.Equal(t, "xer", imp.Format)
	assert.Equal(t, "Primavera P6 8.2.0", imp.Tool)
	net := imp.Network
	assert.Equal(t, schedule.Project{ID: "TEST PROJECT", Name: "TEST PROJECT", Start: inst(t, "2019-05-06T08:00"), DefaultCalendar: "44739"}, net.Project)
	assert.Equal(t, inst(t, "2019-10-02T00:00"), net.Options.DataDate)
	// plan_end_date is empty, but SCHEDOPTIONS has sched_use_project_end_date_for_float
	// Y: late dates run back from the project finish, scd_end_date 2020-12-30 08:00
	// (the file's late dates are exactly that).
	assert.Equal(t, inst(t, "2020-12-30T08:00"), net.Options.MustFinishBy)
	assert.Equal(t, schedule.LagPredecessor, net.Options.LagCalendar)
	assert.Equal(t, schedule.FinishFloat, net.Options.FloatType)
	assert.Equal(t, schedule.RetainedLogic, net.Options.Progress)

	require.Len(t, net.Calendars, 1)
	c := net.Calendars[0]
	assert.Equal(t, "44739", c.ID)
	assert.Equal(t, "5 Day", c.Name)
	assert.Equal(t, 8.0, c.HoursPerDay)
	assert.Equal(t, []schedule.Period{}, c.Week[time.Sunday])
	assert.Equal(t, []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}, c.Week[time.Monday])
	assert.Equal(t, []schedule.Period{}, c.Week[time.Saturday])
	require.Len(t, c.Exceptions, 14)
	// (d|43650) is day 43650 after 1899-12-30: Independence Day 2019.
	assert.Equal(t, schedule.Exception{From: day(t, "2019-07-04"), To: day(t, "2019-07-04"), Periods: []schedule.Period{}}, c.Exceptions[0])
	assert.Equal(t, day(t, "2020-12-25"), c.Exceptions[13].From) // the last, d|44190

	require.Len(t, net.Activities, 1)
	assert.Empty(t, net.Links)
	a := net.Activities[0]
	assert.Equal(t, "A1000", a.ID)
	assert.Equal(t, "Test", a.Name)
	assert.Equal(t, schedule.Task, a.Kind)
	assert.Equal(t, "44739", a.Calendar)
	assert.Equal(t, int64(24*60), a.Duration)
	assert.Equal(t, int64(0), a.RemainingDuration)
	assert.Equal(t, 100.0, a.PercentComplete)
	assert.Equal(t, inst(t, "2019-06-10T08:00"), a.ActualStart)
	assert.Equal(t, inst(t, "2019-06-12T17:00"), a.ActualFinish)
	assert.Equal(t, schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: inst(t, "2019-06-10T00:00")}, a.Constraint)
	assert.Equal(t, schedule.Constraint{}, a.Constraint2)
	assert.Equal(t, schedule.Recorded{
		EarlyStart: inst(t, "2019-10-02T00:00"), EarlyFinish: inst(t, "2019-10-02T00:00"),
		LateStart: inst(t, "2020-12-30T08:00"), LateFinish: inst(t, "2020-12-30T08:00"),
		Remaining: true,
	}, imp.Recorded[0], "total_float_hr_cnt is empty")
}

func TestReadLagCalendarOption(t *testing.T) {
	// The four mpxj files differ only in sched_calendar_on_relationship_lag.
	for _, tc := range []struct {
		file string
		want schedule.LagCalendar
	}{
		{"mpxj-PredecessorCalendar.xer", schedule.LagPredecessor},
		{"mpxj-SuccessorCalendar.xer", schedule.LagSuccessor},
		{"mpxj-TwentyFourHourCalendar.xer", schedule.Lag24Hour},
		{"mpxj-ProjectDefaultCalendar.xer", schedule.LagProjectDefault},
	} {
		t.Run(tc.file, func(t *testing.T) {
			imp, err := readFixture(t, tc.file, Options{}).Import("TEST PROJECT")
			require.NoError(t, err)
			assert.Equal(t, tc.want, imp.Network.Options.LagCalendar)
			assert.Equal(t, schedule.FinishFloat, imp.Network.Options.FloatType)
			assert.Equal(t, schedule.RetainedLogic, imp.Network.Options.Progress)
		})
	}
}

func TestReadAsposeScheduleOptions(t *testing.T) {
	f := readFixture(t, "aspose-ScheduleOptions.xer", Options{})
	assert.Equal(t, "20.12", f.Version)
	assert.Equal(t, Windows1252, f.Encoding, "CURRTYPE holds a lone 0x88 byte")
	assert.Equal(t, []Project{
		{ID: "4861", ShortName: "NEWPROJ", Name: "ProjectWith24Hours"},
		{ID: "4862", ShortName: "NEWPROJ-1", Name: "ProjectWithDefaultLagCalendar"},
		{ID: "4863", ShortName: "NEWPROJ-2", Name: "ProjectWithSuccessor"},
		{ID: "4864", ShortName: "NEWPROJ-3", Name: "ProjectWithPredecessor"},
	}, f.Projects())

	_, err := f.Import("")
	require.Error(t, err, "four projects: one must be named")
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
	_, err = f.Import("NOPROJ")
	assert.ErrorIs(t, err, lanyan.ErrNotFound)

	for _, tc := range []struct {
		id, short string
		lag       schedule.LagCalendar
	}{
		{"4861", "NEWPROJ", schedule.Lag24Hour},
		{"4862", "NEWPROJ-1", schedule.LagProjectDefault},
		{"4863", "NEWPROJ-2", schedule.LagSuccessor},
		{"4864", "NEWPROJ-3", schedule.LagPredecessor},
	} {
		byID, err := f.Import(tc.id)
		require.NoError(t, err)
		byName, err := f.Import(tc.short)
		require.NoError(t, err)
		assert.Equal(t, byID, byName, "proj_id %s and proj_short_name %s name the same project", tc.id, tc.short)
		net := byID.Network
		assert.Equal(t, tc.short, net.Project.ID)
		assert.Equal(t, tc.lag, net.Options.LagCalendar, tc.short)
		assert.Equal(t, inst(t, "2023-02-20T00:00"), net.Project.Start)
		assert.Equal(t, inst(t, "2023-02-20T00:00"), net.Options.DataDate)
		assert.Equal(t, "178", net.Project.DefaultCalendar)
		assert.Empty(t, net.Activities, "the file has no TASK table")
		require.Len(t, net.Calendars, 1)
		assert.Equal(t, "Corporate - Standard Full Time", net.Calendars[0].Name)
		// Periods written finish first: (f|16:00|s|08:00).
		assert.Equal(t, []schedule.Period{schedule.Span(8, 0, 16, 0)}, net.Calendars[0].Week[time.Wednesday])
		// (0||0(d|41519)()) is 2013-09-02, Labor Day.
		assert.Equal(t, day(t, "2013-09-02"), net.Calendars[0].Exceptions[0].From)
	}
}

func TestReadMultiprojectWithExternal(t *testing.T) {
	f := readFixture(t, "aspose-MultiprojectWithExternal.xer", Options{})
	assert.Equal(t, []Project{
		{ID: "5442", ShortName: "TestProject", Name: "(New Project)"},
		{ID: "5494", ShortName: "TestProject2", Name: "(New Project2)"},
	}, f.Projects())
	// TASKPRED row 1: task 133086 (A1010 of 5494) follows task 133031 (A1000 of 5442).
	assert.Equal(t, []ExternalLink{{
		PredProject: "5442", PredTask: "133031", Pred: "A1000",
		SuccProject: "5494", SuccTask: "133086", Succ: "A1010",
		Type: schedule.FS, Lag: 0,
		EarlyFinish: inst(t, "2023-10-18T10:00"), LateStart: inst(t, "2024-05-28T08:00"),
	}}, f.External)

	one, err := f.Import("TestProject")
	require.NoError(t, err)
	net := one.Network
	require.Len(t, net.Activities, 1)
	assert.Empty(t, net.Links, "the only relationship is external")
	a := net.Activities[0]
	assert.Equal(t, "A1000", a.ID)
	assert.Equal(t, int64(64*60), a.Duration)
	assert.Equal(t, int64(66*60), a.RemainingDuration)
	assert.Equal(t, 0.0, a.PercentComplete, "remaining exceeds the original duration")
	assert.Equal(t, inst(t, "2023-03-08T08:00"), a.ActualStart)
	assert.Zero(t, a.ActualFinish)
	assert.Equal(t, inst(t, "2023-10-06T00:00"), net.Options.DataDate)
	assert.Equal(t, schedule.Recorded{
		EarlyStart: inst(t, "2023-10-06T08:00"), EarlyFinish: inst(t, "2023-10-18T10:00"),
		LateStart: inst(t, "2023-10-06T08:00"), LateFinish: inst(t, "2023-10-18T10:00"),
		TotalFloat: 0, HasTotalFloat: true, Remaining: true,
	}, one.Recorded[0])

	two, err := f.Import("5494")
	require.NoError(t, err)
	require.Len(t, two.Network.Activities, 2)
	assert.Empty(t, two.Network.Links)
	assert.Equal(t, "Activity 2 - 2", two.Network.Activities[1].Name)
	assert.Equal(t, int64(40*60), two.Network.Activities[1].Duration)
	assert.Equal(t, schedule.LagPredecessor, two.Network.Options.LagCalendar, "no SCHEDOPTIONS table: P6's defaults")
}

func TestReadEncodingWindows1251(t *testing.T) {
	// The first activity's name is five bytes C7 E0 E4 E0 F7 E0: "Задача" in Windows-1251.
	f := readFixture(t, "aspose-MultiprojectWithExternal.xer", Options{Encoding: Windows1251})
	imp, err := f.Import("TestProject")
	require.NoError(t, err)
	assert.Equal(t, "Задача 1", imp.Network.Activities[0].Name)

	f = readFixture(t, "aspose-MultiprojectWithExternal.xer", Options{})
	imp, err = f.Import("TestProject")
	require.NoError(t, err)
	assert.Equal(t, "Çàäà÷à 1", imp.Network.Activities[0].Name, "detected as Windows-1252")
}

func TestReadPercentComplete(t *testing.T) {
	f := readFixture(t, "mpxj-percent-complete-8.4.xer", Options{})
	assert.Equal(t, "8.4", f.Version)
	assert.Equal(t, Windows1252, f.Encoding, "£ is byte A3")
	imp, err := f.Import("EC00640")
	require.NoError(t, err)
	net := imp.Network
	assert.Equal(t, "Percent Complete Test", net.Project.Name)
	require.Len(t, net.Activities, 12)
	assert.Empty(t, net.Links)
	for _, tc := range []struct {
		id, name string
		remain   int64 // hours
		pct      float64
		started  bool
	}{
		{"A1000", "Duration 0%", 800, 0, false},
		{"A1010", "Duration 25%", 600, 25, true},
		{"A1020", "Duration 75%", 200, 75, true},
		{"A1030", "Duration 100%", 0, 100, true},
		{"A1060", "Physical 75%", 800, 0, true}, // physical percent is not a duration percent
		{"A1110", "Units 100%", 800, 0, true},
	} {
		a := activity(t, net, tc.id)
		assert.Equal(t, tc.name, a.Name)
		assert.Equal(t, int64(800*60), a.Duration, tc.id)
		assert.Equal(t, tc.remain*60, a.RemainingDuration, tc.id)
		assert.Equal(t, tc.pct, a.PercentComplete, tc.id)
		assert.Equal(t, tc.started, a.ActualStart != 0, tc.id)
		assert.Zero(t, a.ActualFinish, tc.id, "TK_Active")
	}
	assert.Equal(t, inst(t, "2015-02-24T00:00"), activity(t, net, "A1110").ActualStart)
	c := net.Calendars[0]
	assert.Equal(t, "178", c.ID)
	assert.True(t, c.HoursPerDay == 8)
}

func TestReadWBSSummaries(t *testing.T) {
	// WBS: 10 (project) ─ 11 ─ 12, and 10 ─ 13. S1 and S3 are TT_WBS in 11,
	// S2 in 12.
	text := build(
		table{"PROJECT", "proj_id proj_short_name clndr_id plan_start_date", [][]string{{"1", "P", "7", "2025-01-06 08:00"}}},
		table{"CALENDAR", "clndr_id clndr_name day_hr_cnt clndr_data", [][]string{{"7", "Std", "8", week58}}},
		table{"PROJWBS", "wbs_id proj_id proj_node_flag wbs_name parent_wbs_id", [][]string{
			{"10", "1", "Y", "Project P", "99"}, {"11", "1", "N", "Civil", "10"}, {"12", "1", "N", "Piling", "11"}, {"13", "1", "N", "MEP", "10"},
		}},
		table{"TASK", "task_id proj_id wbs_id clndr_id task_type task_code task_name target_drtn_hr_cnt", [][]string{
			{"1", "1", "11", "7", "TT_WBS", "S1", "Civil summary", "0"},
			{"2", "1", "11", "7", "TT_Task", "A", "Set out", "8"},
			{"3", "1", "12", "7", "TT_Task", "B", "Pile", "16"},
			{"4", "1", "12", "7", "TT_WBS", "S2", "Piling summary", "0"},
			{"5", "1", "13", "7", "TT_Rsrc", "C", "Ducts", "8"},
			{"6", "1", "11", "7", "TT_WBS", "S3", "Second summary of Civil", "0"},
			{"7", "1", "10", "", "TT_LOE", "D", "Supervision", "0"},
			{"8", "1", "12", "7", "TT_FinMile", "M", "Piles done", "4"},
		}},
		table{"TASKPRED", "task_pred_id task_id pred_task_id proj_id pred_proj_id pred_type lag_hr_cnt", [][]string{
			{"1", "3", "2", "1", "1", "PR_SS", "4"}, {"2", "8", "3", "1", "1", "PR_FS", "-2.5"},
		}},
	)
	f, err := Read(strings.NewReader(text), Options{})
	require.NoError(t, err)
	imp, err := f.Import("P")
	require.NoError(t, err)
	net := imp.Network
	parents := map[string]string{}
	kinds := map[string]schedule.Kind{}
	for _, a := range net.Activities {
		parents[a.ID] = a.Parent
		kinds[a.ID] = a.Kind
	}
	assert.Equal(t, map[string]string{"S1": "", "A": "S1", "B": "S2", "S2": "S1", "C": "", "S3": "", "D": "", "M": "S2"}, parents)
	assert.Equal(t, map[string]schedule.Kind{"S1": schedule.WBSSummary, "A": schedule.Task, "B": schedule.Task, "S2": schedule.WBSSummary,
		"C": schedule.Task, "S3": schedule.WBSSummary, "D": schedule.LevelOfEffort, "M": schedule.FinishMilestone}, kinds)
	assert.Equal(t, int64(0), activity(t, net, "M").Duration, "a milestone has no duration")
	assert.Equal(t, "", activity(t, net, "D").Calendar)
	assert.Equal(t, []schedule.Link{
		{Pred: "A", Succ: "B", Type: schedule.SS, Lag: 240},
		{Pred: "B", Succ: "M", Type: schedule.FS, Lag: -150},
	}, net.Links)
	assert.Equal(t, "Project P", net.Project.Name)
	c := net.Calendars[0]
	assert.Equal(t, []schedule.Exception{
		{From: day(t, "2025-01-01"), To: day(t, "2025-01-01"), Periods: []schedule.Period{}},
		{From: day(t, "2025-01-04"), To: day(t, "2025-01-04"), Periods: []schedule.Period{schedule.Span(8, 0, 12, 0)}},
	}, c.Exceptions)
}

func TestReadCalendarDefaults(t *testing.T) {
	text := build(
		table{"PROJECT", "proj_id proj_short_name clndr_id plan_start_date", [][]string{{"1", "P", "", "2025-01-06 08:00"}}},
		table{"CALENDAR", "clndr_id default_flag clndr_name base_clndr_id clndr_data", [][]string{
			{"1", "N", "Global", "", ""}, // no data: P6's Monday–Friday 08:00–16:00
			{"2", "Y", "Project", "1", "(0||CalendarData()((0||Exceptions()((0||0(d|45658)())))))"},
			{"3", "N", "Resource", "404", "(0||CalendarData()((0||DaysOfWeek()((0||1()((0||0(s|00:00|f|00:00)())))))))"},
		}},
		table{"TASK", "task_id proj_id clndr_id task_code", [][]string{{"1", "1", "3", "A"}}},
	)
	f, err := Read(strings.NewReader(text), Options{})
	require.NoError(t, err)
	imp, err := f.Import("")
	require.NoError(t, err)
	net := imp.Network
	assert.Equal(t, "2", net.Project.DefaultCalendar, "clndr_id is empty: the calendar marked default_flag Y")
	require.Len(t, net.Calendars, 3)
	g, p, r := net.Calendars[0], net.Calendars[1], net.Calendars[2]
	assert.Equal(t, []schedule.Period{schedule.Span(8, 0, 16, 0)}, g.Week[time.Friday])
	assert.Equal(t, []schedule.Period{}, g.Week[time.Saturday])
	assert.Equal(t, "1", p.Base)
	assert.Nil(t, p.Week[time.Monday], "inherited from the base")
	assert.Equal(t, "", r.Base, "base calendar 404 is not in the file")
	assert.Equal(t, []schedule.Period{{Start: 0, End: 1440}}, r.Week[time.Sunday], "00:00 as a finish is the end of the day")
	assert.Nil(t, r.Week[time.Monday])
}

func TestReadErrors(t *testing.T) {
	proj := table{"PROJECT", "proj_id proj_short_name clndr_id plan_start_date", [][]string{{"1", "P", "7", "2025-01-06 08:00"}}}
	cal := table{"CALENDAR", "clndr_id clndr_name clndr_data", [][]string{{"7", "Std", week58}}}
	task := func(rows ...[]string) table {
		return table{"TASK", "task_id proj_id wbs_id clndr_id task_type status_code task_code target_drtn_hr_cnt act_start_date act_end_date early_start_date cstr_type cstr_date", rows}
	}
	ok := []string{"1", "1", "", "7", "TT_Task", "TK_NotStart", "A", "8", "", "", "", "", ""}
	// with returns ok with some values changed: with(index, value, index, value…).
	with := func(kv ...any) []string {
		r := append([]string(nil), ok...)
		for i := 0; i+1 < len(kv); i += 2 {
			r[kv[i].(int)] = kv[i+1].(string)
		}
		return r
	}
	for _, tc := range []struct {
		name, text            string
		record, field, substr string
		code                  lanyan.Code
		atImport              bool
	}{
		{"not xer", "hello\n%E\n", "line 1", "", "ERMHDR", lanyan.CodeInvalid, false},
		{"empty", "", "file", "", "empty", lanyan.CodeInvalid, false},
		{"cut short", strings.TrimSuffix(build(proj, cal, task(ok)), "%E\n"), "line 10", "", "without %E", lanyan.CodeInvalid, false},
		{"bad date", build(proj, cal, task(with(10, "2025-02-30 08:00"))), "table TASK row 1 (line 10)", "early_start_date", "2025-02-30", lanyan.CodeInvalid, false},
		{"bad hours", build(proj, cal, task(with(7, "8h"))), "table TASK row 1 (line 10)", "target_drtn_hr_cnt", "8h", lanyan.CodeInvalid, false},
		{"task type", build(proj, cal, task(ok, with(0, "2", 4, "TT_Hammock"))), "table TASK row 2 (line 11)", "task_type", "TT_Hammock", lanyan.CodeInvalid, false},
		{"status", build(proj, cal, task(with(5, "TK_Done"))), "table TASK row 1 (line 10)", "status_code", "TK_Done", lanyan.CodeInvalid, false},
		{"active without start", build(proj, cal, task(with(5, "TK_Active"))), "table TASK row 1 (line 10)", "act_start_date", "TK_Active", lanyan.CodeInvalid, false},
		{"constraint without date", build(proj, cal, task(with(11, "CS_MSOA"))), "table TASK row 1 (line 10)", "cstr_date", "CS_MSOA", lanyan.CodeInvalid, false},
		{"task id", build(proj, cal, task(with(0, "T1"))), "table TASK row 1 (line 10)", "task_id", "T1", lanyan.CodeInvalid, false},
		{"duplicate task id", build(proj, cal, task(ok, ok)), "table TASK row 2 (line 11)", "task_id", "twice", lanyan.CodeInvalid, false},
		{"missing field", build(proj, cal, table{"TASK", "task_id proj_id", nil}), "table TASK (line 8)", "task_code", "missing", lanyan.CodeInvalid, false},
		{"too many values", build(proj, cal, table{"TASK", "task_id proj_id task_code", [][]string{{"1", "1", "A", "extra"}}}), "table TASK row 1 (line 10)", "", "more values", lanyan.CodeInvalid, false},
		{"bad line", strings.TrimSuffix(build(proj), "%E\n") + "junk\n%E\n", "line 5", "", "junk", lanyan.CodeInvalid, false},
		{"row before fields", "ERMHDR\t8.4\n%T\tTASK\n%R\t1\n%E\n", "line 3", "", "%F", lanyan.CodeInvalid, false},
		{"clndr_data", build(proj, table{"CALENDAR", "clndr_id clndr_data", [][]string{{"7", "(0||CalendarData()((0||DaysOfWeek()((0||9()())))))"}}}), "table CALENDAR row 1 (line 7)", "clndr_data", "day \"9\"", lanyan.CodeInvalid, false},
		{"clndr_data periods", build(proj, table{"CALENDAR", "clndr_id clndr_data", [][]string{{"7", "(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|08:00|f|12:00)())(0||1(s|11:00|f|17:00)())))))))"}}}), "table CALENDAR row 1 (line 7)", "clndr_data", "overlap", lanyan.CodeInvalid, false},
		{"clndr_data unclosed", build(proj, table{"CALENDAR", "clndr_id clndr_data", [][]string{{"7", "(0||CalendarData()((0||DaysOfWeek()("}}}), "table CALENDAR row 1 (line 7)", "clndr_data", "ends inside", lanyan.CodeInvalid, false},
		{"lag calendar option", build(proj, cal, table{"SCHEDOPTIONS", "proj_id sched_calendar_on_relationship_lag", [][]string{{"1", "rcal_Moon"}}}), "table SCHEDOPTIONS row 1 (line 10)", "sched_calendar_on_relationship_lag", "rcal_Moon", lanyan.CodeInvalid, false},
		{"pred type", build(proj, cal, task(ok), table{"TASKPRED", "task_id pred_task_id pred_type", [][]string{{"1", "1", "PR_XX"}}}), "table TASKPRED row 1 (line 13)", "pred_type", "PR_XX", lanyan.CodeInvalid, false},

		{"unknown calendar", build(proj, cal, task(with(3, "8"))), "table TASK row 1 (line 10)", "clndr_id", "unknown calendar 8", lanyan.CodeNotFound, true},
		{"duplicate code", build(proj, cal, task(ok, with(0, "2"))), "table TASK row 2 (line 11)", "task_code", "\"A\"", lanyan.CodeInvalid, true},
		{"unknown pred", build(proj, cal, task(ok), table{"TASKPRED", "task_id pred_task_id proj_id pred_proj_id pred_type", [][]string{{"1", "5", "1", "1", "PR_FS"}}}), "table TASKPRED row 1 (line 13)", "pred_task_id", "unknown task 5", lanyan.CodeNotFound, true},
		{"wbs loop", build(proj, cal, table{"PROJWBS", "wbs_id proj_id parent_wbs_id", [][]string{{"1", "1", "2"}, {"2", "1", "1"}}}, task(with(2, "1"))), "table PROJWBS row 1 (line 10)", "parent_wbs_id", "loop", lanyan.CodeInvalid, true},
		{"calendar loop", build(proj, table{"CALENDAR", "clndr_id base_clndr_id clndr_data", [][]string{{"7", "8", week58}, {"8", "7", week58}}}), "table CALENDAR row", "base_clndr_id", "loop", lanyan.CodeInvalid, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read(strings.NewReader(tc.text), Options{})
			if tc.atImport {
				require.NoError(t, err)
				var imp *schedule.Imported
				imp, err = f.Import("")
				assert.Nil(t, imp, "no partial output")
			} else {
				assert.Nil(t, f, "no partial output")
			}
			require.Error(t, err)
			var e *lanyan.Error
			require.True(t, errors.As(err, &e), "%T", err)
			assert.Equal(t, tc.code, e.Code)
			assert.Contains(t, e.Record, tc.record)
			assert.Equal(t, tc.field, e.Field)
			assert.Contains(t, e.Error(), tc.substr)
		})
	}
}

func TestReadUnknownEncoding(t *testing.T) {
	_, err := Read(strings.NewReader(build()), Options{Encoding: "ebcdic"})
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
	_, err = Read(strings.NewReader("ERMHDR\t8.4\n%T\tTASK\n%F\ttask_name\n%R\t\xff\n%E\n"), Options{Encoding: UTF8})
	require.ErrorIs(t, err, lanyan.ErrInvalid)
	assert.Contains(t, err.Error(), "line 4")
}
