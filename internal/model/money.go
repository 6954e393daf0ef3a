package model

import (
	"errors"
	"strconv"
	"strings"
)

// Money is an amount in minor units (cents).
type Money int64

// String formats m with two decimals, e.g. "1234.50".
func (m Money) String() string { return formatScaled(int64(m), 2) }

// Float returns m in major units for JSON output (8.5 for 850 cents).
func (m Money) Float() float64 { return float64(m) / 100 }

// Rate is a percentage held exactly in thousandths of a percent:
// 8.875 % is Rate(8875). A fraction of 0.08 is Rate(8000).
type Rate int64

// MaxRate is the highest tax rate Distribu accepts (30 %).
const MaxRate Rate = 30000

// Percent formats r as a percent with up to three decimals ("8.875").
func (r Rate) Percent() string {
	s := formatScaled(int64(r), 3)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Fraction returns r as a fraction (0.08875 for 8.875 %).
func (r Rate) Fraction() float64 { return float64(r) / 100000 }

// Apply returns amount × r rounded half-up to the cent.
func (r Rate) Apply(amount Money) Money {
	p := int64(amount) * int64(r)
	q := p / 100000
	if rem := p % 100000; rem*2 >= 100000 {
		q++
	}
	return Money(q)
}

// Errors returned by ParseDecimal. Their text completes "<field> ...".
var (
	ErrNotNumber    = errors.New("must be a number")
	ErrTooPrecise   = errors.New("has too many decimal places")
	ErrNegative     = errors.New("must not be negative")
	ErrNumberTooBig = errors.New("is too large")
)

// ParseDecimal parses a non-negative decimal written with digits and at most
// one point ("12", "12.5", ".5") into an integer scaled by 10^scale. More than
// scale decimals is an error, never rounded. Signs, thousands separators,
// exponents and spaces inside the number are refused.
func ParseDecimal(s string, scale int) (int64, error) {
	if s == "" {
		return 0, ErrNotNumber
	}
	if s[0] == '-' {
		if _, err := ParseDecimal(s[1:], scale); err == nil || err == ErrTooPrecise {
			return 0, ErrNegative
		}
		return 0, ErrNotNumber
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" && frac == "" {
		return 0, ErrNotNumber
	}
	if hasPoint && frac == "" && intPart == "" {
		return 0, ErrNotNumber
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return 0, ErrNotNumber
	}
	if len(strings.TrimRight(frac, "0")) > scale {
		return 0, ErrTooPrecise
	}
	frac = strings.TrimRight(frac, "0")
	if len(intPart) > 13 {
		return 0, ErrNumberTooBig
	}
	frac += strings.Repeat("0", scale-len(frac))
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		if intPart+frac == "" {
			return 0, nil
		}
		return 0, ErrNumberTooBig
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func formatScaled(v int64, scale int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	out := s[:len(s)-scale] + "." + s[len(s)-scale:]
	if neg {
		out = "-" + out
	}
	return out
}

// ParseMoney parses an amount with at most two decimals into Money.
// The returned error is one of ParseDecimal's.
func ParseMoney(s string) (Money, error) {
	v, err := ParseDecimal(strings.TrimSpace(s), 2)
	return Money(v), err
}

// ParsePercent parses a percent with at most three decimals into a Rate.
func ParsePercent(s string) (Rate, error) {
	v, err := ParseDecimal(strings.TrimSpace(s), 3)
	return Rate(v), err
}
