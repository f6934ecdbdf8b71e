package mspdi_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/mspdi"
)

// A small MS Project file: three tasks on the Standard calendar with a holiday
// on Friday 7 March, read, scheduled, and compared with the dates MS Project
// stored for the last task.
func Example() {
	const file = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <SaveVersion>14</SaveVersion>
  <StartDate>2025-03-03T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <MinutesPerDay>480</MinutesPerDay>
  <Calendars>
    <Calendar>
      <UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
      <WeekDays>
        <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>3</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>4</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>5</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>6</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
      </WeekDays>
      <Exceptions>
        <Exception>
          <TimePeriod><FromDate>2025-03-07T00:00:00</FromDate><ToDate>2025-03-07T23:59:00</ToDate></TimePeriod>
          <Name>Site closed</Name><DayWorking>0</DayWorking>
        </Exception>
      </Exceptions>
    </Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Pump house</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>1</UID><ID>1</ID><Name>Excavate</Name><OutlineLevel>1</OutlineLevel><Duration>PT24H0M0S</Duration></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Foundations</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink>
    </Task>
    <Task><UID>3</UID><ID>3</ID><Name>Handover</Name><OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration><Milestone>1</Milestone>
      <EarlyFinish>2025-03-11T17:00:00</EarlyFinish><TotalSlack>0</TotalSlack>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink>
    </Task>
  </Tasks>
</Project>`
	imp, err := mspdi.Read(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	net := imp.Network
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, a := range net.Activities {
		r := res.Activities[i]
		fmt.Printf("%s %-11s %-15s %s – %s\n", a.ID, a.Name, a.Kind, r.EarlyStart, r.EarlyFinish)
	}
	fmt.Println("MS Project:", imp.Recorded[2].EarlyFinish, "ours:", res.Activities[2].EarlyFinish)

	var out bytes.Buffer
	if err := mspdi.Write(&out, imp); err != nil {
		fmt.Println(err)
		return
	}
	back, err := mspdi.Read(&out)
	fmt.Println("written and read back:", err == nil && len(back.Network.Links) == len(net.Links))
	// Output:
	// 1 Excavate    task            2025-03-03T08:00 – 2025-03-05T17:00
	// 2 Foundations task            2025-03-06T08:00 – 2025-03-10T17:00
	// 3 Handover    finishMilestone 2025-03-11T17:00 – 2025-03-11T17:00
	// MS Project: 2025-03-11T17:00 ours: 2025-03-11T17:00
	// written and read back: true
}
