package xer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
)

// fixtureDir holds the P6 exports from outside (see ../shared/testdata/SOURCES.md).
const fixtureDir = "../../../shared/testdata/schedule/xer"

// fixture returns the bytes of a fixture file, skipping the test when the shared
// test data is absent.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if os.IsNotExist(err) {
		t.Skipf("fixture %s not found: the shared test data (../shared/testdata) is absent", name)
	}
	require.NoError(t, err)
	return b
}

func readFixture(t testing.TB, name string, opts Options) *File {
	t.Helper()
	f, err := Read(bytes.NewReader(fixture(t, name)), opts)
	require.NoError(t, err, name)
	return f
}

// fixtureNames lists the XER fixtures.
var fixtureNames = []string{
	"aspose-MultiprojectWithExternal.xer",
	"aspose-ScheduleOptions.xer",
	"mpxj-PredecessorCalendar.xer",
	"mpxj-ProjectDefaultCalendar.xer",
	"mpxj-SuccessorCalendar.xer",
	"mpxj-TwentyFourHourCalendar.xer",
	"mpxj-percent-complete-8.4.xer",
}

// table is one table of a hand-built XER file.
type table struct {
	name   string
	fields string     // tab-free: fields separated by spaces
	rows   [][]string // values
}

// build writes an XER file from tables.
func build(tables ...table) string {
	var b strings.Builder
	b.WriteString("ERMHDR\t8.4\t2025-01-01\tProject\tadmin\tadmin\tdbxDatabaseNoName\tProject Management\tUSD\n")
	for _, t := range tables {
		b.WriteString("%T\t" + t.name + "\n")
		b.WriteString("%F\t" + strings.Join(strings.Fields(t.fields), "\t") + "\n")
		for _, r := range t.rows {
			b.WriteString("%R\t" + strings.Join(r, "\t") + "\n")
		}
	}
	b.WriteString("%E\n")
	return b.String()
}

// week58 is clndr_data for Monday to Friday, 08:00–12:00 and 13:00–17:00, with
// 2025-01-01 (day 45658) a holiday and Saturday 2025-01-04 (day 45661) worked
// in the morning.
const week58 = "(0||CalendarData()((0||DaysOfWeek()((0||1()())(0||2()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))" +
	"(0||3()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||4()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))" +
	"(0||5()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||6()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))" +
	"(0||7()())))(0||Exceptions()((0||0(d|45658)())(0||1(d|45661)((0||0(s|08:00|f|12:00)())))))))"

func inst(t testing.TB, s string) schedule.Instant {
	t.Helper()
	v, err := schedule.ParseInstant(s)
	require.NoError(t, err)
	return v
}

func day(t testing.TB, s string) date.Date {
	t.Helper()
	d, err := schedule.ParseDate(s)
	require.NoError(t, err)
	return d
}

func activity(t testing.TB, net *schedule.Network, id string) *schedule.Activity {
	t.Helper()
	for i := range net.Activities {
		if net.Activities[i].ID == id {
			return &net.Activities[i]
		}
	}
	t.Fatalf("no activity %q", id)
	return nil
}
