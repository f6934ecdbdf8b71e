package xer

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// roundTrip writes an imported network and reads it back.
func roundTrip(t testing.TB, imp *schedule.Imported) *schedule.Imported {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, imp.Network, imp.Recorded))
	f, err := Read(&buf, Options{})
	require.NoError(t, err)
	back, err := f.Import("")
	require.NoError(t, err)
	return back
}

func TestWriteRoundTripFixtures(t *testing.T) {
	for _, name := range fixtureNames {
		t.Run(name, func(t *testing.T) {
			f := readFixture(t, name, Options{})
			for _, p := range f.Projects() {
				imp, err := f.Import(p.ID)
				require.NoError(t, err)
				back := roundTrip(t, imp)
				assert.Equal(t, imp.Network, back.Network, p.ShortName)
				assert.Equal(t, imp.Recorded, back.Recorded, p.ShortName)
				assert.Equal(t, "Primavera P6 "+writeVersion, back.Tool)
			}
		})
	}
}

func TestWriteRoundTripWBS(t *testing.T) {
	text := build(
		table{"PROJECT", "proj_id proj_short_name clndr_id plan_start_date plan_end_date last_recalc_date critical_drtn_hr_cnt", [][]string{
			{"1", "P", "7", "2025-01-06 08:00", "2025-06-30 17:00", "2025-01-08 08:00", "16"}}},
		table{"CALENDAR", "clndr_id clndr_name day_hr_cnt clndr_data", [][]string{{"7", "Std", "7.5", week58}}},
		table{"SCHEDOPTIONS", "proj_id sched_retained_logic sched_progress_override sched_float_type sched_calendar_on_relationship_lag", [][]string{
			{"1", "N", "Y", "FT_Min", "rcal_Successor"}}},
		table{"PROJWBS", "wbs_id proj_id proj_node_flag wbs_name parent_wbs_id", [][]string{
			{"10", "1", "Y", "Project P", ""}, {"11", "1", "N", "Civil", "10"}, {"12", "1", "N", "Piling", "11"}}},
		table{"TASK", "task_id proj_id wbs_id clndr_id task_type status_code task_code task_name target_drtn_hr_cnt remain_drtn_hr_cnt act_start_date act_end_date cstr_type cstr_date cstr_type2 cstr_date2 total_float_hr_cnt early_start_date", [][]string{
			{"1", "1", "11", "7", "TT_WBS", "TK_Active", "S1", "Civil", "0", "", "2025-01-06 08:00", "", "", "", "", "", "", ""},
			{"2", "1", "11", "7", "TT_Task", "TK_Complete", "A", "Set out", "8", "0", "2025-01-06 08:00", "2025-01-06 17:00", "", "", "", "", "", ""},
			{"3", "1", "12", "7", "TT_Task", "TK_Active", "B", "Pile\x7f", "16.5", "10.25", "2025-01-07 08:00", "", "CS_MSOA", "2025-01-07 08:00", "CS_MEOB", "2025-02-01 17:00", "-3.5", "2025-01-08 08:00"},
			{"4", "1", "12", "7", "TT_WBS", "", "S2", "Piling", "0", "", "", "", "", "", "", "", "", ""},
			{"5", "1", "12", "7", "TT_Mile", "TK_Complete", "M", "Piles start", "0", "0", "", "2025-01-07 08:00", "", "", "", "", "", ""},
			{"6", "1", "10", "7", "TT_LOE", "TK_Active", "L", "Site management", "0", "", "", "", "CS_ALAP", "", "", "", "", ""},
		}},
		table{"TASKPRED", "task_id pred_task_id proj_id pred_proj_id pred_type lag_hr_cnt", [][]string{
			{"3", "2", "1", "1", "PR_FS", "0.25"}, {"5", "2", "1", "1", "PR_SF", "-1"}}},
	)
	f, err := Read(strings.NewReader(text), Options{})
	require.NoError(t, err)
	imp, err := f.Import("P")
	require.NoError(t, err)
	net := imp.Network
	assert.Equal(t, schedule.Options{
		DataDate: inst(t, "2025-01-08T08:00"), MustFinishBy: inst(t, "2025-06-30T17:00"),
		LagCalendar: schedule.LagSuccessor, FloatType: schedule.SmallestFloat, CriticalFloat: 16 * 60,
		Progress: schedule.ProgressOverride,
	}, net.Options)
	b := activity(t, net, "B")
	assert.Equal(t, int64(990), b.Duration)
	assert.Equal(t, int64(615), b.RemainingDuration)
	assert.InDelta(t, 100*375/990.0, b.PercentComplete, 1e-9)
	assert.Equal(t, "S2", b.Parent)
	assert.Equal(t, schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: inst(t, "2025-02-01T17:00")}, b.Constraint2)
	m := activity(t, net, "M")
	assert.Equal(t, m.ActualStart, m.ActualFinish, "a milestone's one actual date stands for both")
	assert.Equal(t, schedule.ALAP, activity(t, net, "L").Constraint.Type)
	assert.Equal(t, 7.5, net.Calendars[0].HoursPerDay)

	back := roundTrip(t, imp)
	assert.Equal(t, imp.Network, back.Network)
	assert.Equal(t, imp.Recorded, back.Recorded)
}

