package customer

import (
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/model"
)

// parseCreditLimit reads an optional credit limit ("" → nil) for field.
func parseCreditLimit(v *model.Validation, field, s string) *model.Money {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	m, err := model.ParseMoney(strings.TrimPrefix(s, "$"))
	switch {
	case err == model.ErrNegative:
		v.Add(field, "Credit limit must not be negative.")
	case err == model.ErrTooPrecise:
		v.Add(field, "Credit limit must have at most 2 decimal places.")
	case err != nil:
		v.Add(field, "Credit limit must be an amount like 5000 or 2500.50.")
	default:
		return &m
	}
	return nil
}

// parseTaxPercent reads an optional tax rate override typed as a percent
// ("" → nil): 0–30 with up to 3 decimals.
func parseTaxPercent(v *model.Validation, field, s string) *model.Rate {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return nil
	}
	r, err := model.ParsePercent(s)
	switch {
	case err == model.ErrTooPrecise:
		v.Add(field, "Tax rate override must have at most 3 decimal places.")
	case err != nil || r > model.MaxRate:
		v.Add(field, "Tax rate override must be a percent from 0 to 30, or empty to use the company rate.")
	default:
		return &r
	}
	return nil
}

// checkLen adds an error when s has more than max characters.
func checkLen(v *model.Validation, field, label, s string, max int) {
	if len([]rune(s)) > max {
		v.Add(field, label+" must be at most "+strconv.Itoa(max)+" characters.")
	}
}

// customerView is the audited form of a customer's editable fields.
type customerView struct {
	Email           string   `json:"email"`
	Name            *string  `json:"name"`
	Status          string   `json:"status"`
	Notes           *string  `json:"notes"`
	CreditLimit     *float64 `json:"creditLimit"`
	TaxRateOverride *float64 `json:"taxRateOverride"`
}

func viewOf(c model.Customer) customerView {
	v := customerView{Email: c.Email, Status: string(c.Status)}
	if c.Name != "" {
		v.Name = &c.Name
	}
	if c.Notes != "" {
		v.Notes = &c.Notes
	}
	if c.CreditLimit != nil {
		f := c.CreditLimit.Float()
		v.CreditLimit = &f
	}
	if c.TaxRateOverride != nil {
		f := c.TaxRateOverride.Fraction()
		v.TaxRateOverride = &f
	}
	return v
}

// sameFields reports whether two customers agree on every editable field
// other than the status.
func sameFields(a, b model.Customer) bool {
	return a.Email == b.Email && a.Name == b.Name && a.Notes == b.Notes &&
		eqMoney(a.CreditLimit, b.CreditLimit) && eqRate(a.TaxRateOverride, b.TaxRateOverride)
}

func eqMoney(a, b *model.Money) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
func eqRate(a, b *model.Rate) bool   { return a == nil && b == nil || a != nil && b != nil && *a == *b }
