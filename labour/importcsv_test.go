package labour

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lanyan-dev/lanyan"
)

const zhCSV = "单号,日期,项目,班组,劳务分包,工人编号,姓名,工种,工时,工日,加班工时,单价,成本科目,签证单号,说明\n" +
	"D-1,2025-03-05,P1,钢筋一班,华建劳务,W001,张三,钢筋工,8,,2,350,01-02,QZ-7,搬运钢筋\n" +
	"D-2,2025/3/6,P1,钢筋一班,华建劳务,W002,李四,钢筋工,,1.5,,,01-02,,\n"

func impDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestImportCSVEncodings(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(zhCSV)
	require.NoError(t, err)
	require.False(t, bytes.Equal([]byte(gb), []byte(zhCSV)), "GB18030 bytes differ from UTF-8")
	for name, in := range map[string]string{
		"utf8":     zhCSV,
		"utf8-bom": "\uFEFF" + zhCSV,
		"gb18030":  gb,
	} {
		t.Run(name, func(t *testing.T) {
			slips, rowErrs, err := ImportCSV(strings.NewReader(in), ImportOptions{AllOrNothing: true})
			require.NoError(t, err)
			require.Empty(t, rowErrs)
			require.Len(t, slips, 2)
			s := slips[0]
			assert.Equal(t, "D-1", s.ID)
			assert.Equal(t, date.New(2025, time.March, 5), s.Date)
			assert.Equal(t, "P1", s.Project)
			assert.Equal(t, "钢筋一班", s.Team)
			assert.Equal(t, "华建劳务", s.Subcontractor)
			assert.Equal(t, Worker{ID: "W001", Name: "张三"}, s.Worker)
			assert.Equal(t, "钢筋工", s.Trade)
			assert.True(t, s.Hours.Equal(impDec("8")))
			assert.True(t, s.WorkDays.IsZero())
			assert.True(t, s.OvertimeHours.Equal(impDec("2")))
			assert.Equal(t, PerDay, s.Rate.Unit)
			assert.True(t, s.Rate.Amount.Equal(impDec("350")))
			assert.Equal(t, "01-02", s.CostCode)
			assert.Equal(t, "QZ-7", s.SiteInstruction)
			assert.Equal(t, "搬运钢筋", s.Description)
			assert.Equal(t, StatusDraft, s.Status)

			s = slips[1]
			assert.Equal(t, date.New(2025, time.March, 6), s.Date)
			assert.True(t, s.WorkDays.Equal(impDec("1.5")))
			assert.True(t, s.Rate.IsZero())
		})
	}
}

func TestImportCSVEnglishHeadersAnyOrderTitleRow(t *testing.T) {
	in := "Day-work slips, March\n" +
		"\n" +
		"No.,workerId,Date,project,cost_code,trade,hours,rate,rateUnit,name\n" +
		"1,W9,2025-01-31,P2,C1,mason,7.5,\"¥1,200.50\",小时,王五\n" +
		",,,,,,,,,\n"
	slips, rowErrs, err := ImportCSV(strings.NewReader(in), ImportOptions{IDPrefix: "imp-"})
	require.NoError(t, err)
	require.Empty(t, rowErrs)
	require.Len(t, slips, 1)
	s := slips[0]
	assert.Equal(t, "imp-4", s.ID, "id made from the row number (line 4)")
	assert.Equal(t, date.New(2025, time.January, 31), s.Date)
	assert.Equal(t, "王五", s.Worker.Name)
	assert.True(t, s.Hours.Equal(impDec("7.5")))
	assert.Equal(t, PerHour, s.Rate.Unit)
	assert.True(t, s.Rate.Amount.Equal(impDec("1200.50")))
}

const badCSV = "日期,项目,工人编号,工种,工时,成本科目\n" +
	"2025-03-05,P1,W1,木工,8,C1\n" + // row 2 good
	"2025-02-29,P1,W2,木工,8,C1\n" + // row 3: no 29 Feb in 2025
	"2025-03-05,P1,W3,木工,8h,C1\n" + // row 4: not a number
	"2025-03-05,P1,W4,木工,25,C1\n" + // row 5: over 24 (Slip.Validate)
	"2025-03-05,P1,,木工,8,C1\n" + // row 6: no worker
	"2025-03-07,P1,W5,木工,4,C1\n" // row 7 good

