package labour

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/lanyan-dev/lanyan"
)

// xlsxRow is one row as read by readXLSXRows.
type xlsxRow struct {
	Num   int
	Cells []string
}

// readXLSXRows reads every row of a sheet with the workbook reader.
func readXLSXRows(r io.Reader, sheet string) ([]xlsxRow, error) {
	wb, err := openWorkbook(r)
	if err != nil {
		return nil, err
	}
	rows, err := wb.openRows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []xlsxRow
	for rows.Next() {
		var cells []string
		if len(rows.Cells) > 0 {
			cells = slices.Clone(rows.Cells)
		}
		out = append(out, xlsxRow{rows.Num, cells})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

const (
	nsMain = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	nsRel  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	relPfx = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
)

// xlsxZip packs parts (name, body, name, body, ...) into a zip, uncompressed
// so that fuzzing stays quick.
func xlsxZip(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: parts[i], Method: zip.Store})
		require.NoError(t, err)
		_, err = io.WriteString(w, parts[i+1])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// xlsxOneSheet makes a workbook of one sheet, "Data", from the sheet's XML
// and, unless sst is empty, a shared string table.
func xlsxOneSheet(t testing.TB, sheet, sst string) []byte {
	t.Helper()
	parts := []string{
		"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relPfx + `officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relPfx + `worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + relPfx + `sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", sheet,
	}
	if sst != "" {
		parts = append(parts, "xl/sharedStrings.xml", sst)
	}
	return xlsxZip(t, parts...)
}

// wrapSheet wraps rows in a worksheet's XML.
func wrapSheet(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1"/><sheetData>` +
		rows + `</sheetData><pageMargins left="0.7" right="0.7"/></worksheet>`
}

// wrapSST wraps string items in a shared string table.
func wrapSST(items string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<sst xmlns="` + nsMain + `" count="9" uniqueCount="9">` + items + `</sst>`
}

func TestReadXLSXCells(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sheet string // whole sheet XML
		sst   string
		want  []xlsxRow
	}{
		{
			name: "shared strings, rich text and phonetic runs",
			sheet: wrapSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v> 2 </v></c>` +
				`<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"/></row>`),
			sst: wrapSST(`<si><t>日期</t></si>` +
				`<si><r><rPr><b/><sz val="11"/></rPr><t>项</t></r><r><t xml:space="preserve">目 </t></r></si>` +
				`<si><t>赵六</t><rPh sb="0" eb="2"><t>zhao</t></rPh><phoneticPr fontId="1"/></si>` +
				`<si><t xml:space="preserve">  padded  </t></si>` +
				`<si/>` +
				`<si><t>a_x000D_b_x005F_x0041_</t></si>`),
			want: []xlsxRow{{1, []string{"日期", "项目 ", "赵六", "  padded  ", "", "a\rb_x0041_"}}},
		},
		{
			name: "inline strings",
			sheet: wrapSheet(`<row r="2"><c r="A2" t="inlineStr"><is><t>plain</t></is></c>` +
				`<c r="B2" t="inlineStr"><is><r><t>ri</t></r><r><rPr><i/></rPr><t xml:space="preserve">ch </t></r></is></c>` +
				`<c r="C2" t="inlineStr"><v>from v</v></c><c r="D2" t="inlineStr"/>` +
				`<c r="E2" t="inlineStr"><is><t>tab_x0009_here</t><rPh><t>no</t></rPh></is></c></row>`),
			want: []xlsxRow{{2, []string{"plain", "rich ", "from v", "", "tab\there"}}},
		},
		{
			name: "numbers, booleans, errors, formulas, dates",
			sheet: wrapSheet(`<row r="3"><c r="A3"><v>45722.75</v></c><c r="B3" t="n"><v>8</v></c><c r="C3" t="b"><v>1</v></c>` +
				`<c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="str"><f>A1&amp;B1</f><v>x&amp;y</v></c>` +
				`<c r="F3" t="d"><v>2025-03-05T00:00:00Z</v></c><c r="G3" s="3"/><c r="H3"><f>1+1</f></c><c r="I3"><v>1E-3</v></c></row>`),
			want: []xlsxRow{{3, []string{"45722.75", "8", "1", "#N/A", "x&y", "2025-03-05T00:00:00Z", "", "", "1E-3"}}},
		},
		{
			name: "blank cells at the end of a row are left out",
			sheet: wrapSheet(`<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" t="s"><v>1</v></c><c r="D4" t="inlineStr"><is/></c>` +
				`<c r="E4" t="inlineStr"><is><t>` + " \u3000\t" + `</t></is></c><c r="XFD4"/></row><row r="5"><c r="XFD5"><v></v></c></row>`),
			sst:  wrapSST(`<si><t>a</t></si><si><t></t></si><si><t xml:space="preserve"> </t></si>`),
			want: []xlsxRow{{4, []string{"1"}}, {5, nil}},
		},
		{
			name: "skipped columns and rows, rows and cells without r",
			sheet: wrapSheet(`<row r="5"><c r="C5"><v>3</v></c><c r="AA5"><v>27</v></c></row>` +
				`<row><c><v>a</v></c><c><v>b</v></c><c r="E6"><v>e</v></c><c><v>f</v></c></row>` +
				`<row r="9"/><row r="10" spans="1:2"></row><row><c r="b11"><v>low</v></c></row>`),
			want: []xlsxRow{
				{5, append(append([]string{"", "", "3"}, make([]string, 23)...), "27")},
				{6, []string{"a", "b", "", "", "e", "f"}},
				{9, nil},
				{10, nil},
				{11, []string{"", "low"}},
			},
		},
		{
			name:  "cells out of order take their referenced columns",
			sheet: wrapSheet(`<row r="1"><c r="C1"><v>c</v></c><c r="A1"><v>a</v></c></row>`),
			want:  []xlsxRow{{1, []string{"a", "", "c"}}},
		},
		{
			name: "entities, character references, CDATA and line ends",
			sheet: wrapSheet(`<row r="11"><c r="A11" t="inlineStr"><is><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#20013;&#x6587;&#x41;&#x1F600;</t></is></c>` +
				`<c r="B11"><v><![CDATA[1<2&amp;]]></v></c>` +
				`<c r="C11" t="inlineStr"><is><t>one&#13;&#10;two` + "\r\nthree\rfour" + `</t></is></c>` +
				`<c r="D11" t="str"><v>a<![CDATA[b]]>c&amp;d</v></c></row>`),
			want: []xlsxRow{{11, []string{`<a> & "b" 'c' 中文A😀`, "1<2&amp;", "one\r\ntwo\nthree\nfour", "abc&d"}}},
		},
		{
			name: "attributes in any order, both quotes, white space, comments and PIs",
			sheet: wrapSheet(`<row spans="1:3" r='7' x14ac:dyDescent="0.25" ><!-- a comment with <c r="Z7"> inside -->` +
				`<c t='s' s="1"
					r='A7' ><v>0</v></c><?pi <c r="Z7"/>?><c  r = "B7"  t = "inlineStr" ><is><t>b</t></is></c ></row >`),
			sst:  wrapSST(`<si><t>a</t></si>`),
			want: []xlsxRow{{7, []string{"a", "b"}}},
		},
		{
			name: "namespace prefixes",
			sheet: `<x:worksheet xmlns:x="` + nsMain + `"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>` +
				`<x:c r="B1" t="inlineStr"><x:is><x:r><x:t>p</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
			sst:  `<x:sst xmlns:x="` + nsMain + `"><x:si><x:r><x:t>q</x:t></x:r></x:si></x:sst>`,
			want: []xlsxRow{{1, []string{"q", "p"}}},
		},
		{
			name:  "elements outside sheetData are ignored",
			sheet: `<worksheet><sheetPr><c r="A1"><v>no</v></c></sheetPr><sheetData><row r="2"><c r="A2"><is><t>no</t></is><v>yes</v></c></row></sheetData><extLst><row r="1"/></extLst></worksheet>`,
			want:  []xlsxRow{{2, []string{"yes"}}},
		},
		{
			name:  "no rows",
			sheet: `<worksheet><sheetData/></worksheet>`,
		},
		{
			name:  "byte-order mark and no declaration",
			sheet: "\uFEFF" + `<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>`,
			want:  []xlsxRow{{1, []string{"1"}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := readXLSXRows(bytes.NewReader(xlsxOneSheet(t, tc.sheet, tc.sst)), "")
			require.NoError(t, err)
			assert.Equal(t, tc.want, rows)
		})
	}
}

func TestReadXLSXMalformed(t *testing.T) {
	okSST := wrapSST(`<si><t>a</t></si>`)
	for _, tc := range []struct {
		name   string
		sheet  string
		sst    string
		record string // the error's record
		want   string // in the error's message
	}{
		{"cut short", wrapSheet(`<row r="1"><c r="A1"><v>1</v></c></row>`)[:120], "", `sheet "Data"`, "unexpected end of XML"},
		{"cut short in a row", `<worksheet><sheetData><row r="4"><c r="A4"><v>1</v></c>`, "", `sheet "Data" row 4`, "unexpected end of XML"},
		{"cut inside a tag", `<worksheet><sheetData><row r="4"><c r="A4"`, "", `sheet "Data" row 4`, "inside a tag"},
		{"mismatched end tag", wrapSheet(`<row r="1"><c r="A1"><v>1</c></row>`), "", `sheet "Data" row 1`, "unexpected end tag </c>"},
		{"unknown entity", wrapSheet(`<row r="2"><c r="A2" t="str"><v>&nbsp;</v></c></row>`), "", `sheet "Data" row 2`, "unknown entity &nbsp;"},
		{"bare ampersand", wrapSheet(`<row r="2"><c r="A2" t="str"><v>a & b</v></c></row>`), "", `sheet "Data" row 2`, "& not followed"},
		{"upper-case X in a character reference", wrapSheet(`<row r="2"><c r="A2" t="str"><v>&#X41;</v></c></row>`), "", `sheet "Data" row 2`, "unknown entity &#X41;"},
		{"character reference to NUL", wrapSheet(`<row r="2"><c r="A2" t="str"><v>&#0;</v></c></row>`), "", `sheet "Data" row 2`, "unknown entity &#0;"},
		{"shared string out of range", wrapSheet(`<row r="3"><c r="B3" t="s"><v>7</v></c></row>`), okSST, `sheet "Data" row 3`, `cell B3: shared string "7" does not exist (1 in the workbook)`},
		{"shared string index not a number", wrapSheet(`<row r="3"><c r="B3" t="s"><v>-1</v></c></row>`), okSST, `sheet "Data" row 3`, `shared string "-1" does not exist`},
		{"shared string without a table", wrapSheet(`<row r="3"><c r="B3" t="s"><v>0</v></c></row>`), "", `sheet "Data" row 3`, `shared string "0" does not exist (0 in the workbook)`},
		{"bad cell reference", wrapSheet(`<row r="1"><c r="1A"><v>1</v></c></row>`), "", `sheet "Data" row 1`, `bad cell reference "1A"`},
		{"column beyond XFD", wrapSheet(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), "", `sheet "Data" row 1`, `bad cell reference "XFE1"`},
		{"too many cells without r", wrapSheet(`<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`), "", `sheet "Data" row 1`, "more than 16384 cells"},
		{"rows out of order", wrapSheet(`<row r="3"/><row r="2"/>`), "", `sheet "Data"`, "row 2 after row 3"},
		{"repeated row", wrapSheet(`<row r="3"/><row r="3"/>`), "", `sheet "Data"`, "row 3 after row 3"},
		{"row zero", wrapSheet(`<row r="0"/>`), "", `sheet "Data"`, `row number "0" out of range`},
		{"row beyond the limit", wrapSheet(`<row r="1048577"/>`), "", `sheet "Data"`, `row number "1048577" out of range`},
		{"row number not a number", wrapSheet(`<row r="x1"/>`), "", `sheet "Data"`, `row number "x1" out of range`},
		{"unknown cell type", wrapSheet(`<row r="1"><c r="A1" t="q"><v>1</v></c></row>`), "", `sheet "Data" row 1`, `unknown cell type "q"`},
		{"DOCTYPE", `<!DOCTYPE worksheet [<!ENTITY x "y">]>` + wrapSheet(""), "", `sheet "Data"`, "DOCTYPE"},
		{"unquoted attribute", wrapSheet(`<row r="1"><c r=A1><v>1</v></c></row>`), "", `sheet "Data" row 1`, "value of r not quoted"},
		{"attribute without value", wrapSheet(`<row r="1"><c r="A1" hidden><v>1</v></c></row>`), "", `sheet "Data" row 1`, `bad attribute "hidden"`},
		{"attributes run together", wrapSheet(`<row r="1"><c r="A1"t="s"><v>0</v></c></row>`), okSST, `sheet "Data" row 1`, "separated by white space"},
		{"< in an attribute", wrapSheet(`<row r="1"><c r="A<1"><v>1</v></c></row>`), "", `sheet "Data" row 1`, "< in the value of r"},
		{"broken self-closing tag", wrapSheet(`<row r="1"><c r="A1"/ ></row>`), "", `sheet "Data" row 1`, "/ not followed by >"},
		{"invalid UTF-8", wrapSheet(`<row r="1"><c r="A1" t="str"><v>a` + "\xff" + `</v></c></row>`), "", `sheet "Data" row 1`, "not valid UTF-8"},
		{"text before the root", "junk" + wrapSheet(""), "", `sheet "Data"`, "text outside the root element"},
		{"UTF-16", "\xFE\xFF\x00<" + wrapSheet(""), "", `sheet "Data"`, "text outside the root element"},
		{"two roots", wrapSheet("") + `<worksheet/>`, "", `sheet "Data"`, "second root element"},
		{"not a worksheet", `<chartsheet xmlns="` + nsMain + `"><drawing r:id="rId1"/></chartsheet>`, "", `sheet "Data"`, "root element is <chartsheet>, not <worksheet>"},
		{"empty part", "", "", `sheet "Data"`, "unexpected end of XML"},
		{"unterminated comment", wrapSheet(`<row r="1"><!-- </row>`), "", `sheet "Data" row 1`, "inside a tag"},
		{"malformed shared strings", wrapSheet(""), wrapSST(`<si><t>a</si>`), "xlsx", "malformed xl/sharedstrings.xml: unexpected end tag </si>"},
		{"shared strings not UTF-8", wrapSheet(""), wrapSST("<si><t>\xc3</t></si>"), "xlsx", "shared string 0 is not valid UTF-8"},
		{"shared strings wrong root", wrapSheet(""), `<table/>`, "xlsx", "root element is <table>, not <sst>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := xlsxOneSheet(t, tc.sheet, tc.sst)
			rows, err := readXLSXRows(bytes.NewReader(data), "Data")
			require.Error(t, err)
			assert.Nil(t, rows)
			var le *lanyan.Error
			require.True(t, errors.As(err, &le), "%T %v", err, err)
			assert.Equal(t, lanyan.CodeInvalid, le.Code, "%v", err)
			assert.Equal(t, tc.record, le.Record, "%v", err)
			assert.Contains(t, le.Message, tc.want)

			// The importer passes the error on and returns nothing, even when
			// good rows came before the fault.
			slips, rowErrs, err := ImportXLSX(bytes.NewReader(data), ImportOptions{})
			assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
			assert.Nil(t, slips)
			assert.Nil(t, rowErrs)
		})
	}
}

