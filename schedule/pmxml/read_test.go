package pmxml_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
)

// doc wraps elements in an APIBusinessObjects root as P6 8.3 writes it.
func doc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<APIBusinessObjects xmlns="http://xmlns.oracle.com/Primavera/P6/V8.3/API/BusinessObjects" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
` + body + `
</APIBusinessObjects>`
}

const standardCalendar = `
<Calendar>
  <ObjectId>1</ObjectId><Name>Standard</Name><Type>Global</Type><HoursPerDay>8</HoursPerDay>
  <BaseCalendarObjectId xsi:nil="true"/>
  <StandardWorkWeek>
    <StandardWorkHours><DayOfWeek>Sunday</DayOfWeek><WorkTime xsi:nil="true"/></StandardWorkHours>
    <StandardWorkHours><DayOfWeek>Monday</DayOfWeek>
      <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
      <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
    <StandardWorkHours><DayOfWeek>Tuesday</DayOfWeek>
      <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
      <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
    <StandardWorkHours><DayOfWeek>Wednesday</DayOfWeek>
      <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
      <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
    <StandardWorkHours><DayOfWeek>Thursday</DayOfWeek>
      <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
      <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
    <StandardWorkHours><DayOfWeek>Friday</DayOfWeek>
      <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
      <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
    <StandardWorkHours><DayOfWeek>Saturday</DayOfWeek><WorkTime xsi:nil="true"/></StandardWorkHours>
  </StandardWorkWeek>
  <HolidayOrExceptions>
    <HolidayOrException><Date>2025-04-04T00:00:00</Date></HolidayOrException>
  </HolidayOrExceptions>
</Calendar>`

// mappingDoc exercises every field Read maps. The expected network in
// TestReadMapping is spelled out from it by hand.
var mappingDoc = doc(standardCalendar + `
<Calendar>
  <ObjectId>2</ObjectId><Name>Crane crew</Name><Type>Resource</Type>
  <StandardWorkWeek><StandardWorkHours><DayOfWeek>Monday</DayOfWeek>
    <WorkTime><Start>06:00:00</Start><Finish>13:59:00</Finish></WorkTime></StandardWorkHours></StandardWorkWeek>
</Calendar>
<Calendar>
  <ObjectId>3</ObjectId><Name>Unused crew</Name><Type>Resource</Type>
  <StandardWorkWeek><StandardWorkHours><DayOfWeek>Monday</DayOfWeek>
    <WorkTime><Start>06:00:00</Start><Finish>13:59:00</Finish></WorkTime></StandardWorkHours></StandardWorkWeek>
</Calendar>
<Calendar>
  <ObjectId>9</ObjectId><Name>Other project's</Name><Type>Project</Type><ProjectObjectId>99</ProjectObjectId>
