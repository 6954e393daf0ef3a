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

// UpdateInput is the customer edit form as typed.
type UpdateInput struct {
	Name            string
	Notes           string
	CreditLimit     string // amount or ""
	TaxRateOverride string // percent or "" for the company rate
}

// InputOf returns the form values that show c as it is.
func InputOf(c model.Customer) UpdateInput {
	in := UpdateInput{Name: c.Name, Notes: c.Notes}
	if c.CreditLimit != nil {
		in.CreditLimit = c.CreditLimit.String()
	}
	if c.TaxRateOverride != nil {
		in.TaxRateOverride = c.TaxRateOverride.Percent()
	}
	return in
}

// Update saves a customer's name, notes, credit limit and tax override and
// writes CustomerUpdated with before and after, and queues the
// customer.updated webhook. Errors: CodeInvalid with
// fields name, notes, creditLimit, taxRateOverride; CodeNotFound.
func (s *Service) Update(ctx context.Context, actor model.Actor, companyID, id string, in UpdateInput) (model.Customer, error) {
	var v model.Validation
	name := strings.TrimSpace(in.Name)
	checkLen(&v, "name", "Name", name, 100)
	notes := strings.TrimSpace(in.Notes)
	checkLen(&v, "notes", "Notes", notes, 2000)
	credit := parseCreditLimit(&v, "creditLimit", in.CreditLimit)
	tax := parseTaxPercent(&v, "taxRateOverride", in.TaxRateOverride)
	if err := v.Err(); err != nil {
		return model.Customer{}, err
	}
	var after model.Customer
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Customer(ctx, companyID, id)
		if err != nil {
			return err
		}
		after = before
		after.Name, after.Notes, after.CreditLimit, after.TaxRateOverride = name, notes, credit, tax
		if sameFields(before, after) {
			after = before
			return nil
		}
		after.UpdatedAt = tx.Now
		if err := tx.UpdateCustomer(ctx, before, after); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerUpdated",
			EntityType: "customer", EntityID: id, Details: map[string]any{"before": viewOf(before), "after": viewOf(after)}}); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "customer.updated", customerPayload(after))
	})
	if err != nil {
		return model.Customer{}, fmt.Errorf("update customer: %w", err)
	}
	return after, nil
}

// SetStatus activates or blocks a customer and writes CustomerStatusChanged
// (from, to) and queues the customer.updated webhook. Blocking ends every storefront session of the customer and of
// all its contacts in the same transaction. Errors: CodeInvalid for a
// status other than ACTIVE or BLOCKED; CodeNotFound.
func (s *Service) SetStatus(ctx context.Context, actor model.Actor, companyID, id, status string) (model.Customer, error) {
	to := model.CustomerStatus(strings.ToUpper(strings.TrimSpace(status)))
	if to != model.CustomerActive && to != model.CustomerBlocked {
		return model.Customer{}, &model.Error{Code: model.CodeInvalid, Message: "Status must be ACTIVE or BLOCKED.",
			Fields: []model.FieldError{{Field: "status", Message: "Status must be ACTIVE or BLOCKED."}}}
	}
	var after model.Customer
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Customer(ctx, companyID, id)
		if err != nil {
			return err
		}
		after = before
		if before.Status == to {
			return nil
		}
		after.Status, after.UpdatedAt = to, tx.Now
		if err := changeStatus(ctx, tx, actor, before, after); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "customer.updated", customerPayload(after))
	})
	if err != nil {
		return model.Customer{}, fmt.Errorf("customer status: %w", err)
	}
	return after, nil
}

// changeStatus writes a status change with its audit entry and, when
// blocking, ends the sessions. Callers have saved any other field already
// or pass after with only the status changed.
func changeStatus(ctx context.Context, tx *store.Tx, actor model.Actor, before, after model.Customer) error {
	if err := tx.UpdateCustomer(ctx, before, after); err != nil {
		return err
	}
	details := map[string]any{"from": before.Status, "to": after.Status}
	if after.Status == model.CustomerBlocked {
		n, err := tx.EndCustomerSessions(ctx, after.CompanyID, after.ID, "BLOCKED", tx.Now)
		if err != nil {
			return err
		}
		details["sessionsEnded"] = n
	}
	return audit.Write(ctx, tx, audit.Entry{CompanyID: after.CompanyID, Actor: actor, Action: "CustomerStatusChanged",
		EntityType: "customer", EntityID: after.ID, Details: details})
}
