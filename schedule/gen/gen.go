// Package gen generates random project networks that are reproducible: the same
// size and seed give the same network on every platform. The draws come from
// math/rand/v2's PCG and integer arithmetic only (no floating point, whose fused
// operations differ between architectures); a pinned test would catch a Go release
// that changed the sequence. The networks feed benchmarks, tests and `lanyan gen`.
//
// A generated network looks like a large construction programme: durations of 1 to
// 20 days with a few milestones, each activity linked to 1–3 of the 50 before it
// (mostly finish-to-start, some lagged or led), three calendars with public
// holidays, and a few date constraints. Because links only reach back 50
// activities, the longest path grows with the size: a network of a million
// activities spans centuries. That is intended — it is what stresses an engine.
package gen

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

// Shape of the generated networks. The tests check the shares these give.
const (
	window         = 50  // predecessors are chosen among this many activities before
	minutesPerDay  = 480 // every generated calendar has 8-hour days
	maxDurationDay = 20
	milestonePct   = 3  // percent of activities that are milestones
	constraintPct  = 3  // percent of activities with a date constraint
	fsPct          = 70 // percent of links that are FS; SS, FF and SF share the rest
	lagPct         = 20 // percent of links with a lag or lead
	standardPct    = 70 // percent of activities on the standard calendar
	sixDayPct      = 20 // percent on the six-day calendar; the rest are seven-day
)

// Streams of the PCG generator, one per concern, so that each concern's draws do
// not depend on how many draws another made.
const (
	streamCounts   = 0x6c616e79616e0001 // predecessors per activity
	streamNetwork  = 0x6c616e79616e0002 // everything else about activities and links
	streamHolidays = 0x6c616e79616e0003 // holiday dates
)

// lagDays are the lags a lagged link draws from, in working days: never 0.
var lagDays = [...]int64{-2, -1, 1, 2, 3, 4, 5}

// works are the activity names, in the words of a building site.
var works = [...]string{
	"Set out", "Excavate", "Blind", "Fix rebar", "Formwork", "Pour concrete", "Strike formwork",
	"Backfill", "Erect steel", "Deck", "Blockwork", "Roof", "Clad", "Glaze", "Screed",
	"MEP first fix", "MEP second fix", "Drylining", "Plaster", "Tile", "Paint", "Joinery",
	"Lift install", "Fire stopping", "Commission", "Inspect", "Snag", "Landscape",
}

// calendar indexes in the network's Calendars.
const (
	calStandard = iota
	calSixDay
	calSevenDay
)

var calendarIDs = [...]string{schedule.StandardFiveDayID, schedule.SixDayID, schedule.SevenDayID}

// calendarPace is the calendar days one working day takes on each calendar, in
// hundredths, with its holidays allowed for (365 days over some 247, 302 and 362
// working days a year); it only serves to estimate dates.
var calendarPace = [...]int64{148, 121, 101}

// maxEstimate bounds the date estimates (hundredths of a day) to fit an int32.
const maxEstimate = 1 << 31 / 4

// lastDay is the last day a schedule can represent; holidays and constraint dates
// stop there.
var lastDay = date.New(9998, time.December, 31)

// projectStart is the planned start of every generated network: Monday
// 2025-01-06 at 08:00. It is not exported so that nobody can change it and with it
// every "reproducible" network.
var projectStart = schedule.AtTime(date.New(2025, time.January, 6), 8, 0)