</Calendar>
<Project>
  <ActivityDefaultCalendarObjectId>1</ActivityDefaultCalendarObjectId>
  <CriticalActivityFloatLimit>8</CriticalActivityFloatLimit>
  <DataDate>2025-03-05T13:00:00</DataDate>
  <Id>TWR-A</Id>
  <MustFinishByDate>2025-04-30T17:00:00</MustFinishByDate>
  <Name>Tower A</Name>
  <ObjectId>4711</ObjectId>
  <PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate>
  <RelationshipLagCalendar>Successor Activity Calendar</RelationshipLagCalendar>
  <StartDate>2025-03-01T08:00:00</StartDate>
  <WBSCodeSeparator>-</WBSCodeSeparator>
  <ScheduleOptions>
    <ComputeTotalFloatType>Smallest of Start Float and Finish Float</ComputeTotalFloatType>
    <OutOfSequenceScheduleType>Progress Override</OutOfSequenceScheduleType>
    <RelationshipLagCalendar>24 Hour Calendar</RelationshipLagCalendar>
  </ScheduleOptions>
  <Calendar>
    <ObjectId>7</ObjectId><Name>Six-day</Name><Type>Project</Type><BaseCalendarObjectId>1</BaseCalendarObjectId>
    <StandardWorkWeek><StandardWorkHours><DayOfWeek>Saturday</DayOfWeek>
      <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime></StandardWorkHours></StandardWorkWeek>
    <HolidayOrExceptions><HolidayOrException><Date>2025-03-08T00:00:00</Date>
      <WorkTime><Start>09:00:00</Start><Finish>10:30:00</Finish></WorkTime></HolidayOrException></HolidayOrExceptions>
  </Calendar>
  <WBS><Code>TWR</Code><Name>Tower</Name><ObjectId>100</ObjectId><ParentObjectId>4711</ParentObjectId></WBS>
  <WBS><Code>S</Code><Name>Structure</Name><ObjectId>101</ObjectId><ParentObjectId>100</ParentObjectId></WBS>
  <Activity>
    <Id>A10</Id><Name>Piling</Name><ObjectId>11</ObjectId><Type>Task Dependent</Type><WBSObjectId>101</WBSObjectId>
    <PlannedDuration>40</PlannedDuration><RemainingDuration>12</RemainingDuration><Status>In Progress</Status>
    <ActualStartDate>2025-03-03T08:00:00</ActualStartDate>
    <DurationPercentComplete>0.7</DurationPercentComplete><PercentComplete>0.5</PercentComplete><PercentCompleteType>Physical</PercentCompleteType>
    <EarlyStartDate>2025-03-03T08:00:00</EarlyStartDate><EarlyFinishDate>2025-03-06T17:00:00</EarlyFinishDate>
    <LateStartDate>2025-03-04T08:00:00</LateStartDate><LateFinishDate>2025-03-07T17:00:00</LateFinishDate>
    <TotalFloat>8</TotalFloat>
  </Activity>
  <Activity>
    <Id>A20</Id><Name>Pile caps</Name><ObjectId>12</ObjectId><Type>Resource Dependent</Type><WBSObjectId>101</WBSObjectId>
    <CalendarObjectId>7</CalendarObjectId><PlannedDuration>16.5</PlannedDuration><Status>Not Started</Status>
    <PrimaryConstraintType>Start On or After</PrimaryConstraintType><PrimaryConstraintDate>2025-03-10T08:00:00</PrimaryConstraintDate>
    <SecondaryConstraintType>Finish On or Before</SecondaryConstraintType><SecondaryConstraintDate>2025-03-21T17:00:00</SecondaryConstraintDate>
    <TotalFloat>-4</TotalFloat>
  </Activity>
  <Activity>
    <Id>A30</Id><Name>Crane on site</Name><ObjectId>13</ObjectId><Type>Finish Milestone</Type><WBSObjectId>100</WBSObjectId>
    <CalendarObjectId>2</CalendarObjectId><PlannedDuration>8</PlannedDuration>
    <PrimaryConstraintType>As Late As Possible</PrimaryConstraintType><PrimaryConstraintDate>2025-03-20T08:00:00</PrimaryConstraintDate>
  </Activity>
  <Activity>
    <Id>A40</Id><Name>Site supervision</Name><ObjectId>14</ObjectId><Type>Level of Effort</Type>
    <PlannedDuration>80</PlannedDuration><PercentComplete>0.25</PercentComplete><PercentCompleteType>Duration</PercentCompleteType>
  </Activity>
  <Activity>
    <Id>A50</Id><Name>Survey</Name><ObjectId>15</ObjectId><Type>Start Milestone</Type><WBSObjectId>100</WBSObjectId>
    <Status>Completed</Status><ActualStartDate>2025-03-03T08:00:00</ActualStartDate>
    <PrimaryConstraintType>Mandatory Start</PrimaryConstraintType><PrimaryConstraintDate>2025-03-03T08:00:00</PrimaryConstraintDate>
  </Activity>
  <Relationship><ObjectId>1</ObjectId><PredecessorActivityObjectId>11</PredecessorActivityObjectId>
    <SuccessorActivityObjectId>12</SuccessorActivityObjectId><Type>Finish to Start</Type><Lag>-8</Lag></Relationship>
  <Relationship><ObjectId>2</ObjectId><PredecessorActivityObjectId>15</PredecessorActivityObjectId>
    <SuccessorActivityObjectId>11</SuccessorActivityObjectId><Type>Start to Finish</Type></Relationship>
  <Relationship><ObjectId>3</ObjectId><PredecessorActivityObjectId>12</PredecessorActivityObjectId>
    <SuccessorActivityObjectId>13</SuccessorActivityObjectId><Type>Finish to Finish</Type><Lag>2.25</Lag></Relationship>
  <Relationship><ObjectId>4</ObjectId><PredecessorActivityObjectId>901</PredecessorActivityObjectId>
    <SuccessorActivityObjectId>12</SuccessorActivityObjectId><Type>Start to Start</Type><Lag>16</Lag></Relationship>
