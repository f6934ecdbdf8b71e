package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

// The documents of activities and links, the bulk of a network, are
// encoding/json's form of the schedule types, but encoding/json's
// reflection took most of the time of a batch or a LoadNetwork (some 2 µs to
// write an activity, 6 µs to read one). So they are written here byte for
// byte as encoding/json writes them (a test holds the two to the same
// output), and read by a parser that expects exactly that layout, field by
// field, in declaration order. A document the parser does not recognise
// (written by another version of a type, say) goes to encoding/json
// instead, so the fast path never changes what is read.

// errLayout means a document is not in the layout the fast parser expects.
var errLayout = errors.New("document layout not recognised")

// decodeActivity decodes an activity document.
func decodeActivity(doc []byte, a *schedule.Activity) error {
	p := docParser{b: doc}
	if err := p.activity(a); err == nil {
		return nil
	}
	*a = schedule.Activity{}
	return json.Unmarshal(doc, a)
}

// decodeLink decodes a link document.
func decodeLink(doc []byte, l *schedule.Link) error {
	p := docParser{b: doc}
	if err := p.link(l); err == nil {
		return nil
	}
	*l = schedule.Link{}
	return json.Unmarshal(doc, l)
}

// docParser reads a document in the layout of encoding/json's output.
type docParser struct {
	b   []byte
	err error
}

func (p *docParser) activity(a *schedule.Activity) error {
	p.lit(`{"ID":`)
	a.ID = p.str()
	p.lit(`,"Name":`)
	a.Name = p.str()
	p.lit(`,"Kind":`)
	a.Kind = schedule.Kind(p.uint8())
	p.lit(`,"Calendar":`)
	a.Calendar = p.str()
	p.lit(`,"Parent":`)
	a.Parent = p.str()
	p.lit(`,"Duration":`)
	a.Duration = p.int64()
	p.lit(`,"Constraint":`)
	a.Constraint = p.constraint()
	p.lit(`,"Constraint2":`)
	a.Constraint2 = p.constraint()
	p.lit(`,"ActualStart":`)
	a.ActualStart = p.instant()
	p.lit(`,"ActualFinish":`)
	a.ActualFinish = p.instant()
	p.lit(`,"RemainingDuration":`)
	a.RemainingDuration = p.int64()
	p.lit(`,"PercentComplete":`)
	a.PercentComplete = p.float64()
	p.lit(`}`)
	return p.end()
}

func (p *docParser) constraint() schedule.Constraint {
	var c schedule.Constraint
	p.lit(`{"Type":`)
	c.Type = schedule.ConstraintType(p.uint8())
	p.lit(`,"Date":`)
	c.Date = p.instant()
	p.lit(`}`)
	return c
}

func (p *docParser) link(l *schedule.Link) error {
	p.lit(`{"Pred":`)
	l.Pred = p.str()
	p.lit(`,"Succ":`)
	l.Succ = p.str()
	p.lit(`,"Type":`)
	l.Type = schedule.LinkType(p.uint8())
	p.lit(`,"Lag":`)
	l.Lag = p.int64()
	p.lit(`,"LagPercent":`)
	l.LagPercent = p.float64()
	p.lit(`,"LagCalendar":`)
	l.LagCalendar = schedule.LagCalendar(p.uint8())
	p.lit(`}`)
	return p.end()
}

// end returns the first error, or errLayout if anything follows the value.
func (p *docParser) end() error {
	if p.err == nil && len(p.b) > 0 {
		p.err = errLayout
	}
	return p.err
}

// lit consumes the literal s.
func (p *docParser) lit(s string) {
	if p.err != nil {
		return
	}
	if len(p.b) < len(s) || string(p.b[:len(s)]) != s {
		p.err = errLayout
		return
	}
	p.b = p.b[len(s):]
}

// str consumes a string. One with escapes goes to encoding/json; one with
// what JSON does not allow raw in a string (control characters, invalid
// UTF-8) is not recognised.
func (p *docParser) str() string {
	if p.err != nil {
		return ""
	}
	if len(p.b) == 0 || p.b[0] != '"' {
		p.err = errLayout
		return ""
	}
	end := bytes.IndexByte(p.b[1:], '"') + 1
	if end == 0 {
		p.err = errLayout
		return ""
	}
	body := p.b[1:end]
	if bytes.IndexByte(body, '\\') >= 0 {
		return p.escaped()
	}
	ascii := true
	for _, c := range body {
		if c < 0x20 {
			p.err = errLayout
			return ""
		}
		ascii = ascii && c < utf8.RuneSelf
	}
	if !ascii && !utf8.Valid(body) {
		p.err = errLayout
		return ""
	}
	p.b = p.b[end+1:]
	return string(body)
}