// Network returns a random network of n activities (none when n ≤ 0) determined by
// n and seed alone. Activity ids are "A000001", "A000002", …; the project starts
// on Monday 2025-01-06 at 08:00 on the "standard" calendar. The calendars carry
// holidays for every year the network is estimated to span, with a margin (up to
// year 9998, the last a schedule can represent). Generating a million activities
// allocates some 300 MB, nearly all of it the network itself.
func Network(n int, seed int64) *schedule.Network {
	n = max(n, 0)
	net := &schedule.Network{
		Project: schedule.Project{
			ID:              "gen-" + strconv.Itoa(n) + "-" + strconv.FormatInt(seed, 10),
			Name:            "Generated network of " + strconv.Itoa(n) + " activities, seed " + strconv.FormatInt(seed, 10),
			Start:           projectStart,
			DefaultCalendar: schedule.StandardFiveDayID,
		},
	}

	// Predecessor counts first, to allocate the links exactly.
	counts := make([]uint8, n)
	total := 0
	rc := rand.New(rand.NewPCG(uint64(seed), streamCounts))
	for i := 1; i < n; i++ {
		var k int
		switch u := rc.IntN(100); {
		case u < 40:
			k = 1
		case u < 75:
			k = 2
		default:
			k = 3
		}
		k = min(k, i)
		counts[i] = uint8(k)
		total += k
	}

	net.Activities = make([]schedule.Activity, n)
	net.Links = make([]schedule.Link, 0, total)
	setIDs(net.Activities)

	// Estimated early start and finish of each activity, in hundredths of a calendar
	// day after the project start: integers, so that the estimates (and the
	// constraint dates drawn from them) are the same on every platform.
	es := make([]int32, n)
	ef := make([]int32, n)
	cal := make([]uint8, n)

	var names strings.Builder
	names.Grow(n * 24)
	nameEnd := make([]int32, n)
	var num [20]byte

	r := rand.New(rand.NewPCG(uint64(seed), streamNetwork))
	var latest int64
	for i := range n {
		a := &net.Activities[i]
		a.RemainingDuration = -1 // not started: derived, as the JSON form leaves it out

		switch u := r.IntN(100); {
		case u < standardPct:
			cal[i] = calStandard
		case u < standardPct+sixDayPct:
			cal[i] = calSixDay
		default:
			cal[i] = calSevenDay
		}
		a.Calendar = calendarIDs[cal[i]]
		pace := calendarPace[cal[i]]

		var days int64
		if r.IntN(100) < milestonePct {
			a.Kind = schedule.FinishMilestone
			if r.IntN(2) == 0 {
				a.Kind = schedule.StartMilestone
			}
		} else {
			a.Kind = schedule.Task
			days = 1 + r.Int64N(maxDurationDay)
		}
		a.Duration = days * minutesPerDay
		dur := days * pace

		names.WriteString(works[r.IntN(len(works))])
		names.WriteString(", zone ")
		names.Write(strconv.AppendInt(num[:0], int64(i/250+1), 10))
		nameEnd[i] = int32(names.Len())

		var start int64
		var preds [3]int
		k := int(counts[i])
		for j := 0; j < k; j++ {
			lo := max(0, i-window)
			p := lo + r.IntN(i-lo)
			for slices.Contains(preds[:j], p) {
				p = lo + r.IntN(i-lo)
			}
			preds[j] = p

			l := schedule.Link{Pred: net.Activities[p].ID, Succ: a.ID, LagCalendar: schedule.LagFromOption}
			switch u := r.IntN(100); {
			case u < fsPct:
				l.Type = schedule.FS
			case u < fsPct+(100-fsPct)/3:
				l.Type = schedule.SS
			case u < fsPct+2*(100-fsPct)/3:
				l.Type = schedule.FF
			default:
				l.Type = schedule.SF
			}
			var lag int64
			if r.IntN(100) < lagPct {
				d := lagDays[r.IntN(len(lagDays))]
				l.Lag = d * minutesPerDay
				lag = d * calendarPace[cal[p]] // lags are on the predecessor's calendar
			}
			net.Links = append(net.Links, l)

			var s int64
			switch l.Type {
			case schedule.FS:
				s = int64(ef[p]) + lag
			case schedule.SS:
				s = int64(es[p]) + lag
			case schedule.FF:
				s = int64(ef[p]) + lag - dur
			case schedule.SF:
				s = int64(es[p]) + lag - dur
			}
			start = max(start, s)
		}
		// Past some 14,000 years the estimate saturates; dates stop at 9998 anyway.
		start = min(start, maxEstimate-dur)
		es[i], ef[i] = int32(start), int32(start+dur)

		if r.IntN(100) < constraintPct {
			// Dates near the estimate, some of which will bind and some not; a
			// finish-no-later-than may well give negative float, as on real jobs.
			var c schedule.Constraint
			var at int64
			hh := 8
			switch u := r.IntN(100); {
			case u < 40:
				c.Type, at = schedule.StartNoEarlierThan, int64(es[i])+r.Int64N(11)*100
			case u < 55:
				c.Type, at = schedule.StartNoLaterThan, int64(es[i])+(5+r.Int64N(26))*100
			case u < 70:
				c.Type, at, hh = schedule.FinishNoEarlierThan, int64(ef[i])+r.Int64N(11)*100, 17
			default:
				c.Type, at, hh = schedule.FinishNoLaterThan, int64(ef[i])+(5+r.Int64N(36))*100, 17
			}
			day := min(projectStart.Date()+date.Date(at/100), lastDay)
			c.Date = schedule.AtTime(day, hh, 0)
			a.Constraint = c
		}
		latest = max(latest, int64(ef[i]))
	}

	all := names.String()
	from := int32(0)
	for i := range net.Activities {
		net.Activities[i].Name = all[from:nameEnd[i]]
		from = nameEnd[i]
	}

	// The estimate ignores that work waits for the next working day of its own
	// calendar, which adds up along long chains (about 1% on 100,000 activities):
	// cover a twentieth more, and two years, to be safe.
	latest += latest / 20
	first := projectStart.Date().Year()
	last := min((projectStart.Date()+date.Date(latest/100)).Year()+2, lastDay.Year())
	net.Calendars = calendars(first, last, seed)
	return net
}

