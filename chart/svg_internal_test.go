package chart

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

func TestAppendPx(t *testing.T) {
	for _, tt := range []struct {
		v    px
		want string
	}{
		{0, "0"}, {100, "1"}, {105, "1.05"}, {150, "1.5"}, {12345, "123.45"},
		{-50, "-0.5"}, {-12345, "-123.45"}, {-100, "-1"},
	} {
		assert.Equal(t, tt.want, string(appendPx(nil, tt.v)), "%d", tt.v)
	}
}

func TestMulDivRound(t *testing.T) {
	for _, tt := range []struct{ a, b, c, want int64 }{
		{1, 1, 2, 1},   // ½ rounds away from zero
		{-1, 1, 2, -1}, // and so does −½
		{1, 1, 3, 0},
		{2, 1, 3, 1},
		{480, 2000, 1440, 667},
		{-480, 2000, 1440, -667},
		{math.MaxInt64 / 4, 1 << 20, 1 << 20, math.MaxInt64 / 4},     // the product needs 128 bits
		{math.MaxInt64 / 4, math.MaxInt64 / 4, 1, math.MaxInt64 / 2}, // saturates, no panic
	} {
		assert.Equal(t, tt.want, mulDivRound(tt.a, tt.b, tt.c), "%d·%d/%d", tt.a, tt.b, tt.c)
	}
	assert.Equal(t, int64(3), mulDivFloor(7, 1, 2))
	assert.Equal(t, int64(math.MaxInt64/2), mulDivFloor(math.MaxInt64/4, math.MaxInt64/4, 1))
}

func TestEscape(t *testing.T) {
	assert.Equal(t, "a&amp;b &lt;c&gt; &#34;d&#39; 基础 \uFFFD \uFFFD",
		string(appendEscaped(nil, "a&b\t<c> \"d' 基础 \x00 \xc3")))
	// Runes XML forbids: U+FFFE and a C1 control.
	assert.Equal(t, "\uFFFD\uFFFD", string(appendEscaped(nil, "\uFFFE\u0085")))
}

func TestTruncate(t *testing.T) {
	fs := pixels(10) // 6 px a narrow rune, 10 a wide one
	assert.Equal(t, "abc", truncate("abc", pixels(18), fs))
	assert.Equal(t, "ab…", truncate("abcd", pixels(18), fs))
	assert.Equal(t, "基…", truncate("基础工程", pixels(18), fs))
	assert.Equal(t, "", truncate("abcd", pixels(5), fs))
}

func TestNiceAxis(t *testing.T) {
	d := decimal.RequireFromString
	cent := d("0.01")
	for _, tt := range []struct {
		span, want string
	}{
		{"1375", "500"}, {"8", "2"}, {"1000", "200"}, {"1001", "500"}, {"0.03", "0.01"}, {"0.001", "0.01"},
		{"3450.50", "1000"}, {"2500000", "500000"},
	} {
		assert.True(t, niceStep(d(tt.span), 5, cent).Equal(d(tt.want)), "span %s: %s", tt.span, niceStep(d(tt.span), 5, cent))
	}
	a := newValueAxis(d("-120"), d("1375"), 5, cent, 0, pixels(300))
	assert.True(t, a.lo.Equal(d("-500")) && a.hi.Equal(d("1500")) && a.step.Equal(d("500")), "%s %s %s", a.lo, a.hi, a.step)
	assert.Len(t, a.ticks(), 5)
	assert.Equal(t, pixels(300), a.y(d("-500")))
	assert.Equal(t, px(0), a.y(d("1500")))
	z := newValueAxis(decimal.Zero, decimal.Zero, 5, cent, 0, pixels(100))
	assert.True(t, z.hi.Equal(d("1")), z.hi.String())
}

func TestFormatNumber(t *testing.T) {
	d := decimal.RequireFromString
	assert.Equal(t, "0", formatNumber(d("0"), 0))
	assert.Equal(t, "999", formatNumber(d("999"), 0))
	assert.Equal(t, "1,000", formatNumber(d("1000"), 0))
	assert.Equal(t, "1,234,567.89", formatNumber(d("1234567.885"), 2))
	assert.Equal(t, "-12,345.5", formatNumber(d("-12345.5"), 1))
	assert.Equal(t, "123,456", formatNumber(d("123456"), 0))
}
