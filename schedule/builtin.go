package schedule

import (
	"time"

	"github.com/rickb777/date/v2"
)

// Ids of the built-in calendars.
const (
	StandardFiveDayID = "standard"
	SixDayID          = "six-day"
	SevenDayID        = "seven-day"
	TwentyFourHourID  = "24h"
	ChinaStatutoryID  = "cn-statutory"
)

// builtinHours are the working periods of a built-in day: 08:00–12:00 and
// 13:00–17:00, eight hours with an hour for lunch. Each call returns a new slice so
// that callers may change what they are given without touching anyone else's.
func builtinHours() []Period { return []Period{Span(8, 0, 12, 0), Span(13, 0, 17, 0)} }

// builtinWeek returns a work week with the standard hours on the given days and every
// other day explicitly non-working (an empty, non-nil entry).
func builtinWeek(days ...time.Weekday) WorkWeek {
	var w WorkWeek
	for d := range w {
		w[d] = []Period{}
	}
	for _, d := range days {
		w[d] = builtinHours()
	}
	return w
}

// StandardFiveDay returns the "standard" calendar: Monday to Friday, 08:00–12:00
// and 13:00–17:00, 8 hours a day, with no holidays. It is the base of
// [ChinaStatutory].
func StandardFiveDay() Calendar {
	return Calendar{
		ID:          StandardFiveDayID,
		Name:        "Standard five-day week (五天工作制)",
		Week:        builtinWeek(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday),
		HoursPerDay: 8,
	}
}

// SixDay returns the "six-day" calendar: Monday to Saturday, 08:00–12:00 and
// 13:00–17:00, 8 hours a day, with no holidays.
func SixDay() Calendar {
	return Calendar{
		ID:          SixDayID,
		Name:        "Six-day week (六天工作制)",
		Week:        builtinWeek(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday),
		HoursPerDay: 8,
	}
}

// SevenDay returns the "seven-day" calendar: every day, 08:00–12:00 and
// 13:00–17:00, 8 hours a day, with no holidays.
func SevenDay() Calendar {
	return Calendar{
		ID:          SevenDayID,
		Name:        "Seven-day week (七天工作制)",
		Week:        builtinWeek(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday),
		HoursPerDay: 8,
	}
}

// TwentyFourHour returns the "24h" calendar: every day from 00:00 to 24:00, 24
// hours a day, so that one day of duration is one calendar day. Use it for
// contracts whose durations are in calendar days (日历天).
func TwentyFourHour() Calendar {
	var w WorkWeek
	for d := range w {
		w[d] = []Period{{Start: 0, End: MinutesPerDay}}
	}
	return Calendar{
		ID:          TwentyFourHourID,
		Name:        "24 hours, every day (日历天)",
		Week:        w,
		HoursPerDay: 24,
	}
}

// ChinaStatutory returns the "cn-statutory" calendar: the [StandardFiveDay] week
// with China's statutory public holidays (法定节假日) and make-up working days
// (调休上班) from [ChinaHolidays].
//
// Its Base is "standard", so it must be compiled together with
// [StandardFiveDay] (or another calendar with the id "standard"):
//
//	cal, err := schedule.Compile("cn-statutory", schedule.StandardFiveDay(), schedule.ChinaStatutory())
//
// To put the same holidays on another week, copy the calendar and change Base
// (for example to "six-day" with [SixDay]). Only the years in [ChinaHolidays] are
// covered; later years are ordinary weeks until their notice is added.
func ChinaStatutory() Calendar {
	return Calendar{
		ID:         ChinaStatutoryID,
		Name:       "China statutory holidays (法定节假日及调休)",
		Base:       StandardFiveDayID,
		Exceptions: ChinaHolidays(),
	}
}

// BuiltinCalendars returns all the built-in calendars: [StandardFiveDay], [SixDay],
// [SevenDay], [TwentyFourHour] and [ChinaStatutory]. Pass them all to [Compile] to
// compile any one of them.
func BuiltinCalendars() []Calendar {
	return []Calendar{StandardFiveDay(), SixDay(), SevenDay(), TwentyFourHour(), ChinaStatutory()}
}

// cnDay is one row of the holiday table: a holiday (放假) from–to, or a make-up
// working day (调休上班) on a weekend.
type cnDay struct {
	name     string
	from, to date.Date
	work     bool
}

