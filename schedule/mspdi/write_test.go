package mspdi_test

import (
	"bytes"
	"errors"
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

// Read → Write → Read gives the same network and recorded values, and
// ReadDocument → WriteDocument → ReadDocument the same document.
func TestRoundTripFixtures(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := readFile(t, path)

			var buf bytes.Buffer
			require.NoError(t, mspdi.Write(&buf, &doc.Imported))
			again, err := mspdi.Read(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err, buf.String())
			assert.Equal(t, doc.Network, again.Network)
			assert.Equal(t, doc.Recorded, again.Recorded)
			assert.Equal(t, "Microsoft Project 2010 or later (SaveVersion 14)", again.Tool)

			buf.Reset()
			require.NoError(t, mspdi.WriteDocument(&buf, doc))
			doc2, err := mspdi.ReadDocument(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			assert.Equal(t, doc.Network, doc2.Network)
			assert.Equal(t, doc.Tasks, doc2.Tasks)
			assert.Equal(t, doc.SummaryLinks, doc2.SummaryLinks)
		})
	}
}

const summaryXML = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
 <StartDate>2025-03-03T08:00:00</StartDate>
 <Tasks>
  <Task><UID>0</UID><OutlineLevel>0</OutlineLevel></Task>
  <Task><UID>1</UID><Name>Design</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration></Task>
  <Task><UID>2</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel></Task>
  <Task><UID>3</UID><Name>Walls</Name><OutlineLevel>2</OutlineLevel><Duration>PT24H0M0S</Duration></Task>
  <Task><UID>4</UID><Name>Roof</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration>
   <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type></PredecessorLink></Task>
  <Task><UID>5</UID><Name>Handover</Name><OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration><Milestone>1</Milestone>
   <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
 </Tasks>
