package xer

import (
	"bytes"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lanyan-dev/lanyan"
)

// Encodings Read understands, as Options.Encoding names them.
const (
	UTF8        = "utf-8"
	GB18030     = "gb18030"      // Chinese P6 installations (a superset of GBK and GB2312)
	Windows1252 = "windows-1252" // Western European P6 installations
	Windows1251 = "windows-1251" // Cyrillic; never detected, only when asked for
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode turns the bytes of a file into text, detecting the encoding when enc is
// empty, and returns the text with the name of the encoding it was read in.
func decode(b []byte, enc string) (string, string, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	if enc == "" {
		switch {
		case utf8.Valid(b):
			enc = UTF8
		case looksGB18030(b):
			enc = GB18030
		default:
			enc = Windows1252
		}
	}
	var dec encoding.Encoding
	switch enc {
	case UTF8:
		if !utf8.Valid(b) {
			return "", "", lanyan.Errorf(lanyan.CodeInvalid, lineRecord(firstInvalidUTF8Line(b)), "", "the text is not valid UTF-8")
		}
		// b is this package's own copy of the file and is never changed: the text
		// can share its memory rather than copy tens of megabytes.
		return unsafe.String(unsafe.SliceData(b), len(b)), enc, nil
	case GB18030:
		dec = simplifiedchinese.GB18030
	case Windows1252:
		dec = charmap.Windows1252
	case Windows1251:
		dec = charmap.Windows1251
	default:
		return "", "", lanyan.Errorf(lanyan.CodeInvalid, "options", "encoding", "unknown encoding %q: want %q, %q, %q, %q or empty to detect it", enc, UTF8, GB18030, Windows1252, Windows1251)
	}
	out, err := dec.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", &lanyan.Error{Code: lanyan.CodeInvalid, Record: "file", Message: "cannot decode the text as " + enc, Err: err}
	}
	return string(out), enc, nil
}

// looksGB18030 reports whether every byte at or above 0x80 belongs to a
// well-formed two- or four-byte GB18030 sequence, and most two-byte sequences
// have a second byte above 0x7F, as the common characters (GB2312) do. Text in
// Windows-1252 rarely passes: its accented letters stand alone between ASCII
// letters, spaces and tabs, which as second bytes are either forbidden or rare in
// Chinese. Cyrillic text in Windows-1251 does pass, which is why that encoding
// must be named.
func looksGB18030(b []byte) bool {
	pairs, asciiSecond := 0, 0
	seen := false
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(b) {
			return false
		}
		c2 := b[i+1]
		switch {
		case (c2 >= 0x40 && c2 <= 0x7E) || (c2 >= 0x80 && c2 <= 0xFE):
			pairs++
			if c2 < 0x80 {
				asciiSecond++
			}
			i += 2
		case c2 >= 0x30 && c2 <= 0x39 && i+3 < len(b) &&
			b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			i += 4
		default:
			return false
		}
		seen = true
	}
	return seen && asciiSecond*2 <= pairs
}

// firstInvalidUTF8Line returns the line number of the first byte that is not
// valid UTF-8.
func firstInvalidUTF8Line(b []byte) int {
	line := 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if b[i] == '\n' {
			line++
		}
		i += n
	}
	return line
}
