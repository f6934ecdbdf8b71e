package labour

import (
	"io"
	"math"
	"strconv"

	"github.com/rickb777/date/v2"
)

// ImportXLSX reads day-work slips from an Excel workbook: the sheet named by
// opts.Sheet (matched ignoring case, as Excel does), or the first sheet.
// Headers, required columns, row errors and the all-or-nothing choice are as
// for [ImportCSV]; row numbers are the sheet's own. Date cells may be Excel
// dates (serial day numbers, time of day ignored) or text such as 2025-03-05.
// Rows are streamed, so memory grows with the slips kept, not the sheet's XML.
//
// A sheet that does not exist gives an lanyan.ErrNotFound error naming it; a
// file that is not a workbook, or whose sheet is malformed (bad XML, a shared
// string that does not exist, a row number out of order), gives an
// lanyan.ErrInvalid error naming the sheet and, where it can, the row, and no
// slips.
func ImportXLSX(r io.Reader, opts ImportOptions) ([]Slip, []RowError, error) {
	wb, err := openWorkbook(r)
	if err != nil {
		return nil, nil, err
	}
	rows, err := wb.openRows(opts.Sheet)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	im := importer{opts: opts, serialDates: true}
	for rows.Next() {
		if err := im.row(rows.Num, rows.Cells); err != nil {
			return nil, nil, err
		}
		if im.haveHdr && rows.Clip == 0 {
			rows.Clip = im.l.width() // later rows need no cells to the right of the header
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return im.finish(opts)
}

// excelSerialDate reads an Excel serial day number (1900 date system): 1 is
// 1900-01-01, and day 60 is the fictitious 1900-02-29, refused. A fraction is
// a time of day and is dropped.
func excelSerialDate(v string) (date.Date, bool) {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || x < 1 || x >= 2958466 { // 9999-12-31
		return 0, false
	}
	n := int(math.Floor(x))
	if n == 60 {
		return 0, false
	}
	if n > 60 {
		n-- // Excel counts 1900 as a leap year
	}
	// Day 1 is 1900-01-01.
	return date.New(1900, 1, 1) + date.Date(n-1), true
}
