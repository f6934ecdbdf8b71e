package labour

import (
	"bytes"
	"encoding/csv"
	"io"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/lanyan-dev/lanyan"
)

// ExportOptions control ExportCSV and ExportXLSX.
type ExportOptions struct {
	// English writes the English headers (date, project, …); the default is
	// the Chinese ones (日期, 项目, …). ImportCSV and ImportXLSX read both.
	English bool
	// Sheet names the XLSX worksheet; empty means "点工单" (or "Slips" with
	// English headers). CSV ignores it.
	Sheet string
}

// exportColumns is the column order of exported files.
var exportColumns = []column{
	colID, colDate, colProject, colTeam, colSubcontractor, colWorkerID, colWorkerName, colTrade,
	colHours, colWorkDays, colOvertimeHours, colRate, colRateUnit, colCostCode, colActivity,
	colVisaRef, colDescription, colReason,
}

func exportHeader(english bool) []string {
	h := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		h[i] = columnNames[c][0]
		if english {
			h[i] = columnNames[c][1]
		}
	}
	return h
}

// exportRow renders a slip's cells: dates as YYYY-MM-DD, zero quantities blank.
func exportRow(s *Slip, english bool) []string {
	q := func(d decimal.Decimal) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	var rate, unit string
	if !s.Rate.IsZero() {
		rate = s.Rate.Amount.StringFixed(2)
		unit = map[RateUnit]string{PerDay: "工日", PerHour: "小时"}[s.Rate.Unit]
		if english {
			unit = string(s.Rate.Unit)
		}
	}
	row := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		var v string
		switch c {
		case colID:
			v = s.ID
		case colDate:
			v = s.Date.String()
		case colProject:
			v = s.Project
		case colTeam:
			v = s.Team
		case colSubcontractor:
			v = s.Subcontractor
		case colWorkerID:
			v = s.Worker.ID
		case colWorkerName:
			v = s.Worker.Name
		case colTrade:
			v = s.Trade
		case colHours:
			v = q(s.Hours)
		case colWorkDays:
			v = q(s.WorkDays)
		case colOvertimeHours:
			v = q(s.OvertimeHours)
		case colRate:
			v = rate
		case colRateUnit:
			v = unit
		case colCostCode:
			v = s.CostCode
		case colActivity:
			v = s.Activity
		case colVisaRef:
			v = s.SiteInstruction
		case colDescription:
			v = s.Description
		case colReason:
			v = s.Reason
		}
		row[i] = v
	}
	return row
}

func validateAll(slips []Slip) error {
	for i := range slips {
		if err := slips[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}

// ExportCSV writes slips as UTF-8 CSV with a byte-order mark (so that Excel
// opens it as UTF-8), one header row and one row per slip, in the columns that
// ImportCSV reads back. Status and history are not exported. Every slip is
// validated first; on any error nothing is written.
func ExportCSV(w io.Writer, slips []Slip, opts ExportOptions) error {
	if err := validateAll(slips); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	_ = cw.Write(exportHeader(opts.English)) // writes to a bytes.Buffer cannot fail
	for i := range slips {
		_ = cw.Write(exportRow(&slips[i], opts.English))
	}
	cw.Flush()
	if _, err := w.Write(buf.Bytes()); err != nil {
		return lanyan.Errorf(lanyan.CodeInternal, "csv", "", "write failed: %v", err)
	}
	return nil
}

// ExportXLSX writes slips as an Excel workbook of one sheet, in the columns
// that ImportXLSX reads back: text cells, except hours, work-days and rates,
// which are numbers (exact: they have at most three decimal places). Every
// slip is validated first; on any error nothing is written.
func ExportXLSX(w io.Writer, slips []Slip, opts ExportOptions) error {
	if err := validateAll(slips); err != nil {
		return err
	}
	sheet := opts.Sheet
	if sheet == "" {
		sheet = "点工单"
		if opts.English {
			sheet = "Slips"
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return lanyan.Errorf(lanyan.CodeInvalid, "export", "sheet", "%v", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return lanyan.Errorf(lanyan.CodeInternal, "xlsx", "", "%v", err)
	}
	fail := func(err error) error { return lanyan.Errorf(lanyan.CodeInternal, "xlsx", "", "write failed: %v", err) }
	cells := make([]any, len(exportColumns))
	for i, h := range exportHeader(opts.English) {
		cells[i] = h
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return fail(err)
	}
	for r := range slips {
		for i, v := range exportRow(&slips[r], opts.English) {
			cells[i] = v
			switch exportColumns[i] {
			case colHours, colWorkDays, colOvertimeHours, colRate:
				if v != "" {
					if d, err := decimal.NewFromString(v); err == nil {
						cells[i], _ = d.Float64()
					}
				}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return lanyan.Errorf(lanyan.CodeInvalid, "export", "", "too many slips for one sheet: %v", err)
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return fail(err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fail(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fail(err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fail(err)
	}
	return nil
}
