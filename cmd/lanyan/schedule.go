package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/lanyan-dev/lanyan/schedule"
)

var scheduleCommand = &command{
	name:    "schedule",
	args:    "FILE [--data-date D] [--json]",
	summary: "compute the CPM schedule of a network file",
	detail: `Schedule reads a network in the native JSON form (docs/network-json.md), computes
its critical-path schedule with the file's options and prints, for each activity,
its early and late dates, total and free float in days of its calendar, and whether
it is critical (C) or on the longest path (L); then the project's early finish.
With --json it prints the result in its JSON form instead.`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var dataDate instantFlag
		fs.Var(&dataDate, "data-date", "status `date` of progress, 2006-01-02 or 2006-01-02T15:04 (overrides the file's options.dataDate)")
		asJSON := fs.Bool("json", false, "print the result as JSON instead of a table")
		return func(e *env, args []string) error {
			if len(args) != 1 {
				return usageErrorf("want one network FILE, got %d arguments", len(args))
			}
			net, err := readNetwork(args[0])
			if err != nil {
				return err
			}
			opts := net.Options
			if dataDate.set {
				opts.DataDate = dataDate.t
			}
			res, err := schedule.Compute(net, opts)
			if err != nil {
				return err
			}
			if *asJSON {
				b, err := schedule.MarshalResult(net, res)
				if err != nil {
					return err
				}
				_, err = e.stdout.Write(append(b, '\n'))
				return err
			}
			return writeTable(e.stdout, net, res)
		}
	},
}

// instantFlag is a flag holding a strictly parsed date or date-time.
type instantFlag struct {
	t   schedule.Instant
	set bool
}

func (f *instantFlag) String() string { return f.t.String() }

func (f *instantFlag) Set(s string) error {
	t, err := schedule.ParseInstant(s)
	if err != nil {
		return err
	}
	if t.IsZero() {
		return errors.New("is empty")
	}
	f.t, f.set = t, true
	return nil
}

// readNetwork reads and decodes a network file, naming the file (and for a syntax
// error the line and column) in its errors.
func readNetwork(path string) (*schedule.Network, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeNetwork(path, b)
}

// decodeNetwork decodes a native JSON network, placing syntax errors by line and
// column.
func decodeNetwork(path string, b []byte) (*schedule.Network, error) {
	var net schedule.Network
	if err := json.Unmarshal(b, &net); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := position(b, se.Offset)
			return nil, fmt.Errorf("%s:%d:%d: %w", path, line, col, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &net, nil
}

// position returns the 1-based line and column of byte offset off in b.
func position(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	before := b[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	col = 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, col
}

// writeTable prints the result as an aligned table, then the project's early
// finish.
func writeTable(w io.Writer, net *schedule.Network, res *schedule.Result) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tName\tEarly start\tEarly finish\tLate start\tLate finish\tTotal float (d)\tFree float (d)\tPath")
	for i := range res.Activities {
		r := &res.Activities[i]
		perDay := int64(480)
		if i < len(res.MinutesPerDay) && res.MinutesPerDay[i] > 0 {
			perDay = res.MinutesPerDay[i]
		}
		name := ""
		if i < len(net.Activities) {
			name = cell(net.Activities[i].Name, 40)
		}
		mark := ""
		if r.Critical {
			mark += "C"
		}
		if r.LongestPath {
			mark += "L"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cell(r.ID, 20), name,
			instant(r.EarlyStart), instant(r.EarlyFinish), instant(r.LateStart), instant(r.LateFinish),
			days(r.TotalFloat, perDay), days(r.FreeFloat, perDay), mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(bw, "\nProject early finish: %s\n", instant(res.EarlyFinish))
	fmt.Fprintln(bw, "Path: C = critical, L = on the longest path.")
	return bw.Flush()
}

// cell makes s fit one table cell: no tabs or line breaks, at most n runes.
func cell(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n-1]) + "…"
	}
	return s
}

func instant(t schedule.Instant) string {
	if t.IsZero() {
		return "-"
	}
	return t.String()
}

// days formats working minutes as days with one decimal, never "-0.0".
func days(m, perDay int64) string {
	s := strconv.FormatFloat(float64(m)/float64(perDay), 'f', 1, 64)
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}
