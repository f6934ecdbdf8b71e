package labour

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lanyan-dev/lanyan"
)

// ImportOptions control ImportCSV and ImportXLSX.
type ImportOptions struct {
	// AllOrNothing rejects the whole file when any row is bad: no slips are
	// returned, only the row errors and an error. When false, the good rows are
	// returned beside the row errors of the bad ones.
	AllOrNothing bool
	// Sheet names the worksheet to read from an XLSX file; empty means the first.
	// CSV ignores it.
	Sheet string
	// IDPrefix makes the id of a slip whose 单号/id cell is empty or absent:
	// IDPrefix followed by the row number. Empty means "row-".
	IDPrefix string
}

// RowError reports one bad row of an imported file: the row number as the user
// sees it (1-based, the header row included; for CSV the line on which the
// record starts), the column header as written in the file, and what is wrong.
type RowError struct {
	Row     int
	Column  string
	Message string
}

// Error returns `row 5: 工时: ...`.
func (e RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("row %d: %s: %s", e.Row, e.Column, e.Message)
}

// column is one column of the slip file layout shared by import and export.
type column int

const (
	colID column = iota
	colDate
	colProject
	colTeam
	colSubcontractor
	colWorkerID
	colWorkerName
	colTrade
	colHours
	colWorkDays
	colOvertimeHours
	colRate
	colCostCode
	colActivity
	colVisaRef
	colDescription
	colReason
	colRateUnit
	numColumns
)

// columnNames lists, per column, the Chinese header written on export, the
// English header, and further accepted spellings. Matching ignores case, spaces,
// underscores and hyphens.
var columnNames = [numColumns][]string{
	colID:            {"单号", "id", "点工单号", "slipId"},
	colDate:          {"日期", "date", "工作日期"},
	colProject:       {"项目", "project", "项目名称", "项目编号"},
	colTeam:          {"班组", "team"},
	colSubcontractor: {"劳务分包", "subcontractor", "分包单位", "劳务公司"},
	colWorkerID:      {"工人编号", "workerId", "工号"},
	colWorkerName:    {"姓名", "name", "workerName", "工人姓名"},
	colTrade:         {"工种", "trade"},
	colHours:         {"工时", "hours"},
	colWorkDays:      {"工日", "workDays"},
	colOvertimeHours: {"加班工时", "overtimeHours", "加班"},
	colRate:          {"单价", "rate"},
	colCostCode:      {"成本科目", "costCode"},
	colActivity:      {"作业", "activity", "工作内容"},
	colVisaRef:       {"签证单号", "visaRef", "签证"},
	colDescription:   {"说明", "description", "备注"},
	colReason:        {"事由", "reason", "原因"},
	colRateUnit:      {"计价单位", "rateUnit"},
}

var headerIndex = func() map[string]column {
	m := make(map[string]column)
	for c, names := range columnNames {
		for _, n := range names {
			m[normHeader(n)] = column(c)
		}
	}
	return m
}()

func normHeader(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF"))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '_', '-', '\u3000':
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

// layout maps the columns of one file to cell positions.
type layout struct {
	pos    [numColumns]int    // cell index of each column, -1 if absent
	header [numColumns]string // the header text as written in the file
}

// headerScanRows is how many leading rows may be searched for the header row;
// spreadsheets exported from site systems often carry a title row or two.
const headerScanRows = 10

// readLayout reads a header row. ok is false when the row is not a header (it
// lacks the date column); err reports a header that is recognised but unusable.
func readLayout(cells []string) (l layout, ok bool, err error) {
	for i := range l.pos {
		l.pos[i] = -1
	}
	for i, cell := range cells {
		c, known := headerIndex[normHeader(cell)]
		if !known {
			continue // extra columns (序号, signatures) are ignored
		}
		if l.pos[c] >= 0 {
			return l, true, lanyan.Errorf(lanyan.CodeInvalid, "header", strings.TrimSpace(cell),
				"column appears twice (as %q and %q)", l.header[c], strings.TrimSpace(cell))
		}
		l.pos[c] = i
		l.header[c] = strings.TrimSpace(cell)
	}
	if l.pos[colDate] < 0 {
		return l, false, nil
	}
	for _, c := range []column{colProject, colWorkerID, colTrade, colCostCode} {
		if l.pos[c] < 0 {
			return l, true, lanyan.Errorf(lanyan.CodeInvalid, "header", columnNames[c][0],
				"required column %s/%s is missing", columnNames[c][0], columnNames[c][1])
		}
	}
	if l.pos[colHours] < 0 && l.pos[colWorkDays] < 0 {
		return l, true, lanyan.Errorf(lanyan.CodeInvalid, "header", columnNames[colHours][0],
			"one of the columns 工时/hours or 工日/workDays is required")
	}
	return l, true, nil
}

// width is the number of cells up to the last column of the layout.
func (l *layout) width() int {
	w := 0
	for _, p := range l.pos {
		w = max(w, p+1)
	}
	return w
}

func (l *layout) cell(cells []string, c column) string {
	if p := l.pos[c]; p >= 0 && p < len(cells) {
		return strings.TrimSpace(cells[p])
	}
	return ""
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// dateLayouts are the date spellings accepted on import, each checked strictly
// by time.Parse (which rejects 2025-02-29, unlike date.ParseISO).
var dateLayouts = []string{"2006-01-02", "2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日"}

// parseDate parses a date cell strictly.
func parseDate(s string) (date.Date, error) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return date.New(t.Year(), t.Month(), t.Day()), nil
		}
	}
	return 0, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
}

