package api

import "github.com/distribu/distribu/internal/customer"

// customerBody is the JSON of POST and PATCH /customers.
type customerBody struct {
	Email           optional[string] `json:"email"`
	Name            optional[string] `json:"name"`
	Status          optional[string] `json:"status"`
	Notes           optional[string] `json:"notes"`
	CreditLimit     optional[number] `json:"creditLimit"`
	TaxRateOverride optional[number] `json:"taxRateOverride"`
}

func (b customerBody) input() customer.APIInput {
	field := func(o optional[string]) customer.Field { return customer.Field{Set: o.Set, Value: o.text()} }
	return customer.APIInput{Email: field(b.Email), Name: field(b.Name), Status: field(b.Status), Notes: field(b.Notes),
		CreditLimit: field(numText(b.CreditLimit)), TaxRateOverride: field(numText(b.TaxRateOverride))}
}
