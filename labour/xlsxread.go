package labour

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/lanyan-dev/lanyan"
)

// This file reads the cells of one worksheet of an XLSX workbook (Office Open
// XML, ECMA-376) as text, row by row. It replaces excelize's row reader on the
// import path: excelize decodes the sheet with encoding/xml, which costs more
// than all of the import's other work together. The sheet XML is scanned by
// hand instead (see xmlScanner), streamed from the zip entry, so memory grows
// with one row, not with the sheet.
//
// Cell values are the raw text excelize gives with RawCellValue: numbers (and
// dates, which are numbers) as written, booleans as 0 or 1, errors such as
// #N/A, ISO 8601 text for t="d" cells, and the text of shared and inline
// strings with the _xHHHH_ escapes of ST_Xstring decoded.

// Limits that keep a hostile workbook from exhausting memory or time.
const (
	xlsxMaxToken       = 8 << 20   // one tag, text run, comment or CDATA section
	xlsxMaxRowText     = 64 << 20  // the text of all cells of one row
	xlsxMaxMetaPart    = 16 << 20  // workbook.xml and the relationship parts
	xlsxMaxSharedBytes = 256 << 20 // the text of all shared strings
	xlsxMaxRows        = 1 << 20   // 1,048,576 rows, Excel's limit
	xlsxMaxCols        = 1 << 14   // 16,384 columns (A to XFD), Excel's limit
)

// Relationship types, matched by suffix so that both the transitional
// (schemas.openxmlformats.org) and strict (purl.oclc.org) forms are accepted.
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
)

// workbook is an opened XLSX package: its parts and its sheets in order.
type workbook struct {
	parts  map[string]*zip.File // by part name in lower case (OPC part names ignore case)
	sheets []sheetRef
	shared string // the shared strings part, "" if none
}

// sheetRef names a sheet and the part that holds it ("" if its relationship
// is missing).
type sheetRef struct {
	name, part string
}

// xlsxInvalid is the error for a workbook that cannot be read.
func xlsxInvalid(record, format string, args ...any) error {
	return lanyan.Errorf(lanyan.CodeInvalid, record, "", format, args...)
}

// openWorkbook opens the zip package and reads the sheet list. An io.Reader
// that is also an io.ReaderAt and io.Seeker (bytes.Reader, os.File) is read in
// place from its current offset; any other reader is read into memory once.
func openWorkbook(r io.Reader) (*workbook, error) {
	ra, size, err := readerAt(r)
	if err != nil {
		return nil, xlsxInvalid("xlsx", "cannot read workbook: %v", err)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // only known part names are looked up
		return nil, xlsxInvalid("xlsx", "cannot open workbook: %v", err)
	}
	wb := &workbook{parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		if _, dup := wb.parts[name]; !dup {
			wb.parts[name] = f
		}
	}

	// The package relationships name the workbook part; by convention it is
	// xl/workbook.xml.
	wbPart := "xl/workbook.xml"
	if _, ok := wb.parts["_rels/.rels"]; ok {
		rels, err := wb.readRels("_rels/.rels", "")
		if err != nil {
			return nil, err
		}
		for _, rel := range rels {
			if strings.HasSuffix(rel.Type, relOfficeDocument) {
				wbPart = rel.part
				break
			}
		}
	}
	var book struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.readMeta(wbPart, &book); err != nil {
		return nil, err
	}
	dir := path.Dir(wbPart)
	relsPart := path.Join(dir, "_rels", path.Base(wbPart)+".rels")
	var rels []xlsxRel
	if _, ok := wb.parts[relsPart]; ok {
		if rels, err = wb.readRels(relsPart, dir); err != nil {
			return nil, err
		}
	}
	byID := make(map[string]string, len(rels))
	for _, rel := range rels {
		byID[rel.ID] = rel.part
		// A shared string table that is named but absent is taken as empty:
		// a sheet that uses it fails on its first shared string.
		if strings.HasSuffix(rel.Type, relSharedStrings) && wb.shared == "" && wb.parts[rel.part] != nil {
			wb.shared = rel.part
		}
	}
	if wb.shared == "" { // excelize and others find it by its usual name
		if p := path.Join(dir, "sharedstrings.xml"); wb.parts[p] != nil {
			wb.shared = p
		}
	}
	for _, s := range book.Sheets {
		ref := sheetRef{name: s.Name}
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" { // r:id, in the relationships namespace
				ref.part = byID[a.Value]
			}
		}
		wb.sheets = append(wb.sheets, ref)
	}
	return wb, nil
}

