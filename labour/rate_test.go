package labour

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

func testRates(t *testing.T) *RateTable {
	t.Helper()
	rt, err := NewRateTable([]RateEntry{
		{Trade: "rebar", From: day(2025, 1, 1), To: day(2025, 6, 30), Rate: Rate{PerDay, dec("350")}},
		{Trade: "rebar", From: day(2025, 7, 1), Rate: Rate{PerDay, dec("400")}},
		{Trade: "rebar", Project: "P1", From: day(2025, 9, 1), Rate: Rate{PerDay, dec("420")}},
		{Trade: "rebar", Team: "T1", From: day(2025, 10, 1), Rate: Rate{PerHour, dec("55.50")}},
		{Trade: "formwork", From: day(2025, 1, 1), Rate: Rate{PerHour, dec("48")}},
	})
	require.NoError(t, err)
	return rt
}

func TestRateLookup(t *testing.T) {
	rt := testRates(t)
	tests := []struct {
		name string
		edit func(*Slip)
		want Rate
	}{
		{"trade, first period", func(s *Slip) { s.Date = day(2025, 6, 30); s.Project = "P2" }, Rate{PerDay, dec("350")}},
		{"trade, second period", func(s *Slip) { s.Date = day(2025, 7, 1); s.Project = "P2" }, Rate{PerDay, dec("400")}},
		{"project beats trade", func(s *Slip) { s.Date = day(2025, 9, 30) }, Rate{PerDay, dec("420")}},
		{"team beats project", func(s *Slip) { s.Date = day(2025, 10, 1) }, Rate{PerHour, dec("55.5")}},
		{"other team falls to project", func(s *Slip) { s.Date = day(2025, 10, 1); s.Team = "T2" }, Rate{PerDay, dec("420")}},
		{"override beats all", func(s *Slip) { s.Rate = Rate{PerHour, dec("60")} }, Rate{PerHour, dec("60")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := slip("S1", "W1", day(2025, 10, 1), "8")
			tt.edit(&s)
			got, err := rt.Lookup(s)
			require.NoError(t, err)
			assert.Equal(t, tt.want.Unit, got.Unit)
			assert.True(t, tt.want.Amount.Equal(got.Amount), "got %s", got.Amount)
		})
	}
	s := slip("S9", "W1", day(2024, 12, 31), "8")
	s.Project = "P2"
	_, err := rt.Lookup(s)
	assert.ErrorIs(t, err, lanyan.ErrNotFound)
	var le *lanyan.Error
	require.True(t, errors.As(err, &le))
	assert.Equal(t, `slip "S9"`, le.Record)
	assert.Equal(t, "trade", le.Field)
}

func TestNewRateTableErrors(t *testing.T) {
	ok := RateEntry{Trade: "rebar", From: day(2025, 1, 1), Rate: Rate{PerDay, dec("350")}}
	tests := []struct {
		name   string
		edit   func(*RateEntry)
		record string
		field  string
	}{
		{"no trade", func(e *RateEntry) { e.Trade = "" }, "rate 1", "trade"},
		{"team and project", func(e *RateEntry) { e.Team, e.Project = "T1", "P1" }, "rate 1", "project"},
		{"no from", func(e *RateEntry) { e.From = 0 }, "rate 1", "from"},
		{"to before from", func(e *RateEntry) { e.To = day(2024, 1, 1) }, "rate 1", "to"},
		{"fractional cent", func(e *RateEntry) { e.Amount = dec("350.001") }, "rate 1", "rate"},
		{"negative", func(e *RateEntry) { e.Amount = dec("-1") }, "rate 1", "rate"},
		{"overlap", func(e *RateEntry) { e.From = day(2025, 3, 1) }, `rate "rebar"`, "from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ok
			tt.edit(&e)
			_, err := NewRateTable([]RateEntry{ok, e})
			require.Error(t, err)
			assert.ErrorIs(t, err, lanyan.ErrInvalid)
			var le *lanyan.Error
			require.True(t, errors.As(err, &le))
			assert.Equal(t, tt.record, le.Record)
			assert.Equal(t, tt.field, le.Field)
		})
	}
}
