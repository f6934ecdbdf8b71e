package labour

import (
	"errors"
	"github.com/rickb777/date/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
)

// china2025 is China's calendar around National Day 2025: 1–3 October and the
// Mid-Autumn Festival (6 October) are statutory holidays; 4–5 and 7–8 October
// are rest days; Sunday 28 September and Saturday 11 October are worked (调休).
var china2025 = Calendar{
	Holidays:  []date.Date{day(2025, 10, 1), day(2025, 10, 2), day(2025, 10, 3), day(2025, 10, 6)},
	RestDates: []date.Date{day(2025, 10, 7), day(2025, 10, 8)},
	Workdays:  []date.Date{day(2025, 9, 28), day(2025, 10, 11)},
}

// wantPay is a hand-computed pay: hours and amounts per bucket.
type wantPay struct {
	id              string
	workDays        string
	sH, oH, dH      string
	sA, oA, dA, tot string
}

func checkPays(t *testing.T, got []Pay, want []wantPay) {
	t.Helper()
	require.Len(t, got, len(want))
	for i, w := range want {
		g := got[i]
		assert.Equal(t, w.id, g.SlipID)
		for _, c := range []struct {
			name string
			want string
			got  interface{ String() string }
		}{
			{"workDays", w.workDays, g.WorkDays}, {"straight hours", w.sH, g.Hours.Straight},
			{"overtime hours", w.oH, g.Hours.Overtime}, {"double-time hours", w.dH, g.Hours.DoubleTime},
			{"straight amount", w.sA, g.Amounts.Straight}, {"overtime amount", w.oA, g.Amounts.Overtime},
			{"double-time amount", w.dA, g.Amounts.DoubleTime}, {"amount", w.tot, g.Amount},
		} {
			assert.True(t, dec(c.want).Equal(dec(c.got.String())), "%s %s: got %s, want %s", w.id, c.name, c.got, c.want)
		}
		assert.True(t, g.Amounts.Total().Equal(g.Amount), "%s: buckets sum to the amount", w.id)
	}
}

// TestChinaNationalDayWeek prices one worker's week of 29 Sep – 5 Oct 2025 at
// a day rate of 400 (50 an hour over 8 hours).
func TestChinaNationalDayWeek(t *testing.T) {
	rate := Rate{PerDay, dec("400")}
	slips := []Slip{
		slip("S1", "W1", day(2025, 9, 29), "10"), // Mon workday: 8 straight + 2 at 150%
		slip("S2", "W1", day(2025, 9, 30), "7"),  // Tue: 7 h → 1 work-day (nearest half, half up)
		slip("S3", "W1", day(2025, 10, 1), "8"),  // Wed National Day: 8 h at 300%
		slip("S4", "W1", day(2025, 10, 4), "4"),  // Sat rest day: 4 h at 200%
	}
	for i := range slips {
		slips[i].Rate = rate
	}
	got, err := ChinaRules().Price(slips, nil, china2025.Kind)
	require.NoError(t, err)
	checkPays(t, got, []wantPay{
		// 400 × 1 day + 400 × 2 h × 1.5 / 8 = 400 + 150
		{"S1", "1.5", "8", "2", "0", "400", "150", "0", "550"},
		{"S2", "1", "7", "0", "0", "400", "0", "0", "400"},
		// 400 × 8 × 3 / 8
		{"S3", "1", "0", "0", "8", "0", "0", "1200", "1200"},
		// 400 × 4 × 2 / 8
		{"S4", "0.5", "0", "0", "4", "0", "0", "400", "400"},
	})
	assert.Equal(t, Holiday, got[2].Day)
	assert.Equal(t, RestDay, got[3].Day)

	// Sunday 28 September is a make-up working day (调休): straight time.
	sun := slip("S5", "W2", day(2025, 9, 28), "8")
	sun.Rate = rate
	got, err = ChinaRules().Price([]Slip{sun}, nil, china2025.Kind)
	require.NoError(t, err)
	checkPays(t, got, []wantPay{{"S5", "1", "8", "0", "0", "400", "0", "0", "400"}})
}

// TestChinaHourlyRounding: 8.5 h at 33.33 an hour is 266.64 + 0.5 × 1.5 × 33.33
// = 266.64 + 24.9975 = 291.6375, rounded once to 291.64; the overtime bucket
// takes the cent by largest remainder.
func TestChinaHourlyRounding(t *testing.T) {
	s := slip("S1", "W1", day(2025, 9, 29), "8.5")
	s.Rate = Rate{PerHour, dec("33.33")}
	got, err := ChinaRules().Price([]Slip{s}, nil, china2025.Kind)
	require.NoError(t, err)
	checkPays(t, got, []wantPay{{"S1", "1", "8", "0.5", "0", "266.64", "25", "0", "291.64"}})
}

// TestSameDaySlips: two slips of one worker on one day are laid end to end in
// order of id, so the second crosses the 8-hour threshold.
func TestSameDaySlips(t *testing.T) {
	a := slip("S-b", "W1", day(2025, 9, 29), "4")
	b := slip("S-a", "W1", day(2025, 9, 29), "6")
	b.CostCode = "03-300"
	rt, err := NewRateTable([]RateEntry{{Trade: "rebar", From: day(2025, 1, 1), Rate: Rate{PerHour, dec("50")}}})
	require.NoError(t, err)
	got, err := ChinaRules().Price([]Slip{a, b}, rt, china2025.Kind)
	require.NoError(t, err)
	checkPays(t, got, []wantPay{
		// hours 6–10 of the day: 2 straight (100) + 2 at 150% (150)
		{"S-b", "0.5", "2", "2", "0", "100", "150", "0", "250"},
		{"S-a", "1", "6", "0", "0", "300", "0", "0", "300"},
	})
}

