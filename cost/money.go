package cost

import (
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// Amounts are int64 cents inside the engine and decimal.Decimal outside it. The
// helpers here convert exactly between the two and do the integer arithmetic the
// engine needs without overflow: products of an amount and a share are formed in
// 128 bits.

// pow10 holds 10^0 … 10^18.
var pow10 = func() [19]uint64 {
	var p [19]uint64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// scaledInt returns d × 10^places as an int64 when that is a whole number within
// range. whole is false when d has more than places decimal places; ok is false
// when it is whole but out of range.
func scaledInt(d decimal.Decimal, places int32) (v int64, whole, ok bool) {
	if d.IsZero() {
		return 0, true, true
	}
	if d.NumDigits() <= 18 {
		c := d.CoefficientInt64()
		e := d.Exponent() + places
		switch {
		case e == 0:
			return c, true, true
		case e > 0:
			if e > 18 {
				return 0, true, false
			}
			p := int64(pow10[e])
			r := c * p
			if r/p != c {
				return 0, true, false
			}
			return r, true, true
		default:
			if -e > 18 {
				return 0, false, false // 18 digits or fewer cannot be a multiple of 10^19
			}
			p := int64(pow10[-e])
			if c%p != 0 {
				return 0, false, false
			}
			return c / p, true, true
		}
	}
	s := d.Shift(places)
	if !s.IsInteger() {
		return 0, false, false
	}
	bi := s.BigInt()
	if !bi.IsInt64() {
		return 0, true, false
	}
	return bi.Int64(), true, true
}

// centsOf returns d in cents, or an error naming record and field when d has a
// fraction of a cent or is beyond ±92 233 720 368 547 758.07. record is called
// only to build the error, so that the hot path formats nothing.
func centsOf(d decimal.Decimal, record func() string, field string) (int64, error) {
	c, whole, ok := scaledInt(d, 2)
	if !whole {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, record(), field, "%s has a fraction of a cent", d)
	}
	if !ok {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, record(), field, "%s is out of range", d)
	}
	return c, nil
}

// named returns a record-naming function for a name already made.
func named(s string) func() string { return func() string { return s } }

// money returns c cents as a decimal with two places.
func money(c int64) decimal.Decimal { return decimal.New(c, -2) }

// ratio is a non-negative fraction num/den of an amount, den > 0.
type ratio struct{ num, den uint64 }

// ratioOf returns the fraction part/whole for decimals 0 ≤ part ≤ whole, whole > 0,
// in integers, and false when they do not fit in 64 bits.
func ratioOf(part, whole decimal.Decimal) (ratio, bool) {
	e := min(part.Exponent(), whole.Exponent(), 0)
	p, pw, pok := scaledInt(part, -e)
	w, ww, wok := scaledInt(whole, -e)
	if !pw || !ww || !pok || !wok || p < 0 || w <= 0 {
		return ratio{}, false
	}
	return ratio{uint64(p), uint64(w)}, true
}

// share returns round(b × r) for b ≥ 0 cents, rounded half up (half away from
// zero, as b ≥ 0). The product is formed in 128 bits, or in big integers when r
// is above 1 and the quotient would not fit in 64 bits.
func share(b int64, r ratio) int64 {
	hi, lo := bits.Mul64(uint64(b), r.num)
	if hi < r.den {
		q, rem := bits.Div64(hi, lo, r.den)
		if rem >= r.den-rem { // rem ≥ den/2 without overflow
			q++
		}
		return int64(q)
	}
	n := new(big.Int).Mul(big.NewInt(b), new(big.Int).SetUint64(r.num))
	d := new(big.Int).SetUint64(r.den)
	q, m := n.QuoRem(n, d, new(big.Int))
	if m.Lsh(m, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}

// shareDecimal returns round(b × part/whole) half up for b ≥ 0 cents and
// 0 ≤ part ≤ whole, whole > 0.
func shareDecimal(b int64, part, whole decimal.Decimal) int64 {
	if r, ok := ratioOf(part, whole); ok {
		return share(b, r)
	}
	c, _, _ := scaledInt(money(b).Mul(part).DivRound(whole, 2), 2)
	return c
}

// largestRemainder adds the leftover cents, one each, to the parts with the
// largest remainders (the earliest first among equal remainders). amounts are the
// floors of the exact shares and rems their remainders over a common denominator;
// left is the number of cents the floors fall short of the total, less than
// len(amounts).
func largestRemainder(amounts []int64, rems []uint64, left int64) {
	if left <= 0 {
		return
	}
	if left == 1 {
		best := 0
		for i := 1; i < len(rems); i++ {
			if rems[i] > rems[best] {
				best = i
			}
		}
		amounts[best]++
		return
	}
	idx := make([]int, len(amounts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	for _, i := range idx[:left] {
		amounts[i]++
	}
}

// splitByWeights splits total ≥ 0 cents over the non-negative integer weights
// (at least one positive) by largest remainder: the parts sum to total exactly.
func splitByWeights(total int64, weights []uint64) []int64 {
	var sum uint64
	for _, w := range weights {
		sum += w
	}
	out := make([]int64, len(weights))
	rems := make([]uint64, len(weights))
	var given int64
	for i, w := range weights {
		hi, lo := bits.Mul64(uint64(total), w)
		q, r := bits.Div64(hi, lo, sum)
		out[i], rems[i] = int64(q), r
		given += int64(q)
	}
	largestRemainder(out, rems, total-given)
	return out
}