// escaped consumes a string with escapes, by encoding/json.
func (p *docParser) escaped() string {
	// The closing quote is the first one not escaped.
	for i := 1; i < len(p.b); i++ {
		switch p.b[i] {
		case '\\':
			i++
		case '"':
			var s string
			if err := json.Unmarshal(p.b[:i+1], &s); err != nil || !utf8.Valid(p.b[:i+1]) {
				p.err = errLayout
				return ""
			}
			p.b = p.b[i+1:]
			return s
		}
	}
	p.err = errLayout
	return ""
}

// number consumes a number as JSON writes one:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *docParser) number() []byte {
	if p.err != nil {
		return nil
	}
	b := p.b
	i := 0
	digits := func() int {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		p.err = errLayout
		return nil
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			p.err = errLayout
			return nil
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.err = errLayout
			return nil
		}
	}
	n := b[:i]
	p.b = b[i:]
	return n
}

func (p *docParser) int64() int64 {
	n := p.number()
	if p.err != nil {
		return 0
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		p.err = errLayout
	}
	return v
}

func (p *docParser) uint8() uint8 {
	n := p.number()
	if p.err != nil {
		return 0
	}
	v, err := strconv.ParseUint(string(n), 10, 8)
	if err != nil {
		p.err = errLayout
	}
	return uint8(v)
}

func (p *docParser) float64() float64 {
	n := p.number()
	if p.err != nil {
		return 0
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		p.err = errLayout
	}
	return v
}

// instant consumes an instant, a string as Instant.MarshalText writes it.
func (p *docParser) instant() schedule.Instant {
	if p.err != nil {
		return 0
	}
	// The form 2006-01-02T15:04 is read by hand, and taken if it writes back
	// the same; anything else is left to schedule.ParseInstant.
	const n = len(`"2006-01-02T15:04"`)
	if len(p.b) >= n && p.b[0] == '"' && p.b[n-1] == '"' && p.b[5] == '-' && p.b[8] == '-' && p.b[11] == 'T' && p.b[14] == ':' {
		y, ok1 := digitsAt(p.b, 1, 4)
		m, ok2 := digitsAt(p.b, 6, 2)
		d, ok3 := digitsAt(p.b, 9, 2)
		hh, ok4 := digitsAt(p.b, 12, 2)
		mm, ok5 := digitsAt(p.b, 15, 2)
		if ok1 && ok2 && ok3 && ok4 && ok5 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && hh < 24 && mm < 60 {
			t := schedule.At(date.New(y, time.Month(m), d), hh*60+mm)
			var buf [24]byte
			if string(appendInstant(buf[:0], t)) == string(p.b[:n]) {
				p.b = p.b[n:]
				return t
			}
		}
	}
	s := p.str()
	if p.err != nil || s == "" {
		return 0
	}
	t, err := schedule.ParseInstant(s)
	if err != nil {
		p.err = errLayout
	}
	return t
}

