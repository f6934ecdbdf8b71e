package schedule_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
)

// cnStatutory compiles the cn-statutory calendar the way its doc comment says.
func cnStatutory(t testing.TB) *schedule.CompiledCalendar {
	t.Helper()
	return calCompile(t, "cn-statutory", schedule.StandardFiveDay(), schedule.ChinaStatutory())
}

func TestChinaStatutoryDays(t *testing.T) {
	c := cnStatutory(t)
	tests := []struct {
		day  string
		work bool
		why  string
	}{
		// 2024 (国办发明电〔2023〕7号)
		{"2024-01-01", false, "元旦, Monday"},
		{"2024-01-02", true, "ordinary Tuesday"},
		{"2024-02-04", true, "Sunday, Spring Festival make-up day"},
		{"2024-02-09", true, "除夕 is a Friday the notice only encourages giving off"},
		{"2024-02-12", false, "Spring Festival, Monday"},
		{"2024-02-17", false, "Spring Festival, last day, Saturday"},
		{"2024-02-18", true, "Sunday, Spring Festival make-up day"},
		{"2024-02-19", true, "Monday after Spring Festival"},
		{"2024-04-04", false, "清明节, Thursday"},
		{"2024-04-07", true, "Sunday, Qingming make-up day"},
		{"2024-04-28", true, "Sunday, Labour Day make-up day"},
		{"2024-05-01", false, "劳动节, Wednesday"},
		{"2024-05-06", true, "Monday after Labour Day"},
		{"2024-05-11", true, "Saturday, Labour Day make-up day"},
		{"2024-06-10", false, "端午节, Monday"},
		{"2024-09-14", true, "Saturday, Mid-Autumn make-up day"},
		{"2024-09-16", false, "中秋节, Monday"},
		{"2024-09-29", true, "Sunday, National Day make-up day"},
		{"2024-10-07", false, "国庆节, Monday"},
		{"2024-10-12", true, "Saturday, National Day make-up day"},
		// 2025 (国办发明电〔2024〕12号)
		{"2025-01-01", false, "元旦, Wednesday"},
		{"2025-01-26", true, "Sunday, Spring Festival make-up day"},
		{"2025-01-27", true, "Monday before 除夕"},
		{"2025-01-28", false, "除夕, Tuesday"},
		{"2025-02-04", false, "Spring Festival, last day, Tuesday"},
		{"2025-02-05", true, "Wednesday after Spring Festival"},
		{"2025-02-08", true, "Saturday, Spring Festival make-up day"},
		{"2025-04-04", false, "清明节, Friday"},
		{"2025-04-27", true, "Sunday, Labour Day make-up day"},
		{"2025-05-05", false, "劳动节, last day, Monday"},
		{"2025-06-02", false, "端午节, Monday"},
		{"2025-09-28", true, "Sunday, National Day make-up day"},
		{"2025-10-01", false, "国庆节, Wednesday"},
		{"2025-10-06", false, "中秋节 (merged with National Day), Monday"},
		{"2025-10-08", false, "国庆节, last day, Wednesday"},
		{"2025-10-09", true, "Thursday after the holiday"},
		{"2025-10-11", true, "Saturday, National Day make-up day"},
		{"2025-10-12", false, "ordinary Sunday"},
		// 2026 (国办发明电〔2025〕7号)
		{"2026-01-02", false, "元旦, Friday"},
		{"2026-01-04", true, "Sunday, New Year make-up day"},
		{"2026-02-14", true, "Saturday, Spring Festival make-up day"},
		{"2026-02-23", false, "Spring Festival, last day, Monday"},
		{"2026-02-24", true, "Tuesday after Spring Festival"},
		{"2026-02-28", true, "Saturday, Spring Festival make-up day"},
		{"2026-04-06", false, "清明节, Monday"},
		{"2026-05-05", false, "劳动节, last day, Tuesday"},
		{"2026-05-09", true, "Saturday, Labour Day make-up day"},
		{"2026-06-19", false, "端午节, Friday"},
		{"2026-09-20", true, "Sunday, National Day make-up day"},
		{"2026-09-25", false, "中秋节, Friday"},
		{"2026-10-07", false, "国庆节, last day, Wednesday"},
		{"2026-10-08", true, "Thursday after National Day"},
		{"2026-10-10", true, "Saturday, National Day make-up day"},
		// Years without a notice in the table are ordinary weeks.
		{"2027-01-01", true, "Friday; 2027 is not in the table"},
		{"2023-10-02", true, "Monday; 2023 is not in the table"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			assert.Equal(t, tt.work, c.IsWorkDay(calDate(t, tt.day)), tt.why)
		})
	}
	// A make-up day works the standard hours.
	assert.Equal(t, []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)},
		c.Periods(calDate(t, "2025-09-28")))
}

