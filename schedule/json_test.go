package schedule_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// jsAt is the instant of a test date at hh:mm.
func jsAt(y, m, d, hh, mm int) schedule.Instant {
	return schedule.AtTime(date.New(y, time.Month(m), d), hh, mm)
}

// jsDecode decodes a network, failing the test on error.
func jsDecode(t testing.TB, s string) schedule.Network {
	t.Helper()
	var n schedule.Network
	require.NoError(t, json.Unmarshal([]byte(s), &n), s)
	return n
}

// jsCompact compacts hand-written JSON for comparison with what MarshalJSON writes.
func jsCompact(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, []byte(s)), s)
	return b.String()
}

// Calendars for the duration tests: "std" has no hoursPerDay (8 h), "ten" 10 h,
// "ten-child" inherits ten's 10 h, "h24" 24 h, "half" 7.5 h.
const jsCalendars = `[
	{"id":"std","week":{"monday":[{"start":"08:00","end":"12:00"},{"start":"13:00","end":"17:00"}]}},
	{"id":"ten","week":{"monday":[{"start":"07:00","end":"17:00"}]},"hoursPerDay":10},
	{"id":"ten-child","base":"ten","week":{}},
	{"id":"h24","week":{"monday":[{"start":"00:00","end":"24:00"}]},"hoursPerDay":24},
	{"id":"half","week":{"monday":[{"start":"08:00","end":"15:30"}]},"hoursPerDay":7.5}
]`

func TestNetworkJSONActivityDurations(t *testing.T) {
	tests := []struct {
		name       string
		defaultCal string // project.defaultCalendar
		calendar   string // the activity's calendar
		duration   string
		want       int64
	}{
		{"fractional days, 8 h by default", "", "std", `{"days":2.5}`, 1200},
		{"fractional days, 10 h calendar", "", "ten", `{"days":2.5}`, 1500},
		{"days inherited from the base calendar", "", "ten-child", `{"days":1}`, 600},
		{"7.5 h calendar", "", "half", `{"days":2}`, 900},
		{"hours and minutes", "", "std", `{"hours":1,"minutes":30}`, 90},
		{"all three units", "", "ten", `{"days":1,"hours":2,"minutes":3}`, 723},
		{"no calendar uses the project default", "ten", "", `{"days":1}`, 600},
		{"no calendar and no default: 8 h", "", "", `{"days":1}`, 480},
		{"unknown calendar: 8 h", "ten", "nope", `{"days":1}`, 480},
		{"empty object is zero", "", "std", `{}`, 0},
		{"zero days", "", "std", `{"days":0}`, 0},
		{"parts are summed whatever their signs", "", "std", `{"days":1,"hours":-2}`, 360},
		{"rounded to the nearest minute", "", "std", `{"days":0.1}`, 48},
		{"half a minute rounds away from zero", "", "std", `{"minutes":0.5}`, 1},
		{"negative half a minute rounds away from zero", "", "std", `{"minutes":-0.5}`, -1},
		{"fractional hours", "", "std", `{"hours":0.25}`, 15},
		{"exponent", "", "std", `{"minutes":1e3}`, 1000},
		{"null unit is absent", "", "std", `{"days":null,"hours":2}`, 120},
		{"largest", "", "std", `{"minutes":9223372036854775807}`, math.MaxInt64},
		{"smallest", "", "std", `{"minutes":-9223372036854775808}`, math.MinInt64},
		{"large days exactly", "", "std", `{"days":19215358410114116,"hours":2,"minutes":7}`, math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act, _ := json.Marshal(map[string]any{"id": "A", "calendar": tt.calendar, "duration": json.RawMessage(tt.duration)})
			n := jsDecode(t, `{"project":{"defaultCalendar":"`+tt.defaultCal+`"},"calendars":`+jsCalendars+`,"activities":[`+string(act)+`]}`)
			require.Len(t, n.Activities, 1)
			assert.Equal(t, tt.want, n.Activities[0].Duration)
			assert.Equal(t, int64(-1), n.Activities[0].RemainingDuration, "absent remainingDuration means derive")
		})
	}
}

func TestNetworkJSONLagAndCriticalFloatDays(t *testing.T) {
	// Link lags in days use the predecessor's calendar; criticalFloat the project default's.
	in := `{
		"project": {"defaultCalendar": "ten"},
		"options": {"criticalFloat": {"days": 1}},
		"calendars": ` + jsCalendars + `,
		"activities": [
			{"id": "A", "calendar": "h24"},
			{"id": "B", "calendar": "std"},
			{"id": "C"}
		],
		"links": [
			{"pred": "A", "succ": "B", "lag": {"days": 1}},
			{"pred": "B", "succ": "C", "lag": {"days": 1}},
			{"pred": "C", "succ": "A", "lag": {"days": -1}},
			{"pred": "X", "succ": "A", "lag": {"days": 1}}
		]
	}`
	n := jsDecode(t, in)
	assert.Equal(t, int64(600), n.Options.CriticalFloat)
	require.Len(t, n.Links, 4)
	assert.Equal(t, int64(1440), n.Links[0].Lag, "predecessor on a 24 h calendar")
	assert.Equal(t, int64(480), n.Links[1].Lag, "predecessor on an 8 h calendar")
	assert.Equal(t, int64(-600), n.Links[2].Lag, "predecessor on the default 10 h calendar")
	assert.Equal(t, int64(480), n.Links[3].Lag, "unknown predecessor: 8 h")

	// With no default calendar, criticalFloat days are 8 h.
	n = jsDecode(t, `{"options":{"criticalFloat":{"days":0.5}}}`)
	assert.Equal(t, int64(240), n.Options.CriticalFloat)
}