</Project>`

// A link into summary 2 (from 1, in summary 2's own PredecessorLinks) and one
// out of it (to 5) become links to and from its leaf tasks 3 and 4.
func TestSummaryLinksExpand(t *testing.T) {
	in := strings.Replace(summaryXML, `<OutlineLevel>1</OutlineLevel></Task>`,
		`<OutlineLevel>1</OutlineLevel><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink></Task>`, 1)
	doc, err := mspdi.ReadDocument(strings.NewReader(in))
	require.NoError(t, err)
	net := doc.Network
	_, build := activity(t, net, "2")
	assert.Equal(t, schedule.WBSSummary, build.Kind)
	_, roof := activity(t, net, "4")
	assert.Equal(t, "2", roof.Parent)
	_, hand := activity(t, net, "5")
	assert.Equal(t, schedule.FinishMilestone, hand.Kind)
	assert.Equal(t, []schedule.Link{
		{Pred: "1", Succ: "3", Type: schedule.FS},
		{Pred: "1", Succ: "4", Type: schedule.FS}, // summary 2's links come first: it is above 4
		{Pred: "3", Succ: "4", Type: schedule.FS},
		{Pred: "3", Succ: "5", Type: schedule.FS, Lag: 480},
		{Pred: "4", Succ: "5", Type: schedule.FS, Lag: 480},
	}, net.Links)
	assert.Equal(t, []mspdi.SummaryLink{
		{Link: schedule.Link{Pred: "1", Succ: "2", Type: schedule.FS}, Expanded: []int{0, 1}},
		{Link: schedule.Link{Pred: "2", Succ: "5", Type: schedule.FS, Lag: 480}, Expanded: []int{3, 4}},
	}, doc.SummaryLinks)

	res, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	// Design 2 days (Mon–Tue), Walls 3 days (Wed–Fri), Roof Mon, one day lag, Handover Tue evening.
	assert.Equal(t, at(2025, 3, 11, 17, 0), res.EarlyFinish)

	// WriteDocument writes the summary links back as the file had them …
	var buf bytes.Buffer
	require.NoError(t, mspdi.WriteDocument(&buf, doc))
	out := buf.String()
	assert.Equal(t, 1, strings.Count(out, "<PredecessorUID>2</PredecessorUID>"), out)
	assert.Equal(t, 1, strings.Count(out, "<PredecessorUID>1</PredecessorUID>"), out)
	doc2, err := mspdi.ReadDocument(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, doc.Network, doc2.Network)
	assert.Equal(t, doc.SummaryLinks, doc2.SummaryLinks)

	// … and Write, which has only the network, writes the leaf links.
	buf.Reset()
	require.NoError(t, mspdi.Write(&buf, &doc.Imported))
	assert.NotContains(t, buf.String(), "<PredecessorUID>2</PredecessorUID>")
	again, err := mspdi.Read(&buf)
	require.NoError(t, err)
	assert.Equal(t, net, again.Network)

	// Once the network changes under the summary, its link is written expanded.
	doc.Network.Links[4].Lag = 960
	buf.Reset()
	require.NoError(t, mspdi.WriteDocument(&buf, doc))
	assert.NotContains(t, buf.String(), "<PredecessorUID>2</PredecessorUID>")
}

// A direct link wins over the same pair from a summary link; the engine allows
// one link between two activities.
func TestSummaryLinkRepeatsDirectLink(t *testing.T) {
	in := strings.Replace(summaryXML, `<Milestone>1</Milestone>`,
		`<Milestone>1</Milestone><PredecessorLink><PredecessorUID>4</PredecessorUID><Type>3</Type></PredecessorLink>`, 1)
	doc, err := mspdi.ReadDocument(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, []schedule.Link{
		{Pred: "3", Succ: "4", Type: schedule.FS},
		{Pred: "4", Succ: "5", Type: schedule.SS}, // 5 lists it before the link from 2
		{Pred: "3", Succ: "5", Type: schedule.FS, Lag: 480},
	}, doc.Network.Links)
	assert.Equal(t, []int{2}, doc.SummaryLinks[0].Expanded)
	_, err = schedule.Compute(doc.Network, doc.Network.Options)
	require.NoError(t, err)

	var buf bytes.Buffer
	require.NoError(t, mspdi.WriteDocument(&buf, doc))
	again, err := mspdi.Read(&buf)
	require.NoError(t, err)
	assert.ElementsMatch(t, doc.Network.Links, again.Network.Links)
}

func TestSummaryLinkToOwnSubtask(t *testing.T) {
	in := strings.Replace(summaryXML, `<Duration>PT24H0M0S</Duration></Task>`,
		`<Duration>PT24H0M0S</Duration><PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink></Task>`, 1)
	_, err := mspdi.Read(strings.NewReader(in))
	require.ErrorIs(t, err, lanyan.ErrInvalid)
	assert.Contains(t, err.Error(), "summary task 2 with its own subtask 3")
}

func TestReadLagFormats(t *testing.T) {
	link := func(lag, format string) string {
		return `<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-03-03T08:00:00</StartDate><Tasks>