// TestCaliforniaWeek: 20 an hour; Mon 13 h, Tue 10 h, Wed–Fri 8 h, Sat 6 h.
// Daily: Mon 8 + 4 OT + 1 DT, Tue 8 + 2 OT. Weekly: straight reaches 40 on
// Friday, so Saturday's 6 h are overtime.
func TestCaliforniaWeek(t *testing.T) {
	hours := []string{"13", "10", "8", "8", "8", "6"}
	var slips []Slip
	for i, h := range hours {
		s := slip(string(rune('A'+i)), "W1", day(2025, 9, 29+i), h) // 29 Sep 2025 is a Monday
		s.Rate = Rate{PerHour, dec("20")}
		slips = append(slips, s)
	}
	got, err := CaliforniaRules(time.Monday).Price(slips, nil, nil)
	require.NoError(t, err)
	checkPays(t, got, []wantPay{
		{"A", "1.5", "8", "4", "1", "160", "120", "40", "320"},
		{"B", "1.5", "8", "2", "0", "160", "60", "0", "220"},
		{"C", "1", "8", "0", "0", "160", "0", "0", "160"},
		{"D", "1", "8", "0", "0", "160", "0", "0", "160"},
		{"E", "1", "8", "0", "0", "160", "0", "0", "160"},
		{"F", "1", "0", "6", "0", "0", "180", "0", "180"},
	})
}

// TestCaliforniaWeeklyInsideDay: 6 h on each of seven days; the weekly 40 is
// reached 4 hours into Sunday, the last day of a Monday week.
func TestCaliforniaWeeklyInsideDay(t *testing.T) {
	var slips []Slip
	for i := range 7 {
		s := slip(string(rune('A'+i)), "W1", day(2025, 9, 29+i), "6")
		s.Rate = Rate{PerHour, dec("20")}
		slips = append(slips, s)
	}
	// The next Monday starts a new week: straight again.
	next := slip("H", "W1", day(2025, 10, 6), "6")
	next.Rate = Rate{PerHour, dec("20")}
	slips = append(slips, next)
	got, err := CaliforniaRules(time.Monday).Price(slips, nil, nil)
	require.NoError(t, err)
	assert.True(t, got[5].Hours.Overtime.IsZero())
	checkPays(t, got[6:], []wantPay{
		{"G", "1", "4", "2", "0", "80", "60", "0", "140"},
		{"H", "1", "6", "0", "0", "120", "0", "0", "120"},
	})
}

func TestWorkDaysFromSlipDays(t *testing.T) {
	s := slip("S1", "W1", day(2025, 9, 29), "0")
	s.WorkDays = dec("1.5") // 12 h of an 8-hour day: 8 straight + 4 at 150%
	s.Rate = Rate{PerDay, dec("300")}
	got, err := ChinaRules().Price([]Slip{s}, nil, china2025.Kind)
	require.NoError(t, err)
	// 300 + 300 × 4 × 1.5 / 8 = 300 + 225
	checkPays(t, got, []wantPay{{"S1", "1.5", "8", "4", "0", "300", "225", "0", "525"}})
}

func TestPriceErrors(t *testing.T) {
	rs := ChinaRules()
	a := slip("S1", "W1", day(2025, 9, 29), "14")
	b := slip("S2", "W1", day(2025, 9, 29), "11")
	a.Rate, b.Rate = Rate{PerHour, dec("50")}, Rate{PerHour, dec("50")}
	_, err := rs.Price([]Slip{a, b}, nil, nil)
	assertErr(t, err, lanyan.ErrInvalid, `slip "S2"`, "hours")

	_, err = rs.Price([]Slip{a, a}, nil, nil)
	assertErr(t, err, lanyan.ErrInvalid, `slip "S1"`, "id")

	c := slip("S3", "W1", day(2025, 9, 29), "8")
	_, err = rs.Price([]Slip{c}, nil, nil)
	assertErr(t, err, lanyan.ErrNotFound, `slip "S3"`, "trade")

	bad := rs
	bad.Rules = append([]Rule(nil), rs.Rules...)
	bad.Rules[0].Multiplier = dec("0.5")
	_, err = bad.Price([]Slip{a}, nil, nil)
	assertErr(t, err, lanyan.ErrInvalid, `rule set "CN Labour Law art. 44"`, "rules[0].multiplier")
}

func assertErr(t *testing.T, err, sentinel error, record, field string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, sentinel)
	var le *lanyan.Error
	require.True(t, errors.As(err, &le))
	assert.Equal(t, record, le.Record)
	assert.Equal(t, field, le.Field)
}

func TestCalendarKind(t *testing.T) {
	assert.Equal(t, Workday, china2025.Kind(day(2025, 9, 29)))
	assert.Equal(t, Workday, china2025.Kind(day(2025, 9, 28)))
	assert.Equal(t, Holiday, china2025.Kind(day(2025, 10, 1)))
	assert.Equal(t, RestDay, china2025.Kind(day(2025, 10, 4)))
	assert.Equal(t, RestDay, china2025.Kind(day(2025, 10, 8)))
	assert.Equal(t, time.Wednesday, weekday(day(2025, 10, 1)))
}