// setIDs gives the activities the ids "A000001", "A000002", …: slices of one string,
// to spare a million small allocations.
func setIDs(acts []schedule.Activity) {
	n := len(acts)
	size := 0
	for i := 1; i <= n; i++ {
		size += 1 + max(6, digits(i))
	}
	var b strings.Builder
	b.Grow(size)
	var buf [24]byte
	for i := 1; i <= n; i++ {
		b.WriteByte('A')
		d := strconv.AppendInt(buf[:0], int64(i), 10)
		for range 6 - len(d) {
			b.WriteByte('0')
		}
		b.Write(d)
	}
	all := b.String()
	at := 0
	for i := 1; i <= n; i++ {
		w := 1 + max(6, digits(i))
		acts[i-1].ID = all[at : at+w]
		at += w
	}
}

func digits(i int) int {
	d := 1
	for ; i >= 10; i /= 10 {
		d++
	}
	return d
}

// Holiday names, shared by every year.
const (
	newYear     = "New Year's Day (元旦)"
	springFest  = "Spring Festival (春节)"
	labourDay   = "Labour Day (劳动节)"
	nationalDay = "National Day (国庆节)"
)

// calendars returns the standard five-day, six-day and seven-day calendars with
// holidays for the years first through last: ranges of days, one exception per
// holiday, never one per day. The Spring Festival moves from year to year, as the
// lunar new year does; its dates are drawn from the seed.
func calendars(first, last int, seed int64) []schedule.Calendar {
	cals := []schedule.Calendar{schedule.StandardFiveDay(), schedule.SixDay(), schedule.SevenDay()}
	years := last - first + 1
	std := make([]schedule.Exception, 0, 4*years)
	six := make([]schedule.Exception, 0, 3*years)
	seven := make([]schedule.Exception, 0, years)
	r := rand.New(rand.NewPCG(uint64(seed), streamHolidays))
	span := func(name string, from date.Date, days int) schedule.Exception {
		return schedule.Exception{Name: name, From: from, To: from + date.Date(days-1)}
	}
	for y := first; y <= last; y++ {
		spring := date.New(y, time.January, 21) + date.Date(r.IntN(24))
		may1 := date.New(y, time.May, 1)
		oct1 := date.New(y, time.October, 1)
		std = append(std,
			span(newYear, date.New(y, time.January, 1), 1),
			span(springFest, spring, 7),
			span(labourDay, may1, 5),
			span(nationalDay, oct1, 7))
		six = append(six,
			span(springFest, spring, 7),
			span(labourDay, may1, 3),
			span(nationalDay, oct1, 3))
		seven = append(seven, span(springFest, spring, 3))
	}
	cals[calStandard].Exceptions = append(cals[calStandard].Exceptions, std...)
	cals[calSixDay].Exceptions = append(cals[calSixDay].Exceptions, six...)
	cals[calSevenDay].Exceptions = append(cals[calSevenDay].Exceptions, seven...)
	return cals
}
