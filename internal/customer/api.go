package customer

import (
	"context"
	"fmt"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Field is one optional field of an API request: Set when the request names
// it, Value nil when it is null.
type Field struct {
	Set   bool
	Value *string
}

// APIInput is a customer as the REST API receives it: every field as text
// (amounts and the tax fraction as the JSON number's digits).
type APIInput struct {
	Email, Name, Status, Notes Field
	CreditLimit                Field // amount
	TaxRateOverride            Field // fraction 0–0.3
}

// msgEmailInUse is the 409 message of a duplicate e-mail.
const msgEmailInUse = "A customer or contact with this email already exists."

// apply validates in and writes its set fields onto c.
func (in APIInput) apply(v *model.Validation, c *model.Customer) {
	text := func(f Field) string {
		if f.Value == nil {
			return ""
		}
		return strings.TrimSpace(*f.Value)
	}
	if in.Email.Set {
		email := model.NormalizeEmail(text(in.Email))
		if email == "" {
			v.Add("email", "Email is required.")
		} else if p := model.EmailProblem(email); p != "" {
			v.Add("email", "Email "+p+".")
		}
		c.Email = email
	}
	if in.Name.Set {
		c.Name = text(in.Name)
		checkLen(v, "name", "Name", c.Name, 100)
	}
	if in.Notes.Set {
		c.Notes = text(in.Notes)
		checkLen(v, "notes", "Notes", c.Notes, 2000)
	}
	if in.Status.Set {
		st := model.CustomerStatus(strings.ToUpper(text(in.Status)))
		if st != model.CustomerActive && st != model.CustomerBlocked {
			v.Add("status", "Status must be ACTIVE or BLOCKED.")
		}
		c.Status = st
	}
	if in.CreditLimit.Set {
		c.CreditLimit = nil
		if in.CreditLimit.Value != nil {
			if s := text(in.CreditLimit); s == "" {
				v.Add("creditLimit", "Credit limit must be an amount like 5000 or 2500.50, or null.")
			} else {
				c.CreditLimit = parseCreditLimit(v, "creditLimit", s)
			}
		}
	}
	if in.TaxRateOverride.Set {
		c.TaxRateOverride = nil
		if in.TaxRateOverride.Value != nil {
			r, err := model.ParseDecimal(text(in.TaxRateOverride), 5)
			switch {
			case err == model.ErrTooPrecise:
				v.Add("taxRateOverride", "Tax rate override must have at most 5 decimal places (3 in percent).")
			case err != nil || model.Rate(r) > model.MaxRate:
				v.Add("taxRateOverride", "Tax rate override must be a fraction from 0 to 0.3 (0.08 = 8%), or null for the company rate.")
			default:
				rate := model.Rate(r)
				c.TaxRateOverride = &rate
			}
		}
	}
}

// ListAfter returns a page of the company's customers (newest first) after
// the cursor, filtered by f's Query and Status, up to k.Limit+1 rows.
func (s *Service) ListAfter(ctx context.Context, companyID string, f model.CustomerFilter, k model.Keyset) ([]model.Customer, error) {
	cs, err := s.Store.CustomersAfter(ctx, companyID, f, k)
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	return cs, nil
}

// Create adds a customer through the API: e-mail required; name, status
// (default ACTIVE), notes, credit limit and tax override optional. The
// customer has no password until a setup link is used. Writes
// CustomerCreated and queues customer.created. Errors: CodeInvalid with
// fields; CodeConflict when the e-mail already signs in at this store;
// CodeRule at the company's customer limit.
func (s *Service) Create(ctx context.Context, actor model.Actor, companyID string, in APIInput) (model.Customer, error) {
	var v model.Validation
	c := model.Customer{ID: model.NewID(), CompanyID: companyID, Status: model.CustomerActive}
	if !in.Email.Set || in.Email.Value == nil {
		v.Add("email", "Email is required.")
	}
	in.apply(&v, &c)
	if err := v.Err(); err != nil {
		return model.Customer{}, err
	}
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		company, err := tx.Locking().Company(ctx, companyID)
		if err != nil {
			return err
		}
		if full, err := atCustomerLimit(ctx, tx, company); err != nil {
			return err
		} else if full {
			return &model.Error{Code: model.CodeRule, Message: fmt.Sprintf(
				"Your company has reached its limit of %d customers.", *company.Limits.Customers)}
		}
		if _, _, found, err := tx.IdentityOwner(ctx, companyID, c.Email); err != nil {
			return err
		} else if found {
			return emailInUse()
		}
		c.CreatedAt, c.UpdatedAt = tx.Now, tx.Now
		if err := tx.CreateCustomer(ctx, c); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return emailInUse()
			}
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerCreated",
			EntityType: "customer", EntityID: c.ID, Details: map[string]any{"after": viewOf(c)}}); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "customer.created", customerPayload(c))
	})
	if err != nil {
		return model.Customer{}, fmt.Errorf("create customer: %w", err)
	}
	return c, nil
}

func emailInUse() error {
	return &model.Error{Code: model.CodeConflict, Message: msgEmailInUse,
		Fields: []model.FieldError{{Field: "email", Message: msgEmailInUse}}}
}

// Patch changes the fields the API request names; null clears an optional
// field. Field changes write CustomerUpdated (before, after); a status
// change behaves as on the dashboard (CustomerStatusChanged; blocking ends
// every storefront session of the customer and its contacts). Queues
// customer.updated when anything changed. Errors: CodeInvalid with fields;
// CodeNotFound; CodeConflict for an e-mail in use.
func (s *Service) Patch(ctx context.Context, actor model.Actor, companyID, id string, in APIInput) (model.Customer, error) {
	var after model.Customer
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Customer(ctx, companyID, id)
		if err != nil {
			return err
		}
		var v model.Validation
		after = before
		in.apply(&v, &after)
		if err := v.Err(); err != nil {
			return err
		}
		mid := after
		mid.Status = before.Status
		changed := false
		if !sameFields(before, mid) {
			if mid.Email != before.Email {
				if _, _, found, err := tx.IdentityOwner(ctx, companyID, mid.Email); err != nil {
					return err
				} else if found {
					return emailInUse()
				}
			}
			mid.UpdatedAt = tx.Now
			if err := tx.UpdateCustomer(ctx, before, mid); err != nil {
				if model.IsCode(err, model.CodeConflict) {
					return emailInUse()
				}
				return err
			}
			if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerUpdated",
				EntityType: "customer", EntityID: id, Details: map[string]any{"before": viewOf(before), "after": viewOf(mid)}}); err != nil {
				return err
			}
			changed = true
		}
		after.UpdatedAt = mid.UpdatedAt
		if after.Status != before.Status {
			after.UpdatedAt = tx.Now
			if err := changeStatus(ctx, tx, actor, mid, after); err != nil {
				return err
			}
			changed = true
		}
		if !changed {
			after = before
			return nil
		}
		return events.Webhook(ctx, tx, companyID, "customer.updated", customerPayload(after))
	})
	if err != nil {
		return model.Customer{}, fmt.Errorf("patch customer: %w", err)
	}
	return after, nil
}

// Payload is a customer as the API and webhooks show it.
func Payload(c model.Customer) map[string]any { return customerPayload(c) }