func cnYMD(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

// cnTable is China's holiday arrangement as published each year by the General
// Office of the State Council. Holidays are the full 放假调休 span of the notice
// (weekend days inside it included); make-up days are the weekend days the notice
// says are worked (上班). Add a year only from its notice.
var cnTable = []cnDay{
	// 2024: 国务院办公厅关于2024年部分节假日安排的通知, 国办发明电〔2023〕7号,
	// issued 2023-10-25.
	{"元旦 New Year's Day", cnYMD(2024, 1, 1), cnYMD(2024, 1, 1), false},
	{"春节调休上班 Spring Festival make-up day", cnYMD(2024, 2, 4), cnYMD(2024, 2, 4), true},
	{"春节 Spring Festival", cnYMD(2024, 2, 10), cnYMD(2024, 2, 17), false},
	{"春节调休上班 Spring Festival make-up day", cnYMD(2024, 2, 18), cnYMD(2024, 2, 18), true},
	{"清明节 Qingming Festival", cnYMD(2024, 4, 4), cnYMD(2024, 4, 6), false},
	{"清明节调休上班 Qingming make-up day", cnYMD(2024, 4, 7), cnYMD(2024, 4, 7), true},
	{"劳动节调休上班 Labour Day make-up day", cnYMD(2024, 4, 28), cnYMD(2024, 4, 28), true},
	{"劳动节 Labour Day", cnYMD(2024, 5, 1), cnYMD(2024, 5, 5), false},
	{"劳动节调休上班 Labour Day make-up day", cnYMD(2024, 5, 11), cnYMD(2024, 5, 11), true},
	{"端午节 Dragon Boat Festival", cnYMD(2024, 6, 10), cnYMD(2024, 6, 10), false},
	{"中秋节调休上班 Mid-Autumn make-up day", cnYMD(2024, 9, 14), cnYMD(2024, 9, 14), true},
	{"中秋节 Mid-Autumn Festival", cnYMD(2024, 9, 15), cnYMD(2024, 9, 17), false},
	{"国庆节调休上班 National Day make-up day", cnYMD(2024, 9, 29), cnYMD(2024, 9, 29), true},
	{"国庆节 National Day", cnYMD(2024, 10, 1), cnYMD(2024, 10, 7), false},
	{"国庆节调休上班 National Day make-up day", cnYMD(2024, 10, 12), cnYMD(2024, 10, 12), true},

	// 2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号,
	// issued 2024-11-12 (the first year under the revised 全国年节及纪念日放假办法:
	// one more day each at Spring Festival and Labour Day).
	{"元旦 New Year's Day", cnYMD(2025, 1, 1), cnYMD(2025, 1, 1), false},
	{"春节调休上班 Spring Festival make-up day", cnYMD(2025, 1, 26), cnYMD(2025, 1, 26), true},
	{"春节 Spring Festival", cnYMD(2025, 1, 28), cnYMD(2025, 2, 4), false},
	{"春节调休上班 Spring Festival make-up day", cnYMD(2025, 2, 8), cnYMD(2025, 2, 8), true},
	{"清明节 Qingming Festival", cnYMD(2025, 4, 4), cnYMD(2025, 4, 6), false},
	{"劳动节调休上班 Labour Day make-up day", cnYMD(2025, 4, 27), cnYMD(2025, 4, 27), true},
	{"劳动节 Labour Day", cnYMD(2025, 5, 1), cnYMD(2025, 5, 5), false},
	{"端午节 Dragon Boat Festival", cnYMD(2025, 5, 31), cnYMD(2025, 6, 2), false},
	{"国庆节中秋节调休上班 National Day make-up day", cnYMD(2025, 9, 28), cnYMD(2025, 9, 28), true},
	{"国庆节、中秋节 National Day and Mid-Autumn Festival", cnYMD(2025, 10, 1), cnYMD(2025, 10, 8), false},
	{"国庆节中秋节调休上班 National Day make-up day", cnYMD(2025, 10, 11), cnYMD(2025, 10, 11), true},

	// 2026: 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号,
	// issued 2025-11-04 (text as published by Xinhua on 2025-11-04).
	{"元旦 New Year's Day", cnYMD(2026, 1, 1), cnYMD(2026, 1, 3), false},
	{"元旦调休上班 New Year make-up day", cnYMD(2026, 1, 4), cnYMD(2026, 1, 4), true},
	{"春节调休上班 Spring Festival make-up day", cnYMD(2026, 2, 14), cnYMD(2026, 2, 14), true},
	{"春节 Spring Festival", cnYMD(2026, 2, 15), cnYMD(2026, 2, 23), false},
	{"春节调休上班 Spring Festival make-up day", cnYMD(2026, 2, 28), cnYMD(2026, 2, 28), true},
	{"清明节 Qingming Festival", cnYMD(2026, 4, 4), cnYMD(2026, 4, 6), false},
	{"劳动节 Labour Day", cnYMD(2026, 5, 1), cnYMD(2026, 5, 5), false},
	{"劳动节调休上班 Labour Day make-up day", cnYMD(2026, 5, 9), cnYMD(2026, 5, 9), true},
	{"端午节 Dragon Boat Festival", cnYMD(2026, 6, 19), cnYMD(2026, 6, 21), false},
	{"国庆节调休上班 National Day make-up day", cnYMD(2026, 9, 20), cnYMD(2026, 9, 20), true},
	{"中秋节 Mid-Autumn Festival", cnYMD(2026, 9, 25), cnYMD(2026, 9, 27), false},
	{"国庆节 National Day", cnYMD(2026, 10, 1), cnYMD(2026, 10, 7), false},
	{"国庆节调休上班 National Day make-up day", cnYMD(2026, 10, 10), cnYMD(2026, 10, 10), true},
}

// ChinaHolidays returns China's statutory public holidays (法定节假日) for 2024,
// 2025 and 2026 as holiday exceptions (no periods), and the weekend days worked in
// exchange (调休上班) as exceptions with 08:00–12:00 and 13:00–17:00, in date order,
// as set out in the State Council General Office's yearly notices
// (国务院办公厅关于部分节假日安排的通知). It returns a new slice on every call.
func ChinaHolidays() []Exception {
	out := make([]Exception, len(cnTable))
	for i, r := range cnTable {
		out[i] = Exception{Name: r.name, From: r.from, To: r.to}
		if r.work {
			out[i].Periods = builtinHours()
		}
	}
	return out
}
