package cost

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Granularity is the length of the periods budgets are spread into and series
// are reported by.
type Granularity string

// The granularities.
const (
	// Days are calendar days.
	Days Granularity = "day"
	// Weeks are ISO 8601 weeks, Monday to Sunday, labelled by ISO year and week:
	// 2025-12-29 to 2026-01-04 is 2026-W01.
	Weeks Granularity = "week"
	// Months are calendar months.
	Months Granularity = "month"
)

// Period is one reporting period (报告期): the days First to Last inclusive.
type Period struct {
	First date.Date `json:"first"` // the first day
	Last  date.Date `json:"last"`  // the last day, inclusive
}

// String labels the period as its granularity does: "2026-01-05" for a day,
// "2026-W02" for an ISO week, "2026-01" for a month; any other span as
// "2026-01-05/2026-01-20".
func (p Period) String() string {
	n := int(p.Last - p.First)
	switch {
	case n == 0:
		return p.First.Format("2006-01-02")
	case n == 6 && p.First.Weekday() == time.Monday:
		y, w := p.First.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case p.First.Day() == 1 && p.Last.Day() == p.Last.LastDayOfMonth() && p.First.Month() == p.Last.Month() && p.First.Year() == p.Last.Year():
		return p.First.Format("2006-01")
	}
	return p.First.Format("2006-01-02") + "/" + p.Last.Format("2006-01-02")
}

// Contains reports whether day d is in the period.
func (p Period) Contains(d date.Date) bool { return d >= p.First && d <= p.Last }

// Periods returns the periods of granularity g that cover the days from through
// to (to may be before from, giving none).
func Periods(g Granularity, from, to date.Date) ([]Period, error) {
	gr, err := newGrid(g, from, to)
	if err != nil {
		return nil, err
	}
	return gr.periods(), nil
}

// grid is a run of consecutive periods: period k holds the days
// [start[k], start[k+1]).
type grid struct {
	g     Granularity
	start []date.Date // len = periods + 1
	month int         // months: the month number (year×12 + month − 1) of period 0
}

// periodStart returns the first day of the period of granularity g holding d.
func periodStart(g Granularity, d date.Date) date.Date {
	switch g {
	case Weeks:
		return d - date.Date((int(d.Weekday())+6)%7)
	case Months:
		return d - date.Date(d.Day()-1)
	}
	return d
}

// newGrid returns the periods covering from through to.
func newGrid(g Granularity, from, to date.Date) (*grid, error) {
	switch g {
	case Days, Weeks, Months:
	case "":
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "phasing", "granularity", "is empty")
	default:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "phasing", "granularity", "unknown granularity %q", string(g))
	}
	gr := &grid{g: g}
	if to < from {
		gr.start = []date.Date{periodStart(g, from)}
		return gr, nil
	}
	first := periodStart(g, from)
	switch g {
	case Days:
		n := int(to-from) + 1
		gr.start = make([]date.Date, n+1)
		for i := range gr.start {
			gr.start[i] = first + date.Date(i)
		}
	case Weeks:
		n := int(to-first)/7 + 1
		gr.start = make([]date.Date, n+1)
		for i := range gr.start {
			gr.start[i] = first + date.Date(7*i)
		}
	case Months:
		gr.month = monthNumber(first)
		n := monthNumber(to) - gr.month + 1
		gr.start = make([]date.Date, n+1)
		y, m, _ := first.Date()
		for i := range gr.start {
			gr.start[i] = date.New(y, m+time.Month(i), 1)
		}
	}
	return gr, nil
}

func monthNumber(d date.Date) int {
	y, m, _ := d.Date()
	return y*12 + int(m) - 1
}

// len returns the number of periods.
func (gr *grid) len() int { return len(gr.start) - 1 }

// of returns the index of the period holding d, which may be outside the grid
// (negative, or len or more).
func (gr *grid) of(d date.Date) int {
	switch gr.g {
	case Weeks:
		return int(floorDiv(int64(d-gr.start[0]), 7))
	case Months:
		return monthNumber(d) - gr.month
	}
	return int(d - gr.start[0])
}

// boundary returns the instant period k starts at: midnight of its first day.
func (gr *grid) boundary(k int) schedule.Instant { return schedule.At(gr.start[k], 0) }

func (gr *grid) periods() []Period {
	out := make([]Period, gr.len())
	for k := range out {
		out[k] = Period{First: gr.start[k], Last: gr.start[k+1] - 1}
	}
	return out
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