<Task><UID>1</UID><Duration>PT8H0M0S</Duration></Task>
<Task><UID>2</UID><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>
<LinkLag>` + lag + `</LinkLag><LagFormat>` + format + `</LagFormat></PredecessorLink></Task></Tasks></Project>`
	}
	tests := []struct {
		lag, format string
		want        schedule.Link
	}{
		{"4800", "7", schedule.Link{Lag: 480}},                                       // 1 day
		{"600", "5", schedule.Link{Lag: 60}},                                         // 1 hour
		{"14400", "8", schedule.Link{Lag: 1440, LagCalendar: schedule.Lag24Hour}},    // 1 elapsed day
		{"14400", "40", schedule.Link{Lag: 1440, LagCalendar: schedule.Lag24Hour}},   // 1 elapsed day, estimated
		{"-2400", "39", schedule.Link{Lag: -240}},                                    // −0.5 day, estimated
		{"50", "19", schedule.Link{LagPercent: 50}},                                  // 50 %
		{"25", "20", schedule.Link{LagPercent: 25, LagCalendar: schedule.Lag24Hour}}, // 25 e%
		{"15", "3", schedule.Link{Lag: 2}},                                           // 1.5 minutes rounds away from zero
	}
	for _, tt := range tests {
		imp, err := mspdi.Read(strings.NewReader(link(tt.lag, tt.format)))
		require.NoError(t, err)
		tt.want.Pred, tt.want.Succ, tt.want.Type = "1", "2", schedule.FS
		assert.Equal(t, []schedule.Link{tt.want}, imp.Network.Links, "LinkLag %s LagFormat %s", tt.lag, tt.format)

		var buf bytes.Buffer
		require.NoError(t, mspdi.Write(&buf, imp))
		again, err := mspdi.Read(&buf)
		require.NoError(t, err)
		assert.Equal(t, imp.Network.Links, again.Network.Links)
	}
}

func TestReadProjectOptions(t *testing.T) {
	imp, err := mspdi.Read(strings.NewReader(`<Project xmlns="http://schemas.microsoft.com/project">
<Name>file.xml</Name><StartDate>2025-03-03T08:00:00</StartDate><FinishDate>2025-06-30T17:00:00</FinishDate>
<ScheduleFromStart>0</ScheduleFromStart><CriticalSlackLimit>2</CriticalSlackLimit><MinutesPerDay>450</MinutesPerDay>
<SplitsInProgressTasks>0</SplitsInProgressTasks><StatusDate>2025-04-01T17:00:00</StatusDate></Project>`))
	require.NoError(t, err)
	net := imp.Network
	assert.Equal(t, "file.xml", net.Project.Name)
	assert.Equal(t, schedule.Options{
		DataDate:             at(2025, 4, 1, 17, 0),
		MustFinishBy:         at(2025, 6, 30, 17, 0),
		LagCalendar:          schedule.LagSuccessor,
		FloatType:            schedule.SmallestFloat,
		CriticalFloat:        900,
		Progress:             schedule.ProgressOverride,
		HonorConstraintDates: true, // no <HonorConstraints>: MS Project's default
	}, net.Options)
	// No <Calendars>: MS Project's Standard calendar, with 7.5 hours a day.
	require.Len(t, net.Calendars, 1)
	assert.Equal(t, "1", net.Project.DefaultCalendar)
	assert.Equal(t, 7.5, net.Calendars[0].HoursPerDay)
	assert.Equal(t, std8, net.Calendars[0].Week[time.Friday])
	assert.Equal(t, []schedule.Period{}, net.Calendars[0].Week[time.Saturday])

	var buf bytes.Buffer
	require.NoError(t, mspdi.Write(&buf, imp))
	again, err := mspdi.Read(&buf)
	require.NoError(t, err)
	assert.Equal(t, net, again.Network)
}

func TestReadSkipsRows(t *testing.T) {
	imp, err := mspdi.Read(strings.NewReader(`<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-03-03T08:00:00</StartDate><Tasks>
<Task><UID>1</UID><Duration>PT8H0M0S</Duration></Task>
<Task><UID>2</UID><IsNull>1</IsNull></Task>
<Task><UID>3</UID><Active>0</Active><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>
<Task><UID>4</UID><Duration>PT8H0M0S</Duration>
 <PredecessorLink><PredecessorUID>3</PredecessorUID></PredecessorLink>
 <PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>
 <PredecessorLink><PredecessorUID>77</PredecessorUID><CrossProject>1</CrossProject></PredecessorLink>
 <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type></PredecessorLink></Task>
</Tasks></Project>`))
	require.NoError(t, err)
	ids := []string{}
	for _, a := range imp.Network.Activities {
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []string{"1", "4"}, ids)
	assert.Equal(t, []schedule.Link{{Pred: "1", Succ: "4", Type: schedule.SS}}, imp.Network.Links)
}

func TestReadCalendarFeatures(t *testing.T) {
	imp, err := mspdi.Read(strings.NewReader(`<Project xmlns="http://schemas.microsoft.com/project">
