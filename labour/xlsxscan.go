package labour

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// The XML scanner under the XLSX reader. A worksheet is machine-written XML
// of millions of small elements; encoding/xml spends most of its time on
// generality the sheet does not need (namespaces resolved per element, a
// token interface, a string per name and attribute). This scanner checks
// what makes XML well-formed for our purposes (tags, attributes, quoting,
// entities, nesting, one root) but allocates nothing per token.

// attrValue decodes the entities of an attribute value.
func attrValue(v []byte) ([]byte, error) {
	if bytes.IndexByte(v, '&') < 0 {
		return v, nil
	}
	return appendXMLText(nil, v, false)
}

// localName strips a namespace prefix.
func localName(name []byte) []byte {
	for i, c := range name {
		if c == ':' {
			return name[i+1:]
		}
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isSpaceText(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// appendXMLText appends character data to dst, decoding the entity and
// character references (unless cdata) and turning \r\n and \r into \n, as
// an XML parser does.
func appendXMLText(dst, src []byte, cdata bool) ([]byte, error) {
	for {
		i := 0
		for i < len(src) && src[i] != '\r' && (cdata || src[i] != '&') {
			i++
		}
		dst = append(dst, src[:i]...)
		if i == len(src) {
			return dst, nil
		}
		if src[i] == '\r' {
			dst = append(dst, '\n')
			i++
			if i < len(src) && src[i] == '\n' {
				i++
			}
			src = src[i:]
			continue
		}
		rest := src[i+1:]
		j := bytes.IndexByte(rest, ';')
		if j < 0 || j > 12 {
			return dst, errors.New("& not followed by an entity reference")
		}
		switch ent := rest[:j]; string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				return dst, fmt.Errorf("unknown entity &%s;", ent)
			}
			dst = utf8.AppendRune(dst, r)
		}
		src = rest[j+1:]
	}
}

// charRef decodes the body of a character reference: #65 or #x41.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	digits, base := ent[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c - 'a' + 10)
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c - 'A' + 10)
		default:
			return 0, false
		}
		r = r*base + d
	}
	// XML 1.0's Char production.
	ok := r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	return r, ok
}

// xmlStack holds the open elements: their names, to check end tags, and
// their kinds.
type xmlStack struct {
	names []byte  // the open elements' names, one after another
	ends  []int32 // where each name ends in names
	kinds []uint8
}

func (st *xmlStack) depth() int { return len(st.kinds) }

// top returns the kind of the innermost open element, kNone if there is none.
func (st *xmlStack) top() uint8 {
	if len(st.kinds) == 0 {
		return kNone
	}
	return st.kinds[len(st.kinds)-1]
}

func (st *xmlStack) push(name []byte, kind uint8) {
	st.names = append(st.names, name...)
	st.ends = append(st.ends, int32(len(st.names)))
	st.kinds = append(st.kinds, kind)
}

// pop closes the innermost element if name is its name.
func (st *xmlStack) pop(name []byte) (uint8, bool) {
	n := len(st.kinds)
	if n == 0 {
		return 0, false
	}
	start := int32(0)
	if n > 1 {
		start = st.ends[n-2]
	}
	if !bytes.Equal(st.names[start:st.ends[n-1]], name) {
		return 0, false
	}
	kind := st.kinds[n-1]
	st.names, st.ends, st.kinds = st.names[:start], st.ends[:n-1], st.kinds[:n-1]
	return kind, true
}

// Tokens of xmlScanner.
const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
	tokSkip // a comment or processing instruction
)

// xmlScanner splits XML into start tags, end tags and text, without
// allocating: the slices it sets point into its buffer and hold until the
// next call. It checks the syntax of each token but not that tags nest,
// which is xmlStack's part. Comments and processing instructions are
// skipped; a DOCTYPE, which no part of a workbook may carry, is an error.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // unread input is buf[pos:end]
	off      int64 // input offset of buf[0]
	eof      bool
	err      error // a read error, returned once the buffered input is used

	bomChecked bool

	name      []byte    // tokStart, tokEnd
	attrs     []xmlAttr // tokStart
	selfClose bool      // tokStart: <c/>
	text      []byte    // tokText, raw
	cdata     bool      // tokText from a CDATA section
}

