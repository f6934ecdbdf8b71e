package pmxml_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
)

// FuzzRead feeds Read any bytes (see checkRead for what must hold).
func FuzzRead(f *testing.F) {
	f.Add([]byte(mappingDoc))
	f.Add([]byte(doc(standardCalendar + twoProjects)))
	f.Add([]byte(doc(`<Project><ObjectId>1</ObjectId><PlannedStartDate>2025-03-03T08:00:00</PlannedStartDate>
<WBS><ObjectId>1</ObjectId><Code>A</Code></WBS><WBS><ObjectId>2</ObjectId><Code>B</Code><ParentObjectId>1</ParentObjectId></WBS>
<Activity><ObjectId>1</ObjectId><Id>S</Id><Type>WBS Summary</Type><WBSObjectId>2</WBSObjectId></Activity>
<Activity><ObjectId>2</ObjectId><Id>T</Id><PlannedDuration>8</PlannedDuration><WBSObjectId>2</WBSObjectId></Activity>
<Relationship><ObjectId>1</ObjectId><PredecessorActivityObjectId>2</PredecessorActivityObjectId><SuccessorActivityObjectId>1</SuccessorActivityObjectId><Type>Start to Start</Type><Lag>-1.5</Lag></Relationship>
</Project>`)))
	f.Add([]byte(`<APIBusinessObjects><Project/></APIBusinessObjects>`))
	f.Fuzz(checkRead)
}

// FuzzReadFields puts fuzzed text into the fields of a well-formed document, so
// that the value parsers and the round trip see far more than whole-document
// mutations reach.
func FuzzReadFields(f *testing.F) {
	f.Add("40", "-8", "2025-03-03T08:00:00", "TWR", "Piling", "08:00:00", "11:59:00", "0.7", "8", "11", "Start On or After")
	f.Add("16.5", "2.25", "2025-03-10", "", " ", "00:00", "00:00", "1", "24", "007", "Mandatory Finish")
	f.Add("0", "0", "9999-12-31T23:59:59", "A.B", "\n", "13:00:00", "16:30:00", "0", "0", "-5", "As Late As Possible")
	f.Fuzz(func(t *testing.T, dur, lag, when, code, name, start, finish, pct, hpd, oid, constraint string) {
		esc := func(s string) string {
			var sb strings.Builder
			_ = xml.EscapeText(&sb, []byte(s))
			return sb.String()
		}
		in := doc(`<Calendar><ObjectId>` + esc(oid) + `</ObjectId><HoursPerDay>` + esc(hpd) + `</HoursPerDay>
<StandardWorkWeek><StandardWorkHours><DayOfWeek>Monday</DayOfWeek><WorkTime><Start>` + esc(start) + `</Start><Finish>` + esc(finish) + `</Finish></WorkTime></StandardWorkHours></StandardWorkWeek>
<HolidayOrExceptions><HolidayOrException><Date>` + esc(when) + `</Date></HolidayOrException></HolidayOrExceptions></Calendar>
<Project><ObjectId>1</ObjectId><Name>` + esc(name) + `</Name><PlannedStartDate>` + esc(when) + `</PlannedStartDate><WBSCodeSeparator>` + esc(code) + `</WBSCodeSeparator>
<WBS><ObjectId>` + esc(oid) + `</ObjectId><Code>` + esc(code) + `</Code><Name>` + esc(name) + `</Name></WBS>
<WBS><ObjectId>2</ObjectId><Code>` + esc(name) + `</Code><ParentObjectId>` + esc(oid) + `</ParentObjectId></WBS>
<Activity><ObjectId>1</ObjectId><Id>` + esc(name) + `</Id><CalendarObjectId>` + esc(oid) + `</CalendarObjectId><WBSObjectId>2</WBSObjectId>
<PlannedDuration>` + esc(dur) + `</PlannedDuration><DurationPercentComplete>` + esc(pct) + `</DurationPercentComplete>
<PrimaryConstraintType>` + esc(constraint) + `</PrimaryConstraintType><PrimaryConstraintDate>` + esc(when) + `</PrimaryConstraintDate>
<TotalFloat>` + esc(lag) + `</TotalFloat><EarlyStartDate>` + esc(when) + `</EarlyStartDate></Activity>
<Activity><ObjectId>2</ObjectId><Id>B</Id><Type>WBS Summary</Type><WBSObjectId>2</WBSObjectId><RemainingDuration>` + esc(dur) + `</RemainingDuration></Activity>
<Relationship><ObjectId>1</ObjectId><PredecessorActivityObjectId>1</PredecessorActivityObjectId><SuccessorActivityObjectId>` + esc(oid) + `</SuccessorActivityObjectId><Lag>` + esc(lag) + `</Lag></Relationship>
</Project>`)
		checkRead(t, []byte(in))
	})
}

// checkRead reads data: Read must not panic, an error must be a *lanyan.Error
// with nothing beside it, and a project it reads must come back unchanged from
// Write and Read.
func checkRead(t *testing.T, data []byte) {
	t.Helper()
	watchdog := time.AfterFunc(10*time.Second, func() { panic("reading ran for over 10 s") })
	defer watchdog.Stop()
	imp, ext, err := pmxml.ReadWithExternal(bytes.NewReader(data), "")
	if err != nil {
		var e *lanyan.Error
		if imp != nil || ext != nil || !errors.As(err, &e) {
			t.Fatalf("error %v (%T) came with a result or is no *lanyan.Error", err, err)
		}
		return
	}
	var out bytes.Buffer
	if err := pmxml.Write(&out, imp); err != nil {
		t.Fatalf("Write refused what Read gave: %v", err)
	}
	again, err := pmxml.Read(bytes.NewReader(out.Bytes()), "")
	if err != nil {
		t.Fatalf("Read refused what Write wrote: %v\n%s", err, out.String())
	}
	if !reflect.DeepEqual(imp.Network, again.Network) {
		t.Fatalf("the network changed on the way round:\n%+v\n%+v", imp.Network, again.Network)
	}
	if !reflect.DeepEqual(imp.Recorded, again.Recorded) {
		t.Fatalf("the recorded values changed on the way round:\n%+v\n%+v", imp.Recorded, again.Recorded)
	}
}