<StartDate>2025-01-06T08:00:00</StartDate><CalendarUID>1</CalendarUID>
<Calendars>
 <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>
  <WeekDays>
   <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
   <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking></WeekDay>
   <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
   <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2025-05-01T00:00:00</FromDate><ToDate>2025-05-01T23:59:00</ToDate></TimePeriod></WeekDay>
  </WeekDays>
  <Exceptions>
   <Exception><TimePeriod><FromDate>2025-12-25T00:00:00</FromDate><ToDate>2027-12-25T23:59:00</ToDate></TimePeriod>
    <Occurrences>3</Occurrences><Name>Christmas</Name><Type>2</Type><Month>11</Month><MonthDay>25</MonthDay><DayWorking>0</DayWorking></Exception>
   <Exception><TimePeriod><FromDate>2025-01-01T00:00:00</FromDate><ToDate>2025-01-31T23:59:00</ToDate></TimePeriod>
    <Name>First Mondays</Name><Type>5</Type><Period>1</Period><MonthPosition>0</MonthPosition><MonthItem>4</MonthItem><DayWorking>0</DayWorking></Exception>
   <Exception><TimePeriod><FromDate>2025-03-08T00:00:00</FromDate><ToDate>2025-03-08T23:59:00</ToDate></TimePeriod>
    <Name>Make-up Saturday</Name><DayWorking>1</DayWorking>
    <WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>13:00:00</ToTime></WorkingTime></WorkingTimes></Exception>
  </Exceptions>
  <WorkWeeks>
   <WorkWeek><TimePeriod><FromDate>2025-07-07T00:00:00</FromDate><ToDate>2025-07-13T23:59:00</ToDate></TimePeriod><Name>Summer</Name>
    <WeekDays><WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></WorkWeek>
  </WorkWeeks>
 </Calendar>
 <Calendar><UID>2</UID><Name>Site</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>
  <WeekDays><WeekDay><DayType>7</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays>
 </Calendar>
 <Calendar><UID>3</UID><Name>Unused resource</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID></Calendar>
 <Calendar><UID>4</UID><Name>24 Hours</Name><IsBaseCalendar>1</IsBaseCalendar>
  <WeekDays><WeekDay><DayType>3</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>00:00:00</FromTime><ToTime>00:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays>
 </Calendar>