// xmlAttr is one attribute of a start tag, its value raw (entities undecoded).
type xmlAttr struct {
	name, value []byte
}

// xmlSyntaxError reports malformed XML at an offset of the decompressed part.
type xmlSyntaxError struct {
	off int64
	msg string
}

func (e *xmlSyntaxError) Error() string { return fmt.Sprintf("%s (at byte %d)", e.msg, e.off) }

func (sc *xmlScanner) syntaxErr(format string, args ...any) error {
	return &xmlSyntaxError{off: sc.off + int64(sc.pos), msg: fmt.Sprintf(format, args...)}
}

// attr returns the raw value of the named attribute of the current start tag,
// or nil.
func (sc *xmlScanner) attr(name string) []byte {
	for _, a := range sc.attrs {
		if string(a.name) == name {
			return a.value // not nil, even when empty: it is a slice of the buffer
		}
	}
	return nil
}

// more reads more input after the unread part, growing the buffer when the
// unread part fills it. It reports whether any input was added.
func (sc *xmlScanner) more() bool {
	if sc.eof || sc.err != nil {
		return false
	}
	if sc.pos > 0 {
		n := copy(sc.buf, sc.buf[sc.pos:sc.end])
		sc.off += int64(sc.pos)
		sc.pos, sc.end = 0, n
	}
	if sc.end == len(sc.buf) {
		if len(sc.buf) >= xlsxMaxToken {
			sc.err = sc.syntaxErr("XML token longer than %d MiB", xlsxMaxToken>>20)
			return false
		}
		nb := make([]byte, min(max(2*len(sc.buf), 64<<10), xlsxMaxToken))
		copy(nb, sc.buf[:sc.end])
		sc.buf = nb
	}
	n, err := io.ReadFull(sc.r, sc.buf[sc.end:])
	sc.end += n
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		sc.eof = true
	case err != nil:
		sc.err = err
	}
	return n > 0
}

// next reads the next token: tokEOF at the end of the input, else tokStart,
// tokEnd or tokText.
func (sc *xmlScanner) next() (int, error) {
	for {
		if sc.pos == sc.end && !sc.more() {
			if sc.err != nil {
				return tokEOF, sc.err
			}
			return tokEOF, nil
		}
		if sc.off == 0 && sc.pos == 0 && !sc.bomChecked { // a UTF-8 byte-order mark may open a part
			if sc.end < 3 && sc.more() {
				continue
			}
			sc.bomChecked = true
			if bytes.HasPrefix(sc.buf[:sc.end], utf8BOM) {
				sc.pos = len(utf8BOM)
				continue
			}
		}
		b := sc.buf[sc.pos:sc.end]
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				if sc.more() {
					continue
				}
				if sc.err != nil {
					return tokEOF, sc.err
				}
				i = len(b) // text up to the end of the input
			}
			sc.text, sc.cdata = b[:i], false
			sc.pos += i
			return tokText, nil
		}
		tok, n, err := sc.markup(b)
		if err != nil {
			return tokEOF, err
		}
		if n == 0 { // the token is cut off by the end of the buffer
			if sc.more() {
				continue
			}
			if sc.err != nil {
				return tokEOF, sc.err
			}
			return tokEOF, sc.syntaxErr("unexpected end of XML inside a tag")
		}
		sc.pos += n
		if tok != tokSkip {
			return tok, nil
		}
	}
}

var (
	utf8BOM         = []byte("\uFEFF")
	xmlCommentStart = []byte("<!--")
	xmlCommentEnd   = []byte("-->")
	xmlCDATAStart   = []byte("<![CDATA[")
	xmlCDATAEnd     = []byte("]]>")
	xmlPIEnd        = []byte("?>")
)

