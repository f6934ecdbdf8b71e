package schedule_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Dates used below, checked against a printed calendar:
//
//	2025-03-03 Mon   2025-03-07 Fri   2025-03-08 Sat   2025-03-09 Sun   2025-03-10 Mon
//	2025-09-26 Fri   2025-09-28 Sun (调休上班 on cn-statutory)   2025-09-30 Tue
//	2025-10-01 Wed … 2025-10-08 Wed (国庆节、中秋节 on cn-statutory)   2025-10-09 Thu
//
// The standard calendar works 08:00–12:00 and 13:00–17:00, Monday to Friday: 240
// minutes a half-day, 480 a day, 2400 a week.

// calInstant parses a test instant, failing the test on a typo.
func calInstant(t testing.TB, s string) schedule.Instant {
	t.Helper()
	v, err := schedule.ParseInstant(s)
	require.NoError(t, err, s)
	return v
}

// calDate parses a test date, failing the test on a typo.
func calDate(t testing.TB, s string) date.Date {
	t.Helper()
	d, err := schedule.ParseDate(s)
	require.NoError(t, err, s)
	return d
}

// calCompile compiles calendar id from cals, failing the test on an error.
func calCompile(t testing.TB, id string, cals ...schedule.Calendar) *schedule.CompiledCalendar {
	t.Helper()
	c, err := schedule.Compile(id, cals...)
	require.NoError(t, err)
	return c
}

// calAll returns every calendar the tests below refer to by id, compiled.
func calAll(t testing.TB) map[string]*schedule.CompiledCalendar {
	t.Helper()
	all := schedule.BuiltinCalendars()
	out := map[string]*schedule.CompiledCalendar{}
	for _, c := range all {
		out[c.ID] = calCompile(t, c.ID, all...)
	}
	return out
}

func TestWorkBetween(t *testing.T) {
	cals := calAll(t)
	tests := []struct {
		name   string
		cal    string
		a, b   string
		minute int64
	}{
		// Friday 13:00–17:00 is 240; Saturday and Sunday 0; Monday 08:00–12:00 is 240.
		{"across a weekend", "standard", "2025-03-07T13:00", "2025-03-10T12:00", 480},
		// Same span backwards is the negative.
		{"backwards", "standard", "2025-03-10T12:00", "2025-03-07T13:00", -480},
		// 11:00–12:00 is 60, lunch 12:00–13:00 is 0, 13:00–14:00 is 60.
		{"across lunch", "standard", "2025-03-03T11:00", "2025-03-03T14:00", 120},
		// Both ends in non-working time of the same weekend.
		{"weekend to weekend", "standard", "2025-03-08T10:00", "2025-03-09T10:00", 0},
		// Monday 08:00 to the next Monday 08:00 is five full days.
		{"one week", "standard", "2025-03-03T08:00", "2025-03-10T08:00", 2400},
		// Instants in the middle of the night count from the day's periods.
		{"night to night", "standard", "2025-03-02T23:00", "2025-03-04T03:00", 480},
		// Tue 30 Sep is a full day (480); 1–8 Oct are the National Day holiday (0);
		// Thu 9 Oct is a full day (480).
		{"across a holiday", "cn-statutory", "2025-09-30T08:00", "2025-10-09T17:00", 960},
		// The standard calendar has no holidays: Tue 30 Sep … Thu 9 Oct is 8 weekdays.
		{"same span, no holidays", "standard", "2025-09-30T08:00", "2025-10-09T17:00", 8 * 480},
		// Fri 26 Sep is a full day (480), Sat 27 is off, Sun 28 is a make-up working
		// day (480), so Monday 08:00 is two days later.
		{"across a make-up working day", "cn-statutory", "2025-09-26T08:00", "2025-09-29T08:00", 960},
		{"same span on standard", "standard", "2025-09-26T08:00", "2025-09-29T08:00", 480},
		// The 24h calendar counts elapsed minutes: Fri 12:00 → Mon 12:00 is 3 × 1440.
		{"24h across a weekend", "24h", "2025-03-07T12:00", "2025-03-10T12:00", 3 * 1440},
		// six-day works Saturday: Fri 13:00 → Mon 12:00 is 240 + 480 + 240.
		{"six-day across a weekend", "six-day", "2025-03-07T13:00", "2025-03-10T12:00", 960},
		// seven-day works both weekend days: 240 + 480 + 480 + 240.
		{"seven-day across a weekend", "seven-day", "2025-03-07T13:00", "2025-03-10T12:00", 1440},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cals[tt.cal]
			a, b := calInstant(t, tt.a), calInstant(t, tt.b)
			assert.Equal(t, tt.minute, c.WorkBetween(a, b))
			assert.Equal(t, tt.minute, c.W(b)-c.W(a))
		})
	}
}