func TestWriteRoundTripGenerated(t *testing.T) {
	net := gen.Network(400, 7)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, net, nil))
	f, err := Read(bytes.NewReader(buf.Bytes()), Options{})
	require.NoError(t, err)
	assert.Equal(t, UTF8, f.Encoding)
	imp, err := f.Import(net.Project.ID)
	require.NoError(t, err)
	back := imp.Network

	// Calendar ids become numbers; everything else keeps its value.
	ids := map[string]string{}
	require.Len(t, back.Calendars, len(net.Calendars))
	for i, c := range net.Calendars {
		ids[c.ID] = back.Calendars[i].ID
		assert.Equal(t, c.Name, back.Calendars[i].Name)
		assert.Equal(t, c.Week, back.Calendars[i].Week)
		assert.Equal(t, holidays(c), holidays(back.Calendars[i]), c.ID)
	}
	assert.Equal(t, map[string]string{"standard": "1", "six-day": "2", "seven-day": "3"}, ids)
	assert.Equal(t, net.Project.Name, back.Project.Name)
	assert.Equal(t, ids[net.Project.DefaultCalendar], back.Project.DefaultCalendar)
	require.Len(t, back.Activities, len(net.Activities))
	for i, a := range net.Activities {
		b := back.Activities[i]
		assert.Equal(t, [...]any{a.ID, a.Name, a.Kind, ids[a.Calendar], a.Duration, a.Constraint},
			[...]any{b.ID, b.Name, b.Kind, b.Calendar, b.Duration, b.Constraint})
	}
	assert.Equal(t, net.Links, back.Links)

	// The same schedule either way.
	want, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	got, err := schedule.Compute(back, back.Options)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// holidays lists the days an exception covers, with their periods.
func holidays(c schedule.Calendar) map[string][]schedule.Period {
	m := map[string][]schedule.Period{}
	for _, e := range c.Exceptions {
		to := e.To
		if to == 0 {
			to = e.From
		}
		for d := e.From; d <= to; d++ {
			ps := e.Periods
			if ps == nil {
				ps = []schedule.Period{}
			}
			m[d.String()] = ps
		}
	}
	return m
}

func TestWriteErrors(t *testing.T) {
	base := func() *schedule.Network {
		return &schedule.Network{
			Project:    schedule.Project{ID: "P", Start: schedule.AtTime(day(t, "2025-01-06"), 8, 0), DefaultCalendar: schedule.StandardFiveDayID},
			Calendars:  []schedule.Calendar{schedule.StandardFiveDay()},
			Activities: []schedule.Activity{{ID: "A", Duration: 480}, {ID: "B", Duration: 480}, {ID: "S", Kind: schedule.WBSSummary}},
			Links:      []schedule.Link{{Pred: "A", Succ: "B", Lag: 60}},
		}
	}
	for _, tc := range []struct {
		name          string
		change        func(n *schedule.Network)
		rec           []schedule.Recorded
		record, field string
	}{
		{"lag calendar", func(n *schedule.Network) { n.Links[0].LagCalendar = schedule.Lag24Hour }, nil, "link 0 (A→B)", "lagCalendar"},
		{"percent lag", func(n *schedule.Network) { n.Links[0].LagPercent = 50; n.Options.LagCalendar = schedule.LagSuccessor }, nil, "link 0 (A→B)", "lagCalendar"},
		{"parent", func(n *schedule.Network) { n.Activities[1].Parent = "A" }, nil, `activity "B"`, "parent"},
		{"summary loop", func(n *schedule.Network) {
			n.Activities = append(n.Activities, schedule.Activity{ID: "T", Kind: schedule.WBSSummary, Parent: "S"})
			n.Activities[2].Parent = "T"
		}, nil, `activity "S"`, "parent"},
		{"calendar", func(n *schedule.Network) { n.Activities[0].Calendar = "moon" }, nil, `activity "A"`, "calendar"},
		{"duplicate", func(n *schedule.Network) { n.Activities[1].ID = "A" }, nil, `activity "A"`, "id"},
		{"date", func(n *schedule.Network) { n.Activities[0].ActualStart = schedule.AtTime(day(t, "1700-01-01"), 8, 0) }, nil, `activity "A"`, "actualStart"},
		{"recorded", func(n *schedule.Network) {}, make([]schedule.Recorded, 2), "recorded", ""},
		{"link end", func(n *schedule.Network) { n.Links[0].Succ = "Z" }, nil, "link 0 (A→Z)", "succ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := base()
			tc.change(n)
			var buf bytes.Buffer
			err := Write(&buf, n, tc.rec)
			require.Error(t, err)
			assert.Zero(t, buf.Len(), "nothing written")
			var e *lanyan.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.record, e.Record)
			assert.Equal(t, tc.field, e.Field)
		})
	}
	assert.ErrorIs(t, Write(&bytes.Buffer{}, nil, nil), lanyan.ErrInvalid)
	require.NoError(t, Write(&bytes.Buffer{}, base(), nil))
}