// digitsAt reads the n decimal digits of b at i.
func digitsAt(b []byte, i, n int) (int, bool) {
	v := 0
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// appendActivity appends the document of an activity: json.Marshal(a).
func appendActivity(b []byte, a *schedule.Activity) []byte {
	b = append(b, `{"ID":`...)
	b = appendString(b, a.ID)
	b = append(b, `,"Name":`...)
	b = appendString(b, a.Name)
	b = append(b, `,"Kind":`...)
	b = strconv.AppendUint(b, uint64(a.Kind), 10)
	b = append(b, `,"Calendar":`...)
	b = appendString(b, a.Calendar)
	b = append(b, `,"Parent":`...)
	b = appendString(b, a.Parent)
	b = append(b, `,"Duration":`...)
	b = strconv.AppendInt(b, a.Duration, 10)
	b = append(b, `,"Constraint":`...)
	b = appendConstraint(b, a.Constraint)
	b = append(b, `,"Constraint2":`...)
	b = appendConstraint(b, a.Constraint2)
	b = append(b, `,"ActualStart":`...)
	b = appendInstant(b, a.ActualStart)
	b = append(b, `,"ActualFinish":`...)
	b = appendInstant(b, a.ActualFinish)
	b = append(b, `,"RemainingDuration":`...)
	b = strconv.AppendInt(b, a.RemainingDuration, 10)
	b = append(b, `,"PercentComplete":`...)
	b = appendFloat(b, a.PercentComplete)
	return append(b, '}')
}

func appendConstraint(b []byte, c schedule.Constraint) []byte {
	b = append(b, `{"Type":`...)
	b = strconv.AppendUint(b, uint64(c.Type), 10)
	b = append(b, `,"Date":`...)
	b = appendInstant(b, c.Date)
	return append(b, '}')
}

// appendLink appends the document of a link: json.Marshal(l).
func appendLink(b []byte, l *schedule.Link) []byte {
	b = append(b, `{"Pred":`...)
	b = appendString(b, l.Pred)
	b = append(b, `,"Succ":`...)
	b = appendString(b, l.Succ)
	b = append(b, `,"Type":`...)
	b = strconv.AppendUint(b, uint64(l.Type), 10)
	b = append(b, `,"Lag":`...)
	b = strconv.AppendInt(b, l.Lag, 10)
	b = append(b, `,"LagPercent":`...)
	b = appendFloat(b, l.LagPercent)
	b = append(b, `,"LagCalendar":`...)
	b = strconv.AppendUint(b, uint64(l.LagCalendar), 10)
	return append(b, '}')
}

// appendString appends s as encoding/json writes it: as it is when nothing
// in it needs escaping, else by encoding/json itself.
func appendString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return appendQuoted(b, s)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && (!utf8.ValidString(s) || strings.ContainsAny(s, "\u2028\u2029")) {
		return appendQuoted(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendQuoted(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}

// appendInstant appends an instant quoted, as its MarshalText writes it:
// 2006-01-02T15:04, or nothing when it is zero. It needs no escaping.
func appendInstant(b []byte, t schedule.Instant) []byte {
	b = append(b, '"')
	switch {
	case t == 0:
	case t < minDocInstant || t > maxDocInstant:
		text, _ := t.MarshalText() // never fails
		b = append(b, text...)
	default:
		y, m, d := t.Date().Date()
		hm := t.Minute()
		b = appendDigits(b, y, 4)
		b = append(b, '-')
		b = appendDigits(b, int(m), 2)
		b = append(b, '-')
		b = appendDigits(b, d, 2)
		b = append(b, 'T')
		b = appendDigits(b, hm/60, 2)
		b = append(b, ':')
		b = appendDigits(b, hm%60, 2)
	}
	return append(b, '"')
}

// appendDigits appends v, 0 ≤ v < 10ⁿ, as n decimal digits.
func appendDigits(b []byte, v, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		b = append(b, 0)
	}
	for i := len(b) - 1; i >= len(b)-n; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}

// appendFloat appends a finite float as encoding/json writes a float64.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json has it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// decodeResult decodes a result document.
func decodeResult(doc []byte, r *schedule.Result) error {
	p := docParser{b: doc}
	if err := p.result(r); err == nil {
		return nil
	}
	*r = schedule.Result{}
	return json.Unmarshal(doc, r)
}

// appendResult appends the document of a result: json.Marshal(r).
func appendResult(b []byte, r *schedule.Result) []byte {
	b = append(b, `{"Activities":`...)
	if r.Activities == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Activities {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendActivityResult(b, &r.Activities[i])
		}
		b = append(b, ']')
	}
	b = append(b, `,"Driving":`...)
	b = appendList(b, r.Driving, strconv.AppendBool)
	b = append(b, `,"EarlyFinish":`...)
	b = appendInstant(b, r.EarlyFinish)
	b = append(b, `,"LongestPath":`...)
	b = appendList(b, r.LongestPath, appendString)
	b = append(b, `,"MinutesPerDay":`...)
	b = appendList(b, r.MinutesPerDay, func(b []byte, v int64) []byte { return strconv.AppendInt(b, v, 10) })
	return append(b, '}')
}

func appendActivityResult(b []byte, a *schedule.ActivityResult) []byte {
	b = append(b, `{"ID":`...)
	b = appendString(b, a.ID)
	b = append(b, `,"EarlyStart":`...)
	b = appendInstant(b, a.EarlyStart)
	b = append(b, `,"EarlyFinish":`...)
	b = appendInstant(b, a.EarlyFinish)
	b = append(b, `,"LateStart":`...)
	b = appendInstant(b, a.LateStart)
	b = append(b, `,"LateFinish":`...)
	b = appendInstant(b, a.LateFinish)
	b = append(b, `,"RemainingEarlyStart":`...)
	b = appendInstant(b, a.RemainingEarlyStart)
	b = append(b, `,"RemainingEarlyFinish":`...)
	b = appendInstant(b, a.RemainingEarlyFinish)
	b = append(b, `,"RemainingDuration":`...)
	b = strconv.AppendInt(b, a.RemainingDuration, 10)
	b = append(b, `,"TotalFloat":`...)
	b = strconv.AppendInt(b, a.TotalFloat, 10)
	b = append(b, `,"FreeFloat":`...)
	b = strconv.AppendInt(b, a.FreeFloat, 10)
	b = append(b, `,"Critical":`...)
	b = strconv.AppendBool(b, a.Critical)
	b = append(b, `,"LongestPath":`...)
	b = strconv.AppendBool(b, a.LongestPath)
	return append(b, '}')
}

// appendList appends a JSON array of vs, or null for a nil slice, as
// encoding/json writes slices.
func appendList[T any](b []byte, vs []T, appendOne func([]byte, T) []byte) []byte {
	if vs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(b, v)
	}
	return append(b, ']')
}