func TestAddWork(t *testing.T) {
	cals := calAll(t)
	tests := []struct {
		name    string
		cal     string
		from    string
		minutes int64
		want    string
	}{
		// 480 minutes from Monday 08:00 is the whole day: the finish is 17:00 that
		// day, not 08:00 on Tuesday.
		{"a day ends at 17:00", "standard", "2025-03-03T08:00", 480, "2025-03-03T17:00"},
		// 240 minutes fill the morning: 12:00, not 13:00.
		{"a morning ends at 12:00", "standard", "2025-03-03T08:00", 240, "2025-03-03T12:00"},
		// One minute more than a day is the first minute of Tuesday.
		{"one minute past a day", "standard", "2025-03-03T08:00", 481, "2025-03-04T08:01"},
		// Friday afternoon (240) then Monday morning (240).
		{"over a weekend", "standard", "2025-03-07T13:00", 480, "2025-03-10T12:00"},
		// Five days from Friday 17:00 end on the next Friday 17:00.
		{"a week from a finish", "standard", "2025-03-07T17:00", 2400, "2025-03-14T17:00"},
		// Starting in non-working time counts from the next working minute:
		// Saturday 10:00 + 60 → Monday 09:00.
		{"from a weekend", "standard", "2025-03-08T10:00", 60, "2025-03-10T09:00"},
		// From lunch: 13:00 + 30.
		{"from lunch", "standard", "2025-03-03T12:30", 30, "2025-03-03T13:30"},
		// Zero work returns the instant unchanged, even in non-working time.
		{"zero", "standard", "2025-03-08T10:00", 0, "2025-03-08T10:00"},
		{"zero in working time", "standard", "2025-03-03T09:15", 0, "2025-03-03T09:15"},
		// Backwards from Monday 10:00: 08:00–10:00 is 120, then Friday 15:00–17:00 is
		// the other 120, so 4 h back is Friday 15:00.
		{"back 4h over a weekend", "standard", "2025-03-10T10:00", -240, "2025-03-07T15:00"},
		// 5 h back: Monday 08:00–10:00 is 2 h, Friday 14:00–17:00 the other 3 h, so
		// Friday 14:00.
		{"back 5h over a weekend", "standard", "2025-03-10T10:00", -300, "2025-03-07T14:00"},
		// Backwards results are starts: 4 h back from Monday 08:00 is the start of
		// Friday afternoon, 13:00 (not 12:00).
		{"back to a period start", "standard", "2025-03-10T08:00", -240, "2025-03-07T13:00"},
		{"back a whole day", "standard", "2025-03-10T08:00", -480, "2025-03-07T08:00"},
		{"back one minute", "standard", "2025-03-04T08:00", -1, "2025-03-03T16:59"},
		// Sun 28 Sep 2025 is a make-up working day on cn-statutory: Friday 13:00 + 480
		// is Friday afternoon then Sunday morning.
		{"onto a make-up day", "cn-statutory", "2025-09-26T13:00", 480, "2025-09-28T12:00"},
		// Tue 30 Sep 17:00 + 1 minute skips the holiday 1–8 Oct.
		{"over a holiday", "cn-statutory", "2025-09-30T17:00", 1, "2025-10-09T08:01"},
		// And back: Thu 9 Oct 08:00 − 480 is Tue 30 Sep 08:00.
		{"back over a holiday", "cn-statutory", "2025-10-09T08:00", -480, "2025-09-30T08:00"},
		// 24h: Saturday 22:00 + 3 h → Sunday 01:00; a whole day from midnight ends at
		// the next midnight.
		{"24h over midnight", "24h", "2025-03-08T22:00", 180, "2025-03-09T01:00"},
		{"24h one day", "24h", "2025-03-03T00:00", 1440, "2025-03-04T00:00"},
		{"24h back", "24h", "2025-03-03T00:00", -60, "2025-03-02T23:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cals[tt.cal]
			from := calInstant(t, tt.from)
			got := c.AddWork(from, tt.minutes)
			assert.Equal(t, tt.want, got.String())
			if tt.minutes != 0 {
				// The work between start and result is what was asked.
				assert.Equal(t, tt.minutes, c.WorkBetween(from, got))
			}
		})
	}
}

