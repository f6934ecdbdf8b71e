package xer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

// P6 keeps a calendar's week and exceptions in CALENDAR.clndr_data, a nested
// "structured text" of records (0||Name(attributes)(children)):
//
//	(0||CalendarData()(
//	  (0||DaysOfWeek()(
//	    (0||1()())                                   Sunday: no periods, non-working
//	    (0||2()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))   Monday
//	    …))
//	  (0||VIEW(ShowTotal|Y)())
//	  (0||Exceptions()(
//	    (0||0(d|43650)())                            a holiday (no periods)
//	    (0||1(d|43651)((0||0(s|08:00|f|12:00)())))   a working exception
//	  ))))
//
// Days of the week run 1 = Sunday … 7 = Saturday; an exception's d is its date
// as a count of days since 1899-12-30 (the spreadsheet day number); a finish of
// 00:00 is midnight at the end of the day. Between records P6 may put spaces,
// line breaks or DEL (0x7F) characters; they are skipped.

// serialEpoch is day 0 of the day numbers in exceptions.
var serialEpoch = date.New(1899, 12, 30)

// stNode is one record of structured text.
type stNode struct {
	name     string
	attrs    []string // key, value, key, value …
	children []stNode
}

func (n *stNode) attr(key string) (string, bool) {
	for i := 0; i+1 < len(n.attrs); i += 2 {
		if n.attrs[i] == key {
			return n.attrs[i+1], true
		}
	}
	return "", false
}

func (n *stNode) child(name string) *stNode {
	for i := range n.children {
		if n.children[i].name == name {
			return &n.children[i]
		}
	}
	return nil
}

// maxDepth bounds the nesting of structured text (P6 uses five levels).
const maxDepth = 12

type stParser struct {
	s   string
	pos int
}

func (p *stParser) skip() {
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if c > ' ' && c != 0x7F {
			return
		}
		p.pos++
	}
}

func (p *stParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at character %d: %s", p.pos+1, fmt.Sprintf(format, args...))
}

func (p *stParser) expect(c byte) error {
	p.skip()
	if p.pos >= len(p.s) || p.s[p.pos] != c {
		return p.errorf("want %q", c)
	}
	p.pos++
	return nil
}

// node reads one record: ( digits || name ( attrs ) ( children ) ).
func (p *stParser) node(depth int) (stNode, error) {
	var n stNode
	if depth > maxDepth {
		return n, p.errorf("records nested more than %d deep", maxDepth)
	}
	if err := p.expect('('); err != nil {
		return n, err
	}
	p.skip()
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == start {
		return n, p.errorf("want a record number")
	}
	p.skip()
	if !strings.HasPrefix(p.s[p.pos:], "||") {
		return n, p.errorf("want || after the record number")
	}
	p.pos += 2
	end := strings.IndexByte(p.s[p.pos:], '(')
	if end < 0 {
		return n, p.errorf("want ( after the record name")
	}
	n.name = strings.TrimSpace(p.s[p.pos : p.pos+end])
	p.pos += end + 1
	end = strings.IndexByte(p.s[p.pos:], ')')
	if end < 0 {
		return n, p.errorf("want ) to close the attributes")
	}
	if a := p.s[p.pos : p.pos+end]; a != "" {
		n.attrs = strings.Split(a, "|")
		if len(n.attrs)%2 != 0 {
			return n, p.errorf("attributes %q are not name|value pairs", a)
		}
	}
	p.pos += end + 1
	if err := p.expect('('); err != nil {
		return n, err
	}
	for {
		p.skip()
		if p.pos >= len(p.s) {
			return n, p.errorf("text ends inside record %q", n.name)
		}
		if p.s[p.pos] == ')' {
			p.pos++
			break
		}
		c, err := p.node(depth + 1)
		if err != nil {
			return n, err
		}
		n.children = append(n.children, c)
	}
	if err := p.expect(')'); err != nil {
		return n, err
	}
	return n, nil
}