</Project>`)

func TestReadMapping(t *testing.T) {
	imp, ext, err := pmxml.ReadWithExternal(strings.NewReader(mappingDoc), "")
	require.NoError(t, err)
	day := []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	d := func(s string) date.Date {
		v, err := schedule.ParseDate(s)
		require.NoError(t, err)
		return v
	}
	want := &schedule.Network{
		Project: schedule.Project{ID: "TWR-A", Name: "Tower A", Start: at(t, "2025-03-03T08:00"), DefaultCalendar: "1"},
		Options: schedule.Options{
			DataDate:      at(t, "2025-03-05T13:00"),
			MustFinishBy:  at(t, "2025-04-30T17:00"),
			LagCalendar:   schedule.LagSuccessor, // Project's field wins over ScheduleOptions'
			FloatType:     schedule.SmallestFloat,
			CriticalFloat: 8 * 60,
			Progress:      schedule.ProgressOverride,
		},
		Calendars: []schedule.Calendar{
			{ID: "1", Name: "Standard", HoursPerDay: 8,
				Week:       schedule.WorkWeek{{}, day, day, day, day, day, {}},
				Exceptions: []schedule.Exception{{From: d("2025-04-04"), To: d("2025-04-04")}}},
			{ID: "2", Name: "Crane crew", Week: schedule.WorkWeek{1: {schedule.Span(6, 0, 14, 0)}}},
			{ID: "7", Name: "Six-day", Base: "1",
				Week:       schedule.WorkWeek{6: {schedule.Span(8, 0, 12, 0)}},
				Exceptions: []schedule.Exception{{From: d("2025-03-08"), To: d("2025-03-08"), Periods: []schedule.Period{schedule.Span(9, 0, 10, 30)}}}},
		},
		Activities: []schedule.Activity{
			{ID: "WBS:TWR", Name: "Tower", Kind: schedule.WBSSummary},
			{ID: "WBS:TWR-S", Name: "Structure", Kind: schedule.WBSSummary, Parent: "WBS:TWR"},
			{ID: "A10", Name: "Piling", Parent: "WBS:TWR-S", Duration: 40 * 60, RemainingDuration: 12 * 60,
				ActualStart: at(t, "2025-03-03T08:00"), PercentComplete: 70},
			{ID: "A20", Name: "Pile caps", Parent: "WBS:TWR-S", Calendar: "7", Duration: 16*60 + 30, RemainingDuration: -1,
				Constraint:  schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: at(t, "2025-03-10T08:00")},
				Constraint2: schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(t, "2025-03-21T17:00")}},
			{ID: "A30", Name: "Crane on site", Kind: schedule.FinishMilestone, Parent: "WBS:TWR", Calendar: "2", RemainingDuration: -1,
				Constraint: schedule.Constraint{Type: schedule.ALAP}},
			{ID: "A40", Name: "Site supervision", Kind: schedule.LevelOfEffort, Duration: 80 * 60, RemainingDuration: -1, PercentComplete: 25},
			{ID: "A50", Name: "Survey", Kind: schedule.StartMilestone, Parent: "WBS:TWR", RemainingDuration: -1,
				ActualStart: at(t, "2025-03-03T08:00"),
				Constraint:  schedule.Constraint{Type: schedule.MandatoryStart, Date: at(t, "2025-03-03T08:00")}},
		},
		Links: []schedule.Link{
			{Pred: "A10", Succ: "A20", Type: schedule.FS, Lag: -8 * 60},
			{Pred: "A50", Succ: "A10", Type: schedule.SF},
			{Pred: "A20", Succ: "A30", Type: schedule.FF, Lag: 135},
		},
	}
	assert.Equal(t, want, imp.Network)
	assert.Equal(t, []schedule.Recorded{{}, {},
		{EarlyStart: at(t, "2025-03-03T08:00"), EarlyFinish: at(t, "2025-03-06T17:00"),
			LateStart: at(t, "2025-03-04T08:00"), LateFinish: at(t, "2025-03-07T17:00"), TotalFloat: 480, HasTotalFloat: true, Remaining: true},
		{TotalFloat: -240, HasTotalFloat: true}, {}, {}, {}}, imp.Recorded)
	assert.Equal(t, []pmxml.ExternalRelationship{{ObjectID: "4", PredecessorObjectID: "901", SuccessorObjectID: "12",
		Succ: "A20", Type: schedule.SS, Lag: 16 * 60}}, ext)
	assert.Equal(t, "Primavera P6 8.3", imp.Tool) // from the namespace, as nothing else names the tool

	_, err = schedule.Compute(imp.Network, imp.Network.Options)
	require.NoError(t, err)
	roundTrip(t, imp)
}

// roundTrip writes imp and reads it back: the network and recorded values must
// come back unchanged.
func roundTrip(t *testing.T, imp *schedule.Imported) {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, pmxml.Write(&out, imp))
	again, err := pmxml.Read(&out, "")
	require.NoError(t, err, out.String())
	assert.Equal(t, imp.Network, again.Network)
	assert.Equal(t, imp.Recorded, again.Recorded)
}

// A P6 WBS Summary activity spans its WBS element: it takes the element's place
// as the parent of what the element holds; two in one element chain.
func TestReadWBSSummaryActivities(t *testing.T) {
	in := doc(standardCalendar + `
