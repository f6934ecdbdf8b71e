package cost

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// Shape is the shape of a spread curve (分布曲线).
type Shape string

// The curve shapes. Each is a cumulative percentage of the budget at every 5 % of
// the working time, from 0 % to 100 %, joined by straight lines: between two such
// points the budget is spread evenly over working time. The built-in shapes take
// their 21 points from a smooth curve F(x), x being the share of working time
// done, so F is exact at every 5 % and close between.
const (
	// Linear spreads evenly over working time: F(x) = x. The empty Shape is
	// Linear.
	Linear Shape = "linear"
	// FrontLoaded spends early, at a rate falling steadily to zero:
	// F(x) = 2x − x² (75 % at half time).
	FrontLoaded Shape = "frontLoaded"
	// BackLoaded spends late, at a rate rising steadily from zero: F(x) = x²
	// (25 % at half time).
	BackLoaded Shape = "backLoaded"
	// Bell spends at a bell-shaped rate, slow, fast, slow: its cumulative is the
	// S-curve F(x) = 3x² − 2x³ (15.625 % at a quarter, 50 % at half time).
	Bell Shape = "bell"
	// Custom takes the 21 points from Curve.Points.
	Custom Shape = "custom"
)

// CurvePoints is the number of points of a curve: one at every 5 % of the
// duration, from 0 to 100 %.
const CurvePoints = 21

// Curve is how a package's budget is spread over its working time.
//
// A Custom curve gives CurvePoints percentages, at most 4 decimal places each,
// in one of two forms, told apart by their values:
//   - cumulative: Points[i] is the percentage of the budget spent by i×5 % of
//     the working time. It starts at 0, never falls, and ends at 100.
//   - per interval (as Primavera P6 enters a resource curve): Points[i] is the
//     percentage spent between (i−1)×5 % and i×5 % of the working time. The
//     points are not negative and sum to 100; Points[0], the amount spent at the
//     very start, must be 0.
//
// Only 0, …, 0, 100 is valid in both forms, and it means the same in both: all
// of the budget in the last 5 % of the time. Any other valid curve is one form
// or the other, so the form need not be given.
type Curve struct {
	// Shape is the curve's shape; empty means Linear.
	Shape Shape `json:"shape,omitempty"`
	// Points are the 21 points of a Custom curve; empty for the other shapes.
	Points []decimal.Decimal `json:"points,omitempty"`
}

// curveFull is 100 % at the scale curves are kept in: percentages with four
// decimal places.
const curveFull = 100 * 10000

// compiledCurve holds a curve's cumulative points y[i] at i×5 % of the working
// time, scaled so that 100 % is curveFull.
type compiledCurve struct {
	y [CurvePoints]int64
}

// builtinCurve returns the compiled curve whose points are f(i), i = 0…20, in
// units of 1/curveFull.
func builtinCurve(f func(i int64) int64) *compiledCurve {
	c := &compiledCurve{}
	for i := range c.y {
		c.y[i] = f(int64(i))
	}
	return c
}

var (
	linearCurve = builtinCurve(func(i int64) int64 { return 50000 * i })              // 5i %
	frontCurve  = builtinCurve(func(i int64) int64 { return 2500 * (40*i - i*i) })    // (40i − i²)/4 %
	backCurve   = builtinCurve(func(i int64) int64 { return 2500 * i * i })           // i²/4 %
	bellCurve   = builtinCurve(func(i int64) int64 { return 250 * i * i * (30 - i) }) // i²(30 − i)/40 %
)

// compile checks the curve of record and returns it compiled.
func (c *Curve) compile(record func() string) (*compiledCurve, error) {
	if c.Shape != Custom && len(c.Points) > 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, record(), "curve.points", "are given, but shape %q takes none", string(c.Shape))
	}
	switch c.Shape {
	case "", Linear:
		return linearCurve, nil
	case FrontLoaded:
		return frontCurve, nil
	case BackLoaded:
		return backCurve, nil
	case Bell:
		return bellCurve, nil
	case Custom:
		return compileCustom(record(), c.Points)
	}
	return nil, lanyan.Errorf(lanyan.CodeInvalid, record(), "curve.shape", "unknown shape %q", string(c.Shape))
}

// compileCustom reads 21 points in either form (see [Curve]).
func compileCustom(record string, points []decimal.Decimal) (*compiledCurve, error) {
	if len(points) != CurvePoints {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, record, "curve.points", "has %d points, not %d (one at every 5%% of the duration, from 0 to 100%%)", len(points), CurvePoints)
	}
	var v [CurvePoints]int64
	for i, p := range points {
		field := fmt.Sprintf("curve.points[%d]", i)
		if p.IsNegative() || p.GreaterThan(decHundred) {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, record, field, "%s is outside 0–100", p)
		}
		x, whole, _ := scaledInt(p, 4)
		if !whole {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, record, field, "%s has more than 4 decimal places", p)
		}
		v[i] = x
	}
	if v[0] != 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, record, "curve.points[0]", "is %s, not 0: a curve starts at 0", points[0])
	}
	falls := -1
	var sum int64
	for i := range v {
		sum += v[i]
		if i > 0 && v[i] < v[i-1] && falls < 0 {
			falls = i
		}
	}
	c := &compiledCurve{}
	switch {
	case falls < 0 && v[CurvePoints-1] == curveFull: // cumulative
		c.y = v
	case sum == curveFull: // per interval
		var run int64
		for i := range v {
			run += v[i]
			c.y[i] = run
		}
	case falls < 0:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, record, "curve.points[20]",
			"ends at %s, not 100 (read as per-interval percentages, the points sum to %s, not 100)",
			points[CurvePoints-1], decimal.New(sum, -4))
	default:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, record, fmt.Sprintf("curve.points[%d]", falls),
			"%s is less than the point before it, so the points are not cumulative, and they sum to %s, not 100, so they are not per interval either",
			points[falls], decimal.New(sum, -4))
	}
	return c, nil
}

// at returns F(w/d) × d × curveFull, the cumulative share of the budget after w
// of the d working minutes (0 ≤ w ≤ d, d > 0), over the denominator
// d × curveFull: an exact integer.
func (c *compiledCurve) at(w, d int64) uint64 {
	if w >= d {
		return uint64(d) * curveFull
	}
	if w <= 0 {
		return 0
	}
	j := 20 * w / d // 0…19
	y0, y1 := c.y[j], c.y[j+1]
	// y0 + (y1 − y0)·(20w/d − j), times d.
	return uint64(y0*d + (y1-y0)*(20*w-j*d))
}
