package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// runCLI runs the command line and returns its exit status and output.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring expected on standard output
		stderr string // a substring expected on standard error
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, exitOK, "schedule", ""},
		{"--help", []string{"--help"}, exitOK, "gen", ""},
		{"help schedule", []string{"help", "schedule"}, exitOK, "-data-date", ""},
		{"help gen", []string{"help", "gen"}, exitOK, "-activities", ""},
		{"help unknown", []string{"help", "nosuch"}, exitUsage, "", `unknown command "nosuch"`},
		{"help two", []string{"help", "gen", "schedule"}, exitUsage, "", "at most one"},
		{"schedule -h", []string{"schedule", "-h"}, exitOK, "usage: lanyan schedule", ""},
		{"schedule without file", []string{"schedule"}, exitUsage, "", "want one network FILE"},
		{"schedule two files", []string{"schedule", "a.json", "b.json"}, exitUsage, "", "got 2 arguments"},
		{"schedule unknown flag", []string{"schedule", "--frob", "a.json"}, exitUsage, "", "-frob"},
		{"schedule flag without value", []string{"schedule", "a.json", "--data-date"}, exitUsage, "", "needs an argument"},
		{"gen extra argument", []string{"gen", "extra"}, exitUsage, "", `unexpected argument "extra"`},
		{"gen zero activities", []string{"gen", "--activities", "0"}, exitUsage, "", "between 1 and"},
		{"gen bad number", []string{"gen", "--activities", "many"}, exitUsage, "", "invalid value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
			if tt.code == exitUsage && len(tt.args) > 0 && findCommand(tt.args[0]) != nil {
				assert.Contains(t, stderr, "usage: lanyan "+tt.args[0])
			}
		})
	}
}

func TestScheduleMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nosuch.json")
	code, stdout, stderr := runCLI("schedule", missing)
	assert.Equal(t, exitError, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "nosuch.json")
	assert.Contains(t, stderr, "no such file")
	assert.NotContains(t, stderr, "goroutine", "no stack traces")
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line of message: %s", stderr)
}

func TestScheduleBadJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(path, []byte("{\n  \"project\": {,\n}"), 0o644))
	code, stdout, stderr := runCLI("schedule", path)
	assert.Equal(t, exitError, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "bad.json:2:")
}

func TestScheduleRejectsBadDataDate(t *testing.T) {
	for _, d := range []string{"2025-02-29", "2025-13-01", "2025-03-03T24:01", "03/03/2025", ""} {
		t.Run(d, func(t *testing.T) {
			code, stdout, stderr := runCLI("schedule", "network.json", "--data-date", d)
			assert.Equal(t, exitUsage, code, "stderr: %s", stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, "-data-date")
			assert.Contains(t, stderr, d)
		})
	}
}

func TestInstantFlagAcceptsDatesAndDateTimes(t *testing.T) {
	for in, want := range map[string]string{
		"2024-02-29":       "2024-02-29T00:00",
		"2025-03-03T08:00": "2025-03-03T08:00",
		"2025-03-03T17:30": "2025-03-03T17:30",
	} {
		var f instantFlag
		require.NoError(t, f.Set(in), in)
		assert.True(t, f.set)
		assert.Equal(t, want, f.String())
	}
}

func TestGen(t *testing.T) {
	code, out1, stderr := runCLI("gen", "--activities", "300", "--seed", "7")
	require.Equal(t, exitOK, code, stderr)
	_, out2, _ := runCLI("gen", "--seed", "7", "--activities", "300")
	assert.Equal(t, out1, out2, "same N and seed give the same bytes")
	_, out3, _ := runCLI("gen", "--activities", "300", "--seed", "8")
	assert.NotEqual(t, out1, out3)

	var net schedule.Network
	require.NoError(t, json.Unmarshal([]byte(out1), &net))
	assert.Len(t, net.Activities, 300)
	assert.Equal(t, "A000001", net.Activities[0].ID)
	assert.Equal(t, "A000300", net.Activities[299].ID)
	assert.NotEmpty(t, net.Links)
	assert.Len(t, net.Calendars, 3)
	assert.Equal(t, "2025-01-06T08:00", net.Project.Start.String())
	assert.Equal(t, gen.Network(300, 7), &net, "the JSON holds the whole network")

	// -o writes the same bytes to a file, and nothing to standard output.
	path := filepath.Join(t.TempDir(), "net.json")
	code, stdout, stderr := runCLI("gen", "--activities", "300", "--seed", "7", "-o", path)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, out1, string(b))

	code, _, stderr = runCLI("gen", "-o", filepath.Join(t.TempDir(), "no", "such", "dir.json"))
	assert.Equal(t, exitError, code)
	assert.Contains(t, stderr, "no such file")
}

