package labour

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

func exportFixture() []Slip {
	a := Slip{ID: "D-1", Date: date.New(2025, 3, 5), Project: "P1", Team: "钢筋一班", Subcontractor: "华建劳务",
		Worker: Worker{ID: "W001", Name: "张三"}, Trade: "钢筋工", Hours: impDec("7.5"), OvertimeHours: impDec("2"),
		Rate: Rate{Unit: PerHour, Amount: impDec("45.5")}, CostCode: "01-02", Activity: "A100",
		SiteInstruction: "QZ-7", Description: "搬运, \"加急\"", Reason: "设计变更"}
	b := Slip{ID: "D-2", Date: date.New(2025, 3, 6), Project: "P1", Worker: Worker{ID: "W002"}, Trade: "杂工",
		WorkDays: impDec("0.5"), CostCode: "01-03"}
	return []Slip{a, b}
}

func TestExportCSVText(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, ExportCSV(&buf, exportFixture()[1:], ExportOptions{English: true}))
	assert.Equal(t, "\uFEFFid,date,project,team,subcontractor,workerId,name,trade,hours,workDays,overtimeHours,rate,rateUnit,costCode,activity,visaRef,description,reason\n"+
		"D-2,2025-03-06,P1,,,W002,,杂工,,0.5,,,,01-03,,,,\n", buf.String())
}

func TestExportRoundTrip(t *testing.T) {
	want := exportFixture()
	for _, english := range []bool{false, true} {
		for name, pair := range map[string]struct {
			exp func(*bytes.Buffer, []Slip, ExportOptions) error
			imp func(*bytes.Buffer, ImportOptions) ([]Slip, []RowError, error)
		}{
			"csv": {
				func(b *bytes.Buffer, s []Slip, o ExportOptions) error { return ExportCSV(b, s, o) },
				func(b *bytes.Buffer, o ImportOptions) ([]Slip, []RowError, error) { return ImportCSV(b, o) },
			},
			"xlsx": {
				func(b *bytes.Buffer, s []Slip, o ExportOptions) error { return ExportXLSX(b, s, o) },
				func(b *bytes.Buffer, o ImportOptions) ([]Slip, []RowError, error) { return ImportXLSX(b, o) },
			},
		} {
			var buf bytes.Buffer
			require.NoError(t, pair.exp(&buf, want, ExportOptions{English: english}))
			got, rowErrs, err := pair.imp(&buf, ImportOptions{AllOrNothing: true})
			require.NoError(t, err, "%s english=%v", name, english)
			require.Empty(t, rowErrs)
			require.Len(t, got, len(want))
			for i := range want {
				w, g := want[i], got[i]
				w.Status = StatusDraft // status is not exported
				assert.True(t, w.Hours.Equal(g.Hours), "%s: hours %s", name, g.Hours)
				assert.True(t, w.WorkDays.Equal(g.WorkDays), "%s: workDays %s", name, g.WorkDays)
				assert.True(t, w.OvertimeHours.Equal(g.OvertimeHours), "%s: overtime %s", name, g.OvertimeHours)
				assert.True(t, w.Rate.Amount.Equal(g.Rate.Amount), "%s: rate %s", name, g.Rate.Amount)
				w.Hours, w.WorkDays, w.OvertimeHours, w.Rate.Amount = g.Hours, g.WorkDays, g.OvertimeHours, g.Rate.Amount
				assert.Equal(t, w, g, "%s english=%v", name, english)
			}
		}
	}
}

func TestExportInvalidWritesNothing(t *testing.T) {
	slips := exportFixture()
	slips[1].CostCode = ""
	var buf bytes.Buffer
	err := ExportCSV(&buf, slips, ExportOptions{})
	assert.True(t, errors.Is(err, lanyan.ErrInvalid))
	assert.Zero(t, buf.Len())
	err = ExportXLSX(&buf, slips, ExportOptions{})
	assert.True(t, errors.Is(err, lanyan.ErrInvalid))
	assert.Zero(t, buf.Len())
}
