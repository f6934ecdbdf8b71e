package mspdi

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// calendarSet is the calendars of a file, in file order.
type calendarSet struct {
	cals   []schedule.Calendar
	uids   []int64
	isBase []bool
	byUID  map[int64]int
}

func calRecord(uid int64) string { return fmt.Sprintf("calendar UID %d", uid) }

// defaultHours are MS Project's default working times, used for a working day
// that lists none.
func defaultHours() []schedule.Period {
	return []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
}

// expansion bounds what recurring exceptions, work weeks and overlapping
// exceptions may expand into over a whole file: days looked at, and days
// produced. Real calendars stay far below (MS Project's dates end in 2149; a
// weekly recurrence over all of its 166 years gives 8,660 days).
type expansion struct {
	steps int // days or months walked
	days  int // days produced
}

const (
	maxSteps = 2_000_000
	maxDays  = 30_000
)

func newExpansion() *expansion { return &expansion{steps: maxSteps, days: maxDays} }

// spend takes steps and days from the budget, or says which is spent.
func (b *expansion) spend(steps, days int, rec, field string) error {
	if steps > b.steps || days > b.days {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, field,
			"recurring exceptions, work weeks and overlapping exceptions expand into too many days (at most %d days produced and %d walked per file)", maxDays, maxSteps)
	}
	b.steps -= steps
	b.days -= days
	return nil
}

// chunkDays is the longest exception range produced: the engine accepts ranges of
// up to ten years, so longer ones are cut into consecutive pieces.
const chunkDays = 3650

func readCalendars(xs []xCalendar, mpd int64) (*calendarSet, error) {
	cs := &calendarSet{byUID: make(map[int64]int, len(xs))}
	baseUID := make([]int64, len(xs))
	budget := newExpansion()
	for i := range xs {
		x := &xs[i]
		s, ok := val(x.UID)
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %d (line %d)", i+1, x.line), "UID", "is missing")
		}
		uid, err := parseUID(s)
		if err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %d (line %d)", i+1, x.line), "UID", "%v", err)
		}
		rec := calRecord(uid)
		if _, dup := cs.byUID[uid]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "UID", "is used by more than one calendar")
		}
		cs.byUID[uid] = i
		c := schedule.Calendar{ID: strconv.FormatInt(uid, 10), HoursPerDay: float64(mpd) / 60}
		if x.Name != nil {
			c.Name = *x.Name
		}
		baseUID[i] = -1
		if s, ok := val(x.BaseCalendarUID); ok {
			if baseUID[i], err = parseInt(s); err != nil {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "BaseCalendarUID", "%v", err)
			}
		}
		isBase := baseUID[i] < 0
		if s, ok := val(x.IsBaseCalendar); ok {
			if isBase, err = parseBool(s); err != nil {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "IsBaseCalendar", "%v", err)
			}
		}
		if isBase {
			baseUID[i] = -1 // a base calendar inherits from nothing, whatever BaseCalendarUID says
		}

		var rules []dayRule
		var oldExceptions []dayRule
		for k := range x.WeekDays {
			d := &x.WeekDays[k]
			field := fmt.Sprintf("WeekDays[%d]", k)
			s, ok := val(d.DayType)
			if !ok {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".DayType", "is missing")
			}
			dt, err := parseInt(s)
			if err != nil || dt < 0 || dt > 7 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".DayType", "%q is not 0 (exception) or 1 (Sunday) to 7 (Saturday)", s)
			}
			ps, err := dayPeriods(d.DayWorking, d.WorkingTimes, rec, field)
			if err != nil {
				return nil, err
			}
			if dt == 0 {
				// An exception in the format of MS Project 2003 and earlier.
				if d.TimePeriod == nil {
					continue
				}
				from, to, ok, err := periodDates(d.TimePeriod, rec, field)
				if err != nil {
					return nil, err
				}
				if ok {
					oldExceptions = append(oldExceptions, dayRule{periods: ps, from: from, to: to})
				}
				continue
			}
			wd := time.Weekday(dt - 1)
			if c.Week[wd] != nil {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".DayType", "day %d is defined twice", dt)
			}
			c.Week[wd] = ps
		}
		for k := range x.WorkWeeks {
			r, err := workWeek(&x.WorkWeeks[k], rec, fmt.Sprintf("WorkWeeks[%d]", k), budget)
			if err != nil {
				return nil, err
			}
			if r != nil {
				rules = append(rules, *r)
			}
		}
		if len(x.Exceptions) > 0 {
			// MS Project 2007 and later write exceptions twice, in both formats:
			// the newer one is complete (names, recurrences), so it wins.
			for k := range x.Exceptions {
				r, err := exception(&x.Exceptions[k], rec, fmt.Sprintf("Exceptions[%d]", k), budget)
				if err != nil {
					return nil, err
				}
				if r != nil {
					rules = append(rules, *r)
				}
			}
		} else {
			rules = append(rules, oldExceptions...)
		}
		if c.Exceptions, err = resolveRules(rules, rec, budget); err != nil {
			return nil, err
		}
		cs.cals = append(cs.cals, c)
		cs.uids = append(cs.uids, uid)
		cs.isBase = append(cs.isBase, isBase)
	}
	if len(xs) == 0 {
		// MS Project gives a project without calendars its Standard calendar.
		c := schedule.Calendar{ID: "1", Name: "Standard", HoursPerDay: float64(mpd) / 60}
		for d := range c.Week {
			c.Week[d] = []schedule.Period{}
			if d != int(time.Sunday) && d != int(time.Saturday) {
				c.Week[d] = defaultHours()
			}
		}
		cs.cals, cs.uids, cs.isBase, cs.byUID[1] = []schedule.Calendar{c}, []int64{1}, []bool{true}, 0
		return cs, nil
	}
	for i := range cs.cals {
		if baseUID[i] < 0 {
			continue
		}
		j, ok := cs.byUID[baseUID[i]]
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, calRecord(cs.uids[i]), "BaseCalendarUID", "unknown calendar %d", baseUID[i])
		}
		if j == i {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(cs.uids[i]), "BaseCalendarUID", "a calendar cannot be its own base")
		}
		cs.cals[i].Base = cs.cals[j].ID
	}
	return cs, nil
}

