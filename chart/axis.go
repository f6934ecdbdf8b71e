package chart

import (
	"strings"

	"github.com/shopspring/decimal"
)

// valueAxis maps values to y coordinates: lo at bottom, hi at top, with ticks
// every step. Values are decimals and the mapping is one exact multiplication and
// one division rounded to the hundredth of a pixel, so it is the same everywhere.
type valueAxis struct {
	lo, hi, step decimal.Decimal
	top, bottom  px
}

// newValueAxis returns an axis from a multiple of a "nice" step (1, 2 or 5 times a
// power of ten, at least minStep) at or below lo to one at or above hi, with
// about ticks intervals.
func newValueAxis(lo, hi decimal.Decimal, ticks int, minStep decimal.Decimal, top, bottom px) valueAxis {
	if hi.LessThan(lo) {
		lo, hi = hi, lo
	}
	if hi.Equal(lo) {
		// Nothing to scale (all zero, say): one unit, not a sliver of a cent.
		step := decimal.Max(minStep, decimal.NewFromInt(1))
		lo = floorTo(lo, step)
		return valueAxis{lo: lo, hi: lo.Add(step), step: step, top: top, bottom: bottom}
	}
	step := niceStep(hi.Sub(lo), ticks, minStep)
	a := valueAxis{lo: floorTo(lo, step), hi: ceilTo(hi, step), step: step, top: top, bottom: bottom}
	if !a.hi.GreaterThan(a.lo) {
		a.hi = a.lo.Add(step)
	}
	return a
}

// niceStep returns the least of 1, 2 or 5 times a power of ten that is at least
// span/ticks and minStep.
func niceStep(span decimal.Decimal, ticks int, minStep decimal.Decimal) decimal.Decimal {
	raw := span.DivRound(decimal.NewFromInt(int64(max(ticks, 1))), 20)
	if !raw.GreaterThan(minStep) {
		return minStep
	}
	// raw = c·10^x with c of d digits: 10^(x+d−1) ≤ raw < 10^(x+d).
	e := raw.Exponent() + int32(len(raw.Coefficient().String())) - 1
	for _, m := range [...]int64{1, 2, 5, 10} {
		if s := decimal.New(m, e); s.GreaterThanOrEqual(raw) {
			return s
		}
	}
	return decimal.New(1, e+1)
}

// floorTo returns the greatest multiple of step (> 0) at or below v, exactly.
func floorTo(v, step decimal.Decimal) decimal.Decimal {
	q, r := v.QuoRem(step, 0)
	if r.IsNegative() {
		q = q.Sub(decimal.NewFromInt(1))
	}
	return q.Mul(step)
}

// ceilTo returns the least multiple of step (> 0) at or above v, exactly.
func ceilTo(v, step decimal.Decimal) decimal.Decimal {
	q, r := v.QuoRem(step, 0)
	if r.IsPositive() {
		q = q.Add(decimal.NewFromInt(1))
	}
	return q.Mul(step)
}

// y returns the y coordinate of v (which may lie outside the axis).
func (a valueAxis) y(v decimal.Decimal) px {
	h := decimal.NewFromInt(int64(a.bottom - a.top))
	off := v.Sub(a.lo).Mul(h).DivRound(a.hi.Sub(a.lo), 0)
	return a.bottom - px(off.IntPart())
}

// ticks returns the tick values from lo to hi.
func (a valueAxis) ticks() []decimal.Decimal {
	var out []decimal.Decimal
	for v := a.lo; v.LessThanOrEqual(a.hi) && len(out) < 1000; v = v.Add(a.step) {
		out = append(out, v)
	}
	return out
}

// places returns the decimal places the tick labels need.
func (a valueAxis) places() int32 {
	return max(0, -a.step.Exponent())
}

// formatNumber writes v with places decimals and commas between thousands:
// 1234567.5 with 2 places is "1,234,567.50".
func formatNumber(v decimal.Decimal, places int32) string {
	s := v.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(frac)
	return b.String()
}

// FormatAmount is the default money format of the charts: v rounded half away
// from zero to places decimals, with commas between thousands and no currency
// sign, e.g. "1,234,567.89". Options take any other function of this shape.
func FormatAmount(v decimal.Decimal, places int32) string {
	return formatNumber(v, places)
}

// moneyFormat returns f, or FormatAmount.
func moneyFormat(f func(decimal.Decimal, int32) string) func(decimal.Decimal, int32) string {
	if f == nil {
		return FormatAmount
	}
	return f
}