<Project>
  <ObjectId>1</ObjectId><PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate>
  <ActivityDefaultCalendarObjectId>1</ActivityDefaultCalendarObjectId>
  <WBS><Code>1</Code><Name>Works</Name><ObjectId>10</ObjectId></WBS>
  <WBS><Code>1</Code><Name>Sub</Name><ObjectId>11</ObjectId><ParentObjectId>10</ParentObjectId></WBS>
  <Activity><Id>S1</Id><ObjectId>1</ObjectId><Type>WBS Summary</Type><WBSObjectId>10</WBSObjectId></Activity>
  <Activity><Id>T1</Id><ObjectId>2</ObjectId><PlannedDuration>16</PlannedDuration><WBSObjectId>10</WBSObjectId></Activity>
  <Activity><Id>S2</Id><ObjectId>3</ObjectId><Type>WBS Summary</Type><WBSObjectId>10</WBSObjectId></Activity>
  <Activity><Id>T2</Id><ObjectId>4</ObjectId><PlannedDuration>8</PlannedDuration><WBSObjectId>11</WBSObjectId></Activity>
  <Activity><Id>P</Id><ObjectId>5</ObjectId><Type>WBS Summary</Type></Activity>
  <Activity><Id>T3</Id><ObjectId>6</ObjectId><PlannedDuration>8</PlannedDuration></Activity>
  <Relationship><ObjectId>1</ObjectId><PredecessorActivityObjectId>2</PredecessorActivityObjectId>
    <SuccessorActivityObjectId>4</SuccessorActivityObjectId><Type>Finish to Start</Type></Relationship>
</Project>`)
	imp, err := pmxml.Read(strings.NewReader(in), "")
	require.NoError(t, err)
	parents := map[string]string{}
	for _, a := range imp.Network.Activities {
		parents[a.ID] = a.Parent
	}
	assert.Equal(t, map[string]string{
		"P":       "",      // the project level's summary
		"WBS:1":   "P",     // top-level content hangs under it
		"T3":      "P",     //
		"S1":      "WBS:1", // the first summary in WBS 10
		"S2":      "S1",    // the second, under the first
		"T1":      "S2",    // WBS 10's content under the last
		"WBS:1.1": "S2",    //
		"T2":      "WBS:1.1",
	}, parents)
	res, err := schedule.Compute(imp.Network, imp.Network.Options)
	require.NoError(t, err)
	// S1 spans T1 (Mon–Tue) and T2 (Wed): 2025-03-03 08:00 to 2025-03-05 17:00.
	i, _ := find(t, imp.Network, "S1")
	assert.Equal(t, at(t, "2025-03-03T08:00"), res.Activities[i].EarlyStart)
	assert.Equal(t, at(t, "2025-03-05T17:00"), res.Activities[i].EarlyFinish)
	roundTrip(t, imp)
}

const twoProjects = `
<Project><ObjectId>1</ObjectId><Id>ALPHA</Id><Name>Alpha</Name><DataDate>2025-03-03T08:00:00</DataDate>
  <PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate>
  <Activity><Id>A1</Id><ObjectId>10</ObjectId></Activity>
  <Relationship><ObjectId>7</ObjectId><PredecessorActivityObjectId>10</PredecessorActivityObjectId>
    <SuccessorActivityObjectId>20</SuccessorActivityObjectId><Type>Finish to Start</Type></Relationship>
