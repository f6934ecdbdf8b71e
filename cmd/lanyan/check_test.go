package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureDir holds files saved by P6 and MS Project (see its SOURCES.md).
const fixtureDir = "../../../shared/testdata/schedule"

// TestCheckFixtures runs `lanyan check` on every file of ../shared/testdata/schedule
// and pins its last line. Where a file is not at N/N the reason is written beside
// it; each was traced to the file, not to our engine.
func TestCheckFixtures(t *testing.T) {
	if _, err := os.Stat(fixtureDir); err != nil {
		t.Skipf("shared test data not found at %s: %v", fixtureDir, err)
	}
	for _, tc := range []struct {
		file, project, want, why string
	}{
		{"xer/mpxj-PredecessorCalendar.xer", "", "parity: early 1/1 late 1/1 float 0/0", "one finished task; no float stored"},
		{"xer/mpxj-SuccessorCalendar.xer", "", "parity: early 1/1 late 1/1 float 0/0", ""},
		{"xer/mpxj-TwentyFourHourCalendar.xer", "", "parity: early 1/1 late 1/1 float 0/0", ""},
		{"xer/mpxj-ProjectDefaultCalendar.xer", "", "parity: early 1/1 late 1/1 float 0/0", ""},
		{"xer/mpxj-percent-complete-8.4.xer", "", "parity: early 12/12 late 0/0 float 0/0", "early dates from restart_date/reend_date; the file stores no late dates and no float"},
		{"xer/aspose-MultiprojectWithExternal.xer", "5442", "parity: early 1/1 late 1/1 float 1/1", ""},
		{"xer/aspose-MultiprojectWithExternal.xer", "5494", "parity: early 2/2 late 2/2 float 2/2", ""},
		{"mspdi/mpxj-mspdirelations.xml", "", "parity: early 5/5 late 5/5 float 5/5", ""},
		{"mspdi/mpxj-task-links-project2010-mspdi.xml", "", "parity: early 16/16 late 16/16 float 16/16", ""},
		{"mspdi/mpxj-task-links-project2019-mspdi.xml", "", "parity: early 16/16 late 14/16 float 14/16",
			"the same plan as the 2010 file, which we match 16/16; Project 2019 (all tasks manually scheduled) lets the SF and SS links hold back neither UID 11 nor UID 13 and stores their late finish at the project finish"},
		{"mspdi/mpxj-sample.xml", "", "parity: early 17/19 late 0/19 float 2/19",
			"UID 2 'Second Task' has Duration PT800H but its stored dates span 400 h, so the stored schedule was not computed from the stored durations; it moves our project finish 50 days later and every late date with it"},
		{"mspdi/mpxj-mspditimephasedsegments.xml", "", "parity: early 17/20 late 2/20 float 2/20",
			"late dates are resource-driven (assignments and resource calendars, which a CPM network does not hold: UIDs 12-15 finish late after the project's own finish), and in-progress UIDs 4 and 5 resume after their actual work where the file has no status date"},
		{"mspdi/aspose-not-updated.xml", "", "parity: early 2/10 late 0/10 float 5/10",
			"as its name says, never recalculated: every task starts on the project start whatever its FS predecessors"},
		{"pmxml/aspose-primavera.xml", "", "parity: early 41/137 late 12/137 float 94/137",
			"written by a tool that scheduled on all seven days of a Monday-Friday calendar and ignored SS successors in its backward pass (pinned in detail in schedule/pmxml)"},
	} {
		t.Run(tc.file+tc.project, func(t *testing.T) {
			args := []string{"check", filepath.Join(fixtureDir, tc.file)}
			if tc.project != "" {
				args = append(args, "--project", tc.project)
			}
			code, out, errOut := runCLI(args...)
			require.Equal(t, exitOK, code, errOut)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			assert.Equal(t, tc.want, lines[len(lines)-1], tc.why)
		})
	}
}

// TestCheckNeedsProject: a file of several projects names them.
func TestCheckNeedsProject(t *testing.T) {
	if _, err := os.Stat(fixtureDir); err != nil {
		t.Skipf("shared test data not found at %s: %v", fixtureDir, err)
	}
	code, _, errOut := runCLI("check", filepath.Join(fixtureDir, "xer/aspose-ScheduleOptions.xer"))
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "holds 4 projects")
}

// TestConvertRoundTrip converts an MS Project file to XER, to JSON and back to
// MSPDI, and checks that the network survives: the JSON of the first and last
// steps are equal.
func TestConvertRoundTrip(t *testing.T) {
	if _, err := os.Stat(fixtureDir); err != nil {
		t.Skipf("shared test data not found at %s: %v", fixtureDir, err)
	}
	dir := t.TempDir()
	in := filepath.Join(fixtureDir, "mspdi/mpxj-task-links-project2010-mspdi.xml")
	j1, x, j2 := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.xml"), filepath.Join(dir, "c.json")
	for _, args := range [][]string{{"convert", in, j1}, {"convert", j1, x}, {"convert", x, j2}} {
		code, _, errOut := runCLI(args...)
		require.Equal(t, exitOK, code, errOut)
	}
	a, err := os.ReadFile(j1)
	require.NoError(t, err)
	b, err := os.ReadFile(j2)
	require.NoError(t, err)
	assert.JSONEq(t, string(a), string(b))
	code, out, errOut := runCLI("check", x)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "parity: early 0/0")
}