func TestNextWorkingPrevWorkingEnd(t *testing.T) {
	cals := calAll(t)
	tests := []struct {
		name string
		cal  string
		at   string
		next string // NextWorking
		prev string // PrevWorkingEnd
	}{
		// Lunch: the next start is 13:00, the previous end 12:00.
		{"lunch", "standard", "2025-03-03T12:30", "2025-03-03T13:00", "2025-03-03T12:00"},
		// Friday 17:00 is an end: next start Monday 08:00; it is its own previous end.
		{"friday evening", "standard", "2025-03-07T17:00", "2025-03-10T08:00", "2025-03-07T17:00"},
		// Monday 08:00 is a start: it is its own next start; the previous end is
		// Friday 17:00.
		{"monday morning", "standard", "2025-03-10T08:00", "2025-03-10T08:00", "2025-03-07T17:00"},
		// Inside a period both are the instant itself.
		{"working time", "standard", "2025-03-03T09:00", "2025-03-03T09:00", "2025-03-03T09:00"},
		// 12:00 ends the morning; 13:00 starts the afternoon.
		{"noon", "standard", "2025-03-03T12:00", "2025-03-03T13:00", "2025-03-03T12:00"},
		{"one pm", "standard", "2025-03-03T13:00", "2025-03-03T13:00", "2025-03-03T12:00"},
		// Weekend.
		{"saturday", "standard", "2025-03-08T10:00", "2025-03-10T08:00", "2025-03-07T17:00"},
		// Early morning and late evening.
		{"before work", "standard", "2025-03-04T06:00", "2025-03-04T08:00", "2025-03-03T17:00"},
		{"after work", "standard", "2025-03-03T18:00", "2025-03-04T08:00", "2025-03-03T17:00"},
		// cn-statutory: from the holiday, the next start is Thu 9 Oct; the previous end
		// Tue 30 Sep.
		{"holiday", "cn-statutory", "2025-10-03T10:00", "2025-10-09T08:00", "2025-09-30T17:00"},
		// Sat 27 Sep is off but Sun 28 Sep is a make-up working day.
		{"before a make-up day", "cn-statutory", "2025-09-27T10:00", "2025-09-28T08:00", "2025-09-26T17:00"},
		// 24h: every instant is working time.
		{"24h", "24h", "2025-03-08T03:00", "2025-03-08T03:00", "2025-03-08T03:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cals[tt.cal]
			at := calInstant(t, tt.at)
			assert.Equal(t, tt.next, c.NextWorking(at).String(), "NextWorking")
			assert.Equal(t, tt.prev, c.PrevWorkingEnd(at).String(), "PrevWorkingEnd")
		})
	}
}

func TestIsWorkDayAndPeriods(t *testing.T) {
	cals := calAll(t)
	tests := []struct {
		cal  string
		day  string
		work bool
	}{
		{"standard", "2025-03-03", true},      // Monday
		{"standard", "2025-03-07", true},      // Friday
		{"standard", "2025-03-08", false},     // Saturday
		{"standard", "2025-03-09", false},     // Sunday
		{"six-day", "2025-03-08", true},       // Saturday
		{"six-day", "2025-03-09", false},      // Sunday
		{"seven-day", "2025-03-09", true},     // Sunday
		{"24h", "2025-03-09", true},           // Sunday
		{"cn-statutory", "2025-10-01", false}, // National Day
		{"cn-statutory", "2025-09-28", true},  // Sunday, make-up working day
		{"cn-statutory", "2025-10-09", true},  // Thursday after the holiday
	}
	for _, tt := range tests {
		t.Run(tt.cal+" "+tt.day, func(t *testing.T) {
			c := cals[tt.cal]
			d := calDate(t, tt.day)
			assert.Equal(t, tt.work, c.IsWorkDay(d))
			assert.Equal(t, tt.work, len(c.Periods(d)) > 0)
		})
	}
	std := cals["standard"]
	assert.Equal(t, []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}, std.Periods(calDate(t, "2025-03-03")))
	assert.Empty(t, std.Periods(calDate(t, "2025-03-08")))
	assert.Equal(t, []schedule.Period{{Start: 0, End: 1440}}, cals["24h"].Periods(calDate(t, "2025-03-08")))

	// Periods returns a copy: changing it does not change the calendar.
	ps := std.Periods(calDate(t, "2025-03-03"))
	ps[0].Start = 0
	assert.Equal(t, 480, std.Periods(calDate(t, "2025-03-03"))[0].Start)
}

func TestWorkDaysAndHoursPerDay(t *testing.T) {
	cals := calAll(t)
	std := cals["standard"]
	assert.Equal(t, int64(480), std.MinutesPerWorkDay())
	assert.Equal(t, 1.0, std.WorkDays(480))
	assert.Equal(t, 0.5, std.WorkDays(240))
	assert.Equal(t, 2.5, std.WorkDays(1200))
	assert.Equal(t, -1.0, std.WorkDays(-480))
	assert.Equal(t, 0.0, std.WorkDays(0))

	h24 := cals["24h"]
	assert.Equal(t, int64(1440), h24.MinutesPerWorkDay())
	assert.Equal(t, 1.0, h24.WorkDays(1440))
	assert.Equal(t, 0.25, h24.WorkDays(360))

	// cn-statutory sets no HoursPerDay: it inherits the standard calendar's 8.
	assert.Equal(t, int64(480), cals["cn-statutory"].MinutesPerWorkDay())
	assert.Equal(t, "cn-statutory", cals["cn-statutory"].ID())

	week := func() schedule.WorkWeek {
		var w schedule.WorkWeek
		w[time.Monday] = []schedule.Period{schedule.Span(8, 0, 12, 0)}
		return w
	}
	tests := []struct {
		name string
		cals []schedule.Calendar
		id   string
		want int64
	}{
		// No HoursPerDay anywhere: 8 h.
		{"default", []schedule.Calendar{{ID: "a", Week: week()}}, "a", 480},
		// Set on the calendar itself; fractional hours round to the minute.
		{"own", []schedule.Calendar{{ID: "a", Week: week(), HoursPerDay: 7.5}}, "a", 450},
		// Inherited from the base (10 h), two levels down.
		{"inherited", []schedule.Calendar{
			{ID: "base", Week: week(), HoursPerDay: 10},
			{ID: "mid", Base: "base"},
			{ID: "leaf", Base: "mid"},
		}, "leaf", 600},
		// The derived calendar's own value wins over the base's.
		{"overridden", []schedule.Calendar{
			{ID: "base", Week: week(), HoursPerDay: 10},
			{ID: "leaf", Base: "base", HoursPerDay: 6},
		}, "leaf", 360},
		// Neither sets it: 8 h for both.
		{"default inherited", []schedule.Calendar{
			{ID: "base", Week: week()},
			{ID: "leaf", Base: "base"},
		}, "leaf", 480},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := calCompile(t, tt.id, tt.cals...)
			assert.Equal(t, tt.want, c.MinutesPerWorkDay())
		})
	}
}