// parseClndrData reads clndr_data into the week and exceptions of c. It reports
// whether the text held a DaysOfWeek record.
func parseClndrData(s string, c *schedule.Calendar) (bool, error) {
	p := &stParser{s: s}
	p.skip()
	if p.pos == len(s) {
		return false, nil
	}
	root, err := p.node(0)
	if err != nil {
		return false, err
	}
	p.skip()
	if p.pos != len(s) {
		return false, p.errorf("unexpected text after the calendar data")
	}
	hasWeek := false
	if dw := root.child("DaysOfWeek"); dw != nil {
		hasWeek = true
		for i := range dw.children {
			day := &dw.children[i]
			d, err := strconv.Atoi(day.name)
			if err != nil || d < 1 || d > 7 {
				return false, fmt.Errorf("DaysOfWeek: day %q is not 1 (Sunday) to 7 (Saturday)", day.name)
			}
			ps, err := parsePeriods(day.children)
			if err != nil {
				return false, fmt.Errorf("DaysOfWeek: day %d: %w", d, err)
			}
			c.Week[d-1] = ps
		}
	}
	if ex := root.child("Exceptions"); ex != nil && len(ex.children) > 0 {
		c.Exceptions = make([]schedule.Exception, 0, len(ex.children))
		for i := range ex.children {
			e := &ex.children[i]
			v, ok := e.attr("d")
			if !ok {
				return false, fmt.Errorf("exception %d has no d (date)", i)
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < minSerial || n > maxSerial {
				return false, fmt.Errorf("exception %d: d %q is not a day number between %d and %d", i, v, minSerial, maxSerial)
			}
			ps, err := parsePeriods(e.children)
			if err != nil {
				return false, fmt.Errorf("exception %d: %w", i, err)
			}
			d := serialEpoch + date.Date(n)
			c.Exceptions = append(c.Exceptions, schedule.Exception{From: d, To: d, Periods: ps})
		}
	}
	return hasWeek, nil
}

// Day numbers of the years 1800 to 9999, the dates this package reads.
var (
	minSerial = int(date.New(1800, 1, 1) - serialEpoch)
	maxSerial = int(date.New(9999, 12, 31) - serialEpoch)
)

// parsePeriods reads the (s|08:00|f|12:00) records of a day, sorted by start; an
// empty (non-nil) list is a non-working day.
func parsePeriods(ns []stNode) ([]schedule.Period, error) {
	ps := make([]schedule.Period, 0, len(ns))
	for i := range ns {
		n := &ns[i]
		sv, ok1 := n.attr("s")
		fv, ok2 := n.attr("f")
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("period %d needs s (start) and f (finish)", i)
		}
		s, ok1 := parseClock(sv)
		f, ok2 := parseClock(fv)
		if !ok1 || !ok2 || s == schedule.MinutesPerDay {
			return nil, fmt.Errorf("period %d: %q–%q are not times of day", i, sv, fv)
		}
		if f == 0 {
			f = schedule.MinutesPerDay // 00:00 as a finish is the end of the day
		}
		if f <= s {
			return nil, fmt.Errorf("period %d: finish %s is not after start %s", i, fv, sv)
		}
		ps = append(ps, schedule.Period{Start: s, End: f})
	}
	slices.SortFunc(ps, func(a, b schedule.Period) int { return a.Start - b.Start })
	for i := 1; i < len(ps); i++ {
		if ps[i].Start < ps[i-1].End {
			return nil, fmt.Errorf("periods %s–%s and %s–%s overlap", clock(ps[i-1].Start), clock(ps[i-1].End), clock(ps[i].Start), clock(ps[i].End))
		}
	}
	return ps, nil
}

// parseClock reads H:MM or HH:MM (24:00 allowed) as minutes after midnight.
func parseClock(s string) (int, bool) {
	i := strings.IndexByte(s, ':')
	if i < 1 || i > 2 || len(s) != i+3 {
		return 0, false
	}
	h, m := 0, 0
	for _, c := range s[:i] {
		if c < '0' || c > '9' {
			return 0, false
		}
		h = h*10 + int(c-'0')
	}
	for _, c := range s[i+1:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		m = m*10 + int(c-'0')
	}
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func clock(m int) string {
	if m == schedule.MinutesPerDay {
		m = 0
	}
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// formatClndrData writes a calendar's week and exceptions as clndr_data. Days of
// the week left nil (inherited from the base calendar) are left out; each day of
// an exception's range is written as an exception of its own.
func formatClndrData(c *schedule.Calendar) (string, error) {
	var b strings.Builder
	b.WriteString("(0||CalendarData()((0||DaysOfWeek()(")
	for d, ps := range c.Week {
		if ps == nil {
			continue
		}
		fmt.Fprintf(&b, "(0||%d()(", d+1)
		if err := writePeriods(&b, ps); err != nil {
			return "", fmt.Errorf("week.%s: %w", strings.ToLower(dayName(d)), err)
		}
		b.WriteString("))")
	}
	b.WriteString("))(0||VIEW(ShowTotal|Y)())(0||Exceptions()(")
	k := 0
	for i, e := range c.Exceptions {
		to := e.To
		if to == 0 {
			to = e.From
		}
		if to < e.From || to-e.From > 3660 {
			return "", fmt.Errorf("exceptions[%d].to: %s is before from %s or more than ten years after it", i, to, e.From)
		}
		for d := e.From; d <= to; d++ {
			n := int(d - serialEpoch)
			if n < minSerial || n > maxSerial {
				return "", fmt.Errorf("exceptions[%d]: %s is outside the years 1800–9999", i, d)
			}
			fmt.Fprintf(&b, "(0||%d(d|%d)(", k, n)
			k++
			if err := writePeriods(&b, e.Periods); err != nil {
				return "", fmt.Errorf("exceptions[%d].periods: %w", i, err)
			}
			b.WriteString("))")
		}
	}
	b.WriteString("))))")
	return b.String(), nil
}

func dayName(d int) string {
	return [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}[d]
}

func writePeriods(b *strings.Builder, ps []schedule.Period) error {
	for i, p := range ps {
		if p.Start < 0 || p.End > schedule.MinutesPerDay || p.Start >= p.End {
			return fmt.Errorf("period %d is not a span within one day", i)
		}
		if i > 0 && p.Start < ps[i-1].End {
			return fmt.Errorf("period %d overlaps or precedes the one before it", i)
		}
		fmt.Fprintf(b, "(0||%d(s|%s|f|%s)())", i, clock(p.Start), clock(p.End))
	}
	return nil
}
