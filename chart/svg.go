package chart

import (
	"io"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"

	"github.com/lanyan-dev/lanyan"
)

// px is a length or coordinate in hundredths of a pixel. Every position is worked
// out in integers, so that a chart is the same bytes on every platform (floating
// point may fuse operations differently from one architecture to another).
type px int64

// pixels returns n whole pixels.
func pixels(n int) px { return px(n) * 100 }

// scale returns v·num/den rounded half away from zero; den > 0.
func (v px) scale(num, den int64) px { return px(mulDivRound(int64(v), num, den)) }

// mulDivRound returns a·b/c rounded half away from zero, for c > 0. The product is
// taken in 128 bits, so it never overflows for the sizes a chart has.
func mulDivRound(a, b, c int64) int64 {
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	// Add c/2 for rounding, then divide. The callers' bounds keep the quotient
	// within 63 bits; should they not, it saturates rather than panics.
	var carry uint64
	lo, carry = bits.Add64(lo, uint64(c)/2, 0)
	hi += carry
	if hi >= uint64(c) {
		if neg {
			return math.MinInt64 / 2
		}
		return math.MaxInt64 / 2
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	q = min(q, math.MaxInt64/2)
	if neg {
		return -int64(q)
	}
	return int64(q)
}

// mulDivFloor returns ⌊a·b/c⌋ for a, b ≥ 0 and c > 0, saturating like
// mulDivRound.
func mulDivFloor(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return math.MaxInt64 / 2
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	return int64(min(q, math.MaxInt64/2))
}

func abs64(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

// floorDiv returns ⌊a/b⌋ for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// appendPx writes v in pixels with at most two decimals and no trailing zeros.
func appendPx(b []byte, v px) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, int64(v/100), 10)
	if f := int64(v % 100); f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// svg buffers the text of a chart and writes it to w in chunks. The first write
// error is kept and every later write is skipped.
type svg struct {
	w   io.Writer
	b   []byte
	err error
}

const flushAt = 32 << 10

func newSVG(w io.Writer) *svg { return &svg{w: w, b: make([]byte, 0, flushAt+4096)} }

func (s *svg) flush() {
	if s.err == nil && len(s.b) > 0 {
		_, s.err = s.w.Write(s.b)
	}
	s.b = s.b[:0]
}

// close writes what is left and returns the first write error, as a lanyan
// internal error.
func (s *svg) close() error {
	s.flush()
	if s.err != nil {
		return &lanyan.Error{Code: lanyan.CodeInternal, Record: "chart", Message: "writing the SVG failed", Err: s.err}
	}
	return nil
}

// raw appends text that needs no escaping.
func (s *svg) raw(t string) *svg {
	s.b = append(s.b, t...)
	return s
}

// open starts an element: "<name".
func (s *svg) open(name string) *svg {
	if len(s.b) >= flushAt {
		s.flush()
	}
	s.b = append(s.b, '<')
	s.b = append(s.b, name...)
	return s
}

// str adds an attribute with an escaped value.
func (s *svg) str(name, v string) *svg {
	s.b = append(s.b, ' ')
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
	s.b = appendEscaped(s.b, v)
	s.b = append(s.b, '"')
	return s
}

// px adds an attribute in pixels.
func (s *svg) px(name string, v px) *svg {
	s.b = append(s.b, ' ')
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
	s.b = appendPx(s.b, v)
	s.b = append(s.b, '"')
	return s
}

// int adds an integer attribute.
func (s *svg) int(name string, v int) *svg {
	s.b = append(s.b, ' ')
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
	s.b = strconv.AppendInt(s.b, int64(v), 10)
	s.b = append(s.b, '"')
	return s
}

// end ends a start tag that has content: ">".
func (s *svg) end() *svg {
	s.b = append(s.b, '>')
	return s
}

// done closes an empty element: "/>\n".
func (s *svg) done() {
	s.b = append(s.b, '/', '>', '\n')
}

// closeTag writes "</name>\n".
func (s *svg) closeTag(name string) {
	s.b = append(s.b, '<', '/')
	s.b = append(s.b, name...)
	s.b = append(s.b, '>', '\n')
}

// text writes escaped character data.
func (s *svg) text(t string) *svg {
	s.b = appendEscaped(s.b, t)
	return s
}

// textBody finishes a <text> element whose start tag the caller has written
// with its attributes: it ends the tag, writes t and closes the element.
func (s *svg) textBody(t string) {
	s.end().text(t).closeTag("text")
}

// title writes a <title> element (a tooltip in browsers).
func (s *svg) title(t string) {
	s.open("title").end().text(t).closeTag("title")
}

// appendEscaped appends t escaped for XML text and attribute values: & < > " '
// become references, tabs and line breaks become spaces (labels are one line),
// and bytes that are not valid UTF-8 or runes XML does not allow become U+FFFD.
func appendEscaped(b []byte, t string) []byte {
	run := 0 // start of the run of bytes copied as they are
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' {
				i++
				continue
			}
			b = append(b, t[run:i]...)
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&#34;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '\t' || c == '\n' || c == '\r':
				b = append(b, ' ')
			default:
				b = append(b, "\uFFFD"...)
			}
			i++
			run = i
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
			b = append(b, t[run:i]...)
			b = append(b, "\uFFFD"...)
			i += n
			run = i
			continue
		}
		i += n
	}
	return append(b, t[run:]...)
}

// xmlChar reports whether r (≥ 0x80) may appear in an XML document.
func xmlChar(r rune) bool {
	return (r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// wide reports whether r is drawn about one em wide: CJK ideographs, kana,
// Hangul, and full-width forms.
func wide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6) || (r >= 0x20000 && r <= 0x3FFFD)
}

// textWidth estimates the drawn width of t at font size fs: an em for wide
// runes, 0.6 em for the rest. Without font metrics this is a guess, made on the
// generous side so that labels do not run into each other.
func textWidth(t string, fs px) px {
	var w px
	for _, r := range t {
		if wide(r) {
			w += fs
		} else {
			w += fs * 6 / 10
		}
	}
	return w
}

// truncate shortens t with an ellipsis so that it is about max wide at font
// size fs; it returns "" when not even the ellipsis fits.
func truncate(t string, max, fs px) string {
	if textWidth(t, fs) <= max {
		return t
	}
	ell := fs * 6 / 10
	if ell > max {
		return ""
	}
	var w px
	for i, r := range t {
		rw := fs * 6 / 10
		if wide(r) {
			rw = fs
		}
		if w+rw+ell > max {
			return t[:i] + "…"
		}
		w += rw
	}
	return t
}
