package labour

import (
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

// benchLedger fills a ledger with n synthetic priced slips directly in its
// columns (interning each name once), as Add would leave them: 20 projects of
// 5 teams each, 30 trades, 5,000 workers, 200 cost codes over three years
// (project × team × trade × month: 108,000 groups).
func benchLedger(n int) *Ledger {
	l := NewLedger()
	sizes := [numDims]int{20, 100, 10, 5000, 30, 200}
	prefixes := [numDims]string{"P", "T", "SC", "W", "trade", "C"}
	for d := range numDims {
		for i := range sizes[d] {
			l.dicts[d].id(fmt.Sprintf("%s%04d", prefixes[d], (i*7919)%sizes[d]))
		}
		l.cols[d] = make([]int32, n)
	}
	l.day = make([]date.Date, n)
	l.halves = make([]int32, n)
	for b := range numBuckets {
		l.milli[b] = make([]int32, n)
		l.cents[b] = make([]int64, n)
	}
	start := date.New(2024, time.January, 1)
	x := uint64(88172645463325252)
	for i := range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		for d := range numDims {
			l.cols[d][i] = int32((x >> (d * 9)) % uint64(sizes[d]))
		}
		// Each team works on one project: five teams a project.
		l.cols[dimTeam][i] = l.cols[dimProject][i]*5 + int32(x>>50%5)
		l.day[i] = start + date.Date(x>>40%1096)
		l.halves[i] = 2
		l.milli[0][i] = 8000
		l.milli[1][i] = int32(x>>20%3) * 1000
		l.cents[0][i] = 40000
		l.cents[1][i] = int64(l.milli[1][i]) * 75 / 10
	}
	l.minDay, l.maxDay = start, start+1095
	return l
}

// BenchmarkAggregate10M aggregates 10 million slips by project × team × trade
// × month (target ≤ 1 s on 2 cores).
func BenchmarkAggregate10M(b *testing.B) {
	l := benchLedger(10_000_000)
	by := GroupBy{Project: true, Team: true, Trade: true, Period: ByMonth}
	b.ResetTimer()
	for b.Loop() {
		if len(l.Aggregate(by)) == 0 {
			b.Fatal("no groups")
		}
	}
}

// benchWeeks returns slips of 200,000 workers × 5 days (1M worker-days) in one
// Monday week containing the National Day holiday, at hourly rates, and the
// integer form Price works on.
func benchSlips(workers int) []Slip {
	slips := make([]Slip, 0, workers*5)
	hours := []string{"8", "10.5", "8", "12", "4"} // Mon, Tue, Wed (1 Oct), Thu, Sat
	days := []date.Date{day(2025, 9, 29), day(2025, 9, 30), day(2025, 10, 1), day(2025, 10, 2), day(2025, 10, 4)}
	for w := range workers {
		for k := range days {
			s := Slip{
				ID: fmt.Sprintf("S%07d-%d", w, k), Date: days[k], Project: "P1", Team: "T1",
				Worker: Worker{ID: fmt.Sprintf("W%07d", w)}, Trade: "rebar", CostCode: "03",
				Hours: dec(hours[k]), Rate: Rate{PerHour, dec("45.50")},
			}
			slips = append(slips, s)
		}
	}
	return slips
}

// BenchmarkOvertimeRules1M runs China's overtime rules and prices 1M
// worker-days in integer form: the engine inside Price (target ≤ 0.5 s).
func BenchmarkOvertimeRules1M(b *testing.B) {
	c, err := ChinaRules().compile()
	if err != nil {
		b.Fatal(err)
	}
	const workers = 200_000
	kinds := []DayKind{Workday, Workday, Holiday, Holiday, RestDay}
	totals := []int32{8000, 10500, 8000, 12000, 4000}
	rate := Rate{PerHour, dec("45.50")}
	out := make([]priced, 5*workers)
	b.ResetTimer()
	for b.Loop() {
		days := make([]dayPlan, len(kinds))
		var scratch []seg
		for w := range workers {
			days = days[:len(kinds)]
			for k := range kinds {
				days[k].kind, days[k].total = kinds[k], totals[k]
			}
			scratch = c.classify(days, scratch)
			for k := range days {
				out[w*5+k] = c.priceSlip(&days[k], 0, days[k].total, rate)
			}
		}
	}
}

// BenchmarkPrice1M is the whole of Price over 1M slips (1M worker-days):
// validation, rate look-up, grouping by worker-week, rules and decimal output.
func BenchmarkPrice1M(b *testing.B) {
	slips := benchSlips(200_000)
	rs := ChinaRules()
	b.ResetTimer()
	for b.Loop() {
		if _, err := rs.Price(slips, nil, china2025.Kind); err != nil {
			b.Fatal(err)
		}
	}
}
