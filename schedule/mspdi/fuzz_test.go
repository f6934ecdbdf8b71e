package mspdi_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/mspdi"
)

// FuzzRead: arbitrary bytes never panic; an error is a *lanyan.Error with no
// network; a file that reads writes, and reads back as the same network and
// recorded values. With ReadDocument and WriteDocument (summary links written
// back) the network comes back the same up to the order of its links.
func FuzzRead(f *testing.F) {
	// While fuzzing, the fuzzer minimises every new input it finds, which takes
	// minutes for inputs grown from the 30–260 kB fixtures: seed it with the
	// snippets below only. Plain `go test` runs every fixture as a seed.
	fuzzing := false
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		fuzzing = true
	}
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.xml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && (!fuzzing || len(b) < 10000) {
			f.Add(b)
		}
	}
	for _, s := range []string{
		summaryXML,
		`<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-03-03T08:00:00</StartDate><Tasks><Task><UID>1</UID><Duration>PT8H0M0S</Duration><ConstraintType>2</ConstraintType><ConstraintDate>2025-03-05T08:00:00</ConstraintDate></Task><Task><UID>2</UID><Duration>P1DT1H</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>2</Type><LinkLag>25</LinkLag><LagFormat>20</LagFormat></PredecessorLink></Task></Tasks></Project>`,
		`<Project xmlns="http://schemas.microsoft.com/project"><MinutesPerDay>450</MinutesPerDay><Calendars><Calendar><UID>1</UID><WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking></WeekDay><WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2025-05-01T00:00:00</FromDate><ToDate>2025-05-03T23:59:00</ToDate></TimePeriod></WeekDay></WeekDays><Exceptions><Exception><TimePeriod><FromDate>2025-01-01T00:00:00</FromDate><ToDate>2026-01-01T23:59:00</ToDate></TimePeriod><Type>6</Type><DaysOfWeek>2</DaysOfWeek><Period>2</Period></Exception></Exceptions></Calendar></Calendars></Project>`,
		`<Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><UID>0</UID><PredecessorLink><PredecessorUID>0</PredecessorUID></PredecessorLink></Task></Tasks></Project>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := mspdi.ReadDocument(bytes.NewReader(data))
		if err != nil {
			var le *lanyan.Error
			if !errors.As(err, &le) {
				t.Fatalf("error is not a *lanyan.Error: %T %v", err, err)
			}
			if doc != nil {
				t.Fatalf("a document with an error")
			}
			return
		}
		var buf bytes.Buffer
		if err := mspdi.Write(&buf, &doc.Imported); err != nil {
			t.Fatalf("Write of what Read gave: %v", err)
		}
		again, err := mspdi.Read(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("Read of what Write gave: %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(doc.Network, again.Network) {
			t.Fatalf("network changed by Write+Read:\n%+v\n%+v", doc.Network, again.Network)
		}
		if !reflect.DeepEqual(doc.Recorded, again.Recorded) {
			t.Fatalf("recorded values changed by Write+Read:\n%+v\n%+v", doc.Recorded, again.Recorded)
		}

		buf.Reset()
		if err := mspdi.WriteDocument(&buf, doc); err != nil {
			t.Fatalf("WriteDocument of what ReadDocument gave: %v", err)
		}
		doc2, err := mspdi.ReadDocument(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("ReadDocument of what WriteDocument gave: %v\n%s", err, buf.String())
		}
		a, b := *doc.Network, *doc2.Network
		la, lb := sortedLinks(a.Links), sortedLinks(b.Links)
		a.Links, b.Links = nil, nil
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(la, lb) {
			t.Fatalf("network changed by WriteDocument+ReadDocument:\n%+v\n%+v", doc.Network, doc2.Network)
		}
		if !reflect.DeepEqual(doc.Tasks, doc2.Tasks) {
			t.Fatalf("task fields changed by WriteDocument+ReadDocument")
		}
	})
}

func sortedLinks(ls []schedule.Link) []schedule.Link {
	out := append([]schedule.Link(nil), ls...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Succ != out[j].Succ {
			return out[i].Succ < out[j].Succ
		}
		return out[i].Pred < out[j].Pred
	})
	return out
}