// readerAt returns r as an io.ReaderAt of the given size.
func readerAt(r io.Reader) (io.ReaderAt, int64, error) {
	if rs, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		if cur, err := rs.Seek(0, io.SeekCurrent); err == nil {
			if end, err := rs.Seek(0, io.SeekEnd); err == nil && end >= cur {
				return io.NewSectionReader(rs, cur, end-cur), end - cur, nil
			}
			if _, err := rs.Seek(cur, io.SeekStart); err != nil {
				return nil, 0, err
			}
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, 0, err
	}
	return bytes.NewReader(b), int64(len(b)), nil
}

// xlsxRel is one relationship, its target resolved to a part name.
type xlsxRel struct {
	ID, Type, part string
}

// readRels reads a relationships part; targets are relative to dir.
func (wb *workbook) readRels(name, dir string) ([]xlsxRel, error) {
	var doc struct {
		Rels []struct {
			ID         string `xml:"Id,attr"`
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.readMeta(name, &doc); err != nil {
		return nil, err
	}
	rels := make([]xlsxRel, 0, len(doc.Rels))
	for _, r := range doc.Rels {
		if strings.EqualFold(r.TargetMode, "External") {
			continue
		}
		rels = append(rels, xlsxRel{ID: r.ID, Type: r.Type, part: resolvePart(dir, r.Target)})
	}
	return rels, nil
}

// resolvePart resolves a relationship target against the source part's
// directory, giving a lower-case part name without a leading slash.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	var p string
	if strings.HasPrefix(target, "/") {
		p = path.Clean(target)
	} else {
		p = path.Clean(path.Join("/", dir, target))
	}
	return strings.ToLower(strings.TrimPrefix(p, "/"))
}

// readMeta decodes a small XML part with encoding/xml.
func (wb *workbook) readMeta(name string, v any) error {
	f := wb.parts[name]
	if f == nil {
		return xlsxInvalid("xlsx", "cannot open workbook: part %s is missing", name)
	}
	rc, err := f.Open()
	if err != nil {
		return xlsxInvalid("xlsx", "cannot open workbook: %s: %v", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, xlsxMaxMetaPart+1))
	if err != nil {
		return xlsxInvalid("xlsx", "cannot open workbook: %s: %v", name, err)
	}
	if len(b) > xlsxMaxMetaPart {
		return xlsxInvalid("xlsx", "cannot open workbook: %s is larger than %d MiB", name, xlsxMaxMetaPart>>20)
	}
	if err := xml.Unmarshal(b, v); err != nil {
		return xlsxInvalid("xlsx", "cannot open workbook: %s: %v", name, err)
	}
	return nil
}

// sheet finds a sheet by name, exactly or else ignoring case as Excel does;
// an empty name means the first sheet.
func (wb *workbook) sheet(name string) (sheetRef, error) {
	if name == "" {
		if len(wb.sheets) == 0 {
			return sheetRef{}, xlsxInvalid("xlsx", "the workbook has no sheets")
		}
		return wb.sheets[0], nil
	}
	for _, s := range wb.sheets {
		if s.name == name {
			return s, nil
		}
	}
	for _, s := range wb.sheets {
		if strings.EqualFold(s.name, name) {
			return s, nil
		}
	}
	return sheetRef{}, lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("sheet %q", name), "", "no such sheet in the workbook")
}

// openRows starts reading the rows of the named sheet (the first when name
// is empty). The caller must Close the result.
func (wb *workbook) openRows(name string) (*sheetRows, error) {
	ref, err := wb.sheet(name)
	if err != nil {
		return nil, err
	}
	rec := fmt.Sprintf("sheet %q", ref.name)
	if ref.part == "" {
		return nil, xlsxInvalid(rec, "the workbook's relationships do not name the sheet's part")
	}
	f := wb.parts[ref.part]
	if f == nil {
		return nil, xlsxInvalid(rec, "the sheet's part %s is missing from the workbook", ref.part)
	}
	var shared []string
	if wb.shared != "" {
		if shared, err = wb.readSharedStrings(); err != nil {
			return nil, err
		}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, xlsxInvalid(rec, "cannot read sheet: %v", err)
	}
	sr := &sheetRows{rc: rc, record: rec, shared: shared}
	sr.sc.r = rc
	return sr, nil
}

