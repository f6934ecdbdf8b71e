package schedule

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
)

// Instant is a point in project-local wall time, counted in minutes since
// 0001-01-01T00:00 (the zero of [date.Date]). Schedules carry no time zone: a
// programme's dates are the site's dates. The zero Instant means "not set".
type Instant int64

// MinutesPerDay is the number of minutes in a calendar day.
const MinutesPerDay = 24 * 60

// At returns the instant at minute m (0–1440) of day d.
func At(d date.Date, m int) Instant { return Instant(int64(d)*MinutesPerDay + int64(m)) }

// AtTime returns the instant of day d at hh:mm.
func AtTime(d date.Date, hh, mm int) Instant { return At(d, hh*60+mm) }

// Date returns the day the instant falls on.
func (t Instant) Date() date.Date { return date.Date(floorDiv(int64(t), MinutesPerDay)) }

// Minute returns the minute of the day, 0–1439.
func (t Instant) Minute() int { return int(int64(t) - floorDiv(int64(t), MinutesPerDay)*MinutesPerDay) }

// IsZero reports whether the instant is unset.
func (t Instant) IsZero() bool { return t == 0 }

// Add returns t plus m elapsed (not working) minutes.
func (t Instant) Add(m int64) Instant { return t + Instant(m) }

// String formats the instant as 2006-01-02T15:04, or "" when zero.
func (t Instant) String() string {
	if t == 0 {
		return ""
	}
	m := t.Minute()
	return fmt.Sprintf("%sT%02d:%02d", t.Date().Format("2006-01-02"), m/60, m%60)
}

// MarshalText writes the instant as 2006-01-02T15:04.
func (t Instant) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads an instant with [ParseInstant].
func (t *Instant) UnmarshalText(b []byte) error {
	v, err := ParseInstant(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseInstant reads "2006-01-02", "2006-01-02T15:04" or "2006-01-02T15:04:05"
// strictly: 2025-02-29 and 24:01 are errors, not days rolled over. An empty string
// is the zero Instant. "T24:00" is accepted as the end of that day.
func ParseInstant(s string) (Instant, error) {
	if s == "" {
		return 0, nil
	}
	d, err := ParseDate(s[:min(len(s), 10)])
	if err != nil {
		return 0, err
	}
	if len(s) == 10 {
		return At(d, 0), nil
	}
	rest := s[10:]
	if (len(rest) != 6 && len(rest) != 9) || (rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':' {
		return 0, fmt.Errorf("invalid date-time %q: want 2006-01-02T15:04", s)
	}
	hh, ok1 := digits2(rest[1:3])
	mm, ok2 := digits2(rest[4:6])
	ss := 0
	ok3 := true
	if len(rest) == 9 {
		if rest[6] != ':' {
			return 0, fmt.Errorf("invalid date-time %q: want 2006-01-02T15:04", s)
		}
		ss, ok3 = digits2(rest[7:9])
	}
	if !ok1 || !ok2 || !ok3 || mm > 59 || ss > 59 || hh > 24 || (hh == 24 && (mm != 0 || ss != 0)) {
		return 0, fmt.Errorf("invalid date-time %q: time out of range", s)
	}
	t := At(d, hh*60+mm)
	if t.Date().Year() > 9999 {
		return 0, fmt.Errorf("invalid date-time %q: after year 9999", s)
	}
	return t, nil
}

// ParseDate reads a date in the form 2006-01-02 strictly: the day must exist.
func ParseDate(s string) (date.Date, error) {
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("invalid date %q: want 2006-01-02 with a day that exists", s)
	}
	return date.NewAt(tm), nil
}

func digits2(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