// fallbackDefault picks the project calendar when the file names none: the one
// called Standard, else the first base calendar, else the first; -1 if none.
func (cs *calendarSet) fallbackDefault() int64 {
	for i, c := range cs.cals {
		if c.Name == "Standard" {
			return cs.uids[i]
		}
	}
	for i := range cs.cals {
		if cs.isBase[i] {
			return cs.uids[i]
		}
	}
	if len(cs.uids) > 0 {
		return cs.uids[0]
	}
	return -1
}

// network returns the calendars the network keeps: every base calendar, and the
// derived calendars (resource calendars, mostly) that the project, a task or a
// kept calendar uses.
func (cs *calendarSet) network(used []int64) []schedule.Calendar {
	keep := slices.Clone(cs.isBase)
	seen := make([]bool, len(cs.cals))
	for _, uid := range used {
		i, ok := cs.byUID[uid]
		for ok && !seen[i] {
			seen[i], keep[i] = true, true
			if cs.cals[i].Base == "" {
				break
			}
			b, _ := strconv.ParseInt(cs.cals[i].Base, 10, 64)
			i, ok = cs.byUID[b]
		}
	}
	var out []schedule.Calendar
	for i, c := range cs.cals {
		if keep[i] {
			out = append(out, c)
		}
	}
	return out
}

// dayPeriods reads DayWorking and WorkingTimes: a non-working day has no periods
// (an empty, non-nil slice); a working day without times has MS Project's
// default hours.
func dayPeriods(working *string, times []xWorkingTime, rec, field string) ([]schedule.Period, error) {
	isWorking := len(times) > 0
	if s, ok := val(working); ok {
		var err error
		if isWorking, err = parseBool(s); err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".DayWorking", "%v", err)
		}
	}
	if !isWorking {
		return []schedule.Period{}, nil
	}
	ps := make([]schedule.Period, 0, len(times))
	for k := range times {
		t := &times[k]
		f := fmt.Sprintf("%s.WorkingTimes[%d]", field, k)
		fs, ok1 := val(t.FromTime)
		ts, ok2 := val(t.ToTime)
		if !ok1 || !ok2 {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, f, "needs both FromTime and ToTime")
		}
		from, err := parseClock(fs)
		if err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, f+".FromTime", "%v", err)
		}
		to, err := parseClock(ts)
		if err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, f+".ToTime", "%v", err)
		}
		if to == 0 {
			to = schedule.MinutesPerDay // 00:00:00 ends the day
		}
		if from >= schedule.MinutesPerDay || to <= from {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, f, "%s–%s is not a span within one day", fs, ts)
		}
		ps = append(ps, schedule.Period{Start: from, End: to})
	}
	if len(ps) == 0 {
		return defaultHours(), nil
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start < ps[j].Start })
	for k := 1; k < len(ps); k++ {
		if ps[k].Start < ps[k-1].End {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".WorkingTimes", "working times %s–%s and %s–%s overlap",
				formatClock(ps[k-1].Start), formatClock(ps[k-1].End), formatClock(ps[k].Start), formatClock(ps[k].End))
		}
	}
	return ps, nil
}