// Kinds of element, by name and place.
const (
	kNone      uint8 = iota // no open element
	kOther                  // any element this reader ignores
	kRoot                   // <worksheet> or <sst>
	kSheetData              // <sheetData>
	kRow                    // <row> in <sheetData>
	kCell                   // <c> in <row>
	kV                      // <v> in <c>
	kIS                     // <is> in <c>
	kSI                     // <si> in <sst>
	kRun                    // <r> in <is> or <si>
	kT                      // <t> in <is>, <si> or <r>: text kept
)

// readSharedStrings reads the shared string table: the text of each <si>, its
// plain <t> and rich-text runs <r><t> joined, phonetic runs <rPh> left out.
// Text is kept verbatim, with or without xml:space="preserve", as excelize
// keeps it.
func (wb *workbook) readSharedStrings() ([]string, error) {
	const rec = "xlsx"
	rc, err := wb.parts[wb.shared].Open()
	if err != nil {
		return nil, xlsxInvalid(rec, "cannot read %s: %v", wb.shared, err)
	}
	defer rc.Close()
	sc := xmlScanner{r: rc}
	var (
		st    xmlStack
		out   []string
		cur   []byte
		total int
		root  bool
	)
	fail := func(err error) ([]string, error) {
		var se *xmlSyntaxError
		if errors.As(err, &se) {
			return nil, xlsxInvalid(rec, "malformed %s: %v", wb.shared, err)
		}
		return nil, xlsxInvalid(rec, "cannot read %s: %v", wb.shared, err)
	}
	endSI := func() error {
		s := unescapeXstring(cur)
		if !utf8.Valid(s) {
			return sc.syntaxErr("shared string %d is not valid UTF-8", len(out))
		}
		if total += len(s); total > xlsxMaxSharedBytes {
			return sc.syntaxErr("shared strings longer than %d MiB in all", xlsxMaxSharedBytes>>20)
		}
		out = append(out, string(s))
		return nil
	}
	for {
		tok, err := sc.next()
		if err != nil {
			return fail(err)
		}
		switch tok {
		case tokEOF:
			if !root || st.depth() > 0 {
				return fail(sc.syntaxErr("unexpected end of XML"))
			}
			return out, nil
		case tokText:
			switch st.top() {
			case kT:
				if cur, err = appendXMLText(cur, sc.text, sc.cdata); err != nil {
					return fail(sc.syntaxErr("%v", err))
				}
			case kNone:
				if !isSpaceText(sc.text) {
					return fail(sc.syntaxErr("text outside the root element"))
				}
			}
		case tokStart:
			parent, local := st.top(), localName(sc.name)
			kind := kOther
			switch {
			case parent == kNone:
				if root {
					return fail(sc.syntaxErr("second root element <%s>", sc.name))
				}
				if string(local) != "sst" {
					return fail(sc.syntaxErr("root element is <%s>, not <sst>", sc.name))
				}
				root, kind = true, kRoot
				if n, err := strconv.Atoi(string(sc.attr("uniqueCount"))); err == nil && n > 0 {
					out = make([]string, 0, min(n, 1<<16))
				}
			case parent == kRoot && string(local) == "si":
				kind, cur = kSI, cur[:0]
			case parent == kSI && string(local) == "r":
				kind = kRun
			case (parent == kSI || parent == kRun) && string(local) == "t":
				kind = kT
			}
			if sc.selfClose {
				if kind == kSI {
					cur = cur[:0]
					if err := endSI(); err != nil {
						return fail(err)
					}
				}
				continue
			}
			st.push(sc.name, kind)
		case tokEnd:
			kind, ok := st.pop(sc.name)
			if !ok {
				return fail(sc.syntaxErr("unexpected end tag </%s>", sc.name))
			}
			if kind == kSI {
				if err := endSI(); err != nil {
					return fail(err)
				}
			}
		}
	}
}

// Cell types, from the t attribute of <c>.
const (
	cellNumber  = iota // n, or no t: a number, kept as written
	cellShared         // s: an index into the shared strings
	cellInline         // inlineStr: the text of <is>
	cellFormula        // str: the text result of a formula
	cellBool           // b: 0 or 1
	cellError          // e: #N/A and the like
	cellDate           // d: ISO 8601 text
)