func TestNetworkJSONWritesDurations(t *testing.T) {
	// Zero ({"days":0}) is covered by TestNetworkJSONFull and TestResultJSON: a zero
	// duration is left out of a network.
	tests := []struct {
		name     string
		calendar string
		minutes  int64
		want     string
	}{
		{"days and hours", "std", 1200, `{"days":2,"hours":4}`},
		{"days of a 10 h calendar", "ten", 1500, `{"days":2,"hours":5}`},
		{"days of a 7.5 h calendar", "half", 900, `{"days":2}`},
		{"hours and minutes", "std", 90, `{"hours":1,"minutes":30}`},
		{"days and minutes", "std", 481, `{"days":1,"minutes":1}`},
		{"negative: every part negative", "std", -1200 - 90, `{"days":-2,"hours":-5,"minutes":-30}`},
		{"one minute less than a day", "h24", 1439, `{"hours":23,"minutes":59}`},
		{"largest", "std", math.MaxInt64, `{"days":19215358410114116,"hours":2,"minutes":7}`},
		{"smallest", "std", math.MinInt64, `{"days":-19215358410114116,"hours":-2,"minutes":-8}`},
	}
	var cals []schedule.Calendar
	require.NoError(t, json.Unmarshal([]byte(jsCalendars), &cals))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := schedule.Network{
				Calendars:  cals,
				Activities: []schedule.Activity{{ID: "A", Calendar: tt.calendar, Duration: tt.minutes, RemainingDuration: -1}},
			}
			b, err := json.Marshal(n)
			require.NoError(t, err)
			var got struct {
				Activities []struct {
					Duration json.RawMessage `json:"duration"`
				} `json:"activities"`
			}
			require.NoError(t, json.Unmarshal(b, &got))
			require.Len(t, got.Activities, 1)
			assert.Equal(t, tt.want, string(got.Activities[0].Duration))

			var back schedule.Network
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.minutes, back.Activities[0].Duration)
		})
	}
}

// jsFull is a network using every field, with the Go value it decodes to below.
const jsFull = `{
	"project": {"id": "P1", "name": "Bridge", "start": "2025-03-03T08:00", "defaultCalendar": "standard"},
	"options": {
		"dataDate": "2025-04-01T08:00",
		"mustFinishBy": "2025-12-31T17:00",
		"lagCalendar": "24h",
		"floatType": "smallest",
		"criticalFloat": {"days": 1},
		"progress": "actualDates"
	},
	"calendars": [
		{"id": "standard", "name": "Standard", "week": {
			"monday": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
			"sunday": []
		}, "hoursPerDay": 8},
		{"id": "long", "base": "standard", "week": {"saturday": [{"start": "07:00", "end": "17:00"}]},
		 "exceptions": [
			{"name": "国庆节", "from": "2025-10-01", "to": "2025-10-08", "periods": []},
			{"from": "2025-09-28", "periods": [{"start": "08:00", "end": "12:00"}]}
		 ], "hoursPerDay": 10}
	],
	"activities": [
		{"id": "W1", "name": "Substructure", "kind": "wbsSummary"},
		{"id": "A", "name": "Excavate", "calendar": "long", "parent": "W1", "duration": {"days": 5},
		 "constraint": {"type": "startNoEarlierThan", "date": "2025-03-10T08:00"},
		 "constraint2": {"type": "finishNoLaterThan", "date": "2025-04-30T17:00"},
		 "actualStart": "2025-03-10T08:00", "remainingDuration": {"days": 2, "hours": 4}, "percentComplete": 40},
		{"id": "B", "name": "Pour", "parent": "W1", "duration": {"hours": 6},
		 "actualStart": "2025-03-20T08:00", "actualFinish": "2025-03-20T15:00", "remainingDuration": {"days": 0}, "percentComplete": 100},
		{"id": "C", "kind": "startMilestone", "constraint": {"type": "alap"}},
		{"id": "D", "kind": "finishMilestone"},
		{"id": "E", "kind": "levelOfEffort"}
	],
	"links": [
		{"pred": "A", "succ": "B"},
		{"pred": "A", "succ": "C", "type": "SS", "lag": {"days": 2}},
		{"pred": "B", "succ": "D", "type": "FF", "lag": {"hours": -2}, "lagCalendar": "successor"},
		{"pred": "C", "succ": "D", "type": "SF", "lagPercent": 50, "lagCalendar": "predecessor"},
		{"pred": "B", "succ": "E", "lagCalendar": "projectDefault"}
	]
}`