// parseQuantity parses a plain decimal number: optional sign, digits, optional
// fraction. Exponents, thousands separators and currency signs are refused for
// quantities; rates may carry them (see parseMoney).
func parseQuantity(s string) (decimal.Decimal, error) {
	if !plainNumber(s) {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number", s)
	}
	return decimal.NewFromString(s)
}

// parseMoney is parseQuantity after dropping a leading ¥/￥ and thousands commas.
func parseMoney(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥"))
	t = strings.ReplaceAll(t, ",", "")
	if !plainNumber(t) {
		return decimal.Decimal{}, fmt.Errorf("%q is not an amount", s)
	}
	return decimal.NewFromString(t)
}

// maxNumberLen bounds the digits accepted in one cell, so that hostile input
// cannot make decimal arithmetic slow.
const maxNumberLen = 30

func plainNumber(s string) bool {
	if s == "" || len(s) > maxNumberLen {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// decodeCSVText returns a reader of UTF-8 text: a UTF-8 byte-order mark is
// dropped; otherwise text that is valid UTF-8 is taken as UTF-8, and anything
// else as GB18030 (what Excel in China writes for "CSV"). The whole input is
// read, since a valid-UTF-8 prefix does not prove the rest is UTF-8.
func decodeCSVText(r io.Reader) (io.Reader, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "csv", "", "read failed: %v", err)
	}
	if rest, ok := bytes.CutPrefix(b, []byte("\xEF\xBB\xBF")); ok {
		return bytes.NewReader(rest), nil
	}
	if utf8.Valid(b) {
		return bytes.NewReader(b), nil
	}
	u, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "csv", "", "text is neither UTF-8 nor GB18030: %v", err)
	}
	return bytes.NewReader(u), nil
}

// ImportCSV reads day-work slips from CSV text in UTF-8 (with or without a
// byte-order mark) or GB18030. The header row (within the first ten rows) names
// the columns in Chinese or English, in any order; unknown columns are ignored.
// Required columns: 日期/date, 项目/project, 工人编号/workerId, 工种/trade,
// 成本科目/costCode, and 工时/hours or 工日/workDays. Blank rows are skipped.
// Imported slips are drafts with no history; each is checked by Slip.Validate.
// A 单价/rate without a 计价单位/rateUnit is per work-day (元/工日).
//
// A bad row yields a RowError naming its row and column. With
// opts.AllOrNothing, any bad row makes ImportCSV return no slips, the row
// errors and an lanyan.ErrInvalid error; otherwise the good rows come back with
// the row errors and a nil error. err is also set for a file that cannot be
// read at all (no header row, a required column missing, broken quoting).
func ImportCSV(r io.Reader, opts ImportOptions) ([]Slip, []RowError, error) {
	text, err := decodeCSVText(r)
	if err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(bufio.NewReader(text))
	cr.FieldsPerRecord = -1 // ragged rows are common in hand-made sheets
	cr.ReuseRecord = true
	im := importer{opts: opts}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("row %d", pe.StartLine), "", "malformed CSV: %v", pe.Err)
			}
			return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, "csv", "", "read failed: %v", err)
		}
		line, _ := cr.FieldPos(0)
		if err := im.row(line, rec); err != nil {
			return nil, nil, err
		}
	}
	return im.finish(opts)
}

// slipBlock is how many slips an importer keeps in one block.
const slipBlock = 1024

// importer turns rows of cells into slips, shared by the CSV and XLSX readers.
type importer struct {
	seen    int // rows looked at while searching for the header
	haveHdr bool
	l       layout
	slips   []Slip   // the current block of slips, at most slipBlock
	blocks  [][]Slip // full blocks before it, joined by finish
	nslips  int      // slips in all
	errs    []RowError
	opts    ImportOptions
	// serialDates accepts Excel serial day numbers in the date column.
	serialDates bool
}

// row takes one row of cells numbered n (1-based). It returns an error only
// for a header that is present but unusable.
func (im *importer) row(n int, cells []string) error {
	if blankRow(cells) {
		return nil
	}
	if !im.haveHdr {
		im.seen++
		l, ok, err := readLayout(cells)
		if err != nil {
			return err
		}
		if ok {
			im.l, im.haveHdr = l, true
			return nil
		}
		if im.seen >= headerScanRows {
			return errNoHeader()
		}
		return nil
	}
	s, rerr := im.slip(n, cells)
	if rerr != nil {
		im.errs = append(im.errs, *rerr)
		return nil
	}
	if len(im.slips) == slipBlock {
		im.blocks = append(im.blocks, im.slips)
		im.slips = make([]Slip, 0, slipBlock)
	}
	im.slips = append(im.slips, s)
	im.nslips++
	return nil
}

