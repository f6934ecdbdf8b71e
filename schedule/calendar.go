package schedule

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
)

// Period is a span of working time within a day: [Start, End) in minutes after
// midnight, 0 ≤ Start < End ≤ 1440. In JSON it reads {"start": "08:00", "end": "12:00"}.
type Period struct {
	Start int
	End   int
}

// Span returns the working period from hh1:mm1 to hh2:mm2.
func Span(hh1, mm1, hh2, mm2 int) Period { return Period{hh1*60 + mm1, hh2*60 + mm2} }

type periodJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// MarshalJSON writes {"start":"08:00","end":"12:00"}.
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(periodJSON{clockString(p.Start), clockString(p.End)})
}

// UnmarshalJSON reads {"start":"08:00","end":"12:00"}; "24:00" is the end of the day.
func (p *Period) UnmarshalJSON(b []byte) error {
	var j periodJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	s, err := parseClock(j.Start)
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	e, err := parseClock(j.End)
	if err != nil {
		return fmt.Errorf("end: %w", err)
	}
	*p = Period{s, e}
	return nil
}

func clockString(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func parseClock(s string) (int, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("invalid time %q: want 15:04", s)
	}
	hh, ok1 := digits2(s[:2])
	mm, ok2 := digits2(s[3:])
	if !ok1 || !ok2 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("invalid time %q: want 00:00–24:00", s)
	}
	return hh*60 + mm, nil
}

// WorkWeek gives the working periods of each weekday, indexed by time.Weekday
// (Sunday = 0). A nil entry inherits the base calendar's day (non-working when there
// is no base); a non-nil empty entry is a non-working day. In JSON it is an object
// keyed "monday" … "sunday".
type WorkWeek [7][]Period

var weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// MarshalJSON writes the days that are set, keyed by weekday name.
func (w WorkWeek) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	sb.WriteByte('{')
	first := true
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if w[d] == nil {
			continue
		}
		if !first {
			sb.WriteByte(',')
		}
		first = false
		b, err := json.Marshal(w[d])
		if err != nil {
			return nil, err
		}
		sb.WriteString(`"` + weekdayNames[d] + `":`)
		sb.Write(b)
	}
	sb.WriteByte('}')
	return []byte(sb.String()), nil
}

// UnmarshalJSON reads an object keyed by weekday name; unknown keys are errors.
func (w *WorkWeek) UnmarshalJSON(b []byte) error {
	var m map[string][]Period
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*w = WorkWeek{}
	for k, v := range m {
		i := -1
		for d, n := range weekdayNames {
			if n == k {
				i = d
			}
		}
		if i < 0 {
			return fmt.Errorf("unknown weekday %q", k)
		}
		if v == nil {
			v = []Period{}
		}
		w[i] = v
	}
	return nil
}

// Exception overrides the working periods of the days From through To (To may be
// zero for a single day): with no periods the days are non-working (a holiday);
// with periods they are working days with those hours (for example China's 调休
// make-up working days on a weekend).
type Exception struct {
	Name    string
	From    date.Date
	To      date.Date
	Periods []Period
}

type exceptionJSON struct {
	Name    string   `json:"name,omitempty"`
	From    string   `json:"from"`
	To      string   `json:"to,omitempty"`
	Periods []Period `json:"periods"`
}