// sheetRows reads the rows of a worksheet. Next advances to the next row
// present in the sheet; Num and Cells describe it until the following call.
type sheetRows struct {
	// Num is the row's number in the sheet (1-based), from its r attribute,
	// or one more than the previous row's when r is absent.
	Num int
	// Cells holds the text of the row's cells by column (A is 0), "" for the
	// columns skipped, up to the last cell that is not blank (white space
	// only). The slice is reused by the next call to Next.
	Cells []string
	// Clip, when positive, bounds Cells to Clip+1 columns: the cells from
	// column Clip on are replaced by one, at index Clip, the first of them
	// that is not blank. ImportXLSX sets it to the header's width once it has
	// the header, so that a sheet with a value in column XFD of every row
	// costs time in proportion to its XML, not to 16,384 cells a row.
	Clip int

	sc     xmlScanner
	rc     io.ReadCloser
	record string // `sheet "X"`, for errors
	shared []string
	st     xmlStack
	root   bool
	done   bool
	err    error

	inRow   bool
	rowNum  int // number of the row being read
	last    int // number of the last row read
	rowText []byte
	vals    []cellVal
	prevCol int // column of the previous cell of the row, -1 at its start

	// the cell being read
	col          int
	typ          int
	cellStart    int // len(rowText) when the cell started
	vStart, vEnd int // text of <v> in rowText
	iStart, iEnd int // text of <is> in rowText
	hasV, hasIS  bool
}

// cellVal is one cell of the row being read: its text in rowText, or a shared
// string.
type cellVal struct {
	col        int
	start, end int
	shared     int // index into the shared strings, or -1
}

// Err returns the error that stopped Next, if any: an *lanyan.Error of code
// invalid naming the sheet, and the row when the fault lies within one.
func (sr *sheetRows) Err() error { return sr.err }

// Close releases the sheet's reader.
func (sr *sheetRows) Close() error { return sr.rc.Close() }

// fail records the error that stops Next.
func (sr *sheetRows) fail(err error) bool {
	rec := sr.record
	if sr.inRow {
		rec = fmt.Sprintf("%s row %d", sr.record, sr.rowNum)
	}
	var se *xmlSyntaxError
	if errors.As(err, &se) {
		sr.err = xlsxInvalid(rec, "malformed sheet: %v", err)
	} else {
		sr.err = xlsxInvalid(rec, "cannot read sheet: %v", err)
	}
	sr.Num, sr.Cells = 0, nil
	return false
}

// Next reads the next row, reporting false at the end of the sheet or on an
// error (see Err). The whole sheet XML is read and checked, so a sheet that
// is cut short or corrupt gives an error after its last good row.
func (sr *sheetRows) Next() bool {
	if sr.err != nil || sr.done {
		return false
	}
	sc := &sr.sc
	for {
		tok, err := sc.next()
		if err != nil {
			return sr.fail(err)
		}
		switch tok {
		case tokEOF:
			if !sr.root || sr.st.depth() > 0 {
				return sr.fail(sc.syntaxErr("unexpected end of XML"))
			}
			sr.done = true
			sr.Num, sr.Cells = 0, nil
			return false
		case tokText:
			switch sr.st.top() {
			case kV, kT:
				if sr.rowText, err = appendXMLText(sr.rowText, sc.text, sc.cdata); err != nil {
					return sr.fail(sc.syntaxErr("%v", err))
				}
				if len(sr.rowText) > xlsxMaxRowText {
					return sr.fail(sc.syntaxErr("row text longer than %d MiB", xlsxMaxRowText>>20))
				}
			case kNone:
				if !isSpaceText(sc.text) {
					return sr.fail(sc.syntaxErr("text outside the root element"))
				}
			}
		case tokStart:
			kind, err := sr.start()
			if err != nil {
				return sr.fail(err)
			}
			if !sc.selfClose {
				sr.st.push(sc.name, kind)
				continue
			}
			if done, err := sr.end(kind); err != nil {
				return sr.fail(err)
			} else if done {
				return true
			}
		case tokEnd:
			kind, ok := sr.st.pop(sc.name)
			if !ok {
				return sr.fail(sc.syntaxErr("unexpected end tag </%s>", sc.name))
			}
			if done, err := sr.end(kind); err != nil {
				return sr.fail(err)
			} else if done {
				return true
			}
		}
	}
}