func TestImportCSVBadRows(t *testing.T) {
	wantErrs := []RowError{
		{Row: 3, Column: "日期"},
		{Row: 4, Column: "工时"},
		{Row: 5, Column: "工时"},
		{Row: 6, Column: "工人编号"},
	}
	check := func(t *testing.T, got []RowError) {
		require.Len(t, got, len(wantErrs))
		for i, w := range wantErrs {
			assert.Equal(t, w.Row, got[i].Row, "error %d: %v", i, got[i])
			assert.Equal(t, w.Column, got[i].Column, "error %d: %v", i, got[i])
			assert.NotEmpty(t, got[i].Message)
		}
	}
	t.Run("good rows kept", func(t *testing.T) {
		slips, rowErrs, err := ImportCSV(strings.NewReader(badCSV), ImportOptions{})
		require.NoError(t, err)
		check(t, rowErrs)
		require.Len(t, slips, 2)
		assert.Equal(t, "W1", slips[0].Worker.ID)
		assert.Equal(t, "row-2", slips[0].ID)
		assert.Equal(t, "W5", slips[1].Worker.ID)
		assert.Equal(t, "row 3: 日期: \"2025-02-29\" is not a date (want YYYY-MM-DD)", rowErrs[0].Error())
	})
	t.Run("all or nothing", func(t *testing.T) {
		slips, rowErrs, err := ImportCSV(strings.NewReader(badCSV), ImportOptions{AllOrNothing: true})
		require.Error(t, err)
		assert.True(t, errors.Is(err, lanyan.ErrInvalid))
		assert.Contains(t, err.Error(), "row 3: 日期:")
		assert.Contains(t, err.Error(), "4 bad rows")
		assert.Nil(t, slips)
		check(t, rowErrs)
	})
}

func TestImportCSVFileErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"no header":      "a,b\n1,2\n",
		"missing trade":  "日期,项目,工人编号,工时,成本科目\n2025-03-05,P1,W1,8,C1\n",
		"no time column": "日期,项目,工人编号,工种,成本科目\n2025-03-05,P1,W1,木工,C1\n",
		"twice":          "日期,date,项目,工人编号,工种,工时,成本科目\n",
		"bad quote":      "日期,项目,工人编号,工种,工时,成本科目\n\"2025-03-05,P1\n",
	} {
		t.Run(name, func(t *testing.T) {
			slips, _, err := ImportCSV(strings.NewReader(in), ImportOptions{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid), "%v", err)
			assert.Nil(t, slips)
		})
	}
}

func TestParseDateStrict(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want date.Date
		ok   bool
	}{
		{"2024-02-29", date.New(2024, 2, 29), true},
		{"2025-02-29", 0, false},
		{"2025-13-01", 0, false},
		{"2025/3/5", date.New(2025, 3, 5), true},
		{"2025年3月5日", date.New(2025, 3, 5), true},
		{"05/03/2025", 0, false},
		{"", 0, false},
	} {
		got, err := parseDate(tc.in)
		if !tc.ok {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestPlainNumber(t *testing.T) {
	for in, want := range map[string]bool{
		"8": true, "-1.5": true, "+.5": true, "1.": true,
		"": false, ".": false, "1e3": false, "1.2.3": false, "NaN": false, "1,000": false,
		strings.Repeat("9", 31): false,
	} {
		assert.Equal(t, want, plainNumber(in), in)
	}
}

// FuzzImportCSV checks that the CSV reader never panics, and that whatever it
// accepts is a valid slip or a located row error.
func FuzzImportCSV(f *testing.F) {
	f.Add([]byte(zhCSV))
	f.Add([]byte(badCSV))
	f.Add([]byte("\xEF\xBB\xBFdate,project,workerId,trade,hours,costCode\n2025-01-01,P,W,T,1,C\n"))
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(zhCSV)
	f.Add([]byte(gb))
	f.Add([]byte("日期,项目,工人编号,工种,工日,成本科目,单价,计价单位\n2025-01-01,P,W,T,1,C,1e9,月\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, aon := range []bool{false, true} {
			slips, rowErrs, err := ImportCSV(bytes.NewReader(in), ImportOptions{AllOrNothing: aon})
			if err != nil {
				if slips != nil {
					t.Fatalf("slips returned with error %v", err)
				}
				continue
			}
			for _, s := range slips {
				if verr := s.Validate(); verr != nil {
					t.Fatalf("imported slip is invalid: %v", verr)
				}
			}
			for _, re := range rowErrs {
				if re.Row < 1 {
					t.Fatalf("row error without a row: %v", re)
				}
			}
			if aon && len(rowErrs) > 0 {
				t.Fatalf("all-or-nothing with row errors but no error")
			}
		}
	})
}

// TestImportCSVManySlips crosses the importer's block size: every slip comes
// back, in row order.
func TestImportCSVManySlips(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,date,project,workerId,trade,hours,costCode\n")
	const n = 2*slipBlock + 7
	for i := range n {
		fmt.Fprintf(&b, "S%d,2025-03-05,P1,W1,木工,8,C1\n", i)
	}
	slips, rowErrs, err := ImportCSV(strings.NewReader(b.String()), ImportOptions{AllOrNothing: true})
	require.NoError(t, err)
	require.Empty(t, rowErrs)
	require.Len(t, slips, n)
	for i, s := range slips {
		require.Equal(t, fmt.Sprintf("S%d", i), s.ID)
	}
}