// TestHoursPerDayUnderOneMinute: a positive HoursPerDay under 1/120 h would round
// to 0 minutes a day; it is an error naming hoursPerDay.
func TestHoursPerDayUnderOneMinute(t *testing.T) {
	var w schedule.WorkWeek
	w[time.Monday] = []schedule.Period{schedule.Span(8, 0, 12, 0)}
	c, err := schedule.Compile("leaf",
		schedule.Calendar{ID: "base", Week: w, HoursPerDay: 10},
		schedule.Calendar{ID: "leaf", Base: "base", HoursPerDay: 0.001})
	require.Error(t, err)
	assert.Nil(t, c)
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
	assert.Contains(t, err.Error(), `calendar "leaf": hoursPerDay`)
}

// TestInheritance compiles a calendar derived from the standard one that works
// Saturday mornings, adds a holiday, and overrides one of the base's exceptions.
func TestInheritance(t *testing.T) {
	base := schedule.StandardFiveDay()
	base.Exceptions = []schedule.Exception{
		// Wed 12 Mar: a holiday on the base, overridden by the derived calendar.
		{Name: "base holiday", From: calDate(t, "2025-03-12")},
		// Wed 19 Mar: a holiday on the base that the derived calendar inherits.
		{Name: "inherited holiday", From: calDate(t, "2025-03-19")},
	}
	var w schedule.WorkWeek
	w[time.Saturday] = []schedule.Period{schedule.Span(8, 0, 12, 0)}
	derived := schedule.Calendar{
		ID:   "site",
		Base: "standard",
		Week: w,
		Exceptions: []schedule.Exception{
			{Name: "own holiday", From: calDate(t, "2025-03-05")},
			{Name: "short day", From: calDate(t, "2025-03-12"), Periods: []schedule.Period{schedule.Span(9, 0, 11, 0)}},
		},
	}
	site := calCompile(t, "site", base, derived)
	std := calCompile(t, "standard", base, derived)

	tests := []struct {
		name      string
		a, b      string
		site, std int64
	}{
		// Fri 480 + Sat 240 on site; Fri 480 only on the base.
		{"saturday morning", "2025-03-07T08:00", "2025-03-10T08:00", 720, 480},
		// Mon 480, Tue 480, Wed 5 Mar own holiday 0, Thu 480 on site; 4 × 480 on base.
		{"own holiday", "2025-03-03T08:00", "2025-03-07T08:00", 1440, 1920},
		// Wed 12 Mar: 09:00–11:00 on site (its exception wins); holiday on base.
		{"derived exception wins", "2025-03-12T00:00", "2025-03-13T00:00", 120, 0},
		// Wed 19 Mar: the base's holiday is inherited.
		{"inherited holiday", "2025-03-19T00:00", "2025-03-20T00:00", 0, 0},
		// Sunday is nil on site, so it is the base's Sunday: non-working.
		{"sunday inherited", "2025-03-09T00:00", "2025-03-10T00:00", 0, 0},
		// Tue 11 Mar is an ordinary weekday on both.
		{"weekday inherited", "2025-03-11T00:00", "2025-03-12T00:00", 480, 480},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := calInstant(t, tt.a), calInstant(t, tt.b)
			assert.Equal(t, tt.site, site.WorkBetween(a, b), "site")
			assert.Equal(t, tt.std, std.WorkBetween(a, b), "standard")
		})
	}
	assert.Equal(t, []schedule.Period{schedule.Span(9, 0, 11, 0)}, site.Periods(calDate(t, "2025-03-12")))
	assert.True(t, site.IsWorkDay(calDate(t, "2025-03-08")))
	assert.False(t, std.IsWorkDay(calDate(t, "2025-03-08")))
	// Sat 8 Mar 08:00 + 240 fills the Saturday morning: 12:00; one more minute is
	// Monday 08:01.
	assert.Equal(t, "2025-03-08T12:00", site.AddWork(calInstant(t, "2025-03-08T08:00"), 240).String())
	assert.Equal(t, "2025-03-10T08:01", site.AddWork(calInstant(t, "2025-03-08T08:00"), 241).String())

	// An empty, non-nil weekday in the derived calendar turns the base's working day
	// off.
	var noFri schedule.WorkWeek
	noFri[time.Friday] = []schedule.Period{}
	c := calCompile(t, "nofri", base, schedule.Calendar{ID: "nofri", Base: "standard", Week: noFri})
	assert.False(t, c.IsWorkDay(calDate(t, "2025-03-07")))
	assert.True(t, c.IsWorkDay(calDate(t, "2025-03-06")))
}