// start handles a start tag and returns the element's kind.
func (sr *sheetRows) start() (uint8, error) {
	sc := &sr.sc
	parent, local := sr.st.top(), localName(sc.name)
	switch parent {
	case kNone:
		if sr.root {
			return 0, sc.syntaxErr("second root element <%s>", sc.name)
		}
		if string(local) != "worksheet" {
			return 0, sc.syntaxErr("root element is <%s>, not <worksheet>", sc.name)
		}
		sr.root = true
		return kRoot, nil
	case kRoot:
		if string(local) == "sheetData" {
			return kSheetData, nil
		}
	case kSheetData:
		if string(local) == "row" {
			return kRow, sr.startRow()
		}
	case kRow:
		if string(local) == "c" {
			return kCell, sr.startCell()
		}
	case kCell:
		switch string(local) {
		case "v":
			sr.vStart = len(sr.rowText)
			return kV, nil
		case "is":
			sr.iStart = len(sr.rowText)
			return kIS, nil
		}
	case kIS:
		switch string(local) {
		case "t":
			return kT, nil
		case "r":
			return kRun, nil
		}
	case kRun:
		if string(local) == "t" {
			return kT, nil
		}
	}
	return kOther, nil
}

func (sr *sheetRows) startRow() error {
	sc := &sr.sc
	n := sr.last + 1
	if r := sc.attr("r"); r != nil {
		v, err := attrValue(r)
		if err != nil {
			return sc.syntaxErr("row r=%q: %v", r, err)
		}
		n = 0
		if len(v) > 0 && len(v) <= 7 {
			n = atoiDigits(v)
		}
		if n < 1 || n > xlsxMaxRows {
			return sc.syntaxErr("row number %q out of range", v)
		}
		if n <= sr.last {
			return sc.syntaxErr("row %d after row %d", n, sr.last)
		}
	} else if n > xlsxMaxRows {
		return sc.syntaxErr("more than %d rows", xlsxMaxRows)
	}
	sr.inRow, sr.rowNum = true, n
	sr.rowText, sr.vals, sr.prevCol = sr.rowText[:0], sr.vals[:0], -1
	return nil
}

func (sr *sheetRows) startCell() error {
	sc := &sr.sc
	sr.col = sr.prevCol + 1
	if r := sc.attr("r"); r != nil {
		v, err := attrValue(r)
		if err != nil {
			return sc.syntaxErr("cell r=%q: %v", r, err)
		}
		col, ok := cellColumn(v)
		if !ok {
			return sc.syntaxErr("bad cell reference %q", v)
		}
		sr.col = col
	} else if sr.col >= xlsxMaxCols {
		return sc.syntaxErr("more than %d cells in a row", xlsxMaxCols)
	}
	sr.typ = cellNumber
	if t := sc.attr("t"); t != nil {
		v, err := attrValue(t)
		if err != nil {
			return sc.syntaxErr("cell t=%q: %v", t, err)
		}
		switch string(v) {
		case "n":
		case "s":
			sr.typ = cellShared
		case "inlineStr":
			sr.typ = cellInline
		case "str":
			sr.typ = cellFormula
		case "b":
			sr.typ = cellBool
		case "e":
			sr.typ = cellError
		case "d":
			sr.typ = cellDate
		default:
			return sc.syntaxErr("unknown cell type %q", v)
		}
	}
	sr.cellStart = len(sr.rowText)
	sr.hasV, sr.hasIS = false, false
	return nil
}

// end handles the end of an element of the given kind; done reports that a
// row is complete.
func (sr *sheetRows) end(kind uint8) (done bool, err error) {
	switch kind {
	case kV:
		sr.vEnd, sr.hasV = len(sr.rowText), true
	case kIS:
		sr.iEnd, sr.hasIS = len(sr.rowText), true
		if t := sr.rowText[sr.iStart:sr.iEnd]; bytes.Contains(t, []byte("_x")) {
			u := unescapeXstring(t)
			sr.rowText = append(sr.rowText[:sr.iStart], u...)
			sr.iEnd = len(sr.rowText)
		}
	case kCell:
		return false, sr.endCell()
	case kRow:
		return true, sr.endRow()
	}
	return false, nil
}