// TestChinaStatutoryOctober2025 counts the working days of October 2025 on
// cn-statutory, worked out by hand:
//
//	1 Oct 2025 is a Wednesday. Weekdays in October: 1–3 (3), 6–10 (5), 13–17 (5),
//	20–24 (5), 27–31 (5) = 23. The holiday 1–8 Oct takes the weekdays 1, 2, 3, 6, 7
//	and 8 (6): 23 − 6 = 17. Sat 11 Oct is a make-up working day: 17 + 1 = 18.
//	(Sun 28 Sep, the other make-up day, is in September.) The working days are
//	9, 10, 11, 13–17, 20–24, 27–31: 2 + 1 + 5 + 5 + 5 = 18.
func TestChinaStatutoryOctober2025(t *testing.T) {
	c := cnStatutory(t)
	first, next := calDate(t, "2025-10-01"), calDate(t, "2025-11-01")
	n := 0
	for d := first; d < next; d++ {
		if c.IsWorkDay(d) {
			n++
		}
	}
	assert.Equal(t, 18, n)
	// The same by working time: 18 days of 480 minutes.
	assert.Equal(t, int64(18*480), c.WorkBetween(schedule.At(first, 0), schedule.At(next, 0)))
	assert.Equal(t, 18.0, c.WorkDays(c.WorkBetween(schedule.At(first, 0), schedule.At(next, 0))))
}

// TestChinaStatutoryYears counts each year's working days, worked out by hand from
// the notices:
//
//	2024: 366 days from Monday 1 Jan: 52 weeks and Mon 30, Tue 31 Dec = 262 weekdays.
//	      Weekday holidays: 元旦 1 Jan (1); 春节 12–16 Feb (5); 清明 4–5 Apr (2); 劳动节
//	      1–3 May (3); 端午 10 Jun (1); 中秋 16–17 Sep (2); 国庆 1–4, 7 Oct (5) = 19.
//	      Make-up days: 4, 18 Feb; 7, 28 Apr; 11 May; 14, 29 Sep; 12 Oct = 8.
//	      262 − 19 + 8 = 251.
//	2025: 365 days from Wednesday 1 Jan: 52 weeks and Wed 31 Dec = 261 weekdays.
//	      Weekday holidays: 元旦 1 Jan (1); 春节 28–31 Jan, 3–4 Feb (6); 清明 4 Apr
//	      (1); 劳动节 1, 2, 5 May (3); 端午 2 Jun (1); 国庆中秋 1–3, 6–8 Oct (6) = 18.
//	      Make-up days: 26 Jan; 8 Feb; 27 Apr; 28 Sep; 11 Oct = 5. 261 − 18 + 5 = 248.
//	2026: 365 days from Thursday 1 Jan: 52 weeks and Thu 31 Dec = 261 weekdays.
//	      Weekday holidays: 元旦 1–2 Jan (2); 春节 16–20, 23 Feb (6); 清明 6 Apr (1);
//	      劳动节 1, 4, 5 May (3); 端午 19 Jun (1); 中秋 25 Sep (1); 国庆 1–2, 5–7 Oct
//	      (5) = 19. Make-up days: 4 Jan; 14, 28 Feb; 9 May; 20 Sep; 10 Oct = 6.
//	      261 − 19 + 6 = 248.
func TestChinaStatutoryYears(t *testing.T) {
	c := cnStatutory(t)
	std := calCompile(t, "standard", schedule.StandardFiveDay())
	tests := []struct {
		year           int
		work, weekdays int64
	}{
		{2024, 251, 262},
		{2025, 248, 261},
		{2026, 248, 261},
	}
	for _, tt := range tests {
		a := schedule.At(date.New(tt.year, time.January, 1), 0)
		b := schedule.At(date.New(tt.year+1, time.January, 1), 0)
		assert.Equal(t, tt.work*480, c.WorkBetween(a, b), "%d on cn-statutory", tt.year)
		assert.Equal(t, tt.weekdays*480, std.WorkBetween(a, b), "%d on standard", tt.year)
	}
}

