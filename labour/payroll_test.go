package labour

import (
	"errors"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

// payrollFixture: W1 works in January and February, takes an advance and two
// payments; W2 works one day in February and is paid nothing.
func payrollFixture() PayrollInput {
	mk := func(id, w, name string, d date.Date, st Status) Slip {
		s := chkSlip(id, w, "P1", d, "8")
		s.Worker.Name, s.Status = name, st
		return s
	}
	slips := []Slip{
		mk("S1", "W1", "张三", date.New(2025, 1, 10), StatusApproved),
		mk("S2", "W1", "张三", date.New(2025, 1, 20), StatusApproved),
		mk("S3", "W1", "张三", date.New(2025, 1, 11), StatusSubmitted), // not approved: no accrual
		mk("S4", "W1", "张三", date.New(2025, 2, 3), StatusApproved),
		mk("S5", "W2", "李四", date.New(2025, 2, 28), StatusApproved),
	}
	amounts := []string{"300.00", "350.50", "999.00", "300", "280.00"}
	pays := make([]Pay, len(slips))
	for i := range slips {
		pays[i] = Pay{SlipID: slips[i].ID, Amount: impDec(amounts[i])}
	}
	return PayrollInput{
		Slips: slips, Pays: pays,
		Advances: []WagePayment{{WorkerID: "W1", Date: date.New(2025, 1, 25), Amount: impDec("200")}},
		Payments: []WagePayment{
			{WorkerID: "W1", Date: date.New(2025, 2, 14), Amount: impDec("400.00")},
			{WorkerID: "W1", Date: date.New(2025, 3, 20), Amount: impDec("100")},
		},
	}
}

func TestBuildPayroll(t *testing.T) {
	p, err := BuildPayroll(payrollFixture())
	require.NoError(t, err)
	want := []struct {
		worker, name              string
		month                     date.Date
		accrued, adv, paid, owing string
		slips                     []string
	}{
		{"W1", "张三", date.New(2025, 1, 1), "650.50", "200", "0", "450.50", []string{"S1", "S2"}},
		{"W1", "张三", date.New(2025, 2, 1), "300", "0", "400", "350.50", []string{"S4"}},
		{"W1", "张三", date.New(2025, 3, 1), "0", "0", "100", "250.50", nil},
		{"W2", "李四", date.New(2025, 2, 1), "280", "0", "0", "280", []string{"S5"}},
	}
	require.Len(t, p.Lines, len(want))
	for i, w := range want {
		l := p.Lines[i]
		assert.Equal(t, w.worker, l.WorkerID, "line %d", i)
		assert.Equal(t, w.name, l.WorkerName, "line %d", i)
		assert.Equal(t, w.month, l.Month, "line %d", i)
		assert.True(t, l.Accrued.Equal(impDec(w.accrued)), "line %d accrued %s", i, l.Accrued)
		assert.True(t, l.Advances.Equal(impDec(w.adv)), "line %d advances %s", i, l.Advances)
		assert.True(t, l.Paid.Equal(impDec(w.paid)), "line %d paid %s", i, l.Paid)
		assert.True(t, l.Balance.Equal(impDec(w.owing)), "line %d balance %s", i, l.Balance)
		assert.Equal(t, w.slips, l.SlipIDs, "line %d", i)
	}
}

func TestPayrollArrears(t *testing.T) {
	p, err := BuildPayroll(payrollFixture())
	require.NoError(t, err)
	type want struct {
		worker, amount string
		oldest, since  date.Date
		days           int
	}
	for _, tc := range []struct {
		today date.Date
		want  []want
	}{
		// January's wages are due 15 Feb, February's 15 March.
		{date.New(2025, 2, 15), nil},
		// 650.50 accrued in January − 600 paid by then = 50.50, 1 day late.
		{date.New(2025, 2, 16), []want{{"W1", "50.50", date.New(2025, 1, 1), date.New(2025, 2, 15), 1}}},
		{date.New(2025, 3, 15), []want{{"W1", "50.50", date.New(2025, 1, 1), date.New(2025, 2, 15), 28}}},
		// Now February is due too: W1 50.50 + 300; W2 280.
		{date.New(2025, 3, 16), []want{
			{"W1", "350.50", date.New(2025, 1, 1), date.New(2025, 2, 15), 29},
			{"W2", "280", date.New(2025, 2, 1), date.New(2025, 3, 15), 1},
		}},
		// The 100 paid on 20 March clears January; 950.50 − 700 = 250.50 of February is left.
		// Largest amount first.
		{date.New(2025, 3, 21), []want{
			{"W2", "280", date.New(2025, 2, 1), date.New(2025, 3, 15), 6},
			{"W1", "250.50", date.New(2025, 2, 1), date.New(2025, 3, 15), 6},
		}},
	} {
		got := p.Arrears(tc.today)
		require.Len(t, got, len(tc.want), "today %s: %+v", tc.today, got)
		for i, w := range tc.want {
			g := got[i]
			assert.Equal(t, w.worker, g.WorkerID, "today %s", tc.today)
			assert.True(t, g.Amount.Equal(impDec(w.amount)), "today %s: %s %s", tc.today, g.WorkerID, g.Amount)
			assert.Equal(t, w.oldest, g.OldestMonth, "today %s", tc.today)
			assert.Equal(t, w.since, g.Since, "today %s", tc.today)
			assert.Equal(t, w.days, g.DaysOverdue, "today %s", tc.today)
		}
	}
}

func TestPayrollPayDate(t *testing.T) {
	in := payrollFixture()
	in.PayDay = 31
	p, err := BuildPayroll(in)
	require.NoError(t, err)
	assert.Equal(t, date.New(2025, 2, 28), p.PayDate(date.New(2025, 1, 17)))
	assert.Equal(t, date.New(2024, 2, 29), p.PayDate(date.New(2024, 1, 1)))
	assert.Equal(t, date.New(2025, 1, 31), p.PayDate(date.New(2024, 12, 31)))
	p, err = BuildPayroll(payrollFixture())
	require.NoError(t, err)
	assert.Equal(t, date.New(2025, 1, 15), p.PayDate(date.New(2024, 12, 31)))
}

func TestBuildPayrollErrors(t *testing.T) {
	for _, tc := range []struct {
		name          string
		edit          func(*PayrollInput)
		record, field string
	}{
		{"short pays", func(in *PayrollInput) { in.Pays = in.Pays[1:] }, "pays", ""},
		{"pay order", func(in *PayrollInput) { in.Pays[0], in.Pays[1] = in.Pays[1], in.Pays[0] }, "pay 0", "slipId"},
		{"bad pay day", func(in *PayrollInput) { in.PayDay = 32 }, "payroll", "payDay"},
		{"negative advance", func(in *PayrollInput) { in.Advances[0].Amount = impDec("-1") }, "advance 0", "amount"},
		{"fraction of a cent", func(in *PayrollInput) { in.Payments[1].Amount = impDec("0.001") }, "payment 1", "amount"},
		{"no worker", func(in *PayrollInput) { in.Payments[0].WorkerID = "" }, "payment 0", "workerId"},
		{"no date", func(in *PayrollInput) { in.Payments[0].Date = 0 }, "payment 0", "date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := payrollFixture()
			tc.edit(&in)
			p, err := BuildPayroll(in)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.True(t, errors.Is(err, lanyan.ErrInvalid))
			var le *lanyan.Error
			require.True(t, errors.As(err, &le))
			assert.Equal(t, tc.record, le.Record)
			assert.Equal(t, tc.field, le.Field)
		})
	}
}
