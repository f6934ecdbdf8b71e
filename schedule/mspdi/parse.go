package mspdi

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lanyan-dev/lanyan/schedule"
)

// maxMinutes bounds durations, lags and floats: a thousand years of
// round-the-clock work, as the engine does.
const maxMinutes = 1000 * 366 * schedule.MinutesPerDay

// parseInt reads an xsd:integer strictly (surrounding white space is allowed).
func parseInt(s string) (int64, error) {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an integer", s)
	}
	return v, nil
}

// parseUID reads a unique id: an integer from 0 to 2³¹−1, as MS Project keeps them.
func parseUID(s string) (int64, error) {
	v, err := parseInt(s)
	if err != nil {
		return 0, err
	}
	if v < 0 || v > math.MaxInt32 {
		return 0, fmt.Errorf("%d is out of range (0 to %d)", v, math.MaxInt32)
	}
	return v, nil
}

// parseNumber reads an integer or decimal number.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(t, "xXpPnN_") {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// parseBool reads an xsd:boolean: 1, 0, true or false.
func parseBool(s string) (bool, error) {
	switch strings.TrimSpace(s) {
	case "1", "true":
		return true, nil
	case "0", "false":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean (0 or 1)", s)
}

// minYear is the first year read as a date: earlier dates (1899-12-30, 1900-01-01,
// 0001-01-01 …) are what tools write for "no date", and are read as none.
const minYear = 1900

// parseDateTime reads an MSPDI date-time (2006-01-02T15:04:05, optionally with
// fractional seconds; 2006-01-02T15:04 and 2006-01-02 are accepted too) strictly,
// rounding to the nearest minute: MS Project stores whole minutes, and the
// seconds it sometimes writes come from fractional-minute arithmetic. A date
// before 1900 is no date: it returns the zero Instant.
func parseDateTime(s string) (schedule.Instant, error) {
	v, err := parseDateTimeAny(s)
	if err != nil || v.Date().Year() < minYear {
		return 0, err
	}
	return v, nil
}

func parseDateTimeAny(s string) (schedule.Instant, error) {
	t := strings.TrimSpace(s)
	if len(t) <= 16 {
		return schedule.ParseInstant(t)
	}
	if len(t) < 19 || t[16] != ':' {
		return 0, fmt.Errorf("invalid date-time %q: want 2006-01-02T15:04:05", s)
	}
	v, err := schedule.ParseInstant(t[:16])
	if err != nil {
		return 0, err
	}
	sec, err := strconv.ParseFloat(t[17:], 64)
	if err != nil || sec < 0 || sec >= 60 || t[17] < '0' || t[17] > '9' || t[18] < '0' || t[18] > '9' ||
		(len(t) > 19 && t[19] != '.') || strings.ContainsAny(t[17:], "eE+-") {
		return 0, fmt.Errorf("invalid date-time %q: bad seconds", s)
	}
	if sec >= 30 {
		if t[11:16] == "24:00" {
			return 0, fmt.Errorf("invalid date-time %q: time out of range", s)
		}
		v++
	}
	if v.Date().Year() > 9999 {
		return 0, fmt.Errorf("invalid date-time %q: after year 9999", s)
	}
	return v, nil
}

// parseDuration reads an ISO 8601 duration as MS Project writes them (PT16H0M0S:
// hours, minutes and seconds of working time) and returns whole working minutes,
// rounded to the nearest. Days and weeks (P2D, P1W) are read as working days of
// minutesPerDay and working weeks of five such days; years and months are refused
// as ambiguous. A leading minus sign is allowed when negative is true.
func parseDuration(s string, minutesPerDay int64, negative bool) (int64, error) {
	t := strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(t, "-") {
		if !negative {
			return 0, fmt.Errorf("%q is negative", s)
		}
		neg = true
		t = t[1:]
	}
	if len(t) < 2 || t[0] != 'P' {
		return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
	}
	t = t[1:]
	var total float64
	inTime := false
	seen := false
	order := 0 // designators must come in order: W D T H M S
	for len(t) > 0 {
		if t[0] == 'T' {
			if inTime {
				return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
			}
			inTime = true
			t = t[1:]
			if len(t) == 0 {
				return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
			}
			continue
		}
		i := 0
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			i++
		}
		if i == 0 || i == len(t) || t[0] == '.' || t[i-1] == '.' || strings.Count(t[:i], ".") > 1 || i > 18 {
			return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
		}
		n, err := strconv.ParseFloat(t[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
		}
		var unit float64
		var rank int
		switch d := t[i]; {
		case !inTime && (d == 'Y' || d == 'M'):
			return 0, fmt.Errorf("%q uses years or months, which have no fixed length in working time", s)
		case !inTime && d == 'W':
			unit, rank = float64(5*minutesPerDay), 1
		case !inTime && d == 'D':
			unit, rank = float64(minutesPerDay), 2
		case inTime && d == 'H':
			unit, rank = 60, 3
		case inTime && d == 'M':
			unit, rank = 1, 4
		case inTime && d == 'S':
			unit, rank = 1.0/60, 5
		default:
			return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
		}
		if rank <= order {
			return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
		}
		order = rank
		seen = true
		total += n * unit
		if total > maxMinutes {
			return 0, fmt.Errorf("%q is longer than a thousand years", s)
		}
		t = t[i+1:]
	}
	if !seen {
		return 0, fmt.Errorf("%q is not an ISO 8601 duration like PT8H0M0S", s)
	}
	m := int64(math.Round(total))
	if neg {
		m = -m
	}
	return m, nil
}

// parseClock reads a time of day, 15:04:05 (or 15:04), into minutes after
// midnight. Seconds must be zero: working times are whole minutes.
func parseClock(s string) (int, error) {
	t := strings.TrimSpace(s)
	if len(t) == 5 {
		t += ":00"
	}
	if len(t) != 8 || t[2] != ':' || t[5] != ':' {
		return 0, fmt.Errorf("invalid time %q: want 15:04:05", s)
	}
	hh, ok1 := digits2(t[0:2])
	mm, ok2 := digits2(t[3:5])
	ss, ok3 := digits2(t[6:8])
	if !ok1 || !ok2 || !ok3 || hh > 24 || mm > 59 || ss != 0 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("invalid time %q: want 00:00:00–23:59:00", s)
	}
	return hh*60 + mm, nil
}

func digits2(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// roundTenths converts tenths of a minute to minutes, rounding half away from zero.
func roundTenths(v int64) int64 {
	if v < 0 {
		return -((-v + 5) / 10)
	}
	return (v + 5) / 10
}

// formatDuration writes working minutes as MS Project does: PT16H0M0S.
func formatDuration(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%sPT%dH%dM0S", sign, m/60, m%60)
}

// formatDateTime writes an instant as 2006-01-02T15:04:00.
func formatDateTime(t schedule.Instant) string {
	m := t.Minute()
	return fmt.Sprintf("%sT%02d:%02d:00", t.Date().Format("2006-01-02"), m/60, m%60)
}

// formatClock writes minutes after midnight as 15:04:00; the end of the day
// (1440) is 00:00:00, as MS Project writes it.
func formatClock(m int) string {
	if m == schedule.MinutesPerDay {
		m = 0
	}
	return fmt.Sprintf("%02d:%02d:00", m/60, m%60)
}
