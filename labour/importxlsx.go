package labour

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/rickb777/date/v2"
	"github.com/xuri/excelize/v2"

	"github.com/lanyan-dev/lanyan"
)

// ImportXLSX reads day-work slips from an Excel workbook: the sheet named by
// opts.Sheet, or the first sheet. Headers, required columns, row errors and the
// all-or-nothing choice are as for [ImportCSV]; row numbers are the sheet's
// own. Date cells may be Excel dates (serial day numbers, time of day ignored)
// or text such as 2025-03-05. Rows are streamed, so memory grows with the
// slips kept, not the sheet's XML.
func ImportXLSX(r io.Reader, opts ImportOptions) ([]Slip, []RowError, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, "xlsx", "", "cannot open workbook: %v", err)
	}
	defer f.Close()
	sheet := opts.Sheet
	if sheet == "" {
		sheet = f.GetSheetName(0)
		if list := f.GetSheetList(); len(list) > 0 {
			sheet = list[0]
		}
	}
	idx, err := f.GetSheetIndex(sheet)
	if err != nil || idx < 0 {
		return nil, nil, lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("sheet %q", sheet), "", "no such sheet in the workbook")
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("sheet %q", sheet), "", "cannot read rows: %v", err)
	}
	defer rows.Close()
	im := importer{opts: opts, serialDates: true}
	n := 0
	for rows.Next() {
		n++ // Next steps over absent rows one at a time, so n is the sheet's row number
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("sheet %q row %d", sheet, n), "", "cannot read row: %v", err)
		}
		if err := im.row(n, cells); err != nil {
			return nil, nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("sheet %q", sheet), "", "cannot read rows: %v", err)
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
