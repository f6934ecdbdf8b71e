package labour

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAggregate(t *testing.T) {
	mk := func(id, w, team string, d dateT, h, rate string) Slip {
		s := slip(id, w, d, h)
		s.Team = team
		s.Rate = Rate{PerHour, dec(rate)}
		return s
	}
	slips := []Slip{
		mk("S1", "W1", "T2", day(2025, 9, 29), "10", "50"), // 400 + 150 = 550
		mk("S2", "W2", "T1", day(2025, 9, 30), "8", "40"),  // 320
		mk("S3", "W1", "T2", day(2025, 10, 1), "8", "50"),  // holiday: 8 × 150 = 1200
		mk("S4", "W2", "T1", day(2025, 10, 4), "4", "40"),  // rest day: 4 × 80 = 320
	}
	pays, err := ChinaRules().Price(slips, nil, china2025.Kind)
	require.NoError(t, err)

	got, err := Aggregate(slips, pays, GroupBy{Team: true, Period: ByMonth})
	require.NoError(t, err)
	require.Len(t, got, 4)
	want := []struct {
		team, month      string
		slips            int
		workDays, amount string
		sH, oH, dH       string
	}{
		{"T1", "2025-09-01", 1, "1", "320", "8", "0", "0"},
		{"T1", "2025-10-01", 1, "0.5", "320", "0", "0", "4"},
		{"T2", "2025-09-01", 1, "1.5", "550", "8", "2", "0"},
		{"T2", "2025-10-01", 1, "1", "1200", "0", "0", "8"},
	}
	for i, w := range want {
		g := got[i]
		assert.Equal(t, w.team, g.Key.Team)
		assert.Equal(t, w.month, g.Key.Period.String())
		assert.Empty(t, g.Key.Project)
		assert.Equal(t, w.slips, g.Slips)
		assert.True(t, dec(w.workDays).Equal(g.WorkDays), "%d workDays %s", i, g.WorkDays)
		assert.True(t, dec(w.amount).Equal(g.Amount), "%d amount %s", i, g.Amount)
		assert.True(t, dec(w.sH).Equal(g.Hours.Straight), "%d", i)
		assert.True(t, dec(w.oH).Equal(g.Hours.Overtime), "%d", i)
		assert.True(t, dec(w.dH).Equal(g.Hours.DoubleTime), "%d", i)
	}

	// ISO weeks: 29 Sep – 5 Oct is one week.
	got, err = Aggregate(slips, pays, GroupBy{Period: ByWeek})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "2025-09-29", got[0].Key.Period.String())
	assert.Equal(t, 4, got[0].Slips)
	assert.True(t, dec("2390").Equal(got[0].Amount), "%s", got[0].Amount)
	assert.True(t, dec("1520").Equal(got[0].Amounts.DoubleTime), "%s", got[0].Amounts.DoubleTime)

	// Worker × day, sorted by worker then day.
	got, err = Aggregate(slips, pays, GroupBy{Worker: true, Period: ByDay})
	require.NoError(t, err)
	var keys []string
	for _, g := range got {
		keys = append(keys, g.Key.Worker+" "+g.Key.Period.String())
	}
	assert.Equal(t, []string{"W1 2025-09-29", "W1 2025-10-01", "W2 2025-09-30", "W2 2025-10-04"}, keys)

	_, err = Aggregate(slips, pays[:3], GroupBy{})
	require.Error(t, err)
	bad := append([]Pay(nil), pays...)
	bad[1].SlipID = "X"
	_, err = Aggregate(slips, bad, GroupBy{})
	assertErr(t, err, errInvalid, `slip "S2"`, "pay")
}

// TestAggregateMapPath checks that very many groups (beyond the dense array)
// give the same totals.
func TestAggregateMapPath(t *testing.T) {
	l := NewLedger()
	// 5,000 workers × 4,000 cost codes > maxDense cells, but only 5,000 slips.
	for i := range 5000 {
		s := slip(itoa(i), "W"+itoa(i), day(2025, 9, 29), "1")
		s.CostCode = "C" + itoa(i%4000)
		p := Pay{SlipID: s.ID, WorkDays: dec("0.5"), Hours: Buckets{Straight: dec("1")}, Amounts: Buckets{Straight: dec("10.01")}, Amount: dec("10.01")}
		require.NoError(t, l.Add(s, p))
	}
	got := l.Aggregate(GroupBy{Worker: true, CostCode: true})
	require.Len(t, got, 5000)
	for i := 1; i < len(got); i++ {
		a, b := got[i-1].Key, got[i].Key
		assert.True(t, a.Worker < b.Worker || a.Worker == b.Worker && a.CostCode < b.CostCode)
	}
	all := l.Aggregate(GroupBy{})
	require.Len(t, all, 1)
	assert.True(t, dec("50050").Equal(all[0].Amount))
}