// markup reads the token at the start of b, which begins with '<', and
// returns its length, or 0 if b ends before the token does.
func (sc *xmlScanner) markup(b []byte) (int, int, error) {
	if len(b) < 2 {
		return 0, 0, nil
	}
	switch b[1] {
	case '/':
		i := indexShort(b, '>')
		if i < 0 {
			return 0, 0, nil
		}
		name := b[2:i]
		for len(name) > 0 && isSpace(name[len(name)-1]) {
			name = name[:len(name)-1]
		}
		if !validName(name) {
			return 0, 0, sc.syntaxErr("bad end tag %q", b[:i+1])
		}
		sc.name = name
		return tokEnd, i + 1, nil
	case '?':
		i := bytes.Index(b[2:], xmlPIEnd)
		if i < 0 {
			return 0, 0, nil
		}
		return tokSkip, i + 4, nil
	case '!':
		switch {
		case bytes.HasPrefix(b, xmlCommentStart):
			i := bytes.Index(b[4:], xmlCommentEnd)
			if i < 0 {
				return 0, 0, nil
			}
			return tokSkip, i + 7, nil
		case bytes.HasPrefix(b, xmlCDATAStart):
			i := bytes.Index(b[9:], xmlCDATAEnd)
			if i < 0 {
				return 0, 0, nil
			}
			sc.text, sc.cdata = b[9:9+i], true
			return tokText, i + 12, nil
		case len(b) < len(xmlCDATAStart) && (bytes.HasPrefix(xmlCommentStart, b) || bytes.HasPrefix(xmlCDATAStart, b)):
			return 0, 0, nil
		}
		return 0, 0, sc.syntaxErr("DOCTYPE or other <! declaration not allowed")
	}
	return sc.startTag(b)
}

// startTag reads a start tag: its name, then attributes, each name="value" or
// name='value', separated by white space.
func (sc *xmlScanner) startTag(b []byte) (int, int, error) {
	i := 1
	for i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		i++
	}
	if i == len(b) {
		return 0, 0, nil
	}
	name := b[1:i]
	if !validName(name) {
		return 0, 0, sc.syntaxErr("bad tag name %q", name)
	}
	sc.attrs = sc.attrs[:0]
	for {
		spaced := i < len(b) && isSpace(b[i])
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, 0, nil
		}
		switch b[i] {
		case '>':
			sc.name, sc.selfClose = name, false
			return tokStart, i + 1, nil
		case '/':
			if i+1 == len(b) {
				return 0, 0, nil
			}
			if b[i+1] != '>' {
				return 0, 0, sc.syntaxErr("in tag <%s>: / not followed by >", name)
			}
			sc.name, sc.selfClose = name, true
			return tokStart, i + 2, nil
		}
		if !spaced {
			return 0, 0, sc.syntaxErr("in tag <%s>: attributes must be separated by white space", name)
		}
		j := i
		for j < len(b) && b[j] != '=' && !isSpace(b[j]) && b[j] != '>' && b[j] != '/' {
			j++
		}
		an := b[i:j]
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, 0, nil
		}
		if b[j] != '=' || !validName(an) {
			return 0, 0, sc.syntaxErr("in tag <%s>: bad attribute %q", name, an)
		}
		j++
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, 0, nil
		}
		q := b[j]
		if q != '"' && q != '\'' {
			return 0, 0, sc.syntaxErr("in tag <%s>: value of %s not quoted", name, an)
		}
		k := indexShort(b[j+1:], q)
		if k < 0 {
			return 0, 0, nil
		}
		v := b[j+1 : j+1+k]
		if indexShort(v, '<') >= 0 {
			return 0, 0, sc.syntaxErr("in tag <%s>: < in the value of %s", name, an)
		}
		sc.attrs = append(sc.attrs, xmlAttr{name: an, value: v})
		i = j + 1 + k + 1
	}
}

// validName checks a tag or attribute name loosely: not empty, and free of
// the characters that would make the markup ambiguous.
func validName(name []byte) bool {
	for _, c := range name {
		if notNameByte[c] {
			return false
		}
	}
	return len(name) > 0
}

var notNameByte = func() (t [256]bool) {
	for _, c := range []byte("<>&\"'=/ \t\n\r") {
		t[c] = true
	}
	return t
}()

// indexShort is bytes.IndexByte for the short runs of a tag, where a loop
// beats the call.
func indexShort(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
