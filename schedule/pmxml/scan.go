package pmxml

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/lanyan-dev/lanyan"
)

// file is what a scan keeps of a PMXML document: the elements outside any
// project, the projects the caller kept, and what wrote it.
type file struct {
	tool          string
	calendars     []xCalendar     // top-level (global and resource) calendars
	relationships []xRelationship // top-level relationships, if any
	projects      int             // how many Project elements there are
}

func invalidFile(format string, args ...any) *lanyan.Error {
	return lanyan.Errorf(lanyan.CodeInvalid, "PMXML", "", format, args...)
}

// newDecoder returns a decoder over r that copes with byte-order marks, UTF-16
// and the legacy encodings an XML declaration may name.
func newDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReader(r)
	in := io.Reader(br)
	transcoded := false
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	} else if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		in = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		transcoded = true
	}
	d := xml.NewDecoder(in)
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if transcoded {
			return input, nil
		}
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unsupported encoding %q", label)
		}
		return enc.NewDecoder().Reader(input), nil
	}
	return d
}

// scan reads a PMXML document, handing each Project element to onProject as it
// is decoded (so that a file of many projects need not be held at once).
func scan(r io.Reader, onProject func(p *xProject) error) (*file, error) {
	d := newDecoder(r)
	f := &file{}
	var namespace string
	root := 0 // 0 before the root element, 1 inside it, 2 after it
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &lanyan.Error{Code: lanyan.CodeInvalid, Record: "PMXML", Message: "is not well-formed XML", Err: err}
		}
		switch t := tok.(type) {
		case xml.Comment:
			if root == 0 && f.tool == "" {
				f.tool = strings.TrimSpace(string(t))
			}
		case xml.StartElement:
			if root == 2 {
				return nil, invalidFile("has a second root element <%s>", t.Name.Local)
			}
			if root == 0 {
				if t.Name.Local != "APIBusinessObjects" {
					return nil, invalidFile("root element is <%s>, not <APIBusinessObjects>", t.Name.Local)
				}
				namespace = t.Name.Space
				root = 1
				continue
			}
			var err error
			switch t.Name.Local {
			case "Calendar":
				var c xCalendar
				if err = d.DecodeElement(&c, &t); err == nil {
					f.calendars = append(f.calendars, c)
				}
			case "Relationship":
				var rel xRelationship
				if err = d.DecodeElement(&rel, &t); err == nil {
					f.relationships = append(f.relationships, rel)
				}
			case "Project":
				var p xProject
				if err = d.DecodeElement(&p, &t); err == nil {
					f.projects++
					if err := onProject(&p); err != nil {
						return nil, err
					}
				}
			default:
				err = d.Skip()
			}
			if err != nil {
				return nil, &lanyan.Error{Code: lanyan.CodeInvalid, Record: "PMXML", Message: fmt.Sprintf("<%s> is not well-formed", t.Name.Local), Err: err}
			}
		case xml.EndElement:
			root = 2
		}
	}
	if root == 0 {
		return nil, invalidFile("has no <APIBusinessObjects> element")
	}
	if f.tool == "" {
		f.tool = "Primavera P6"
		// The namespace names the schema version: …/Primavera/P6/V8.3/API/BusinessObjects.
		if i := strings.Index(namespace, "/V"); i >= 0 {
			v := namespace[i+2:]
			if j := strings.IndexByte(v, '/'); j >= 0 {
				f.tool += " " + v[:j]
			}
		}
	}
	return f, nil
}

// ProjectInfo describes one project of a PMXML file, as [Projects] lists them.
type ProjectInfo struct {
	ObjectID   string // P6's internal number for the project
	ID         string // the project id users see in P6
	Name       string
	DataDate   string // as the file writes it (2006-01-02T15:04:05); empty when absent
	Activities int    // how many activities the project holds
}

// Projects lists the projects of a PMXML file, in file order, so that a caller
// can choose one for [Read].
func Projects(r io.Reader) ([]ProjectInfo, error) {
	var out []ProjectInfo
	_, err := scan(r, func(p *xProject) error {
		out = append(out, ProjectInfo{
			ObjectID:   canonical(p.ObjectID),
			ID:         p.ID,
			Name:       p.Name,
			DataDate:   strings.TrimSpace(p.DataDate),
			Activities: len(p.Activities),
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