// encodedSample is an XER file with activity names in the given language.
func encodedSample(project string, names ...string) string {
	rows := make([][]string, len(names))
	for i, n := range names {
		rows[i] = []string{string(rune('1' + i)), "1", "10", "7", "A" + string(rune('1'+i)), n, "8"}
	}
	return build(
		table{"PROJECT", "proj_id proj_short_name clndr_id plan_start_date", [][]string{{"1", "P", "7", "2025-01-06 08:00"}}},
		table{"CALENDAR", "clndr_id clndr_name clndr_data", [][]string{{"7", "Std", week58}}},
		table{"PROJWBS", "wbs_id proj_id proj_node_flag wbs_name", [][]string{{"10", "1", "Y", project}}},
		table{"TASK", "task_id proj_id wbs_id clndr_id task_code task_name target_drtn_hr_cnt", rows},
	)
}

func TestReadEncodings(t *testing.T) {
	zh := []string{"基础开挖", "钢筋绑扎（一区）", "混凝土浇筑", "竣工验收"}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(encodedSample("地铁站土建工程", zh...))
	require.NoError(t, err)
	require.False(t, utf8.ValidString(gb))

	fr := []string{"Café – phase 1", "Façade “nord”", "Cœur de chantier", "Réception €"}
	// Every accented letter followed by an ASCII letter: two-byte GB18030
	// sequences, all of them, but not like Chinese text.
	fr2 := []string{"Décor", "Façade", "Plâtrerie"}
	cp2, err := charmap.Windows1252.NewEncoder().String(encodedSample("Chantier", fr2...))
	require.NoError(t, err)
	cp, err := charmap.Windows1252.NewEncoder().String(encodedSample("Bâtiment", fr...))
	require.NoError(t, err)
	require.False(t, utf8.ValidString(cp))

	for _, tc := range []struct {
		name, text, encoding, wantEnc, project string
		names                                  []string
	}{
		{"gb18030 detected", gb, "", GB18030, "地铁站土建工程", zh},
		{"gb18030 named", gb, GB18030, GB18030, "地铁站土建工程", zh},
		{"windows-1252 detected", cp, "", Windows1252, "Bâtiment", fr},
		{"windows-1252 named", cp, Windows1252, Windows1252, "Bâtiment", fr},
		{"windows-1252 like gb18030", cp2, "", Windows1252, "Chantier", fr2},
		{"utf-8", encodedSample("地铁站", zh...), "", UTF8, "地铁站", zh},
		{"utf-8 with a byte-order mark", "\xEF\xBB\xBF" + encodedSample("Bâtiment", fr...), "", UTF8, "Bâtiment", fr},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read(strings.NewReader(tc.text), Options{Encoding: tc.encoding})
			require.NoError(t, err)
			assert.Equal(t, tc.wantEnc, f.Encoding)
			assert.Equal(t, tc.project, f.Projects()[0].Name)
			imp, err := f.Import("")
			require.NoError(t, err)
			var got []string
			for _, a := range imp.Network.Activities {
				got = append(got, a.Name)
			}
			assert.Equal(t, tc.names, got)
			// Written back as UTF-8, the names survive.
			back := roundTrip(t, imp)
			assert.Equal(t, imp.Network, back.Network)
		})
	}
}

func TestCalendarDataRoundTrip(t *testing.T) {
	c := schedule.Calendar{ID: "1", Week: schedule.WorkWeek{
		time.Monday:   {schedule.Span(0, 0, 12, 0), schedule.Span(13, 0, 24, 0)},
		time.Saturday: {},
	}, Exceptions: []schedule.Exception{
		{From: day(t, "2025-10-01"), To: day(t, "2025-10-03")},
		{From: day(t, "2025-09-28"), Periods: []schedule.Period{schedule.Span(9, 30, 15, 45)}},
	}}
	s, err := formatClndrData(&c)
	require.NoError(t, err)
	assert.Equal(t, "(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|00:00|f|12:00)())(0||1(s|13:00|f|00:00)())))(0||7()())))"+
		"(0||VIEW(ShowTotal|Y)())(0||Exceptions()((0||0(d|45931)())(0||1(d|45932)())(0||2(d|45933)())"+
		"(0||3(d|45928)((0||0(s|09:30|f|15:45)())))))))", s)
	var back schedule.Calendar
	hasWeek, err := parseClndrData(s, &back)
	require.NoError(t, err)
	assert.True(t, hasWeek)
	assert.Equal(t, c.Week, back.Week)
	assert.Equal(t, holidays(c), holidays(back))
}
