package csvio

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/distribu/distribu/internal/model"
)

// The cell parsers below take a cell as read by Row.Get (surrounding white
// space is trimmed again anyway) and return the parsed value or a *RowError
// for row and column col whose message names col, e.g.
// `creditLimit "1,000" is not a valid amount (…)`. An empty cell is an error
// ("col is required") except in ParseBoolCell: callers decide what an empty
// cell means (usually null) before parsing. The *RowError result is nil on
// success; assign it to an error variable only when it is non-nil.

// ParseMoneyCell parses an amount: digits with an optional decimal point, at
// most 2 decimals, an optional leading '$'. Negative amounts, thousands
// separators and anything else are refused.
func ParseMoneyCell(row int, col, cell string) (model.Money, *RowError) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return 0, Errf(row, col, "%s is required", col)
	}
	s := cell
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "$"))
	if neg {
		s = "-" + s
	}
	v, err := model.ParseDecimal(s, 2)
	switch {
	case err == nil:
		return model.Money(v), nil
	case errors.Is(err, model.ErrNegative):
		return 0, Errf(row, col, "%s %s must not be negative", col, Quote(cell))
	case errors.Is(err, model.ErrTooPrecise):
		return 0, Errf(row, col, "%s %s has more than 2 decimal places", col, Quote(cell))
	case errors.Is(err, model.ErrNumberTooBig):
		return 0, Errf(row, col, "%s %s is too large", col, Quote(cell))
	}
	return 0, Errf(row, col, "%s %s is not a valid amount (use digits and a decimal point, e.g. 1000.50)", col, Quote(cell))
}

// ParseIntCell parses a whole number from 0 to 2147483647 written with
// digits only (no sign, decimals or separators), e.g. a stock level.
func ParseIntCell(row int, col, cell string) (int, *RowError) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return 0, Errf(row, col, "%s is required", col)
	}
	for i := 0; i < len(cell); i++ {
		if cell[i] < '0' || cell[i] > '9' {
			return 0, Errf(row, col, "%s %s must be a whole number of 0 or more", col, Quote(cell))
		}
	}
	n, err := strconv.Atoi(cell)
	if err != nil || n > math.MaxInt32 {
		return 0, Errf(row, col, "%s %s is too large (at most %d)", col, Quote(cell), math.MaxInt32)
	}
	return n, nil
}

// ParseBoolCell parses true/false, yes/no, y/n, 1/0 and active/inactive in
// any case. An empty cell is true.
func ParseBoolCell(row int, col, cell string) (bool, *RowError) {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "", "true", "yes", "y", "1", "active":
		return true, nil
	case "false", "no", "n", "0", "inactive":
		return false, nil
	}
	return false, Errf(row, col, "%s %s must be one of true/false, yes/no, 1/0, active/inactive", col, Quote(strings.TrimSpace(cell)))
}

// ParseEmailCell normalises an e-mail address (trimmed, lowercased) and
// checks it with model.EmailProblem.
func ParseEmailCell(row int, col, cell string) (string, *RowError) {
	email := model.NormalizeEmail(cell)
	switch p := model.EmailProblem(email); p {
	case "":
		return email, nil
	case "is not a valid e-mail address":
		return "", Errf(row, col, "%s %s %s", col, Quote(strings.TrimSpace(cell)), p)
	default:
		return "", Errf(row, col, "%s %s", col, p)
	}
}

// ParseChoiceCell matches cell case-insensitively against choices and
// returns the matching choice as spelled in choices (e.g. "active" →
// "ACTIVE"), or an error listing them:
// `status "SUSPENDED" must be one of ACTIVE, BLOCKED`.
func ParseChoiceCell(row int, col, cell string, choices ...string) (string, *RowError) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return "", Errf(row, col, "%s is required", col)
	}
	for _, c := range choices {
		if strings.EqualFold(cell, c) {
			return c, nil
		}
	}
	return "", Errf(row, col, "%s %s must be one of %s", col, Quote(cell), strings.Join(choices, ", "))
}

// CheckLength returns an error when value has more than max characters
// (runes): `name is longer than 100 characters`.
func CheckLength(row int, col, value string, limit int) *RowError {
	if utf8.RuneCountInString(value) > limit {
		return Errf(row, col, "%s is longer than %d characters", col, limit)
	}
	return nil
}