func jsFullNetwork() schedule.Network {
	std := []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	return schedule.Network{
		Project: schedule.Project{ID: "P1", Name: "Bridge", Start: jsAt(2025, 3, 3, 8, 0), DefaultCalendar: "standard"},
		Options: schedule.Options{
			DataDate:      jsAt(2025, 4, 1, 8, 0),
			MustFinishBy:  jsAt(2025, 12, 31, 17, 0),
			LagCalendar:   schedule.Lag24Hour,
			FloatType:     schedule.SmallestFloat,
			CriticalFloat: 480,
			Progress:      schedule.ActualDates,
		},
		Calendars: []schedule.Calendar{
			{ID: "standard", Name: "Standard", Week: schedule.WorkWeek{1: std, 0: {}}, HoursPerDay: 8},
			{ID: "long", Base: "standard", Week: schedule.WorkWeek{6: {schedule.Span(7, 0, 17, 0)}},
				Exceptions: []schedule.Exception{
					{Name: "国庆节", From: date.New(2025, 10, 1), To: date.New(2025, 10, 8)},
					{From: date.New(2025, 9, 28), To: date.New(2025, 9, 28), Periods: []schedule.Period{schedule.Span(8, 0, 12, 0)}},
				}, HoursPerDay: 10},
		},
		Activities: []schedule.Activity{
			{ID: "W1", Name: "Substructure", Kind: schedule.WBSSummary, RemainingDuration: -1},
			{ID: "A", Name: "Excavate", Calendar: "long", Parent: "W1", Duration: 3000,
				Constraint:   schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: jsAt(2025, 3, 10, 8, 0)},
				Constraint2:  schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: jsAt(2025, 4, 30, 17, 0)},
				ActualStart:  jsAt(2025, 3, 10, 8, 0),
				ActualFinish: 0, RemainingDuration: 1440, PercentComplete: 40},
			{ID: "B", Name: "Pour", Parent: "W1", Duration: 360,
				ActualStart: jsAt(2025, 3, 20, 8, 0), ActualFinish: jsAt(2025, 3, 20, 15, 0), RemainingDuration: 0, PercentComplete: 100},
			{ID: "C", Kind: schedule.StartMilestone, Constraint: schedule.Constraint{Type: schedule.ALAP}, RemainingDuration: -1},
			{ID: "D", Kind: schedule.FinishMilestone, RemainingDuration: -1},
			{ID: "E", Kind: schedule.LevelOfEffort, RemainingDuration: -1},
		},
		Links: []schedule.Link{
			{Pred: "A", Succ: "B", Type: schedule.FS, LagCalendar: schedule.LagFromOption},
			{Pred: "A", Succ: "C", Type: schedule.SS, Lag: 1200, LagCalendar: schedule.LagFromOption},
			{Pred: "B", Succ: "D", Type: schedule.FF, Lag: -120, LagCalendar: schedule.LagSuccessor},
			{Pred: "C", Succ: "D", Type: schedule.SF, LagPercent: 50, LagCalendar: schedule.LagPredecessor},
			{Pred: "B", Succ: "E", Type: schedule.FS, LagCalendar: schedule.LagProjectDefault},
		},
	}
}

// jsFullWritten is what MarshalJSON writes for jsFullNetwork: defaults left out,
// durations decomposed on each record's calendar.
const jsFullWritten = `{
	"project": {"id": "P1", "name": "Bridge", "start": "2025-03-03T08:00", "defaultCalendar": "standard"},
	"options": {
		"dataDate": "2025-04-01T08:00",
		"mustFinishBy": "2025-12-31T17:00",
		"lagCalendar": "24h",
		"floatType": "smallest",
		"criticalFloat": {"days": 1},
		"progress": "actualDates"
	},
	"calendars": [
		{"id": "standard", "name": "Standard", "week": {
			"monday": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
			"sunday": []
		}, "hoursPerDay": 8},
		{"id": "long", "base": "standard", "week": {"saturday": [{"start": "07:00", "end": "17:00"}]},
		 "exceptions": [
			{"name": "国庆节", "from": "2025-10-01", "to": "2025-10-08", "periods": []},
			{"from": "2025-09-28", "periods": [{"start": "08:00", "end": "12:00"}]}
		 ], "hoursPerDay": 10}
	],
	"activities": [
		{"id": "W1", "name": "Substructure", "kind": "wbsSummary"},
		{"id": "A", "name": "Excavate", "calendar": "long", "parent": "W1", "duration": {"days": 5},
		 "constraint": {"type": "startNoEarlierThan", "date": "2025-03-10T08:00"},
		 "constraint2": {"type": "finishNoLaterThan", "date": "2025-04-30T17:00"},
		 "actualStart": "2025-03-10T08:00", "remainingDuration": {"days": 2, "hours": 4}, "percentComplete": 40},
		{"id": "B", "name": "Pour", "parent": "W1", "duration": {"hours": 6},
		 "actualStart": "2025-03-20T08:00", "actualFinish": "2025-03-20T15:00", "remainingDuration": {"days": 0}, "percentComplete": 100},
		{"id": "C", "kind": "startMilestone", "constraint": {"type": "alap"}},
		{"id": "D", "kind": "finishMilestone"},
		{"id": "E", "kind": "levelOfEffort"}
	],
	"links": [
		{"pred": "A", "succ": "B"},
		{"pred": "A", "succ": "C", "type": "SS", "lag": {"days": 2}},
		{"pred": "B", "succ": "D", "type": "FF", "lag": {"hours": -2}, "lagCalendar": "successor"},
		{"pred": "C", "succ": "D", "type": "SF", "lagPercent": 50, "lagCalendar": "predecessor"},
		{"pred": "B", "succ": "E", "lagCalendar": "projectDefault"}
	]
}`

func TestNetworkJSONFull(t *testing.T) {
	want := jsFullNetwork()
	got := jsDecode(t, jsFull)
	assert.Equal(t, want, got)

	b, err := json.Marshal(want)
	require.NoError(t, err)
	assert.Equal(t, jsCompact(t, jsFullWritten), string(b))

	// A pointer marshals the same, and what is written reads back to the same value.
	b2, err := json.Marshal(&want)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	assert.Equal(t, want, jsDecode(t, string(b)))
}