func TestReadXLSXClip(t *testing.T) {
	sheet := wrapSheet(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>` +
		`<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>x</v></c><c r="E2" t="inlineStr"><is><t> </t></is></c><c r="D2"><v>d</v></c></row>` +
		`<row r="3"><c r="B3"><v>b</v></c><c r="C3" t="inlineStr"><is><t> </t></is></c></row>` +
		`<row r="4"><c r="C4" t="inlineStr"><is><t> </t></is></c></row>`)
	wb, err := openWorkbook(bytes.NewReader(xlsxOneSheet(t, sheet, "")))
	require.NoError(t, err)
	rows, err := wb.openRows("")
	require.NoError(t, err)
	defer rows.Close()
	rows.Clip = 2
	var got []xlsxRow
	for rows.Next() {
		got = append(got, xlsxRow{rows.Num, slices.Clone(rows.Cells)})
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []xlsxRow{
		{1, []string{"1", "2", "3"}},
		{2, []string{"1", "", "d"}}, // D2 stands for D2:XFD2, the first that is not blank
		{3, []string{"", "b"}},
		{4, []string{}},
	}, got)
}

// TestImportXLSXFarColumns checks that cells far to the right of the header
// count as they did before ImportXLSX stopped reading them in full: a row
// whose only value is in column XFD is a bad row, not a blank one.
func TestImportXLSXFarColumns(t *testing.T) {
	far := `<c r="XFD%d" t="inlineStr"><is><t>%s</t></is></c>`
	sheet := `<row r="1"><c r="B1" t="inlineStr"><is><t>date</t></is></c><c r="C1" t="inlineStr"><is><t>project</t></is></c>` +
		`<c r="D1" t="inlineStr"><is><t>workerId</t></is></c><c r="E1" t="inlineStr"><is><t>trade</t></is></c>` +
		`<c r="F1" t="inlineStr"><is><t>hours</t></is></c><c r="G1" t="inlineStr"><is><t>costCode</t></is></c>` + fmt.Sprintf(far, 1, "note") + `</row>` +
		`<row r="2"><c r="B2"><v>45658</v></c><c r="C2"><v>1</v></c><c r="D2"><v>2</v></c><c r="E2"><v>3</v></c><c r="F2"><v>8</v></c><c r="G2"><v>4</v></c>` + fmt.Sprintf(far, 2, "x") + `</row>` +
		`<row r="3">` + fmt.Sprintf(far, 3, "stray") + `</row>` +
		`<row r="4">` + fmt.Sprintf(far, 4, " ") + `</row>`
	slips, rowErrs, err := ImportXLSX(bytes.NewReader(xlsxOneSheet(t, wrapSheet(sheet), "")), ImportOptions{})
	require.NoError(t, err)
	require.Len(t, slips, 1)
	assert.Equal(t, "row-2", slips[0].ID)
	assert.Equal(t, []RowError{{Row: 3, Column: "date", Message: "is empty"}}, rowErrs)
}

func TestImportXLSXFaultAfterGoodRows(t *testing.T) {
	good := `<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="inlineStr"><is><t>project</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>workerId</t></is></c><c r="D1" t="inlineStr"><is><t>trade</t></is></c>` +
		`<c r="E1" t="inlineStr"><is><t>workDays</t></is></c><c r="F1" t="inlineStr"><is><t>costCode</t></is></c></row>` +
		`<row r="2"><c r="A2"><v>45658</v></c><c r="B2" t="inlineStr"><is><t>P1</t></is></c><c r="C2" t="inlineStr"><is><t>W1</t></is></c>` +
		`<c r="D2" t="inlineStr"><is><t>木工</t></is></c><c r="E2"><v>1</v></c><c r="F2" t="inlineStr"><is><t>C1</t></is></c></row>`
	slips, rowErrs, err := ImportXLSX(bytes.NewReader(xlsxOneSheet(t, wrapSheet(good), "")), ImportOptions{AllOrNothing: true})
	require.NoError(t, err)
	require.Empty(t, rowErrs)
	require.Len(t, slips, 1)
	assert.Equal(t, "row-2", slips[0].ID)

	bad := wrapSheet(good + `<row r="3"><c r="A3"><v>1</v></row>`)
	slips, rowErrs, err = ImportXLSX(bytes.NewReader(xlsxOneSheet(t, bad, "")), ImportOptions{})
	require.Error(t, err)
	assert.True(t, errors.Is(err, lanyan.ErrInvalid))
	assert.Contains(t, err.Error(), `sheet "Data" row 3: malformed sheet: unexpected end tag </row>`)
	assert.Nil(t, slips)
	assert.Nil(t, rowErrs)

	// A corrupt zip entry is found by its checksum, after the last row.
	data := xlsxOneSheet(t, wrapSheet(good), "")
	i := bytes.Index(data, []byte("<t>W1</t>"))
	require.Positive(t, i)
	data[i+4] = '2'
	slips, _, err = ImportXLSX(bytes.NewReader(data), ImportOptions{})
	assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
	assert.Contains(t, err.Error(), `sheet "Data": cannot read sheet: zip: checksum error`)
	assert.Nil(t, slips)
}

func TestReadXLSXWorkbook(t *testing.T) {
	sheet := func(v string) string {
		return wrapSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + v + `</t></is></c></row>`)
	}
	const relsHead = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	// The workbook part at an unusual place, named by the package
	// relationships; absolute and relative targets; a strict-OOXML r:id; an
	// external relationship; part names in another case.
	data := xlsxZip(t,
		"_rels/.rels", relsHead+`<Relationship Id="rId9" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/book/Main.xml"/></Relationships>`,
		"book/Main.xml", `<workbook xmlns="`+nsMain+`" xmlns:s="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets>`+
			`<sheet name="汇总" sheetId="1" s:id="rId1"/><sheet name="点工" sheetId="2" s:id="rId2"/><sheet name="Lost" sheetId="3" s:id="rId7"/><sheet name="Gone" sheetId="4" s:id="rId3"/></sheets></workbook>`,
		"book/_rels/Main.xml.rels", relsHead+
			`<Relationship Id="rId1" Type="`+relPfx+`worksheet" Target="/book/sheets/One.xml"/>`+
			`<Relationship Id="rId2" Type="`+relPfx+`worksheet" Target="sheets/../sheets/two.XML"/>`+
			`<Relationship Id="rId3" Type="`+relPfx+`worksheet" Target="sheets/none.xml"/>`+
			`<Relationship Id="rId4" Type="`+relPfx+`hyperlink" Target="http://example.com/" TargetMode="External"/></Relationships>`,
		"Book/Sheets/one.xml", sheet("first"),
		"book/sheets/two.xml", sheet("second"),
	)
	for _, tc := range []struct{ sheet, want string }{{"", "first"}, {"汇总", "first"}, {"点工", "second"}} {
		rows, err := readXLSXRows(bytes.NewReader(data), tc.sheet)
		require.NoError(t, err, tc.sheet)
		assert.Equal(t, []xlsxRow{{1, []string{tc.want}}}, rows, tc.sheet)
	}
	_, err := readXLSXRows(bytes.NewReader(data), "Lost")
	assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
	assert.EqualError(t, err, `sheet "Lost": the workbook's relationships do not name the sheet's part`)
	_, err = readXLSXRows(bytes.NewReader(data), "Gone")
	assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
	assert.EqualError(t, err, `sheet "Gone": the sheet's part book/sheets/none.xml is missing from the workbook`)
	_, err = readXLSXRows(bytes.NewReader(data), "nope")
	assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
	assert.EqualError(t, err, `sheet "nope": no such sheet in the workbook`)

	// Names match ignoring case, an exact match first.
	data = xlsxZip(t,
		"xl/workbook.xml", `<workbook xmlns:r="`+nsRel+`"><sheets><sheet name="DATA" r:id="a"/><sheet name="data" r:id="b"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", relsHead+`<Relationship Id="a" Type="`+relPfx+`worksheet" Target="a.xml"/><Relationship Id="b" Type="`+relPfx+`worksheet" Target="b.xml"/></Relationships>`,
		"xl/a.xml", sheet("A"), "xl/b.xml", sheet("B"),
	)
	for _, tc := range []struct{ sheet, want string }{{"DATA", "A"}, {"data", "B"}, {"Data", "A"}} {
		rows, err := readXLSXRows(bytes.NewReader(data), tc.sheet)
		require.NoError(t, err, tc.sheet)
		assert.Equal(t, []xlsxRow{{1, []string{tc.want}}}, rows, tc.sheet)
	}

	for name, data := range map[string][]byte{
		"not a zip":           []byte("date,project\n"),
		"empty":               nil,
		"no workbook part":    xlsxZip(t, "xl/worksheets/sheet1.xml", sheet("x")),
		"broken workbook XML": xlsxZip(t, "xl/workbook.xml", `<workbook><sheets>`),
		"no sheets":           xlsxZip(t, "xl/workbook.xml", `<workbook><sheets/></workbook>`),
	} {
		_, err := readXLSXRows(bytes.NewReader(data), "")
		assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%s: %v", name, err)
		assert.Contains(t, err.Error(), "xlsx: ", name)
	}
}

// TestReadXLSXReaders reads from a reader that is not an io.ReaderAt, and
// from a bytes.Reader part-way through, whose unread part is the workbook.
func TestReadXLSXReaders(t *testing.T) {
	data := impWorkbook(t, "S", [][]any{{"a", 1}, {nil, "b"}})
	want := []xlsxRow{{1, []string{"a", "1"}}, {2, []string{"", "b"}}}

	rows, err := readXLSXRows(io.MultiReader(bytes.NewReader(data)), "S")
	require.NoError(t, err)
	assert.Equal(t, want, rows)

	r := bytes.NewReader(append([]byte("prefix"), data...))
	_, err = r.Seek(6, io.SeekStart)
	require.NoError(t, err)
	rows, err = readXLSXRows(r, "S")
	require.NoError(t, err)
	assert.Equal(t, want, rows)
	assert.Zero(t, r.Len(), "the reader is left at its end, as if read")
}

// TestReadXLSXMatchesExcelize reads workbooks written by excelize (shared
// strings, rich text, inline strings from the stream writer, gaps) and checks
// that the rows read are those excelize's own reader gives with RawCellValue.
func TestReadXLSXMatchesExcelize(t *testing.T) {
	for name, data := range xlsxExcelizeSeeds(t) {
		t.Run(name, func(t *testing.T) {
			want := excelizeRows(t, data, "Sheet1")
			got, err := readXLSXRows(bytes.NewReader(data), "Sheet1")
			require.NoError(t, err)
			assert.Equal(t, want, trimXLSXRows(got))
		})
	}
}

// xlsxExcelizeSeeds returns small workbooks written by excelize.
func xlsxExcelizeSeeds(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}

	f := excelize.NewFile()
	defer f.Close()
	set := func(cell string, v any) { require.NoError(t, f.SetCellValue("Sheet1", cell, v)) }
	set("A1", "日期")
	set("B1", "项目 <&>\"'")
	set("C1", "  spaced  ")
	set("D1", "line\r\nbreak")
	set("E1", "_x000D_ literal")
	set("A2", time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC))
	set("B2", 45.5)
	set("C2", true)
	set("D2", 8)
	set("F2", "日期") // a repeated shared string
	set("C5", "after a gap")
	set("AB7", 1e-7)
	require.NoError(t, f.SetCellFormula("Sheet1", "A8", `"x"&"y"`))
	require.NoError(t, f.SetCellRichText("Sheet1", "B8", []excelize.RichTextRun{
		{Text: "rich ", Font: &excelize.Font{Bold: true}}, {Text: "text"},
	}))
	require.NoError(t, f.SetCellInt("Sheet1", "C8", -12))
	require.NoError(t, f.SetCellBool("Sheet1", "D8", false))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	out["cells"] = buf.Bytes()

	g := excelize.NewFile()
	defer g.Close()
	sw, err := g.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{"单号", "日期", "工时", "说明"}))
	require.NoError(t, sw.SetRow("A2", []any{"D-1", "2025-03-05", 8, "a & b"}))
	require.NoError(t, sw.SetRow("B4", []any{nil, 45722.75, excelize.Cell{Value: "styled", StyleID: 0}}))
	require.NoError(t, sw.Flush())
	buf.Reset()
	require.NoError(t, g.Write(&buf))
	out["stream"] = buf.Bytes()
	return out
}

// excelizeRows reads a sheet with excelize's row reader, leaving out empty
// rows and trailing empty cells.
func excelizeRows(t testing.TB, data []byte, sheet string) []xlsxRow {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.Rows(sheet)
	require.NoError(t, err)
	defer rows.Close()
	var out []xlsxRow
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		out = append(out, xlsxRow{n, cells})
	}
	require.NoError(t, rows.Error())
	return trimXLSXRows(out)
}

func trimXLSXRows(rows []xlsxRow) []xlsxRow {
	var out []xlsxRow
	for _, r := range rows {
		cells := r.Cells
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > 0 {
			out = append(out, xlsxRow{r.Num, cells})
		}
	}
	return out
}

// checkXLSXRead checks what reading a workbook gave: an error of ours with
// no rows, or rows in increasing order within Excel's limits, of valid text.
// It returns the rows.
func checkXLSXRead(t *testing.T, data []byte) ([]xlsxRow, error) {
	rows, err := readXLSXRows(bytes.NewReader(data), "")
	if err != nil {
		require.Nil(t, rows)
		c := lanyan.CodeOf(err)
		require.True(t, c == lanyan.CodeInvalid || c == lanyan.CodeNotFound, "%v", err)
		return nil, err
	}
	last := 0
	for _, r := range rows {
		require.Greater(t, r.Num, last)
		require.LessOrEqual(t, r.Num, xlsxMaxRows)
		require.LessOrEqual(t, len(r.Cells), xlsxMaxCols)
		for _, c := range r.Cells {
			require.True(t, utf8.ValidString(c), "%q", c)
		}
		last = r.Num
	}
	// Reading is deterministic, and a reader that is not an io.ReaderAt
	// gives the same.
	again, err2 := readXLSXRows(io.MultiReader(bytes.NewReader(data)), "")
	require.NoError(t, err2)
	require.Equal(t, rows, again)
	return rows, nil
}

// checkXLSXImport checks that ImportXLSX fails when the reader does, returns
// no slips with an error, and only valid slips without one.
func checkXLSXImport(t *testing.T, data []byte, readErr error) {
	for _, all := range []bool{false, true} {
		slips, rowErrs, err := ImportXLSX(bytes.NewReader(data), ImportOptions{AllOrNothing: all})
		if readErr != nil {
			require.Error(t, err, "the reader failed with %v", readErr)
		}
		if err != nil {
			require.Nil(t, slips)
			if !all {
				require.Nil(t, rowErrs)
			}
			c := lanyan.CodeOf(err)
			require.True(t, c == lanyan.CodeInvalid || c == lanyan.CodeNotFound, "%v", err)
			continue
		}
		require.NotNil(t, slips)
		for _, s := range slips {
			require.NoError(t, s.Validate())
		}
		for _, e := range rowErrs {
			require.Positive(t, e.Row)
		}
	}
}

// FuzzReadXLSX feeds whole files to the reader and to ImportXLSX.
func FuzzReadXLSX(f *testing.F) {
	for _, data := range xlsxExcelizeSeeds(f) {
		f.Add(data)
	}
	f.Add(xlsxOneSheet(f, wrapSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>&amp;</t></is></c></row>`),
		wrapSST(`<si><r><t>日</t></r><r><t>期</t></r></si>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := checkXLSXRead(t, data)
		checkXLSXImport(t, data, err)
	})
}

// FuzzReadXLSXParts feeds the sheet and shared string parts of a workbook
// whose other parts are sound, which reaches the XML scanner far more often
// than mutating the zip does.
func FuzzReadXLSXParts(f *testing.F) {
	for _, data := range xlsxExcelizeSeeds(f) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		require.NoError(f, err)
		part := func(name string) []byte {
			for _, zf := range zr.File {
				if zf.Name == name {
					rc, err := zf.Open()
					require.NoError(f, err)
					b, err := io.ReadAll(rc)
					require.NoError(f, err)
					return b
				}
			}
			return nil
		}
		f.Add(part("xl/worksheets/sheet1.xml"), part("xl/sharedStrings.xml"))
	}
	f.Add([]byte(wrapSheet(`<row spans="1:3" r='7'><!-- c --><c t='s' r='A7'><v>0</v></c><c><is><t>x&#x41;<![CDATA[<]]></t></is></c><c r="E7" t="b"/></row><row/>`)),
		[]byte(wrapSST(`<si><t xml:space="preserve"> a_x000D_ </t><rPh><t>p</t></rPh></si>`)))
	f.Add([]byte(wrapSheet(`<row><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="inlineStr"><is><t>project</t></is></c>`+
		`<c r="C1" t="inlineStr"><is><t>workerId</t></is></c><c r="D1" t="inlineStr"><is><t>trade</t></is></c>`+
		`<c r="E1" t="inlineStr"><is><t>hours</t></is></c><c r="F1" t="inlineStr"><is><t>costCode</t></is></c></row>`+
		`<row><c><v>45658</v></c><c t="s"><v>0</v></c><c t="s"><v>0</v></c><c t="s"><v>0</v></c><c><v>8</v></c><c t="s"><v>0</v></c></row>`)),
		[]byte(wrapSST(`<si><t>P</t></si>`)))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		data := xlsxOneSheet(t, string(sheet), string(sst))
		_, err := checkXLSXRead(t, data)
		checkXLSXImport(t, data, err)
	})
}
