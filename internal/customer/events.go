package customer

import "github.com/distribu/distribu/internal/model"

// customerPayload is the customer's API shape (06-api.md).
func customerPayload(c model.Customer) map[string]any {
	m := map[string]any{"id": c.ID, "email": c.Email, "name": nil, "status": c.Status, "notes": nil, "creditLimit": nil,
		"taxRateOverride": nil, "emailVerified": c.EmailVerified,
		"createdAt": model.JSONTime(c.CreatedAt), "updatedAt": model.JSONTime(c.UpdatedAt)}
	if c.Name != "" {
		m["name"] = c.Name
	}
	if c.Notes != "" {
		m["notes"] = c.Notes
	}
	if c.CreditLimit != nil {
		m["creditLimit"] = c.CreditLimit.Float()
	}
	if c.TaxRateOverride != nil {
		m["taxRateOverride"] = c.TaxRateOverride.Fraction()
	}
	return m
}
