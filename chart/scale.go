package chart

import (
	"strconv"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

// Scale is the unit of a Gantt chart's time axis: the lower row of its header
// marks each unit, the upper row the next larger one.
type Scale uint8

// Time scales. ScaleAuto, the zero value, lets [ChooseScale] pick one from the
// span and the width.
const (
	ScaleAuto     Scale = iota // chosen by ChooseScale
	ScaleDays                  // days, under months
	ScaleWeeks                 // ISO weeks (W01…W53, Monday to Sunday), under months
	ScaleMonths                // months (1…12), under years
	ScaleQuarters              // quarters (Q1…Q4), under years
	ScaleYears                 // years, in steps of 1, 2, 5, 10… as the room allows
)

var scaleNames = [...]string{"auto", "days", "weeks", "months", "quarters", "years"}

// String returns the scale's name: "auto", "days", "weeks", "months",
// "quarters" or "years".
func (s Scale) String() string {
	if int(s) < len(scaleNames) {
		return scaleNames[s]
	}
	return "scale(" + strconv.Itoa(int(s)) + ")"
}

// The least pixels per day, in hundredths, for each scale: a day needs 16 px
// for its two-digit label, a week 28 px for "W52", a month 30 px, a quarter 27.
const (
	minDayPPD     = 1600
	minWeekPPD    = 400
	minMonthPPD   = 100
	minQuarterPPD = 30
)

// scaleFor returns the finest scale whose units are wide enough at ppd
// (hundredths of a pixel per day).
func scaleFor(ppd int64) Scale {
	switch {
	case ppd >= minDayPPD:
		return ScaleDays
	case ppd >= minWeekPPD:
		return ScaleWeeks
	case ppd >= minMonthPPD:
		return ScaleMonths
	case ppd >= minQuarterPPD:
		return ScaleQuarters
	}
	return ScaleYears
}

// ChooseScale returns the time scale for drawing the span from–to in width
// pixels: the finest whose units have room for their labels. Days need at least
// 16 pixels a day, weeks 4 (28 a week), months 1 (about 30 a month), quarters
// 0.3 (27 a quarter); anything denser is drawn in years. An empty or inverted
// span gives days; a width of zero or less gives years.
func ChooseScale(from, to schedule.Instant, width int) Scale {
	if to <= from {
		return ScaleDays
	}
	if width <= 0 {
		return ScaleYears
	}
	return scaleFor(ppdFor(int64(to-from), int64(width)*100))
}

// ppdFor returns the hundredths of a pixel per day that fit a span of minutes
// into width hundredths of a pixel, rounded down, at least 1.
func ppdFor(minutes, width int64) int64 {
	if minutes <= 0 {
		return max(width, 1)
	}
	return max(mulDivFloor(width, schedule.MinutesPerDay, minutes), 1)
}

// unitStart returns the first day of the unit of scale s (with years in steps
// of step) holding d.
func unitStart(s Scale, d date.Date, step int) date.Date {
	y, m, _ := d.Date()
	switch s {
	case ScaleWeeks:
		return d - date.Date((int(d.Weekday())+6)%7)
	case ScaleMonths:
		return date.New(y, m, 1)
	case ScaleQuarters:
		return date.New(y, time.Month((int(m)-1)/3*3+1), 1)
	case ScaleYears:
		return date.New(int(floorDiv(int64(y), int64(step))*int64(step)), time.January, 1)
	}
	return d
}

// nextUnit returns the first day of the unit after the one starting on d.
func nextUnit(s Scale, d date.Date, step int) date.Date {
	y, m, _ := d.Date()
	switch s {
	case ScaleWeeks:
		return d + 7
	case ScaleMonths:
		return date.New(y, m+1, 1)
	case ScaleQuarters:
		return date.New(y, m+3, 1)
	case ScaleYears:
		return date.New(y+step, time.January, 1)
	}
	return d + 1
}

// unitLabel labels the unit of scale s starting on d.
func unitLabel(s Scale, d date.Date) string {
	y, m, day := d.Date()
	switch s {
	case ScaleWeeks:
		_, w := d.ISOWeek()
		return "W" + twoDigits(w)
	case ScaleMonths:
		return strconv.Itoa(int(m))
	case ScaleQuarters:
		return "Q" + strconv.Itoa((int(m)-1)/3+1)
	case ScaleYears:
		return strconv.Itoa(y)
	}
	return strconv.Itoa(day)
}

// upper returns the scale of the header's upper row for scale s, and false when
// there is none.
func upper(s Scale) (Scale, bool) {
	switch s {
	case ScaleDays, ScaleWeeks:
		return ScaleMonths, true
	case ScaleMonths, ScaleQuarters:
		return ScaleYears, true
	}
	return 0, false
}

// upperLabel labels a unit of the upper row: "2025-03" for a month, "2025" for
// a year.
func upperLabel(s Scale, d date.Date) string {
	if s == ScaleMonths {
		y, m, _ := d.Date()
		return strconv.Itoa(y) + "-" + twoDigits(int(m))
	}
	return strconv.Itoa(d.Year())
}

func twoDigits(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// yearSteps are the steps of a year scale, the first that leaves room used.
var yearSteps = [...]int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}

// yearStep returns how many years one unit of a year scale spans at ppd, so
// that a unit is at least 36 pixels wide.
func yearStep(ppd int64) int {
	for _, s := range yearSteps {
		if int64(s)*365*ppd >= 3600 {
			return s
		}
	}
	return yearSteps[len(yearSteps)-1]
}
