package mspdi

import (
	"slices"
	"sort"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Recurrence types of an MSPDI calendar exception (its Type element).
const (
	recurNone            = 0
	recurDaily           = 1
	recurYearlyByDay     = 2 // Month, MonthDay
	recurYearlyByWeekday = 3 // Month, MonthPosition, MonthItem
	recurMonthlyByDay    = 4 // MonthDay, Period
	recurMonthlyWeekday  = 5 // MonthPosition, MonthItem, Period
	recurWeekly          = 6 // DaysOfWeek, Period
	recurDailyCount      = 7
)

// exception reads one <Exception> (MS Project 2007 and later), expanding a
// recurring one into its days.
func exception(x *xException, rec, field string, budget *expansion) (*dayRule, error) {
	if x.TimePeriod == nil {
		return nil, nil
	}
	from, to, ok, err := periodDates(x.TimePeriod, rec, field)
	if err != nil || !ok {
		return nil, err
	}
	ps, err := dayPeriods(x.DayWorking, x.WorkingTimes, rec, field)
	if err != nil {
		return nil, err
	}
	r := &dayRule{periods: ps, from: from, to: to}
	if x.Name != nil {
		r.name = *x.Name
	}
	num := func(p *string, name string, def, lo, hi int64) (int64, error) {
		s, ok := val(p)
		if !ok {
			return def, nil
		}
		v, err := parseInt(s)
		if err != nil {
			return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"."+name, "%v", err)
		}
		if v < lo || v > hi {
			return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"."+name, "%d is not between %d and %d", v, lo, hi)
		}
		return v, nil
	}
	typ, err := num(x.Type, "Type", recurNone, 0, 7)
	if err != nil {
		return nil, err
	}
	period, err := num(x.Period, "Period", 1, 0, 1000)
	if err != nil {
		return nil, err
	}
	period = max(period, 1)
	occurrences, err := num(x.Occurrences, "Occurrences", 0, 0, 100000)
	if err != nil {
		return nil, err
	}
	if typ == recurNone || ((typ == recurDaily || typ == recurDailyCount) && period == 1) {
		return r, nil
	}
	// Walking costs a step a day (a month for monthly and yearly recurrences).
	steps := int(to-from) + 1
	if typ >= recurYearlyByDay && typ <= recurMonthlyWeekday {
		steps = steps/28 + 2
	}
	if err := budget.spend(steps, 0, rec, field); err != nil {
		return nil, err
	}
	r.dates = []date.Date{}
	add := func(d date.Date) bool {
		if d < from || d > to || (occurrences > 0 && int64(len(r.dates)) >= occurrences) {
			return false
		}
		r.dates = append(r.dates, d)
		return true
	}
	switch typ {
	case recurDaily, recurDailyCount:
		for d := from; d <= to; d += date.Date(period) {
			if !add(d) {
				break
			}
		}
	case recurWeekly:
		mask, err := num(x.DaysOfWeek, "DaysOfWeek", 0, 0, 0x7f)
		if err != nil {
			return nil, err
		}
		if mask == 0 {
			mask = 1 << from.Weekday()
		}
		weekStart := from - date.Date(from.Weekday()) // the Sunday on or before from
		for d := from; d <= to; d++ {
			week := int64(d-weekStart) / 7
			if week%period == 0 && mask&(1<<d.Weekday()) != 0 && !add(d) {
				break
			}
		}
	case recurMonthlyByDay, recurMonthlyWeekday, recurYearlyByDay, recurYearlyByWeekday:
		yearly := typ == recurYearlyByDay || typ == recurYearlyByWeekday
		byWeekday := typ == recurMonthlyWeekday || typ == recurYearlyByWeekday
		var day, pos, item, month int64
		if byWeekday {
			if pos, err = num(x.MonthPosition, "MonthPosition", 0, 0, 4); err != nil {
				return nil, err
			}
			// MonthItem 3 to 9 name Sunday to Saturday; 0–2 (any day, weekday,
			// weekend day) are not supported.
			if item, err = num(x.MonthItem, "MonthItem", 3, 3, 9); err != nil {
				return nil, err
			}
		} else if day, err = num(x.MonthDay, "MonthDay", int64(from.Day()), 1, 31); err != nil {
			return nil, err
		}
		step := int(period)
		if yearly {
			if month, err = num(x.Month, "Month", int64(from.Month())-1, 0, 11); err != nil {
				return nil, err
			}
			step = 12
		}
		y, m := from.Year(), from.Month()
		if yearly {
			m = time.Month(month + 1)
		}
		for k := 0; ; k++ {
			first := date.New(y, m, 1).AddDate(0, k*step, 0)
			if first > to {
				break
			}
			var d date.Date
			if byWeekday {
				d = nthWeekday(first, time.Weekday(item-3), int(pos))
			} else {
				if int(day) > first.LastDayOfMonth() {
					continue
				}
				d = first + date.Date(day-1)
			}
			if d < from {
				continue
			}
			if !add(d) {
				break
			}
		}
	}
	if err := budget.spend(0, len(r.dates), rec, field); err != nil {
		return nil, err
	}
	return r, nil
}