</Project>
<Project><ObjectId>2</ObjectId><Id>BETA</Id><Name>Beta</Name><PlannedStartDate>2025-04-01T08:00:00</PlannedStartDate>
  <Activity><Id>B1</Id><ObjectId>20</ObjectId></Activity>
  <Activity><Id>B2</Id><ObjectId>21</ObjectId></Activity>
</Project>`

func TestReadChoosesProject(t *testing.T) {
	in := doc(standardCalendar + twoProjects)
	ps, err := pmxml.Projects(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, []pmxml.ProjectInfo{
		{ObjectID: "1", ID: "ALPHA", Name: "Alpha", DataDate: "2025-03-03T08:00:00", Activities: 1},
		{ObjectID: "2", ID: "BETA", Name: "Beta", Activities: 2},
	}, ps)

	_, err = pmxml.Read(strings.NewReader(in), "")
	require.Error(t, err)
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
	assert.Contains(t, err.Error(), "Project ObjectId 1, Project ObjectId 2")

	imp, ext, err := pmxml.ReadWithExternal(strings.NewReader(in), "1")
	require.NoError(t, err)
	assert.Equal(t, "ALPHA", imp.Network.Project.ID)
	assert.Empty(t, imp.Network.Project.DefaultCalendar) // none named; Compute takes the only calendar
	assert.Empty(t, imp.Network.Links)
	assert.Equal(t, []pmxml.ExternalRelationship{{ObjectID: "7", PredecessorObjectID: "10", SuccessorObjectID: "20", Pred: "A1"}}, ext)

	imp, err = pmxml.Read(strings.NewReader(in), "BETA")
	require.NoError(t, err)
	assert.Equal(t, "Beta", imp.Network.Project.Name)
	assert.Len(t, imp.Network.Activities, 2)

	_, err = pmxml.Read(strings.NewReader(in), "GAMMA")
	assert.ErrorIs(t, err, lanyan.ErrNotFound)
}

func TestReadErrors(t *testing.T) {
	project := func(body string) string {
		return doc(standardCalendar + `<Project><ObjectId>1</ObjectId><PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate>` + body + `</Project>`)
	}
	activity := func(fields string) string {
		return project(`<Activity><ObjectId>11</ObjectId><Id>A1</Id>` + fields + `</Activity>`)
	}
	cases := []struct {
		name, in      string
		code          lanyan.Code
		record, field string
	}{
		{"not XML", "this is not XML", lanyan.CodeInvalid, "PMXML", ""},
		{"truncated", doc(`<Project><ObjectId>1</ObjectId>`)[:120], lanyan.CodeInvalid, "PMXML", ""},
		{"wrong root", `<Project><ObjectId>1</ObjectId></Project>`, lanyan.CodeInvalid, "PMXML", ""},
		{"no project", doc(standardCalendar), lanyan.CodeNotFound, "PMXML", "Project"},
		{"data date", project(`<DataDate>2025-02-29T08:00:00</DataDate>`), lanyan.CodeInvalid, "Project ObjectId 1", "DataDate"},
		{"lag calendar", project(`<RelationshipLagCalendar>Moon</RelationshipLagCalendar>`), lanyan.CodeInvalid, "Project ObjectId 1", "RelationshipLagCalendar"},
		{"default calendar", project(`<ActivityDefaultCalendarObjectId>5</ActivityDefaultCalendarObjectId>`), lanyan.CodeNotFound, "Project ObjectId 1", "ActivityDefaultCalendarObjectId"},
		{"duration", activity(`<PlannedDuration>eight</PlannedDuration>`), lanyan.CodeInvalid, "Activity ObjectId 11", "PlannedDuration"},
		{"negative duration", activity(`<PlannedDuration>-8</PlannedDuration>`), lanyan.CodeInvalid, "Activity ObjectId 11", "PlannedDuration"},
		{"endless duration", activity(`<PlannedDuration>1e12</PlannedDuration>`), lanyan.CodeInvalid, "Activity ObjectId 11", "PlannedDuration"},
		{"type", activity(`<Type>Hammock</Type>`), lanyan.CodeInvalid, "Activity ObjectId 11", "Type"},
		{"calendar", activity(`<CalendarObjectId>99</CalendarObjectId>`), lanyan.CodeNotFound, "Activity ObjectId 11", "CalendarObjectId"},
		{"constraint date", activity(`<PrimaryConstraintType>Start On</PrimaryConstraintType>`), lanyan.CodeInvalid, "Activity ObjectId 11", "PrimaryConstraintDate"},
		{"constraint type", activity(`<SecondaryConstraintType>Start Soon</SecondaryConstraintType>`), lanyan.CodeInvalid, "Activity ObjectId 11", "SecondaryConstraintType"},
		{"percent", activity(`<DurationPercentComplete>50</DurationPercentComplete>`), lanyan.CodeInvalid, "Activity ObjectId 11", "DurationPercentComplete"},
		{"completed", activity(`<Status>Completed</Status>`), lanyan.CodeInvalid, "Activity ObjectId 11", "ActualFinishDate"},
		{"not started", activity(`<Status>Not Started</Status><ActualStartDate>2025-03-03T08:00:00</ActualStartDate>`), lanyan.CodeInvalid, "Activity ObjectId 11", "Status"},
		{"actual start", activity(`<ActualStartDate>2025-03-03T25:00:00</ActualStartDate>`), lanyan.CodeInvalid, "Activity ObjectId 11", "ActualStartDate"},
		{"total float", activity(`<TotalFloat>NaN</TotalFloat>`), lanyan.CodeInvalid, "Activity ObjectId 11", "TotalFloat"},
		{"no id", project(`<Activity><ObjectId>11</ObjectId></Activity>`), lanyan.CodeInvalid, "Activity ObjectId 11", "Id"},
		{"no object id", project(`<Activity><Id>A1</Id></Activity>`), lanyan.CodeInvalid, "Activity #1", "ObjectId"},
		{"same id", project(`<Activity><ObjectId>11</ObjectId><Id>A1</Id></Activity><Activity><ObjectId>12</ObjectId><Id>A1</Id></Activity>`),
			lanyan.CodeInvalid, "Activity ObjectId 12", "Id"},
		{"reserved id", activity(`<Type>WBS Summary</Type><Id>WBS:1</Id>`), lanyan.CodeInvalid, "Activity ObjectId 11", "Id"},
		{"relationship type", project(`<Activity><ObjectId>11</ObjectId><Id>A1</Id></Activity><Activity><ObjectId>12</ObjectId><Id>A2</Id></Activity>
			<Relationship><ObjectId>5</ObjectId><PredecessorActivityObjectId>11</PredecessorActivityObjectId><SuccessorActivityObjectId>12</SuccessorActivityObjectId><Type>Sideways</Type></Relationship>`),
			lanyan.CodeInvalid, "Relationship ObjectId 5", "Type"},
		{"relationship lag", project(`<Activity><ObjectId>11</ObjectId><Id>A1</Id></Activity><Activity><ObjectId>12</ObjectId><Id>A2</Id></Activity>
			<Relationship><ObjectId>5</ObjectId><PredecessorActivityObjectId>11</PredecessorActivityObjectId><SuccessorActivityObjectId>12</SuccessorActivityObjectId><Lag>soon</Lag></Relationship>`),
			lanyan.CodeInvalid, "Relationship ObjectId 5", "Lag"},
		{"relationship end", project(`<Activity><ObjectId>11</ObjectId><Id>A1</Id></Activity>
			<Relationship><ObjectId>5</ObjectId><PredecessorActivityObjectId>11</PredecessorActivityObjectId></Relationship>`),
			lanyan.CodeInvalid, "Relationship ObjectId 5", "SuccessorActivityObjectId"},
		{"WBS loop", project(`<WBS><ObjectId>1</ObjectId><Code>A</Code><ParentObjectId>2</ParentObjectId></WBS><WBS><ObjectId>2</ObjectId><Code>B</Code><ParentObjectId>1</ParentObjectId></WBS>`),
			lanyan.CodeInvalid, "WBS ObjectId 1", "ParentObjectId"},
		{"WBS codes", project(`<WBS><ObjectId>1</ObjectId><Code>A</Code></WBS><WBS><ObjectId>2</ObjectId><Code>A</Code></WBS>`),
			lanyan.CodeInvalid, "WBS ObjectId 2", "Code"},
		{"work time", doc(`<Calendar><ObjectId>1</ObjectId><StandardWorkWeek><StandardWorkHours><DayOfWeek>Monday</DayOfWeek>
			<WorkTime><Start>17:00:00</Start><Finish>08:00:00</Finish></WorkTime></StandardWorkHours></StandardWorkWeek></Calendar><Project/>`),
			lanyan.CodeInvalid, "Calendar ObjectId 1", "StandardWorkWeek.Monday.WorkTime"},
		{"day of week", doc(`<Calendar><ObjectId>1</ObjectId><StandardWorkWeek><StandardWorkHours><DayOfWeek>Caturday</DayOfWeek>
			</StandardWorkHours></StandardWorkWeek></Calendar><Project/>`),
			lanyan.CodeInvalid, "Calendar ObjectId 1", "StandardWorkWeek.DayOfWeek"},
		{"holiday", doc(`<Calendar><ObjectId>1</ObjectId><HolidayOrExceptions><HolidayOrException><Date>2025-13-01T00:00:00</Date>
			</HolidayOrException></HolidayOrExceptions></Calendar><Project/>`),
			lanyan.CodeInvalid, "Calendar ObjectId 1", "HolidayOrException[0].Date"},
		{"base calendar", doc(`<Calendar><ObjectId>1</ObjectId><BaseCalendarObjectId>8</BaseCalendarObjectId></Calendar><Project/>`),
			lanyan.CodeNotFound, "Calendar ObjectId 1", "BaseCalendarObjectId"},
		{"hours per day", doc(`<Calendar><ObjectId>1</ObjectId><HoursPerDay>25</HoursPerDay></Calendar><Project/>`),
			lanyan.CodeInvalid, "Calendar ObjectId 1", "HoursPerDay"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			imp, ext, err := pmxml.ReadWithExternal(strings.NewReader(c.in), "")
			require.Error(t, err)
			assert.Nil(t, imp, "no partial network")
			assert.Nil(t, ext)
			var e *lanyan.Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			assert.Equal(t, c.code, e.Code, err.Error())
			assert.Equal(t, c.record, e.Record, err.Error())
			assert.Equal(t, c.field, e.Field, err.Error())
		})
	}
}

func TestReadEncodings(t *testing.T) {
	body := `<APIBusinessObjects xmlns="http://xmlns.oracle.com/Primavera/P6/V8.3/API/BusinessObjects">
<Project><ObjectId>1</ObjectId><Name>Caf` + "\u00e9" + ` 工程</Name><PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate></Project></APIBusinessObjects>`
	latin1 := []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>
<APIBusinessObjects xmlns="http://xmlns.oracle.com/Primavera/P6/V8.3/API/BusinessObjects">
<Project><ObjectId>1</ObjectId><Name>Caf` + "\xe9" + `</Name></Project></APIBusinessObjects>`)
	utf16 := []byte{0xFF, 0xFE} // little-endian, with its byte-order mark
	for _, r := range `<?xml version="1.0" encoding="UTF-16"?>` + body {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>"), body...), "Caf\u00e9 工程"},
		{"ISO-8859-1", latin1, "Caf\u00e9"},
		{"UTF-16", utf16, "Caf\u00e9 工程"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			imp, err := pmxml.Read(bytes.NewReader(c.in), "")
			require.NoError(t, err)
			assert.Equal(t, c.want, imp.Network.Project.Name)
		})
	}
	_, err := pmxml.Read(strings.NewReader(`<?xml version="1.0" encoding="x-klingon"?><APIBusinessObjects/>`), "")
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
}