// writeChain writes a three-activity chain A(2d) → B(3d) → C(1d), finish-to-start,
// on a Monday–Friday 08:00–12:00, 13:00–17:00 calendar from Monday 2025-03-03 08:00.
func writeChain(t *testing.T) string {
	t.Helper()
	day := []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	var week schedule.WorkWeek
	for d := time.Sunday; d <= time.Saturday; d++ {
		week[d] = []schedule.Period{}
		if d != time.Saturday && d != time.Sunday {
			week[d] = day
		}
	}
	net := schedule.Network{
		Project: schedule.Project{
			ID:              "chain",
			Name:            "Three in a row",
			Start:           schedule.AtTime(date.New(2025, time.March, 3), 8, 0),
			DefaultCalendar: "std",
		},
		Calendars: []schedule.Calendar{{ID: "std", Name: "Monday to Friday", Week: week, HoursPerDay: 8}},
		Activities: []schedule.Activity{
			{ID: "A", Name: "Excavate", Duration: 2 * 480},
			{ID: "B", Name: "Foundations", Duration: 3 * 480},
			{ID: "C", Name: "Backfill", Duration: 1 * 480},
		},
		Links: []schedule.Link{
			{Pred: "A", Succ: "B", Type: schedule.FS, LagCalendar: schedule.LagFromOption},
			{Pred: "B", Succ: "C", Type: schedule.FS, LagCalendar: schedule.LagFromOption},
		},
	}
	b, err := json.Marshal(net)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "chain.json")
	require.NoError(t, os.WriteFile(path, b, 0o644))
	return path
}

func TestScheduleChain(t *testing.T) {
	path := writeChain(t)
	code, stdout, stderr := runCLI("schedule", path)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)

	want := map[string][]string{
		// name, early start, early finish, late start, late finish, total float, free float, path
		"A": {"Excavate", "2025-03-03T08:00", "2025-03-04T17:00", "2025-03-03T08:00", "2025-03-04T17:00", "0.0", "0.0", "CL"},
		"B": {"Foundations", "2025-03-05T08:00", "2025-03-07T17:00", "2025-03-05T08:00", "2025-03-07T17:00", "0.0", "0.0", "CL"},
		"C": {"Backfill", "2025-03-10T08:00", "2025-03-10T17:00", "2025-03-10T08:00", "2025-03-10T17:00", "0.0", "0.0", "CL"},
	}
	seen := 0
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if w, ok := want[f[0]]; ok {
			seen++
			assert.Equal(t, w, f[1:], "activity %s", f[0])
		}
	}
	assert.Equal(t, 3, seen, "one row per activity:\n%s", stdout)
	assert.Contains(t, stdout, "Project early finish: 2025-03-10T17:00")

	// Flags may follow the file; a data date at the project start changes nothing.
	code, stdout2, stderr := runCLI("schedule", path, "--data-date", "2025-03-03")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, stdout, stdout2)

	code, js, stderr := runCLI("schedule", "--json", path)
	require.Equal(t, exitOK, code, stderr)
	require.True(t, json.Valid([]byte(js)), js)
	var res struct {
		EarlyFinish string   `json:"earlyFinish"`
		LongestPath []string `json:"longestPath"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &res))
	assert.Equal(t, "2025-03-10T17:00", res.EarlyFinish)
	assert.Equal(t, []string{"A", "B", "C"}, res.LongestPath)
}

func TestScheduleComputeErrorIsExitOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cycle.json")
	b, err := json.Marshal(schedule.Network{
		Project:    schedule.Project{ID: "p", Start: schedule.AtTime(date.New(2025, time.March, 3), 8, 0), DefaultCalendar: "standard"},
		Calendars:  []schedule.Calendar{schedule.StandardFiveDay()},
		Activities: []schedule.Activity{{ID: "A", Duration: 480}, {ID: "B", Duration: 480}},
		Links: []schedule.Link{
			{Pred: "A", Succ: "B", LagCalendar: schedule.LagFromOption},
			{Pred: "B", Succ: "A", LagCalendar: schedule.LagFromOption},
		},
	})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
	code, stdout, stderr := runCLI("schedule", path)
	assert.Equal(t, exitError, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "lanyan schedule: ")
	assert.Contains(t, stderr, "cycle")
	assert.Contains(t, stderr, "A → B", "the cycle error names its activities")
}

func TestCell(t *testing.T) {
	assert.Equal(t, "a b", cell("a\tb", 10))
	assert.Equal(t, "abcd…", cell("abcdefgh", 5))
	assert.Equal(t, "混凝土浇…", cell("混凝土浇筑工程", 5))
	assert.Equal(t, "0.0", days(-1, 480))
	assert.Equal(t, "-1.5", days(-720, 480))
}