// nthWeekday returns the pos-th (0 first … 3 fourth, 4 last) weekday wd of the
// month that starts on first.
func nthWeekday(first date.Date, wd time.Weekday, pos int) date.Date {
	if pos == 4 {
		last := first + date.Date(first.LastDayOfMonth()-1)
		return last - date.Date((int(last.Weekday())-int(wd)+7)%7)
	}
	return first + date.Date((int(wd)-int(first.Weekday())+7)%7+7*pos)
}

// resolveRules turns a calendar's work weeks and exceptions, in increasing
// precedence, into exceptions that do not overlap. When nothing overlaps or
// recurs they are kept as the file lists them; otherwise each day takes the last
// rule that covers it, and runs of consecutive days alike become ranges, in date
// order.
func resolveRules(rules []dayRule, rec string, budget *expansion) ([]schedule.Exception, error) {
	flat := false
	for i := range rules {
		if rules[i].dates != nil {
			flat = true
		}
	}
	if !flat && len(rules) > 1 {
		sorted := slices.Clone(rules)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].from < sorted[j].from })
		for i := 1; i < len(sorted); i++ {
			if sorted[i].from <= sorted[i-1].to {
				flat = true
				break
			}
		}
	}
	var out []schedule.Exception
	if !flat {
		for _, r := range rules {
			out = appendRange(out, r.name, r.from, r.to, r.periods)
		}
		return out, nil
	}
	byDay := make(map[date.Date]int)
	for i := range rules {
		r := &rules[i]
		if r.dates != nil {
			for _, d := range r.dates {
				byDay[d] = i
			}
			continue
		}
		if err := budget.spend(int(r.to-r.from)+1, int(r.to-r.from)+1, rec, "Exceptions"); err != nil {
			return nil, err
		}
		for d := r.from; d <= r.to; d++ {
			byDay[d] = i
		}
	}
	days := make([]date.Date, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	slices.Sort(days)
	for k := 0; k < len(days); {
		r := &rules[byDay[days[k]]]
		ps := r.periodsOn(days[k])
		j := k + 1
		for j < len(days) && days[j] == days[j-1]+1 {
			q := &rules[byDay[days[j]]]
			if q.name != r.name || !slices.Equal(q.periodsOn(days[j]), ps) {
				break
			}
			j++
		}
		out = appendRange(out, r.name, days[k], days[j-1], ps)
		k = j
	}
	return out, nil
}

// appendRange appends the exception from–to, cut into pieces the engine accepts.
func appendRange(out []schedule.Exception, name string, from, to date.Date, ps []schedule.Period) []schedule.Exception {
	for from <= to {
		end := min(to, from+chunkDays-1)
		out = append(out, schedule.Exception{Name: name, From: from, To: end, Periods: slices.Clone(ps)})
		from = end + 1
	}
	return out
}