// periodDates reads a TimePeriod's FromDate and ToDate as days (the time of day,
// 00:00:00 and 23:59:00 in practice, is dropped). ok is false when both are
// missing (or before 1900): MS Project ignores such an entry.
func periodDates(tp *xTimePeriod, rec, field string) (from, to date.Date, ok bool, err error) {
	// The day as written: rounding to the minute must not move 23:59:59 into
	// the next day.
	day := func(p *string, name string) (date.Date, error) {
		s, ok := val(p)
		if !ok {
			return 0, nil
		}
		t, err := parseDateTime(s)
		if err != nil {
			return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".TimePeriod."+name, "%v", err)
		}
		if t == 0 {
			return 0, nil
		}
		if d, err := schedule.ParseDate(s[:10]); err == nil {
			return d, nil
		}
		return t.Date(), nil
	}
	if from, err = day(tp.FromDate, "FromDate"); err != nil {
		return 0, 0, false, err
	}
	if to, err = day(tp.ToDate, "ToDate"); err != nil {
		return 0, 0, false, err
	}
	switch {
	case from == 0 && to == 0:
		return 0, 0, false, nil // MS Project ignores such an entry
	case from == 0:
		from = to
	case to == 0:
		to = from
	}
	if to < from {
		return 0, 0, false, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".TimePeriod.ToDate", "%s is before FromDate %s", to, from)
	}
	return from, to, true, nil
}

// dayRule says which periods some days have: a range of days (dates nil) or a
// list of days, with the same periods on each, or, for a work week, the periods
// of each weekday.
type dayRule struct {
	name     string
	periods  []schedule.Period
	week     *[7][]schedule.Period // a work week's days; nil entries are not covered
	from, to date.Date
	dates    []date.Date
}

func (r *dayRule) periodsOn(d date.Date) []schedule.Period {
	if r.week != nil {
		return r.week[d.Weekday()]
	}
	return r.periods
}

func workWeek(x *xWorkWeek, rec, field string, budget *expansion) (*dayRule, error) {
	if x.TimePeriod == nil {
		return nil, nil // the default week: WeekDays of the calendar say it
	}
	from, to, ok, err := periodDates(x.TimePeriod, rec, field)
	if err != nil || !ok {
		return nil, err
	}
	var week [7][]schedule.Period
	for k := range x.WeekDays {
		d := &x.WeekDays[k]
		f := fmt.Sprintf("%s.WeekDays[%d]", field, k)
		s, ok := val(d.DayType)
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, f+".DayType", "is missing")
		}
		dt, err := parseInt(s)
		if err != nil || dt < 1 || dt > 7 {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, f+".DayType", "%q is not 1 (Sunday) to 7 (Saturday)", s)
		}
		if week[dt-1], err = dayPeriods(d.DayWorking, d.WorkingTimes, rec, f); err != nil {
			return nil, err
		}
	}
	r := &dayRule{dates: []date.Date{}, week: &week}
	if x.Name != nil {
		r.name = *x.Name
	}
	if err := budget.spend(int(to-from)+1, 0, rec, field); err != nil {
		return nil, err
	}
	for d := from; d <= to; d++ {
		if week[d.Weekday()] != nil {
			r.dates = append(r.dates, d)
		}
	}
	if err := budget.spend(0, len(r.dates), rec, field); err != nil {
		return nil, err
	}
	return r, nil
}