// TestChinaHolidaysTable checks the shape of the table: in date order, no overlaps,
// holidays without periods, make-up days single weekend days with the standard
// hours, and the number of days each notice gives.
func TestChinaHolidaysTable(t *testing.T) {
	hs := schedule.ChinaHolidays()
	require.NotEmpty(t, hs)
	standard := []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	type count struct{ holidays, makeUps int }
	got := map[int]count{}
	var prevTo date.Date
	for i, e := range hs {
		assert.NotEmpty(t, e.Name, "exception %d", i)
		assert.False(t, e.To < e.From, "exception %d (%s): to before from", i, e.Name)
		if i > 0 {
			assert.Greater(t, e.From, prevTo, "exception %d (%s) overlaps or is out of order", i, e.Name)
		}
		prevTo = e.To
		y := e.From.Year()
		assert.Equal(t, y, e.To.Year(), "exception %d (%s) spans years", i, e.Name)
		n := got[y]
		if len(e.Periods) == 0 {
			n.holidays += int(e.To-e.From) + 1
		} else {
			assert.Equal(t, e.From, e.To, "make-up day %d (%s) is one day", i, e.Name)
			wd := e.From.Weekday()
			assert.True(t, wd == time.Saturday || wd == time.Sunday,
				"make-up day %s (%s) is a %s", e.From, e.Name, wd)
			assert.Equal(t, standard, e.Periods)
			n.makeUps++
		}
		got[y] = n
	}
	// Days of holiday (放假调休, weekends inside included) and make-up days per notice:
	// 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7 = 28, make-up 2 + 1 + 2 + 1 + 2 = 8.
	// 2025: 1 + 8 + 3 + 5 + 3 + 8 = 28, make-up 2 + 1 + 2 = 5.
	// 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33, make-up 1 + 2 + 1 + 2 = 6.
	assert.Equal(t, map[int]count{2024: {28, 8}, 2025: {28, 5}, 2026: {33, 6}}, got)

	// Each call returns a new table: changing one does not change the next.
	hs[0].Name = "changed"
	for i := range hs {
		if len(hs[i].Periods) > 0 {
			hs[i].Periods[0].Start = 0
			break
		}
	}
	again := schedule.ChinaHolidays()
	assert.NotEqual(t, "changed", again[0].Name)
	for _, e := range again {
		if len(e.Periods) > 0 {
			assert.Equal(t, standard, e.Periods)
		}
	}
}

func TestBuiltinCalendars(t *testing.T) {
	all := schedule.BuiltinCalendars()
	ids := make([]string, len(all))
	for i, c := range all {
		ids[i] = c.ID
		assert.NotEmpty(t, c.Name, c.ID)
	}
	assert.Equal(t, []string{"standard", "six-day", "seven-day", "24h", "cn-statutory"}, ids)
	assert.Equal(t, schedule.StandardFiveDayID, schedule.StandardFiveDay().ID)
	assert.Equal(t, schedule.SixDayID, schedule.SixDay().ID)
	assert.Equal(t, schedule.SevenDayID, schedule.SevenDay().ID)
	assert.Equal(t, schedule.TwentyFourHourID, schedule.TwentyFourHour().ID)
	assert.Equal(t, schedule.ChinaStatutoryID, schedule.ChinaStatutory().ID)
	assert.Equal(t, "standard", schedule.ChinaStatutory().Base)
	assert.Equal(t, 24.0, schedule.TwentyFourHour().HoursPerDay)

	// Working minutes in the week of Mon 3 Mar 2025 (no holiday in any year's table).
	tests := []struct {
		id      string
		week    int64
		perDay  int64
		weekday time.Weekday // a day that is off, or -1
	}{
		{"standard", 5 * 480, 480, time.Saturday},
		{"six-day", 6 * 480, 480, time.Sunday},
		{"seven-day", 7 * 480, 480, -1},
		{"24h", 7 * 1440, 1440, -1},
		{"cn-statutory", 5 * 480, 480, time.Sunday},
	}
	a, b := calInstant(t, "2025-03-03T00:00"), calInstant(t, "2025-03-10T00:00")
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c := calCompile(t, tt.id, all...)
			assert.Equal(t, tt.week, c.WorkBetween(a, b))
			assert.Equal(t, tt.perDay, c.MinutesPerWorkDay())
			if tt.weekday >= 0 {
				off := calDate(t, "2025-03-03") + date.Date((int(tt.weekday)+6)%7)
				require.Equal(t, tt.weekday, off.Weekday())
				assert.False(t, c.IsWorkDay(off))
			}
		})
	}

	// Each call returns new values: changing one does not change the next.
	all[0].Week[time.Monday][0].Start = 0
	all[0].Week[time.Saturday] = []schedule.Period{schedule.Span(8, 0, 12, 0)}
	fresh := schedule.StandardFiveDay()
	assert.Equal(t, 480, fresh.Week[time.Monday][0].Start)
	assert.Empty(t, fresh.Week[time.Saturday])
}

// TestChinaStatutoryOnSixDay puts the holidays on the six-day week by changing Base,
// as ChinaStatutory's doc comment suggests.
func TestChinaStatutoryOnSixDay(t *testing.T) {
	cn := schedule.ChinaStatutory()
	cn.ID, cn.Base = "cn-six-day", "six-day"
	c := calCompile(t, "cn-six-day", schedule.SixDay(), cn)
	assert.False(t, c.IsWorkDay(calDate(t, "2025-10-04")), "Saturday in the National Day holiday")
	assert.True(t, c.IsWorkDay(calDate(t, "2025-10-18")), "ordinary Saturday")
	assert.False(t, c.IsWorkDay(calDate(t, "2025-10-19")), "ordinary Sunday")
	assert.True(t, c.IsWorkDay(calDate(t, "2025-09-28")), "Sunday make-up day")
}
