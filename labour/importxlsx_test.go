package labour

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/lanyan-dev/lanyan"
)

// impWorkbook writes rows to sheet (renaming the first sheet) and returns the
// workbook's bytes.
func impWorkbook(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		require.NoError(t, f.SetSheetName("Sheet1", sheet))
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow(sheet, cell, &r))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

func TestImportXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "汇总"))
	_, err := f.NewSheet("点工")
	require.NoError(t, err)
	rows := [][]any{
		{"三月点工单"}, // title row
		{"日期", "项目", "班组", "工人编号", "姓名", "工种", "工时", "工日", "单价", "计价单位", "成本科目", "签证单号"},
		{time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), "P1", "木工班", "W1", "赵六", "木工", 8, nil, 45.5, "小时", "C-01", "QZ-1"},
		{"2025-03-06", "P1", "木工班", "W1", "赵六", "木工", nil, "0.5", nil, nil, "C-01", nil},
		{}, // blank row 5
		{"2025-02-30", "P1", "", "W2", "", "木工", 8, nil, nil, nil, "C-01", nil}, // row 6 bad date
		{45722.75, "P2", "", "W3", "", "木工", 4, nil, nil, nil, "C-02", nil},     // serial with time: 2025-03-06
	}
	for i, r := range rows {
		require.NoError(t, f.SetSheetRow("点工", fmt.Sprintf("A%d", i+1), &r))
	}
	require.NoError(t, f.SetSheetRow("汇总", "A1", &[]any{"not", "slips"}))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))

	slips, rowErrs, err := ImportXLSX(bytes.NewReader(buf.Bytes()), ImportOptions{Sheet: "点工"})
	require.NoError(t, err)
	require.Len(t, rowErrs, 1)
	assert.Equal(t, RowError{Row: 6, Column: "日期", Message: `"2025-02-30" is not a date (want YYYY-MM-DD)`}, rowErrs[0])
	require.Len(t, slips, 3)

	assert.Equal(t, "row-3", slips[0].ID)
	assert.Equal(t, date.New(2025, 3, 5), slips[0].Date)
	assert.Equal(t, Worker{ID: "W1", Name: "赵六"}, slips[0].Worker)
	assert.True(t, slips[0].Hours.Equal(impDec("8")))
	assert.Equal(t, Rate{Unit: PerHour, Amount: impDec("45.5")}.Unit, slips[0].Rate.Unit)
	assert.True(t, slips[0].Rate.Amount.Equal(impDec("45.5")))
	assert.Equal(t, "QZ-1", slips[0].SiteInstruction)

	assert.Equal(t, date.New(2025, 3, 6), slips[1].Date)
	assert.True(t, slips[1].WorkDays.Equal(impDec("0.5")))

	assert.Equal(t, "row-7", slips[2].ID)
	assert.Equal(t, date.New(2025, 3, 6), slips[2].Date, "serial 45722 is 2025-03-06")

	// The first sheet has no header.
	_, _, err = ImportXLSX(bytes.NewReader(buf.Bytes()), ImportOptions{})
	assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
	// All or nothing.
	slips, rowErrs, err = ImportXLSX(bytes.NewReader(buf.Bytes()), ImportOptions{Sheet: "点工", AllOrNothing: true})
	assert.Error(t, err)
	assert.Nil(t, slips)
	assert.Len(t, rowErrs, 1)
	// No such sheet.
	_, _, err = ImportXLSX(bytes.NewReader(buf.Bytes()), ImportOptions{Sheet: "nope"})
	assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
	// Not a workbook.
	_, _, err = ImportXLSX(bytes.NewReader([]byte("date,project\n")), ImportOptions{})
	assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
}