// MarshalJSON writes {"name":…,"from":"2025-10-01","to":"2025-10-08","periods":[]}.
func (e Exception) MarshalJSON() ([]byte, error) {
	j := exceptionJSON{Name: e.Name, From: e.From.Format("2006-01-02"), Periods: e.Periods}
	if e.To != 0 && e.To != e.From {
		j.To = e.To.Format("2006-01-02")
	}
	if j.Periods == nil {
		j.Periods = []Period{}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the form MarshalJSON writes, parsing dates strictly.
func (e *Exception) UnmarshalJSON(b []byte) error {
	var j exceptionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	from, err := ParseDate(j.From)
	if err != nil {
		return fmt.Errorf("from: %w", err)
	}
	to := from
	if j.To != "" {
		if to, err = ParseDate(j.To); err != nil {
			return fmt.Errorf("to: %w", err)
		}
	}
	*e = Exception{Name: j.Name, From: from, To: to, Periods: j.Periods}
	return nil
}

// Calendar defines working time: a work week, dated exceptions, and optionally a
// base calendar it inherits from (weekdays left nil and dates without an exception of
// their own come from the base).
type Calendar struct {
	ID         string      `json:"id"`
	Name       string      `json:"name,omitempty"`
	Base       string      `json:"base,omitempty"`
	Week       WorkWeek    `json:"week"`
	Exceptions []Exception `json:"exceptions,omitempty"`
	// HoursPerDay converts durations given in days to working minutes (P6's hours
	// per day, MS Project's minutes per day / 60). Zero inherits the base's, else 8.
	HoursPerDay float64 `json:"hoursPerDay,omitempty"`
}

func calRecord(id string) string { return fmt.Sprintf("calendar %q", id) }

func validPeriods(ps []Period) error {
	for i, p := range ps {
		if p.Start < 0 || p.End > MinutesPerDay || p.Start >= p.End {
			return fmt.Errorf("period %d (%s–%s) is not a span within one day", i, clockString(max(p.Start, 0)), clockString(min(max(p.End, 0), MinutesPerDay)))
		}
		if i > 0 && p.Start < ps[i-1].End {
			return fmt.Errorf("period %d (%s–%s) overlaps or precedes the one before it", i, clockString(p.Start), clockString(p.End))
		}
	}
	return nil
}

// resolved is a calendar with its inheritance applied.
type resolved struct {
	week        WorkWeek
	exceptions  map[date.Date][]Period
	minutesDay  int64
	hasWorkWeek bool
}

// resolveCalendars applies inheritance to every calendar, checking each field.
func resolveCalendars(cals []Calendar) (map[string]*resolved, error) {
	byID := make(map[string]*Calendar, len(cals))
	for i := range cals {
		c := &cals[i]
		if c.ID == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("calendar %d", i), "id", "is empty")
		}
		if _, dup := byID[c.ID]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(c.ID), "id", "is used by more than one calendar")
		}
		byID[c.ID] = c
	}
	out := make(map[string]*resolved, len(cals))
	var resolve func(id string, depth int) (*resolved, error)
	resolve = func(id string, depth int) (*resolved, error) {
		if r, ok := out[id]; ok {
			return r, nil
		}
		c := byID[id]
		if depth > len(cals) {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), "base", "calendars inherit from each other in a loop")
		}
		r := &resolved{exceptions: map[date.Date][]Period{}}
		if c.Base != "" {
			if _, ok := byID[c.Base]; !ok {
				return nil, lanyan.Errorf(lanyan.CodeNotFound, calRecord(id), "base", "unknown calendar %q", c.Base)
			}
			b, err := resolve(c.Base, depth+1)
			if err != nil {
				return nil, err
			}
			r.week = b.week
			for d, p := range b.exceptions {
				r.exceptions[d] = p
			}
			r.minutesDay = b.minutesDay
		}
		for d, ps := range c.Week {
			if ps == nil {
				continue
			}
			if err := validPeriods(ps); err != nil {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), "week."+weekdayNames[d], "%v", err)
			}
			r.week[d] = ps
		}
		for i, e := range c.Exceptions {
			field := fmt.Sprintf("exceptions[%d]", i)
			to := e.To
			if to == 0 {
				to = e.From
			}
			if to < e.From {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), field+".to", "%s is before from %s", to, e.From)
			}
			if to-e.From > 3660 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), field+".to", "an exception may span at most ten years")
			}
			if err := validPeriods(e.Periods); err != nil {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), field+".periods", "%v", err)
			}
			for d := e.From; d <= to; d++ {
				r.exceptions[d] = e.Periods
			}
		}
		if c.HoursPerDay < 0 || c.HoursPerDay > 24 || c.HoursPerDay != c.HoursPerDay {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), "hoursPerDay", "must be between 0 and 24")
		}
		if c.HoursPerDay > 0 {
			r.minutesDay = int64(c.HoursPerDay*60 + 0.5)
			if r.minutesDay == 0 {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), "hoursPerDay", "is less than one minute")
			}
		}
		for _, ps := range r.week {
			if len(ps) > 0 {
				r.hasWorkWeek = true
			}
		}
		if !r.hasWorkWeek {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(id), "week", "has no working day")
		}
		out[id] = r
		return r, nil
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r, err := resolve(id, 0)
		if err != nil {
			return nil, err
		}
		if r.minutesDay == 0 {
			r.minutesDay = 480
		}
	}
	return out, nil
}

// Compile resolves one calendar among cals (its base calendars must be there too)
// into a [CompiledCalendar]. Its tables start around 2025 and grow in both
// directions as questions need.
func Compile(id string, cals ...Calendar) (*CompiledCalendar, error) {
	rs, err := resolveCalendars(cals)
	if err != nil {
		return nil, err
	}
	r, ok := rs[id]
	if !ok {
		return nil, lanyan.Errorf(lanyan.CodeNotFound, calRecord(id), "", "no such calendar")
	}
	return newCompiled(id, r, date.New(2025, 1, 6)), nil
}