</Calendars>
<Tasks><Task><UID>1</UID><Duration>PT8H0M0S</Duration><CalendarUID>2</CalendarUID></Task></Tasks></Project>`))
	require.NoError(t, err)
	net := imp.Network
	require.Len(t, net.Calendars, 3)
	std := calendar(t, net, "1")
	assert.Equal(t, std8, std.Week[time.Monday], "a working day without times has MS Project's default hours")
	assert.Nil(t, std.Week[time.Tuesday])
	// The newer <Exceptions> win over DayType 0 (1 May is not there); the
	// recurrences and the work week are expanded into days, in date order.
	var hol = []schedule.Period{}
	assert.Equal(t, []schedule.Exception{
		{Name: "First Mondays", From: date.New(2025, 1, 6), To: date.New(2025, 1, 6), Periods: hol},
		{Name: "Make-up Saturday", From: date.New(2025, 3, 8), To: date.New(2025, 3, 8), Periods: []schedule.Period{schedule.Span(9, 0, 13, 0)}},
		{Name: "Summer", From: date.New(2025, 7, 11), To: date.New(2025, 7, 12), Periods: hol},
		{Name: "Christmas", From: date.New(2025, 12, 25), To: date.New(2025, 12, 25), Periods: hol},
		{Name: "Christmas", From: date.New(2026, 12, 25), To: date.New(2026, 12, 25), Periods: hol},
		{Name: "Christmas", From: date.New(2027, 12, 25), To: date.New(2027, 12, 25), Periods: hol},
	}, std.Exceptions)
	site := calendar(t, net, "2")
	assert.Equal(t, "1", site.Base)
	assert.Equal(t, []schedule.Period{schedule.Span(8, 0, 12, 0)}, site.Week[time.Saturday])
	assert.Equal(t, []schedule.Period{{Start: 0, End: 1440}}, calendar(t, net, "4").Week[time.Tuesday])

	var buf bytes.Buffer
	require.NoError(t, mspdi.Write(&buf, imp))
	again, err := mspdi.Read(&buf)
	require.NoError(t, err)
	assert.Equal(t, net, again.Network)
}

// A network from elsewhere: ids that are not UIDs, a level of effort, two
// calendars, overlapping exceptions.
func TestWriteForeignNetwork(t *testing.T) {
	std := schedule.StandardFiveDay()
	std.Exceptions = []schedule.Exception{
		{Name: "Golden week", From: date.New(2025, 10, 1), To: date.New(2025, 10, 8)},
		{Name: "Make-up", From: date.New(2025, 10, 8), Periods: std8},
	}
	net := &schedule.Network{
		Project:   schedule.Project{Name: "Bridge <A&B>", Start: at(2025, 9, 1, 8, 0), DefaultCalendar: std.ID},
		Options:   schedule.Options{DataDate: at(2025, 9, 15, 8, 0), LagCalendar: schedule.LagPredecessor},
		Calendars: []schedule.Calendar{std, schedule.SevenDay()},
		Activities: []schedule.Activity{
			{ID: "WBS1", Name: "Piers", Kind: schedule.WBSSummary},
			{ID: "A1010", Name: "Pier 1", Parent: "WBS1", Duration: 2400, Constraint2: schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(2025, 9, 30, 17, 0)}},
			{ID: "A1020", Name: "Pier 2", Parent: "WBS1", Duration: 1440, Calendar: schedule.SevenDayID, ActualStart: at(2025, 9, 8, 8, 0), RemainingDuration: 480, PercentComplete: 66.7},
			{ID: "L1", Name: "Supervision", Kind: schedule.LevelOfEffort},
			{ID: "M1", Name: "Piers done", Kind: schedule.FinishMilestone},
		},
		Links: []schedule.Link{
			{Pred: "A1010", Succ: "A1020", Type: schedule.SS, Lag: 90},
			{Pred: "A1020", Succ: "M1", Type: schedule.FS, Lag: 2880, LagCalendar: schedule.Lag24Hour},
			{Pred: "A1010", Succ: "L1", Type: schedule.SS},
		},
	}
	var buf bytes.Buffer
	require.NoError(t, mspdi.Write(&buf, &schedule.Imported{Network: net}))
	out := buf.String()
	assert.Contains(t, out, `<Name>Bridge &lt;A&amp;B&gt;</Name>`)
	assert.Contains(t, out, "<UID>0</UID>", "a project summary task")

	back, err := mspdi.Read(strings.NewReader(out))
	require.NoError(t, err, out)
	got := back.Network
	require.Len(t, got.Activities, 5)
	names := map[string]string{}
	for _, a := range got.Activities {
		names[a.Name] = a.ID
	}
	assert.Equal(t, map[string]string{"Piers": "1", "Pier 1": "2", "Pier 2": "3", "Supervision": "4", "Piers done": "5"}, names)
	_, p1 := activity(t, got, "2")
	assert.Equal(t, "1", p1.Parent)
	assert.Equal(t, schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(2025, 9, 30, 17, 0)}, p1.Constraint)
	_, p2 := activity(t, got, "3")
	assert.Equal(t, "2", p2.Calendar)
	assert.Equal(t, at(2025, 9, 8, 8, 0), p2.ActualStart)
	assert.Equal(t, 67.0, p2.PercentComplete)
	assert.Equal(t, int64(480), p2.RemainingDuration)
	_, loe := activity(t, got, "4")
	assert.Equal(t, schedule.FinishMilestone, loe.Kind, "a level of effort without duration comes back a milestone")
	assert.Equal(t, []schedule.Link{
		{Pred: "2", Succ: "3", Type: schedule.SS, Lag: 90},
		{Pred: "2", Succ: "4", Type: schedule.SS},
		{Pred: "3", Succ: "5", Type: schedule.FS, Lag: 2880, LagCalendar: schedule.Lag24Hour},
	}, got.Links)
	assert.Equal(t, at(2025, 9, 15, 8, 0), got.Options.DataDate)
	c := calendar(t, got, "1")
	assert.Equal(t, []schedule.Exception{
		{Name: "Golden week", From: date.New(2025, 10, 1), To: date.New(2025, 10, 7), Periods: []schedule.Period{}},
		{Name: "Make-up", From: date.New(2025, 10, 8), To: date.New(2025, 10, 8), Periods: std8},
	}, c.Exceptions, "overlapping exceptions are resolved day by day, the last winning")
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return 0, errors.New("disk full")
}

func TestWriteErrors(t *testing.T) {
	good := func() *schedule.Network {
		return &schedule.Network{
			Project:    schedule.Project{Start: at(2025, 3, 3, 8, 0)},
			Activities: []schedule.Activity{{ID: "A", Duration: 480}, {ID: "B", Duration: 480}},
			Links:      []schedule.Link{{Pred: "A", Succ: "B"}},
		}
	}
	tests := []struct {
		name   string
		change func(*schedule.Network)
		code   lanyan.Code
		text   string
	}{
		{"two constraints", func(n *schedule.Network) {
			n.Activities[0].Constraint = schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: at(2025, 3, 4, 8, 0)}
			n.Activities[0].Constraint2 = schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(2025, 3, 7, 17, 0)}
		}, lanyan.CodeInvalid, `activity "A": constraint2`},
		{"duplicate id", func(n *schedule.Network) { n.Activities[1].ID = "A" }, lanyan.CodeInvalid, `activity "A": id`},
		{"unknown pred", func(n *schedule.Network) { n.Links[0].Pred = "X" }, lanyan.CodeNotFound, `link 0 (X→B): pred`},
		{"unknown parent", func(n *schedule.Network) { n.Activities[1].Parent = "Z" }, lanyan.CodeNotFound, `activity "B": parent`},
		{"parent not summary", func(n *schedule.Network) { n.Activities[1].Parent = "A" }, lanyan.CodeInvalid, `not a WBS summary`},
		{"unknown calendar", func(n *schedule.Network) { n.Activities[1].Calendar = "night" }, lanyan.CodeNotFound, `activity "B": calendar`},
		{"negative duration", func(n *schedule.Network) { n.Activities[1].Duration = -1 }, lanyan.CodeInvalid, `activity "B": duration`},
		{"bad period", func(n *schedule.Network) {
			c := schedule.StandardFiveDay()
			c.Week[time.Monday] = []schedule.Period{{Start: 600, End: 500}}
			n.Calendars = []schedule.Calendar{c}
		}, lanyan.CodeInvalid, `calendar "standard": week.Monday`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net := good()
			tt.change(net)
			var buf bytes.Buffer
			err := mspdi.Write(&buf, &schedule.Imported{Network: net})
			require.Error(t, err)
			assert.Equal(t, tt.code, lanyan.CodeOf(err))
			assert.Contains(t, err.Error(), tt.text)
			assert.Zero(t, buf.Len(), "nothing written on error")
		})
	}
	require.ErrorIs(t, mspdi.Write(&bytes.Buffer{}, nil), lanyan.ErrInvalid)
	require.ErrorIs(t, mspdi.Write(&bytes.Buffer{}, &schedule.Imported{}), lanyan.ErrInvalid)
	err := mspdi.Write(&failWriter{}, &schedule.Imported{Network: good()})
	require.Error(t, err)
	assert.Equal(t, lanyan.CodeInternal, lanyan.CodeOf(err))
}

func TestReadPlaceholderDates(t *testing.T) {
	imp, err := mspdi.Read(strings.NewReader(`<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-03-03T08:00:00</StartDate><Tasks>