func TestImportXLSXEnglishFirstSheet(t *testing.T) {
	b := impWorkbook(t, "Data", [][]any{
		{"date", "project", "workerId", "trade", "workDays", "costCode", "rate"},
		{"2025-04-01", "P9", "W7", "labourer", 1, "C9", 300},
	})
	slips, rowErrs, err := ImportXLSX(bytes.NewReader(b), ImportOptions{AllOrNothing: true})
	require.NoError(t, err)
	require.Empty(t, rowErrs)
	require.Len(t, slips, 1)
	assert.Equal(t, date.New(2025, 4, 1), slips[0].Date)
	assert.True(t, slips[0].WorkDays.Equal(impDec("1")))
	assert.Equal(t, PerDay, slips[0].Rate.Unit)
	assert.True(t, slips[0].Rate.Amount.Equal(impDec("300")))
}

func TestExcelSerialDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want date.Date
		ok   bool
	}{
		{"1", date.New(1900, 1, 1), true},
		{"59", date.New(1900, 2, 28), true},
		{"60", 0, false}, // Excel's 1900-02-29
		{"61", date.New(1900, 3, 1), true},
		{"45658", date.New(2025, 1, 1), true},
		{"45658.999", date.New(2025, 1, 1), true},
		{"0", 0, false},
		{"-3", 0, false},
		{"NaN", 0, false},
		{"2025-01-01", 0, false},
	} {
		got, ok := excelSerialDate(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

// bench100kWorkbook writes a 100,000-row slip workbook with the stream writer.
func bench100kWorkbook(b *testing.B) []byte {
	const n = 100_000
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(b, err)
	require.NoError(b, sw.SetRow("A1", []any{"单号", "日期", "项目", "班组", "工人编号", "姓名", "工种", "工时", "加班工时", "单价", "成本科目", "签证单号", "说明"}))
	start := date.New(2025, 1, 1)
	for i := range n {
		d := start + date.Date(i%365)
		row := []any{fmt.Sprintf("D-%06d", i), d.String(), fmt.Sprintf("P%d", i%5), "一班", fmt.Sprintf("W%04d", i%2000), "张三",
			"钢筋工", 8, 1.5, 350, "01-02-03", "QZ-1", "搬运"}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		require.NoError(b, sw.SetRow(cell, row))
	}
	require.NoError(b, sw.Flush())
	var buf bytes.Buffer
	require.NoError(b, f.Write(&buf))
	f.Close()
	return buf.Bytes()
}

// BenchmarkImportXLSX100k imports a 100,000-row workbook (written once with
// excelize's stream writer).
func BenchmarkImportXLSX100k(b *testing.B) {
	const n = 100_000
	data := bench100kWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		slips, rowErrs, err := ImportXLSX(bytes.NewReader(data), ImportOptions{AllOrNothing: true})
		if err != nil || len(rowErrs) > 0 || len(slips) != n {
			b.Fatalf("err %v, %d row errors, %d slips", err, len(rowErrs), len(slips))
		}
	}
}

// BenchmarkXLSXRowsOnly100k measures the workbook reader alone on the
// workbook of BenchmarkImportXLSX100k, the floor under that benchmark.
func BenchmarkXLSXRowsOnly100k(b *testing.B) {
	data := bench100kWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		wb, err := openWorkbook(bytes.NewReader(data))
		require.NoError(b, err)
		rows, err := wb.openRows("Sheet1")
		require.NoError(b, err)
		n := 0
		for rows.Next() {
			n++
		}
		require.NoError(b, rows.Err())
		rows.Close()
		if n != 100_001 {
			b.Fatalf("%d rows", n)
		}
	}
}

// BenchmarkXLSXRowsExcelize100k measures excelize's streaming row reader,
// which ImportXLSX used before, on the same workbook, for comparison.
func BenchmarkXLSXRowsExcelize100k(b *testing.B) {
	data := bench100kWorkbook(b)
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		require.NoError(b, err)
		rows, err := f.Rows("Sheet1")
		require.NoError(b, err)
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != 100_001 {
			b.Fatalf("%d rows", n)
		}
	}
}
