package xer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/lanyan-dev/lanyan/schedule"
)

// shortCal is clndr_data small enough for a fuzz seed: Sunday off, Monday
// 08:00–16:00, one holiday.
const shortCal = "(0||CalendarData()((0||DaysOfWeek()((0||1()())(0||2()((0||0(f|16:00|s|08:00)())))))(0||Exceptions()((0||0(d|45658)())))))"

// FuzzRead feeds Read arbitrary bytes: it must not panic, and whatever it and
// Import accept must survive Write and a second Read and Import unchanged.
//
// The seeds are small on purpose: the fuzzer minimises every new input by
// removing byte ranges, which takes time quadratic in its size. The fixtures,
// cut down to the tables and fields Read reads and to short calendars, are among
// them. To fuzz for a minute:
//
//	go test -run XXX -fuzz FuzzRead -fuzztime 60s -fuzzminimizetime 10s ./schedule/xer/
func FuzzRead(f *testing.F) {
	for _, name := range fixtureNames {
		if b, err := os.ReadFile(filepath.Join(fixtureDir, name)); err == nil {
			f.Add(shrink(reduce(b)))
		}
	}
	f.Add([]byte(build(
		table{"PROJECT", "proj_id proj_short_name clndr_id plan_start_date last_recalc_date", [][]string{{"1", "P", "7", "2025-01-06 08:00", "2025-01-08 08:00"}}},
		table{"CALENDAR", "clndr_id base_clndr_id clndr_data", [][]string{{"7", "", shortCal}, {"8", "7", ""}}},
		table{"SCHEDOPTIONS", "proj_id sched_retained_logic sched_float_type", [][]string{{"1", "N", "FT_SS"}}},
		table{"PROJWBS", "wbs_id proj_id proj_node_flag wbs_name parent_wbs_id", [][]string{{"10", "1", "Y", "P", ""}, {"11", "1", "N", "W", "10"}}},
		table{"TASK", "task_id proj_id wbs_id clndr_id task_type status_code task_code target_drtn_hr_cnt remain_drtn_hr_cnt act_start_date cstr_type cstr_date", [][]string{
			{"1", "1", "11", "8", "TT_WBS", "", "S", "0", "", "", "", ""},
			{"2", "1", "11", "7", "TT_Task", "TK_Active", "A", "8", "4", "2025-01-06 08:00", "CS_MEOB", "2025-01-10 17:00"},
			{"3", "1", "10", "7", "TT_FinMile", "", "M", "0", "", "", "", ""},
		}},
		table{"TASKPRED", "task_id pred_task_id proj_id pred_proj_id pred_type lag_hr_cnt", [][]string{{"3", "2", "1", "1", "PR_FF", "1.5"}, {"3", "99", "1", "2", "PR_FS", "0"}}},
	)))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read(bytes.NewReader(data), Options{})
		if err != nil {
			return
		}
		for _, p := range file.Projects() {
			imp, err := file.Import(p.ID)
			if err != nil {
				continue
			}
			var buf bytes.Buffer
			if err := Write(&buf, imp.Network, imp.Recorded); err != nil {
				t.Fatalf("Write of an imported network: %v", err)
			}
			file2, err := Read(&buf, Options{})
			if err != nil {
				t.Fatalf("Read of a written file: %v\n%s", err, buf.String())
			}
			back, err := file2.Import("")
			if err != nil {
				t.Fatalf("Import of a written file: %v\n%s", err, buf.String())
			}
			if !equalNetworks(imp, back) {
				t.Fatalf("round trip changed the network:\n%+v\n%+v", imp.Network, back.Network)
			}
		}
	})
}

func equalNetworks(a, b *schedule.Imported) bool {
	return reflect.DeepEqual(a.Network, b.Network) && reflect.DeepEqual(a.Recorded, b.Recorded)
}

// reduce keeps of an XER file the tables and fields Read reads.
func reduce(b []byte) []byte {
	var out []string
	var keep []int
	var sp *spec
	for _, l := range strings.Split(string(b), "\n") {
		tag, rest, _ := strings.Cut(l, "\t")
		vals := strings.Split(rest, "\t")
		switch tag {
		case "ERMHDR", "%E":
			out = append(out, l)
			continue
		case "%T":
			sp = specs[rest]
			if sp != nil {
				out = append(out, l)
			}
			continue
		case "%F":
			keep = keep[:0]
			for i, v := range vals {
				if sp != nil && slices.Contains(sp.fields, v) {
					keep = append(keep, i)
				}
			}
		}
		if sp == nil {
			continue
		}
		kept := []string{tag}
		for _, i := range keep {
			if i < len(vals) {
				kept = append(kept, vals[i])
			}
		}
		out = append(out, strings.Join(kept, "\t"))
	}
	return []byte(strings.Join(out, "\n"))
}

// shrink replaces every clndr_data value (the values that start with
// "(0||CalendarData") by shortCal.
func shrink(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		vals := strings.Split(l, "\t")
		for j, v := range vals {
			if strings.HasPrefix(v, "(0||CalendarData") {
				vals[j] = shortCal
			}
		}
		lines[i] = strings.Join(vals, "\t")
	}
	return []byte(strings.Join(lines, "\n"))
}

func TestReduceKeepsFixtures(t *testing.T) {
	for _, name := range fixtureNames {
		orig := readFixture(t, name, Options{})
		small, err := Read(bytes.NewReader(reduce(fixture(t, name))), Options{Encoding: orig.Encoding})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range orig.Projects() {
			want, err := orig.Import(p.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := small.Import(p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !equalNetworks(want, got) {
				t.Errorf("%s %s: the reduced file gives another network", name, p.ShortName)
			}
		}
	}
}
