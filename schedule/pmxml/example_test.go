package pmxml_test

import (
	"fmt"
	"strings"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
)

// A small P6 export: the standard calendar, one WBS element and two activities
// linked finish to start, with the dates P6 computed. Read maps it (durations
// are hours in PMXML, minutes in the network), Compute schedules it, and
// CompareRecorded checks our dates against P6's.
func Example() {
	const file = `<?xml version="1.0" encoding="UTF-8"?>
<APIBusinessObjects xmlns="http://xmlns.oracle.com/Primavera/P6/V8.3/API/BusinessObjects">
  <Calendar>
    <ObjectId>1</ObjectId><Name>Standard</Name>
    <StandardWorkWeek>
      <StandardWorkHours><DayOfWeek>Monday</DayOfWeek>
        <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
        <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
      <StandardWorkHours><DayOfWeek>Tuesday</DayOfWeek>
        <WorkTime><Start>08:00:00</Start><Finish>11:59:00</Finish></WorkTime>
        <WorkTime><Start>13:00:00</Start><Finish>16:59:00</Finish></WorkTime></StandardWorkHours>
    </StandardWorkWeek>
  </Calendar>
  <Project>
    <ObjectId>100</ObjectId><Id>DEMO</Id><Name>Demo</Name>
    <ActivityDefaultCalendarObjectId>1</ActivityDefaultCalendarObjectId>
    <PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate>
    <WBS><ObjectId>10</ObjectId><Code>DEMO</Code><Name>Demo</Name></WBS>
    <Activity><ObjectId>1</ObjectId><Id>A1000</Id><Name>Excavate</Name><Type>Task Dependent</Type>
      <WBSObjectId>10</WBSObjectId><PlannedDuration>8</PlannedDuration>
      <EarlyStartDate>2025-03-03T08:00:00</EarlyStartDate><EarlyFinishDate>2025-03-03T17:00:00</EarlyFinishDate>
      <LateStartDate>2025-03-03T08:00:00</LateStartDate><LateFinishDate>2025-03-03T17:00:00</LateFinishDate>
      <TotalFloat>0</TotalFloat></Activity>
    <Activity><ObjectId>2</ObjectId><Id>A1010</Id><Name>Pour</Name><Type>Task Dependent</Type>
      <WBSObjectId>10</WBSObjectId><PlannedDuration>4</PlannedDuration>
      <EarlyStartDate>2025-03-04T08:00:00</EarlyStartDate><EarlyFinishDate>2025-03-04T12:00:00</EarlyFinishDate>
      <LateStartDate>2025-03-04T08:00:00</LateStartDate><LateFinishDate>2025-03-04T12:00:00</LateFinishDate>
      <TotalFloat>0</TotalFloat></Activity>
    <Relationship><ObjectId>1</ObjectId><PredecessorActivityObjectId>1</PredecessorActivityObjectId>
      <SuccessorActivityObjectId>2</SuccessorActivityObjectId><Type>Finish to Start</Type></Relationship>
  </Project>
</APIBusinessObjects>`
	imp, err := pmxml.Read(strings.NewReader(file), "DEMO")
	if err != nil {
		fmt.Println(err)
		return
	}
	net := imp.Network
	for _, a := range net.Activities {
		fmt.Printf("%-9s %-8s %-12s %4d min, under %q\n", a.ID, a.Name, a.Kind, a.Duration, a.Parent)
	}
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := schedule.CompareRecorded(net, res, imp.Recorded)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)
	// Output:
	// WBS:DEMO  Demo     wbsSummary      0 min, under ""
	// A1000     Excavate task          480 min, under "WBS:DEMO"
	// A1010     Pour     task          240 min, under "WBS:DEMO"
	// parity: early 2/2 late 2/2 float 2/2
}