func TestNetworkJSONDefaults(t *testing.T) {
	n := jsDecode(t, `{"activities":[{"id":"A"},{"id":"B","kind":"task","constraint":{"type":"asap"}}],
		"links":[{"pred":"A","succ":"B","type":"FS"}]}`)
	want := schedule.Network{
		Activities: []schedule.Activity{
			{ID: "A", Kind: schedule.Task, RemainingDuration: -1},
			{ID: "B", Kind: schedule.Task, RemainingDuration: -1},
		},
		Links: []schedule.Link{{Pred: "A", Succ: "B", Type: schedule.FS, LagCalendar: schedule.LagFromOption}},
	}
	assert.Equal(t, want, n)

	b, err := json.Marshal(n)
	require.NoError(t, err)
	assert.Equal(t, `{"project":{},"calendars":[],"activities":[{"id":"A"},{"id":"B"}],"links":[{"pred":"A","succ":"B"}]}`, string(b))

	// The empty network, null and empty arrays.
	b, err = json.Marshal(schedule.Network{})
	require.NoError(t, err)
	assert.Equal(t, `{"project":{},"calendars":[],"activities":[],"links":[]}`, string(b))
	assert.Equal(t, schedule.Network{}, jsDecode(t, string(b)))
	assert.Equal(t, schedule.Network{}, jsDecode(t, `{}`))
	assert.Equal(t, schedule.Network{}, jsDecode(t, `{"project":null,"options":null,"calendars":null,"activities":null,"links":null}`))
	assert.Equal(t, schedule.Network{}, jsDecode(t, `{"options":{"floatType":"finish","progress":"retainedLogic","criticalFloat":{"days":0}}}`))
	// Naming the predecessor calendar explicitly is kept (it reads back the same).
	assert.Equal(t, schedule.Network{Options: schedule.Options{LagCalendar: schedule.LagPredecessor}}, jsDecode(t, `{"options":{"lagCalendar":"predecessor"}}`))

	// Instants: a date alone is midnight, seconds are dropped, 24:00 is the next day's 00:00.
	n = jsDecode(t, `{"project":{"start":"2025-03-03"},"options":{"dataDate":"2025-03-03T24:00","mustFinishBy":"2025-12-31T17:00:59"}}`)
	assert.Equal(t, jsAt(2025, 3, 3, 0, 0), n.Project.Start)
	assert.Equal(t, jsAt(2025, 3, 4, 0, 0), n.Options.DataDate)
	assert.Equal(t, jsAt(2025, 12, 31, 17, 0), n.Options.MustFinishBy)

	// A Go link's zero LagCalendar is LagFromOption, which is left out.
	b, err = json.Marshal(schedule.Network{Links: []schedule.Link{{Pred: "A", Succ: "B"}}})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"links":[{"pred":"A","succ":"B"}]`)
}

func TestNetworkJSONErrors(t *testing.T) {
	wrap := func(acts string) string { return `{"activities":[` + acts + `]}` }
	links := func(ls string) string {
		return `{"activities":[{"id":"A"},{"id":"B"}],"links":[` + ls + `]}`
	}
	cal := func(c string) string { return `{"calendars":[` + c + `]}` }
	tests := []struct {
		name, in, want string
	}{
		{"unknown kind", wrap(`{"id":"A1030","kind":"Task"}`),
			`activity "A1030": kind: unknown value "Task" (want one of task, startMilestone, finishMilestone, levelOfEffort, wbsSummary)`},
		{"unknown activity field", wrap(`{"id":"A1030","durration":{"days":1}}`),
			`activity "A1030": durration: unknown field`},
		{"activity without id", wrap(`{"id":"A"},{"name":"x","kind":"big"}`),
			`activity 1: kind: unknown value "big" (want one of task, startMilestone, finishMilestone, levelOfEffort, wbsSummary)`},
		{"wrong JSON type", wrap(`{"id":"A1030","name":5}`),
			`activity "A1030": name: must be a string, not number`},
		{"percent out of float range", wrap(`{"id":"A1030","percentComplete":1e400}`),
			`activity "A1030": percentComplete: number 1e400 is out of range`},
		{"date that does not exist", wrap(`{"id":"A1030","actualStart":"2025-02-29"}`),
			`activity "A1030": actualStart: invalid date "2025-02-29": want 2006-01-02 with a day that exists`},
		{"time out of range", wrap(`{"id":"A1030","actualFinish":"2025-03-01T24:01"}`),
			`activity "A1030": actualFinish: invalid date-time "2025-03-01T24:01": time out of range`},
		{"date past year 9999", wrap(`{"id":"A1030","actualFinish":"9999-12-31T24:00"}`),
			`activity "A1030": actualFinish: invalid date-time "9999-12-31T24:00": after year 9999`},
		{"unknown constraint", wrap(`{"id":"A1030","constraint":{"type":"SNET","date":"2025-03-01"}}`),
			`activity "A1030": constraint.type: unknown value "SNET" (want one of asap, alap, startNoEarlierThan, startNoLaterThan, finishNoEarlierThan, finishNoLaterThan, startOn, finishOn, mandatoryStart, mandatoryFinish)`},
		{"bad constraint date", wrap(`{"id":"A1030","constraint2":{"type":"startOn","date":"2025-13-01"}}`),
			`activity "A1030": constraint2.date: invalid date "2025-13-01": want 2006-01-02 with a day that exists`},
		{"unknown constraint field", wrap(`{"id":"A1030","constraint":{"type":"startOn","when":"2025-03-01"}}`),
			`activity "A1030": when: unknown field`},
		{"duration not an object", wrap(`{"id":"A1030","duration":5}`),
			`activity "A1030": duration: must be an object such as {"days": 5} or {"hours": 1, "minutes": 30}`},
		{"duration as a string", wrap(`{"id":"A1030","duration":"5d"}`),
			`activity "A1030": duration: must be an object such as {"days": 5} or {"hours": 1, "minutes": 30}`},
		{"unknown unit", wrap(`{"id":"A1030","duration":{"weeks":1}}`),
			`activity "A1030": duration: unknown unit "weeks" (want days, hours, minutes)`},
		{"unit as a string", wrap(`{"id":"A1030","duration":{"days":"5"}}`),
			`activity "A1030": duration: days: must be a number, not "5"`},
		{"unit beyond float range", wrap(`{"id":"A1030","duration":{"days":1e400}}`),
			`activity "A1030": duration: days: 1e400 is too large`},
		{"float duration beyond int64 minutes", wrap(`{"id":"A1030","duration":{"days":1e300}}`),
			`activity "A1030": duration: is too large for int64 minutes`},
		{"integer days beyond int64 minutes", wrap(`{"id":"A1030","duration":{"days":19215358410114117}}`),
			`activity "A1030": duration: days: 19215358410114117 is too large`},
		{"integer sum beyond int64 minutes", wrap(`{"id":"A1030","duration":{"days":19215358410114116,"hours":8}}`),
			`activity "A1030": duration: is too large for int64 minutes`},
		{"minutes beyond int64", wrap(`{"id":"A1030","duration":{"minutes":9223372036854775808}}`),
			`activity "A1030": duration: is too large for int64 minutes`},
		{"negative remaining duration", wrap(`{"id":"A1030","remainingDuration":{"days":-1}}`),
			`activity "A1030": remainingDuration: must not be negative (leave it out to derive it from percentComplete)`},
		{"unknown link type", links(`{"pred":"A","succ":"B"},{"pred":"A","succ":"B"},{"pred":"A","succ":"B"},{"pred":"A","succ":"B","type":"fs"}`),
			`link 3 (A→B): type: unknown value "fs" (want one of FS, SS, FF, SF)`},
		{"bad lag", links(`{"pred":"A","succ":"B","lag":{"days":true}}`),
			`link 0 (A→B): lag: days: must be a number, not true`},
		{"unknown link field", links(`{"pred":"A","succ":"B","delay":{"days":1}}`),
			`link 0 (A→B): delay: unknown field`},
		{"unknown link lag calendar", links(`{"pred":"A","succ":"B","lagCalendar":"elapsed"}`),
			`link 0 (A→B): lagCalendar: unknown value "elapsed" (want one of predecessor, successor, 24h, projectDefault)`},
		{"link without ids", links(`{"type":"XX"}`),
			`link 0: type: unknown value "XX" (want one of FS, SS, FF, SF)`},
		{"bad project start", `{"project":{"start":"2025-02-29T08:00"}}`,
			`project: start: invalid date "2025-02-29": want 2006-01-02 with a day that exists`},
		{"unknown project field", `{"project":{"calendar":"x"}}`, `project: calendar: unknown field`},
		{"unknown float type", `{"options":{"floatType":"Finish"}}`,
			`options: floatType: unknown value "Finish" (want one of finish, start, smallest)`},
		{"options lag calendar cannot be empty-as-option", `{"options":{"lagCalendar":"option"}}`,
			`options: lagCalendar: unknown value "option" (want one of predecessor, successor, 24h, projectDefault)`},
		{"unknown progress", `{"options":{"progress":"retained"}}`,
			`options: progress: unknown value "retained" (want one of retainedLogic, progressOverride, actualDates)`},
		{"bad critical float", `{"options":{"criticalFloat":{"days":1,"hours":"x"}}}`,
			`options: criticalFloat: hours: must be a number, not "x"`},
		{"unknown top-level field", `{"activites":[]}`, `network: activites: unknown field`},
		{"not an object", `[]`, `network: must be an object, not array`},
		{"activities not an array", `{"activities":{}}`, `network: activities: must be an array, not object`},
		{"bad clock", cal(`{"id":"std","week":{"monday":[{"start":"8:00","end":"12:00"}]}}`),
			`calendar "std": week.monday: period 0: start: invalid time "8:00": want 15:04`},
		{"unknown period field", cal(`{"id":"std","week":{"monday":[{"begin":"08:00","end":"12:00"}]}}`),
			`calendar "std": week.monday: period 0: unknown field "begin"`},
		{"unknown weekday", cal(`{"id":"std","week":{"Monday":[]}}`),
			`calendar "std": week: unknown weekday "Monday" (want monday … sunday)`},
		{"bad exception date", cal(`{"id":"std","exceptions":[{"from":"2025-02-29"}]}`),
			`calendar "std": exceptions[0]: from: invalid date "2025-02-29": want 2006-01-02 with a day that exists`},
		{"unknown exception field", cal(`{"id":"std","exceptions":[{"from":"2025-02-28","until":"2025-03-01"}]}`),
			`calendar "std": exceptions[0].until: unknown field`},
		{"unknown calendar field", cal(`{"id":"std","hours":8}`), `calendar "std": hours: unknown field`},
		{"calendar without id", cal(`{"hoursPerDay":"8"}`), `calendar 0: hoursPerDay: must be a number, not string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := schedule.Network{Project: schedule.Project{ID: "untouched"}}
			err := json.Unmarshal([]byte(tt.in), &n)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.True(t, errors.Is(err, lanyan.ErrInvalid), "errors.Is(err, ErrInvalid)")
			var le *lanyan.Error
			require.True(t, errors.As(err, &le))
			assert.NotEmpty(t, le.Record)
			assert.Equal(t, schedule.Network{Project: schedule.Project{ID: "untouched"}}, n, "left unchanged")
		})
	}
}

