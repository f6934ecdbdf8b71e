package labour

import (
	"errors"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

func TestCostLines(t *testing.T) {
	d := date.New(2025, 3, 5)
	mk := func(id, project, code string, d date.Date, st Status) Slip {
		s := chkSlip(id, "W"+id, project, d, "8")
		s.CostCode, s.Status = code, st
		return s
	}
	slips := []Slip{
		mk("S3", "P1", "01-02", d, StatusApproved),
		mk("S1", "P1", "01-02", d, StatusApproved),
		mk("S2", "P1", "01-01", d+1, StatusApproved),
		mk("S4", "P1", "01-02", d+1, StatusApproved),
		mk("S5", "P1", "01-02", d, StatusVerified), // not approved
		mk("S6", "P0", "01-02", d, StatusApproved),
	}
	amounts := []string{"350.25", "0.75", "100", "45.10", "999", "12.34"}
	pays := make([]Pay, len(slips))
	for i := range slips {
		pays[i] = Pay{SlipID: slips[i].ID, Amount: impDec(amounts[i])}
	}
	got, err := CostLines(slips, pays)
	require.NoError(t, err)
	want := []struct {
		project, code string
		d             date.Date
		amount        string
		ids           []string
	}{
		{"P0", "01-02", d, "12.34", []string{"S6"}},
		{"P1", "01-01", d + 1, "100", []string{"S2"}},
		{"P1", "01-02", d, "351.00", []string{"S1", "S3"}}, // 350.25 + 0.75
		{"P1", "01-02", d + 1, "45.10", []string{"S4"}},
	}
	require.Len(t, got, len(want))
	for i, w := range want {
		assert.Equal(t, w.project, got[i].Project)
		assert.Equal(t, w.code, got[i].CostCode)
		assert.Equal(t, w.d, got[i].Date)
		assert.True(t, got[i].Amount.Equal(impDec(w.amount)), "line %d: %s", i, got[i].Amount)
		assert.Equal(t, w.ids, got[i].SlipIDs)
	}

	_, err = CostLines(slips, pays[1:])
	assert.True(t, errors.Is(err, lanyan.ErrInvalid))
	pays[0].Amount = impDec("0.001")
	_, err = CostLines(slips, pays)
	var le *lanyan.Error
	require.True(t, errors.As(err, &le))
	assert.Equal(t, `slip "S3"`, le.Record)
	assert.Equal(t, "amount", le.Field)
}