func (p *docParser) result(r *schedule.Result) error {
	p.lit(`{"Activities":`)
	r.Activities = parseList(p, func(p *docParser) schedule.ActivityResult {
		var a schedule.ActivityResult
		p.lit(`{"ID":`)
		a.ID = p.str()
		p.lit(`,"EarlyStart":`)
		a.EarlyStart = p.instant()
		p.lit(`,"EarlyFinish":`)
		a.EarlyFinish = p.instant()
		p.lit(`,"LateStart":`)
		a.LateStart = p.instant()
		p.lit(`,"LateFinish":`)
		a.LateFinish = p.instant()
		p.lit(`,"RemainingEarlyStart":`)
		a.RemainingEarlyStart = p.instant()
		p.lit(`,"RemainingEarlyFinish":`)
		a.RemainingEarlyFinish = p.instant()
		p.lit(`,"RemainingDuration":`)
		a.RemainingDuration = p.int64()
		p.lit(`,"TotalFloat":`)
		a.TotalFloat = p.int64()
		p.lit(`,"FreeFloat":`)
		a.FreeFloat = p.int64()
		p.lit(`,"Critical":`)
		a.Critical = p.bool()
		p.lit(`,"LongestPath":`)
		a.LongestPath = p.bool()
		p.lit(`}`)
		return a
	})
	p.lit(`,"Driving":`)
	r.Driving = parseList(p, (*docParser).bool)
	p.lit(`,"EarlyFinish":`)
	r.EarlyFinish = p.instant()
	p.lit(`,"LongestPath":`)
	r.LongestPath = parseList(p, (*docParser).str)
	p.lit(`,"MinutesPerDay":`)
	r.MinutesPerDay = parseList(p, (*docParser).int64)
	p.lit(`}`)
	return p.end()
}

// parseList consumes a JSON array, or null (a nil slice), of values that
// one consumes.
func parseList[T any](p *docParser, one func(*docParser) T) []T {
	if p.err != nil {
		return nil
	}
	if bytes.HasPrefix(p.b, []byte("null")) {
		p.b = p.b[len("null"):]
		return nil
	}
	p.lit(`[`)
	out := []T{}
	if len(p.b) > 0 && p.b[0] == ']' {
		p.b = p.b[1:]
		return out
	}
	for p.err == nil {
		out = append(out, one(p))
		if len(p.b) > 0 && p.b[0] == ',' {
			p.b = p.b[1:]
			continue
		}
		p.lit(`]`)
		break
	}
	return out
}

func (p *docParser) bool() bool {
	switch {
	case p.err != nil:
	case bytes.HasPrefix(p.b, []byte("true")):
		p.b = p.b[len("true"):]
		return true
	case bytes.HasPrefix(p.b, []byte("false")):
		p.b = p.b[len("false"):]
	default:
		p.err = errLayout
	}
	return false
}
