package cost

import "github.com/shopspring/decimal"

// Value is a metric that may be undefined: a ratio whose denominator is zero (CPI
// with no actual cost yet, SPI with nothing planned) has Defined false and a zero
// Value; it is never Inf, NaN or a panic. In JSON it is a number or null.
type Value struct {
	Value   decimal.Decimal
	Defined bool
}

// Defined returns a defined Value.
func Defined(d decimal.Decimal) Value { return Value{Value: d, Defined: true} }

// Undefined is the undefined Value.
var Undefined = Value{}