func errNoHeader() error {
	return lanyan.Errorf(lanyan.CodeInvalid, "header", "", "no header row with a 日期/date column in the first %d rows", headerScanRows)
}

// finish applies the all-or-nothing choice.
func (im *importer) finish(opts ImportOptions) ([]Slip, []RowError, error) {
	if !im.haveHdr {
		return nil, nil, errNoHeader()
	}
	if len(im.errs) > 0 && opts.AllOrNothing {
		first := im.errs[0]
		return nil, im.errs, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("row %d", first.Row), first.Column,
			"%s (%d bad rows in all; nothing imported)", first.Message, len(im.errs))
	}
	if len(im.blocks) == 0 {
		if im.slips == nil {
			im.slips = []Slip{}
		}
		return im.slips, im.errs, nil
	}
	// One copy of every slip, where growing a single slice by append would
	// copy a large import several times over.
	out := make([]Slip, 0, im.nslips)
	for _, b := range im.blocks {
		out = append(out, b...)
	}
	return append(out, im.slips...), im.errs, nil
}

// fieldColumn maps Slip.Validate's field names to columns.
var fieldColumn = map[string]column{
	"id": colID, "date": colDate, "project": colProject, "worker": colWorkerID,
	"trade": colTrade, "costCode": colCostCode, "hours": colHours, "workDays": colWorkDays,
	"overtimeHours": colOvertimeHours, "rate": colRate,
}

// slip builds and validates the slip of row n.
func (im *importer) slip(n int, cells []string) (Slip, *RowError) {
	l := &im.l
	bad := func(c column, format string, args ...any) *RowError {
		h := l.header[c]
		if h == "" {
			h = columnNames[c][0]
		}
		return &RowError{Row: n, Column: h, Message: fmt.Sprintf(format, args...)}
	}
	get := func(c column) string { return l.cell(cells, c) }
	s := Slip{
		ID:              get(colID),
		Project:         get(colProject),
		Team:            get(colTeam),
		Subcontractor:   get(colSubcontractor),
		Worker:          Worker{ID: get(colWorkerID), Name: get(colWorkerName)},
		Trade:           get(colTrade),
		CostCode:        get(colCostCode),
		Activity:        get(colActivity),
		SiteInstruction: get(colVisaRef),
		Description:     get(colDescription),
		Reason:          get(colReason),
		Status:          StatusDraft,
	}
	if s.ID == "" {
		p := im.opts.IDPrefix
		if p == "" {
			p = "row-"
		}
		s.ID = p + strconv.Itoa(n)
	}
	v := get(colDate)
	if v == "" {
		return s, bad(colDate, "is empty")
	}
	d, err := im.date(v)
	if err != nil {
		return s, bad(colDate, "%v", err)
	}
	s.Date = d
	for _, q := range []struct {
		c   column
		dst *decimal.Decimal
	}{{colHours, &s.Hours}, {colWorkDays, &s.WorkDays}, {colOvertimeHours, &s.OvertimeHours}} {
		if v := get(q.c); v != "" {
			x, err := parseQuantity(v)
			if err != nil {
				return s, bad(q.c, "%v", err)
			}
			*q.dst = x
		}
	}
	if v := get(colRate); v != "" {
		a, err := parseMoney(v)
		if err != nil {
			return s, bad(colRate, "%v", err)
		}
		u, err := parseRateUnit(get(colRateUnit))
		if err != nil {
			return s, bad(colRateUnit, "%v", err)
		}
		s.Rate = Rate{Unit: u, Amount: a}
	} else if get(colRateUnit) != "" {
		return s, bad(colRateUnit, "is given without a rate")
	}
	if err := s.Validate(); err != nil {
		var le *lanyan.Error
		if errors.As(err, &le) {
			c, ok := fieldColumn[le.Field]
			if !ok {
				return s, &RowError{Row: n, Message: le.Message}
			}
			return s, bad(c, "%s", le.Message)
		}
		return s, &RowError{Row: n, Message: err.Error()}
	}
	return s, nil
}

// date parses a date cell; XLSX cells may also hold an Excel serial day number.
func (im *importer) date(v string) (date.Date, error) {
	if im.serialDates {
		if d, ok := excelSerialDate(v); ok {
			return d, nil
		}
	}
	return parseDate(v)
}

// parseRateUnit reads 计价单位: blank or 工日/天/day means per work-day, 小时/时/hour
// per hour; "元/" in front is allowed.
func parseRateUnit(s string) (RateUnit, error) {
	t := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "元/"))
	switch t {
	case "", "day", "工日", "天", "日":
		return PerDay, nil
	case "hour", "小时", "时", "工时", "h":
		return PerHour, nil
	}
	return "", fmt.Errorf("%q is not 工日/day or 小时/hour", s)
}