<Task><UID>1</UID><Duration>PT8H0M0S</Duration><ActualStart>1899-12-30T00:00:00</ActualStart><EarlyStart>1900-01-01T00:00:00</EarlyStart>
<LateStart>2025-03-03T07:59:31</LateStart><LateFinish>2025-03-03T16:59:29.9</LateFinish></Task></Tasks></Project>`))
	require.NoError(t, err)
	assert.Zero(t, imp.Network.Activities[0].ActualStart, "1899-12-30 is no date")
	assert.Equal(t, at(1900, 1, 1, 0, 0), imp.Recorded[0].EarlyStart)
	assert.Equal(t, at(2025, 3, 3, 8, 0), imp.Recorded[0].LateStart, "seconds round to the minute")
	assert.Equal(t, at(2025, 3, 3, 16, 59), imp.Recorded[0].LateFinish)
}

func TestReadWeeklyRecurrence(t *testing.T) {
	imp, err := mspdi.Read(strings.NewReader(`<Project xmlns="http://schemas.microsoft.com/project"><CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID>
<WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking></WeekDay></WeekDays>
<Exceptions><Exception><TimePeriod><FromDate>2025-03-03T00:00:00</FromDate><ToDate>2025-03-31T23:59:00</ToDate></TimePeriod>
<Name>Fortnightly</Name><Type>6</Type><Period>2</Period><DaysOfWeek>34</DaysOfWeek><DayWorking>0</DayWorking></Exception></Exceptions>
</Calendar></Calendars></Project>`))
	require.NoError(t, err)
	// DaysOfWeek 34 = 0x02 Monday | 0x20 Friday, every second week from the week
	// of Monday 3 March.
	var days []string
	for _, e := range imp.Network.Calendars[0].Exceptions {
		assert.Equal(t, e.From, e.To)
		days = append(days, e.From.Format("2006-01-02"))
	}
	assert.Equal(t, []string{"2025-03-03", "2025-03-07", "2025-03-17", "2025-03-21", "2025-03-31"}, days)
}

// A link between two summaries links every leaf of one to every leaf of the
// other, and is written back as one link.
func TestSummaryToSummaryLink(t *testing.T) {
	in := `<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-03-03T08:00:00</StartDate><Tasks>
<Task><UID>1</UID><OutlineLevel>1</OutlineLevel></Task>
<Task><UID>2</UID><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
<Task><UID>3</UID><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration></Task>
<Task><UID>4</UID><OutlineLevel>1</OutlineLevel><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink></Task>
<Task><UID>5</UID><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
<Task><UID>6</UID><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
</Tasks></Project>`
	doc, err := mspdi.ReadDocument(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, []schedule.Link{
		{Pred: "2", Succ: "5"}, {Pred: "3", Succ: "5"}, {Pred: "2", Succ: "6"}, {Pred: "3", Succ: "6"},
	}, doc.Network.Links)
	res, err := schedule.Compute(doc.Network, doc.Network.Options)
	require.NoError(t, err)
	assert.Equal(t, at(2025, 3, 5, 17, 0), res.EarlyFinish)

	var buf bytes.Buffer
	require.NoError(t, mspdi.WriteDocument(&buf, doc))
	assert.Equal(t, 1, strings.Count(buf.String(), "<PredecessorLink>"))
	doc2, err := mspdi.ReadDocument(&buf)
	require.NoError(t, err)
	assert.Equal(t, doc.Network, doc2.Network)
}