func (sr *sheetRows) endCell() error {
	v := cellVal{col: sr.col, shared: -1}
	switch {
	case sr.typ == cellInline && sr.hasIS:
		v.start, v.end = sr.iStart, sr.iEnd
	case sr.typ == cellShared && sr.hasV:
		ix := bytes.TrimSpace(sr.rowText[sr.vStart:sr.vEnd])
		if len(ix) == 0 {
			break
		}
		n := -1
		if len(ix) <= 9 {
			n = atoiDigits(ix)
		}
		if n < 0 || n >= len(sr.shared) {
			return sr.sc.syntaxErr("cell %s: shared string %q does not exist (%d in the workbook)",
				cellName(sr.col, sr.rowNum), ix, len(sr.shared))
		}
		v.shared = n
		sr.rowText = sr.rowText[:sr.cellStart] // the index is no longer needed
	case sr.hasV:
		v.start, v.end = sr.vStart, sr.vEnd
	}
	sr.vals = append(sr.vals, v)
	sr.prevCol = sr.col
	return nil
}

func (sr *sheetRows) endRow() error {
	if !utf8.Valid(sr.rowText) {
		return sr.sc.syntaxErr("cell text is not valid UTF-8")
	}
	var text string
	if len(sr.rowText) > 0 {
		text = string(sr.rowText) // one allocation for the row's cells
	}
	value := func(v cellVal) string {
		if v.shared >= 0 {
			return sr.shared[v.shared]
		}
		return text[v.start:v.end]
	}
	n := 0 // the row ends at its last cell that is not blank
	for _, v := range sr.vals {
		if v.col >= n && strings.TrimSpace(value(v)) != "" {
			n = v.col + 1
		}
	}
	clip := -1 // column of the cell standing for those from sr.Clip on
	if sr.Clip > 0 && n > sr.Clip {
		n = sr.Clip + 1
		for _, v := range sr.vals {
			if v.col >= sr.Clip && (clip < 0 || v.col < clip) && strings.TrimSpace(value(v)) != "" {
				clip = v.col
			}
		}
	}
	cells := sr.Cells[:0]
	for range n {
		cells = append(cells, "")
	}
	for _, v := range sr.vals {
		switch {
		case v.col < n && (clip < 0 || v.col < sr.Clip):
			cells[v.col] = value(v)
		case v.col == clip:
			cells[sr.Clip] = value(v)
		}
	}
	sr.Num, sr.Cells = sr.rowNum, cells
	sr.last, sr.inRow = sr.rowNum, false
	return nil
}

// cellColumn returns the 0-based column of a cell reference such as C12.
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	digits := ref[i:]
	if i == 0 || col > xlsxMaxCols || len(digits) == 0 || len(digits) > 7 || digits[0] == '0' {
		return 0, false
	}
	if n := atoiDigits(digits); n < 1 || n > xlsxMaxRows {
		return 0, false
	}
	return col - 1, true
}

// cellName returns the reference of a cell, as C12, for messages.
func cellName(col, row int) string {
	var b []byte
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b) + strconv.Itoa(row)
}

// atoiDigits parses a short run of ASCII digits, or returns -1.
func atoiDigits(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// unescapeXstring decodes the escapes of ST_Xstring, with which Excel writes
// characters XML cannot carry: _xHHHH_ is the UTF-16 code unit HHHH, so that
// _x000D_ is a carriage return and _x005F_ an underscore. An escaped surrogate
// that is not half of a pair is left as written.
func unescapeXstring(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if r, ok := xstringUnit(b[i:]); ok {
			if !utf16.IsSurrogate(r) {
				out = utf8.AppendRune(out, r)
				i += 7
				continue
			}
			if r2, ok := xstringUnit(b[i+7:]); ok {
				if p := utf16.DecodeRune(r, r2); p != utf8.RuneError {
					out = utf8.AppendRune(out, p)
					i += 14
					continue
				}
			}
		}
		out = append(out, b[i])
		i++
	}
	return out
}

// xstringUnit decodes an _xHHHH_ escape at the start of b.
func xstringUnit(b []byte) (rune, bool) {
	if len(b) < 7 || b[0] != '_' || b[1] != 'x' || b[6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