func TestNetworkJSONSyntaxErrors(t *testing.T) {
	// Called directly, UnmarshalJSON sees bytes encoding/json has not checked.
	for _, in := range []string{``, `{`, `{"activities":[{"id":"A","percentComplete":NaN}]}`,
		`{"activities":[]} {}`, `{"activities":[{"id":"A","duration":{"days":Infinity}}]}`, `nul`} {
		var n schedule.Network
		err := n.UnmarshalJSON([]byte(in))
		require.Error(t, err, in)
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), in)
		assert.Contains(t, err.Error(), "network: ", in)
	}
	var n schedule.Network
	require.NoError(t, n.UnmarshalJSON([]byte(`null`)))
	assert.Equal(t, schedule.Network{}, n)
}

func TestNetworkJSONMarshalErrors(t *testing.T) {
	tests := []struct {
		name string
		net  schedule.Network
		want string
	}{
		{"kind out of range", schedule.Network{Activities: []schedule.Activity{{ID: "A", Kind: 9}}},
			`activity "A": kind: value 9 is out of range`},
		{"link type out of range", schedule.Network{Links: []schedule.Link{{Pred: "A", Succ: "B", Type: 7, LagCalendar: schedule.LagFromOption}}},
			`link 0 (A→B): type: value 7 is out of range`},
		{"constraint out of range", schedule.Network{Activities: []schedule.Activity{{ID: "A", Constraint: schedule.Constraint{Type: 99}}}},
			`activity "A": constraint.type: value 99 is out of range`},
		{"option lag calendar out of range", schedule.Network{Options: schedule.Options{LagCalendar: 9}},
			`options: lagCalendar: value 9 is out of range`},
		{"NaN percent", schedule.Network{Activities: []schedule.Activity{{ID: "A", PercentComplete: math.NaN()}}},
			`activity "A": percentComplete: must be a finite number`},
		{"infinite lag percent", schedule.Network{Links: []schedule.Link{{Pred: "A", Succ: "B", LagPercent: math.Inf(1)}}},
			`link 0 (A→B): lagPercent: must be a finite number`},
		{"instant out of range", schedule.Network{Project: schedule.Project{Start: math.MaxInt64}},
			`project: start: instant 9223372036854775807 is outside the years 0000–9999`},
		{"negative instant out of range", schedule.Network{Activities: []schedule.Activity{{ID: "A", ActualStart: -1 << 40}}},
			`activity "A": actualStart: instant -1099511627776 is outside the years 0000–9999`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := json.Marshal(tt.net)
			require.Error(t, err)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestNetworkJSONExampleFile(t *testing.T) {
	b, err := os.ReadFile("testdata/example-network.json")
	require.NoError(t, err)
	n := jsDecode(t, string(b))

	assert.Equal(t, "standard", n.Project.DefaultCalendar)
	require.Len(t, n.Calendars, 2)
	assert.Equal(t, "standard", n.Calendars[1].Base, "the site calendar inherits from the standard one")
	assert.NotEmpty(t, n.Calendars[1].Exceptions, "with a holiday of its own")

	kinds := map[schedule.Kind]int{}
	children := 0
	inProgress := 0
	constrained := 0
	byID := map[string]schedule.Activity{}
	for _, a := range n.Activities {
		kinds[a.Kind]++
		byID[a.ID] = a
		if a.Parent != "" {
			children++
		}
		if a.ActualStart != 0 && a.ActualFinish == 0 {
			inProgress++
		}
		if a.Constraint.Type != schedule.ASAP {
			constrained++
		}
	}
	assert.Positive(t, kinds[schedule.WBSSummary])
	assert.Positive(t, kinds[schedule.StartMilestone]+kinds[schedule.FinishMilestone])
	assert.Positive(t, children)
	assert.Positive(t, inProgress)
	assert.Positive(t, constrained)

	types := map[schedule.LinkType]int{}
	lags := 0
	for _, l := range n.Links {
		types[l.Type]++
		if l.Lag != 0 {
			lags++
		}
		assert.Contains(t, byID, l.Pred, "link %s→%s", l.Pred, l.Succ)
		assert.Contains(t, byID, l.Succ, "link %s→%s", l.Pred, l.Succ)
	}
	assert.Len(t, types, 4, "every link type")
	assert.Positive(t, lags)

	// The in-progress excavation: 6 days of 10 h, 2.4 days remaining.
	a := byID["A1020"]
	assert.Equal(t, int64(3600), a.Duration)
	assert.Equal(t, int64(1440), a.RemainingDuration)
	// Its calendars resolve.
	for _, c := range n.Calendars {
		_, err := schedule.Compile(c.ID, n.Calendars...)
		require.NoError(t, err, c.ID)
	}

	out, err := json.Marshal(n)
	require.NoError(t, err)
	assert.Equal(t, n, jsDecode(t, string(out)))
}

func TestResultJSON(t *testing.T) {
	net := jsDecode(t, `{
		"project": {"defaultCalendar": "std"},
		"calendars": [
			{"id": "std", "week": {"monday": [{"start": "08:00", "end": "16:00"}]}},
			{"id": "ten", "week": {"monday": [{"start": "07:00", "end": "17:00"}]}, "hoursPerDay": 10}
		],
		"activities": [{"id": "A"}, {"id": "B", "calendar": "ten"}, {"id": "C"}],
		"links": [{"pred": "A", "succ": "B"}, {"pred": "A", "succ": "C", "type": "SS"}]
	}`)
	res := &schedule.Result{
		Activities: []schedule.ActivityResult{
			{ID: "A", EarlyStart: jsAt(2025, 3, 3, 8, 0), EarlyFinish: jsAt(2025, 3, 4, 16, 0),
				LateStart: jsAt(2025, 3, 3, 8, 0), LateFinish: jsAt(2025, 3, 4, 16, 0),
				RemainingDuration: 960, TotalFloat: 0, FreeFloat: 0, Critical: true, LongestPath: true},
			{ID: "B", EarlyStart: jsAt(2025, 3, 10, 7, 0), EarlyFinish: jsAt(2025, 3, 10, 17, 0),
				LateStart: jsAt(2025, 3, 10, 7, 0), LateFinish: jsAt(2025, 3, 10, 17, 0),
				RemainingDuration: 600, TotalFloat: 0, FreeFloat: 0, Critical: true, LongestPath: true},
			{ID: "C", EarlyStart: jsAt(2025, 3, 3, 8, 0), EarlyFinish: jsAt(2025, 3, 3, 12, 0),
				LateStart: jsAt(2025, 3, 6, 12, 0), LateFinish: jsAt(2025, 3, 6, 16, 0),
				RemainingDuration: 240, TotalFloat: 1440 + 90, FreeFloat: -90},
		},
		Driving:       []bool{true, false},
		EarlyFinish:   jsAt(2025, 3, 10, 17, 0),
		LongestPath:   []string{"A", "B"},
		MinutesPerDay: []int64{480, 600, 480},
	}
	want := `{
		"earlyFinish": "2025-03-10T17:00",
		"longestPath": ["A", "B"],
		"activities": [
			{"id": "A", "earlyStart": "2025-03-03T08:00", "earlyFinish": "2025-03-04T16:00",
			 "lateStart": "2025-03-03T08:00", "lateFinish": "2025-03-04T16:00",
			 "remainingDuration": {"days": 2}, "totalFloat": {"days": 0}, "freeFloat": {"days": 0},
			 "critical": true, "longestPath": true},
			{"id": "B", "earlyStart": "2025-03-10T07:00", "earlyFinish": "2025-03-10T17:00",
			 "lateStart": "2025-03-10T07:00", "lateFinish": "2025-03-10T17:00",
			 "remainingDuration": {"days": 1}, "totalFloat": {"days": 0}, "freeFloat": {"days": 0},
			 "critical": true, "longestPath": true},
			{"id": "C", "earlyStart": "2025-03-03T08:00", "earlyFinish": "2025-03-03T12:00",
			 "lateStart": "2025-03-06T12:00", "lateFinish": "2025-03-06T16:00",
			 "remainingDuration": {"hours": 4}, "totalFloat": {"days": 3, "hours": 1, "minutes": 30},
			 "freeFloat": {"hours": -1, "minutes": -30}}
		],
		"links": [
			{"pred": "A", "succ": "B", "driving": true},
			{"pred": "A", "succ": "C", "type": "SS"}
		]
	}`
	b, err := schedule.MarshalResult(&net, res)
	require.NoError(t, err)
	assert.Equal(t, jsCompact(t, want), string(b))

	back, err := schedule.UnmarshalResult(b, &net)
	require.NoError(t, err)
	assert.Equal(t, res, back)

	// The result's own minutes per day win over the calendars when writing.
	res2 := *res
	res2.MinutesPerDay = []int64{240, 600, 480}
	b, err = schedule.MarshalResult(&net, &res2)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"remainingDuration":{"days":4}`)

	// Days in a result read back on each activity's calendar.
	got, err := schedule.UnmarshalResult([]byte(`{"earlyFinish":"2025-03-10T17:00","longestPath":[],"activities":[
		{"id":"A","totalFloat":{"days":1.5}},{"id":"B","totalFloat":{"days":1.5}},{"id":"C"}],
		"links":[{"pred":"A","succ":"B","type":"FS"},{"pred":"A","succ":"C","type":"SS","driving":true}]}`), &net)
	require.NoError(t, err)
	assert.Equal(t, int64(720), got.Activities[0].TotalFloat)
	assert.Equal(t, int64(900), got.Activities[1].TotalFloat)
	assert.Equal(t, []bool{false, true}, got.Driving)
	assert.Nil(t, got.LongestPath)
}

func TestResultJSONErrors(t *testing.T) {
	net := jsDecode(t, `{"activities":[{"id":"A"},{"id":"B"}],"links":[{"pred":"A","succ":"B"}]}`)
	ok := &schedule.Result{
		Activities:    []schedule.ActivityResult{{ID: "A"}, {ID: "B"}},
		Driving:       []bool{true},
		MinutesPerDay: []int64{480, 480},
	}
	_, err := schedule.MarshalResult(&net, ok)
	require.NoError(t, err)

	marshal := []struct {
		name string
		net  *schedule.Network
		res  *schedule.Result
		want string
	}{
		{"nil result", &net, nil, "result: needs both the network and the result"},
		{"nil network", nil, ok, "result: needs both the network and the result"},
		{"too few activities", &net, &schedule.Result{Activities: ok.Activities[:1], Driving: ok.Driving}, "result: activities: has 1, the network 2"},
		{"too few driving flags", &net, &schedule.Result{Activities: ok.Activities}, "result: links: has 0 driving flags, the network 1 links"},
		{"another network's activity", &net, &schedule.Result{Activities: []schedule.ActivityResult{{ID: "A"}, {ID: "X"}}, Driving: ok.Driving},
			`activity "X": id: does not match the network's activity 1 "B"`},
	}
	for _, tt := range marshal {
		t.Run("marshal "+tt.name, func(t *testing.T) {
			_, err := schedule.MarshalResult(tt.net, tt.res)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
		})
	}

	unmarshal := []struct{ name, in, want string }{
		{"unknown field", `{"activities":[{"id":"A"},{"id":"B"}],"links":[{"pred":"A","succ":"B"}],"float":1}`, "result: float: unknown field"},
		{"wrong activity", `{"activities":[{"id":"A"},{"id":"C"}],"links":[{"pred":"A","succ":"B"}]}`,
			`activity "C": id: does not match the network's activity 1 "B"`},
		{"too many activities", `{"activities":[{"id":"A"},{"id":"B"},{"id":"C"}],"links":[{"pred":"A","succ":"B"}]}`,
			"result: activities: has 3, the network 2"},
		{"missing links", `{"activities":[{"id":"A"},{"id":"B"}]}`, "result: links: has 0, the network 1"},
		{"wrong link", `{"activities":[{"id":"A"},{"id":"B"}],"links":[{"pred":"A","succ":"B","type":"SS"}]}`,
			"link 0 (A→B): does not match the network's link 0 (A→B FS)"},
		{"bad float", `{"activities":[{"id":"A","totalFloat":{"days":"1"}},{"id":"B"}],"links":[{"pred":"A","succ":"B"}]}`,
			`activity "A": totalFloat: days: must be a number, not "1"`},
		{"bad date", `{"activities":[{"id":"A","lateFinish":"2025-02-29T17:00"},{"id":"B"}],"links":[{"pred":"A","succ":"B"}]}`,
			`activity "A": lateFinish: invalid date "2025-02-29": want 2006-01-02 with a day that exists`},
		{"unknown activity field", `{"activities":[{"id":"A","slack":{}},{"id":"B"}],"links":[{"pred":"A","succ":"B"}]}`,
			`activity "A": slack: unknown field`},
		{"not JSON", `{"activities":`, "result: "},
	}
	for _, tt := range unmarshal {
		t.Run("unmarshal "+tt.name, func(t *testing.T) {
			_, err := schedule.UnmarshalResult([]byte(tt.in), &net)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
		})
	}
	_, err = schedule.UnmarshalResult([]byte(`{}`), nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, lanyan.ErrInvalid))
}

func FuzzNetworkJSON(f *testing.F) {
	if b, err := os.ReadFile("testdata/example-network.json"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		jsFull,
		`{}`,
		`null`,
		`{"calendars":` + jsCalendars + `,"activities":[{"id":"A","calendar":"ten","duration":{"days":2.5,"minutes":-0.5}}],"links":[{"pred":"A","succ":"A","lag":{"hours":1e3}}]}`,
		`{"activities":[{"id":"A","remainingDuration":{"minutes":-0}},{"id":"B","actualStart":"0000-01-01T00:00","percentComplete":-0}]}`,
		`{"calendars":[{"id":"c","week":{"monday":null},"exceptions":[{"from":"2025-01-01","to":"2024-01-01","periods":null}]}]}`,
		`{"project":{"start":"0001-01-01T00:00"},"options":{"criticalFloat":{}}}`,
		`{"project":{"start":"0000-01-01T00:00"},"options":{"dataDate":"9999-12-31T23:59","mustFinishBy":"0000-12-31T24:00"},
			"calendars":[{"id":"c","hoursPerDay":1e-320,"exceptions":[{"from":"0000-01-01","to":"9999-12-31"}]},{"id":"c","base":"c","hoursPerDay":-1}]}`,
		`{"Activities":[{"ID":"A","Duration":{"Days":1}}],"activities":[{"id":"B"}]}`,
		`{"activities":[{"id":"A","duration":{"days":19215358410114116,"hours":2,"minutes":7}}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var n schedule.Network
		if err := n.UnmarshalJSON(data); err != nil {
			if !errors.Is(err, lanyan.ErrInvalid) {
				t.Fatalf("decode error is not ErrInvalid: %v", err)
			}
			return
		}
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatalf("decoded network does not encode: %v\ninput: %s", err, data)
		}
		var n2 schedule.Network
		if err := json.Unmarshal(b, &n2); err != nil {
			t.Fatalf("encoded network does not decode: %v\nencoded: %s", err, b)
		}
		if !assert.Equal(t, n, n2, "round trip\ninput:   %s\nencoded: %s", data, b) {
			t.FailNow()
		}
		b2, err := json.Marshal(n2)
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("encoding is not stable: %v\n%s\n%s", err, b, b2)
		}
	})
}

// TestNetworkJSONHonorConstraintDates reads and writes the MS Project option.
func TestNetworkJSONHonorConstraintDates(t *testing.T) {
	n := jsDecode(t, `{"options":{"honorConstraintDates":true}}`)
	assert.True(t, n.Options.HonorConstraintDates)
	b, err := json.Marshal(n)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"options":{"honorConstraintDates":true}`)
}