func TestCompileErrors(t *testing.T) {
	var mon schedule.WorkWeek
	mon[time.Monday] = []schedule.Period{schedule.Span(8, 0, 17, 0)}
	withWeek := func(c schedule.Calendar) schedule.Calendar {
		c.Week = mon
		return c
	}
	badWeek := func(ps ...schedule.Period) schedule.Calendar {
		var w schedule.WorkWeek
		w[time.Monday] = ps
		return schedule.Calendar{ID: "bad", Week: w}
	}
	d := func(s string) date.Date { return calDate(t, s) }
	tests := []struct {
		name string
		cals []schedule.Calendar
		id   string
		code error
		want []string // parts the message must contain
	}{
		{"unknown base",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", Base: "nope"})}, "a",
			lanyan.ErrNotFound, []string{`calendar "a"`, "base", `"nope"`}},
		{"unknown calendar",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a"})}, "b",
			lanyan.ErrNotFound, []string{`calendar "b"`}},
		{"base loop",
			[]schedule.Calendar{
				withWeek(schedule.Calendar{ID: "a", Base: "b"}),
				withWeek(schedule.Calendar{ID: "b", Base: "a"}),
			}, "a",
			lanyan.ErrInvalid, []string{`calendar "`, "base", "loop"}},
		{"self loop",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", Base: "a"})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "base", "loop"}},
		{"overlapping periods",
			[]schedule.Calendar{badWeek(schedule.Span(8, 0, 12, 0), schedule.Span(11, 0, 17, 0))}, "bad",
			lanyan.ErrInvalid, []string{`calendar "bad"`, "week.monday", "overlaps"}},
		{"periods out of order",
			[]schedule.Calendar{badWeek(schedule.Span(13, 0, 17, 0), schedule.Span(8, 0, 12, 0))}, "bad",
			lanyan.ErrInvalid, []string{`calendar "bad"`, "week.monday"}},
		{"period end after 24:00",
			[]schedule.Calendar{badWeek(schedule.Period{Start: 480, End: 1500})}, "bad",
			lanyan.ErrInvalid, []string{`calendar "bad"`, "week.monday", "within one day"}},
		{"negative period start",
			[]schedule.Calendar{badWeek(schedule.Period{Start: -60, End: 480})}, "bad",
			lanyan.ErrInvalid, []string{`calendar "bad"`, "week.monday"}},
		{"empty period",
			[]schedule.Calendar{badWeek(schedule.Span(8, 0, 8, 0))}, "bad",
			lanyan.ErrInvalid, []string{`calendar "bad"`, "week.monday"}},
		{"no working weekday",
			[]schedule.Calendar{{ID: "idle", Exceptions: []schedule.Exception{
				{From: d("2025-03-08"), Periods: []schedule.Period{schedule.Span(8, 0, 12, 0)}},
			}}}, "idle",
			lanyan.ErrInvalid, []string{`calendar "idle"`, "week", "no working day"}},
		{"exception to before from",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", Exceptions: []schedule.Exception{
				{From: d("2025-03-01"), To: d("2025-03-10")},
				{From: d("2025-03-10"), To: d("2025-03-01")},
			}})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "exceptions[1].to", "before from"}},
		{"exception too long",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", Exceptions: []schedule.Exception{
				{From: d("2000-01-01"), To: d("2020-01-01")},
			}})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "exceptions[0].to"}},
		{"exception periods",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", Exceptions: []schedule.Exception{
				{From: d("2025-03-01"), Periods: []schedule.Period{schedule.Span(12, 0, 8, 0)}},
			}})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "exceptions[0].periods"}},
		{"duplicate ids",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a"}), withWeek(schedule.Calendar{ID: "a"})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "id", "more than one"}},
		{"empty id",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a"}), withWeek(schedule.Calendar{})}, "a",
			lanyan.ErrInvalid, []string{"calendar 1", "id", "empty"}},
		{"negative hours per day",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", HoursPerDay: -1})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "hoursPerDay"}},
		{"hours per day over 24",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a", HoursPerDay: 25})}, "a",
			lanyan.ErrInvalid, []string{`calendar "a"`, "hoursPerDay"}},
		// A broken calendar is an error even when another one is compiled: Compile
		// checks everything it is given.
		{"error in another calendar",
			[]schedule.Calendar{withWeek(schedule.Calendar{ID: "a"}), badWeek(schedule.Span(8, 0, 25, 0))}, "a",
			lanyan.ErrInvalid, []string{`calendar "bad"`, "week.monday"}},
		// The builtin cn-statutory without its base.
		{"cn-statutory alone",
			[]schedule.Calendar{schedule.ChinaStatutory()}, "cn-statutory",
			lanyan.ErrNotFound, []string{`calendar "cn-statutory"`, "base", `"standard"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := schedule.Compile(tt.id, tt.cals...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.True(t, errors.Is(err, tt.code), "want %v, got %v", tt.code, err)
			var le *lanyan.Error
			require.ErrorAs(t, err, &le)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

// TestHorizonFuture works 100,000 days on the seven-day calendar, far past the
// initial table (about 2000–2040), so that it must extend itself.
//
// By hand: working day 1 is Mon 2025-01-06 and ends at 17:00; working day N ends at
// 17:00 on 2025-01-06 + (N−1) days, so day 100,000 ends on 2025-01-06 + 99,999 days.
// 2025-01-06 → 2298-01-06 is 273 years = 273 × 365 + leap days. Leap days (29 Feb)
// in between fall in 2028, 2032, …, 2296: (2296 − 2028)/4 + 1 = 68, less 2100 and
// 2200 (not leap) = 66. 273 × 365 + 66 = 99,711 days. 99,999 − 99,711 = 288 days
// after 2298-01-06 (2298 is not a leap year): Jan leaves 25 (→263), Feb 28 (→235),
// Mar 31 (→204), Apr 30 (→174), May 31 (→143), Jun 30 (→113), Jul 31 (→82), Aug 31
// (→51), Sep 30 (→21), so 21 October: 2298-10-21T17:00.
func TestHorizonFuture(t *testing.T) {
	all := schedule.BuiltinCalendars()
	c := calCompile(t, "seven-day", all...)
	from := calInstant(t, "2025-01-06T08:00")
	got := c.AddWork(from, 100_000*480)
	assert.Equal(t, "2298-10-21T17:00", got.String())
	assert.Equal(t, int64(100_000*480), c.WorkBetween(from, got))
	assert.Equal(t, from, c.AddWork(got, -100_000*480))
	assert.False(t, c.Overflowed())

	// The standard calendar in 2500: Mon 2500-01-04 → Mon 2500-01-11 is one week.
	std := calCompile(t, "standard", all...)
	assert.Equal(t, int64(2400), std.WorkBetween(calInstant(t, "2500-01-04T08:00"), calInstant(t, "2500-01-11T08:00")))
	assert.Equal(t, "2500-01-08T17:00", std.AddWork(calInstant(t, "2500-01-04T08:00"), 2400).String())
	assert.False(t, std.Overflowed())
}

// TestHorizonPast goes back before 1990, before the initial table.
//
// By hand: 1970-01-06 → 2025-01-06 is 55 years = 55 × 365 + leap days 1972, 1976,
// …, 2024 ((2024 − 1972)/4 + 1 = 14, 2000 being leap) = 20,089 days. 20,000 days
// back from 2025-01-06 is 89 days after 1970-01-06: Jan leaves 25 (→64), Feb 28
// (→36), Mar 31 (→5): 1970-04-05. Going back 20,000 whole days from a day's start
// lands on that day's start, 08:00.
//
// 1900-01-01 was a Monday, so 1900-01-01 → 1900-01-08 is one standard week, 2400.
func TestHorizonPast(t *testing.T) {
	all := schedule.BuiltinCalendars()
	c := calCompile(t, "seven-day", all...)
	from := calInstant(t, "2025-01-06T08:00")
	got := c.AddWork(from, -20_000*480)
	assert.Equal(t, "1970-04-05T08:00", got.String())
	assert.Equal(t, int64(-20_000*480), c.WorkBetween(from, got))

	std := calCompile(t, "standard", all...)
	assert.Equal(t, int64(2400), std.WorkBetween(calInstant(t, "1900-01-01T08:00"), calInstant(t, "1900-01-08T08:00")))
	// Monday 1900-01-08 08:00 back one day is Friday 1900-01-05 08:00.
	assert.Equal(t, "1900-01-05T08:00", std.AddWork(calInstant(t, "1900-01-08T08:00"), -480).String())
	assert.Equal(t, "1900-01-08T08:00", std.NextWorking(calInstant(t, "1900-01-06T12:00")).String())
	assert.False(t, std.Overflowed())
}

// TestHorizonOverflow runs past year 9998: the calendar says so.
func TestHorizonOverflow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a table to year 9998")
	}
	c := calCompile(t, "24h", schedule.BuiltinCalendars()...)
	from := calInstant(t, "2025-01-06T00:00")
	// 8,000 years of days is past 9998.
	_ = c.AddWork(from, 8000*366*1440)
	assert.True(t, c.Overflowed())
}

// TestHorizonLastDay: the horizon reaches 9998-12-31, the last day documented. By
// hand on seven-day: 30 Dec 08:00–17:00 is 480 and 31 Dec 08:00–17:00 is 480, so 960.
func TestHorizonLastDay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a table to year 9998")
	}
	c := calCompile(t, "seven-day", schedule.BuiltinCalendars()...)
	a := schedule.AtTime(date.New(9998, 12, 30), 8, 0)
	b := schedule.AtTime(date.New(9998, 12, 31), 17, 0)
	assert.Equal(t, int64(960), c.WorkBetween(a, b))
	assert.False(t, c.Overflowed())
}

// TestConcurrentUse asks the same questions from several goroutines of one
// freshly compiled calendar, whose horizon extends while they run (go test -race),
// and compares with the answers of a calendar used from one goroutine.
func TestConcurrentUse(t *testing.T) {
	all := schedule.BuiltinCalendars()
	type question struct {
		from schedule.Instant
		m    int64
	}
	var qs []question
	base := calInstant(t, "2025-01-06T08:00")
	for i := int64(-20); i <= 20; i++ {
		qs = append(qs, question{base, i * 2_000 * 480}, question{base.Add(i * 1_000 * 1440), 4321 * i})
	}
	ref := calCompile(t, "cn-statutory", all...)
	want := make([]schedule.Instant, len(qs))
	wantW := make([]int64, len(qs))
	for i, q := range qs {
		want[i] = ref.AddWork(q.from, q.m)
		wantW[i] = ref.W(q.from)
	}

	shared := calCompile(t, "cn-statutory", all...)
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan string, workers*len(qs))
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range qs {
				// Each goroutine walks the questions in a different order.
				i := (k*(2*g+1) + g) % len(qs)
				q := qs[i]
				if got := shared.AddWork(q.from, q.m); got != want[i] {
					errs <- fmt.Sprintf("AddWork(%s, %d) = %s, want %s", q.from, q.m, got, want[i])
				}
				if got := shared.W(q.from); got != wantW[i] {
					errs <- fmt.Sprintf("W(%s) = %d, want %d", q.from, got, wantW[i])
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestPeriodJSON(t *testing.T) {
	tests := []struct {
		p    schedule.Period
		json string
	}{
		{schedule.Span(8, 0, 12, 0), `{"start":"08:00","end":"12:00"}`},
		{schedule.Span(13, 30, 17, 45), `{"start":"13:30","end":"17:45"}`},
		{schedule.Period{Start: 0, End: 1440}, `{"start":"00:00","end":"24:00"}`},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			b, err := json.Marshal(tt.p)
			require.NoError(t, err)
			assert.JSONEq(t, tt.json, string(b))
			var p schedule.Period
			require.NoError(t, json.Unmarshal(b, &p))
			assert.Equal(t, tt.p, p)
		})
	}
	for _, bad := range []string{
		`{"start":"8:00","end":"12:00"}`,
		`{"start":"08:00","end":"24:01"}`,
		`{"start":"08:60","end":"12:00"}`,
		`{"start":"25:00","end":"26:00"}`,
		`{"start":"08:00"}`,
		`{"start":"aa:bb","end":"12:00"}`,
		`"08:00-12:00"`,
		`null`,
	} {
		var p schedule.Period
		assert.Error(t, json.Unmarshal([]byte(bad), &p), bad)
	}
}

func TestWorkWeekJSON(t *testing.T) {
	w := schedule.StandardFiveDay().Week
	b, err := json.Marshal(w)
	require.NoError(t, err)
	day := `[{"start":"08:00","end":"12:00"},{"start":"13:00","end":"17:00"}]`
	assert.JSONEq(t, `{"monday":`+day+`,"tuesday":`+day+`,"wednesday":`+day+`,"thursday":`+day+
		`,"friday":`+day+`,"saturday":[],"sunday":[]}`, string(b))
	var back schedule.WorkWeek
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, w, back)

	// Unset days (nil, inherited) are left out and stay nil.
	var partial schedule.WorkWeek
	partial[time.Saturday] = []schedule.Period{schedule.Span(8, 0, 12, 0)}
	b, err = json.Marshal(partial)
	require.NoError(t, err)
	assert.JSONEq(t, `{"saturday":[{"start":"08:00","end":"12:00"}]}`, string(b))
	back = schedule.WorkWeek{}
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, partial, back)
	assert.Nil(t, back[time.Monday])

	var empty schedule.WorkWeek
	b, err = json.Marshal(empty)
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b))

	// null for a day is a non-working day, not an inherited one.
	require.NoError(t, json.Unmarshal([]byte(`{"sunday":null}`), &back))
	assert.NotNil(t, back[time.Sunday])
	assert.Empty(t, back[time.Sunday])

	assert.Error(t, json.Unmarshal([]byte(`{"mon":[]}`), &back))
	assert.Error(t, json.Unmarshal([]byte(`{"Monday":[]}`), &back))
	assert.Error(t, json.Unmarshal([]byte(`[]`), &back))
}

func TestExceptionJSON(t *testing.T) {
	tests := []struct {
		name string
		e    schedule.Exception
		json string
	}{
		{"holiday span",
			schedule.Exception{Name: "国庆节", From: date.New(2025, 10, 1), To: date.New(2025, 10, 8)},
			`{"name":"国庆节","from":"2025-10-01","to":"2025-10-08","periods":[]}`},
		{"single day written without to",
			schedule.Exception{Name: "元旦", From: date.New(2025, 1, 1), To: date.New(2025, 1, 1)},
			`{"name":"元旦","from":"2025-01-01","periods":[]}`},
		{"working day",
			schedule.Exception{From: date.New(2025, 9, 28), To: date.New(2025, 9, 28), Periods: []schedule.Period{schedule.Span(8, 0, 12, 0)}},
			`{"from":"2025-09-28","periods":[{"start":"08:00","end":"12:00"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.e)
			require.NoError(t, err)
			assert.JSONEq(t, tt.json, string(b))
			var back schedule.Exception
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.e.Name, back.Name)
			assert.Equal(t, tt.e.From, back.From)
			assert.Equal(t, tt.e.To, back.To)
			assert.Equal(t, len(tt.e.Periods), len(back.Periods))
			for i := range tt.e.Periods {
				assert.Equal(t, tt.e.Periods[i], back.Periods[i])
			}
		})
	}
	// A single day with To left zero is written without "to" and read back with
	// To = From.
	b, err := json.Marshal(schedule.Exception{From: date.New(2025, 5, 1)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"from":"2025-05-01","periods":[]}`, string(b))

	for _, bad := range []string{
		`{"from":"2025-02-29","periods":[]}`,
		`{"from":"2025-13-01","periods":[]}`,
		`{"from":"2025-10-01","to":"2025-10-32","periods":[]}`,
		`{"periods":[]}`,
		`{"from":"2025-10-01","periods":[{"start":"08:00","end":"24:30"}]}`,
		`null`,
	} {
		var e schedule.Exception
		assert.Error(t, json.Unmarshal([]byte(bad), &e), bad)
	}
}

// TestCalendarJSON round-trips every built-in calendar through JSON and checks the
// result compiles to the same answers.
func TestCalendarJSON(t *testing.T) {
	all := schedule.BuiltinCalendars()
	b, err := json.Marshal(all)
	require.NoError(t, err)
	var back []schedule.Calendar
	require.NoError(t, json.Unmarshal(b, &back))
	require.Len(t, back, len(all))
	for i := range all {
		assert.Equal(t, all[i].ID, back[i].ID)
		assert.Equal(t, all[i].Name, back[i].Name)
		assert.Equal(t, all[i].Base, back[i].Base)
		assert.Equal(t, all[i].Week, back[i].Week)
		assert.Equal(t, all[i].HoursPerDay, back[i].HoursPerDay)
		// A holiday's nil Periods come back as an empty slice: the same day.
		require.Len(t, back[i].Exceptions, len(all[i].Exceptions))
		for k, e := range all[i].Exceptions {
			g := back[i].Exceptions[k]
			assert.Equal(t, e.Name, g.Name)
			assert.Equal(t, e.From, g.From)
			assert.Equal(t, e.To, g.To)
			assert.ElementsMatch(t, e.Periods, g.Periods, "%s %s", all[i].ID, e.From)
		}
	}
	// And once more: the JSON is stable.
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))

	c1 := calCompile(t, "cn-statutory", all...)
	c2 := calCompile(t, "cn-statutory", back...)
	a, z := calInstant(t, "2024-01-01T00:00"), calInstant(t, "2027-01-01T00:00")
	assert.Equal(t, c1.WorkBetween(a, z), c2.WorkBetween(a, z))

	var c schedule.Calendar
	assert.Error(t, json.Unmarshal([]byte(`{"id":"x","week":{"funday":[]}}`), &c))
	assert.Error(t, json.Unmarshal([]byte(`{"id":"x","exceptions":[{"from":"2025-02-29"}]}`), &c))
}

// FuzzCalendarJSON reads arbitrary bytes as a Calendar: it must never panic, and a
// calendar that reads must compile (or fail to) without panicking, and a compiled
// calendar must answer questions without panicking.
func FuzzCalendarJSON(f *testing.F) {
	for _, c := range schedule.BuiltinCalendars() {
		b, err := json.Marshal(c)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"a","week":{"monday":[{"start":"08:00","end":"24:00"}]},"hoursPerDay":7.5}`))
	f.Add([]byte(`{"id":"a","base":"a","week":{"monday":[]}}`))
	f.Add([]byte(`{"id":"a","week":{"monday":[{"start":"12:00","end":"08:00"}]}}`))
	f.Add([]byte(`{"id":"a","week":{"sunday":[{"start":"00:00","end":"00:01"}]},"exceptions":[{"from":"0001-01-01","to":"0010-12-31","periods":[]}]}`))
	f.Add([]byte(`{"id":"a","week":{"friday":[{"start":"23:59","end":"24:00"}]},"exceptions":[{"from":"9999-12-31","periods":[{"start":"00:00","end":"24:00"}]}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	std := schedule.StandardFiveDay()
	probe := date.New(2025, 3, 3)
	f.Fuzz(func(t *testing.T, b []byte) {
		var c schedule.Calendar
		if err := json.Unmarshal(b, &c); err != nil {
			return
		}
		cals := []schedule.Calendar{c}
		if c.ID != std.ID {
			cals = append(cals, std) // so that base "standard" resolves
		}
		cc, err := schedule.Compile(c.ID, cals...)
		if err != nil {
			require.Nil(t, cc)
			return
		}
		at := schedule.At(probe, 9*60)
		w := cc.W(at)
		got := cc.AddWork(at, 5*cc.MinutesPerWorkDay())
		_ = cc.AddWork(at, -5*cc.MinutesPerWorkDay())
		_ = cc.NextWorking(at)
		_ = cc.PrevWorkingEnd(at)
		_ = cc.IsWorkDay(probe)
		_ = cc.Periods(probe)
		if !cc.Overflowed() {
			require.Equal(t, 5*cc.MinutesPerWorkDay(), cc.W(got)-w)
		}
	})
}
