package customer

import (
	"context"
	"fmt"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// ContactInput is the contact form as typed.
type ContactInput struct {
	Email  string
	Name   string
	Role   string
	Active bool
}

// contactView is the audited form of a contact.
type contactView struct {
	Email  string `json:"email"`
	Name   string `json:"name,omitempty"`
	Role   string `json:"role"`
	Active bool   `json:"active"`
}

func contactViewOf(c model.Contact) contactView {
	return contactView{Email: c.Email, Name: c.Name, Role: string(c.Role), Active: c.Active}
}

func parseRole(v *model.Validation, s string) model.ContactRole {
	r := model.ContactRole(strings.ToUpper(strings.TrimSpace(s)))
	if !r.Valid() {
		v.Add("role", "Role must be ADMIN, BUYER or VIEWER.")
	}
	return r
}

func identityTaken() error {
	msg := "This e-mail already signs in at your store (as a customer or a contact)."
	return &model.Error{Code: model.CodeConflict, Message: msg, Fields: []model.FieldError{{Field: "email", Message: msg}}}
}

// AddContact adds a contact (active, no password yet) to a customer and
// writes CustomerContactCreated. The e-mail must not sign in at the company
// already (no customer and no other contact may have it). Errors:
// CodeInvalid on email, name, role; CodeConflict on "email"; CodeNotFound.
func (s *Service) AddContact(ctx context.Context, actor model.Actor, companyID, customerID string, in ContactInput) (model.Contact, error) {
	var v model.Validation
	email := model.NormalizeEmail(in.Email)
	if p := model.EmailProblem(email); p != "" {
		v.Add("email", "Email "+p+".")
	}
	name := strings.TrimSpace(in.Name)
	checkLen(&v, "name", "Name", name, 100)
	role := parseRole(&v, in.Role)
	if err := v.Err(); err != nil {
		return model.Contact{}, err
	}
	var c model.Contact
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Locking().Customer(ctx, companyID, customerID); err != nil {
			return err
		}
		if _, _, found, err := tx.IdentityOwner(ctx, companyID, email); err != nil {
			return err
		} else if found {
			return identityTaken()
		}
		c = model.Contact{ID: model.NewID(), CompanyID: companyID, CustomerID: customerID, Email: email, Name: name,
			Role: role, Active: true, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		if err := tx.CreateContact(ctx, c); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return identityTaken()
			}
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerContactCreated",
			EntityType: "customer", EntityID: customerID, Details: map[string]any{"contactId": c.ID, "after": contactViewOf(c)}})
	})
	if err != nil {
		return c, fmt.Errorf("add contact: %w", err)
	}
	return c, nil
}

// UpdateContact changes a contact's name, role and active flag and writes
// CustomerContactUpdated. Deactivating ends the contact's storefront
// sessions in the same transaction. Errors: CodeInvalid; CodeNotFound.
func (s *Service) UpdateContact(ctx context.Context, actor model.Actor, companyID, customerID, contactID string, in ContactInput) (model.Contact, error) {
	var v model.Validation
	name := strings.TrimSpace(in.Name)
	checkLen(&v, "name", "Name", name, 100)
	role := parseRole(&v, in.Role)
	if err := v.Err(); err != nil {
		return model.Contact{}, err
	}
	var after model.Contact
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Contact(ctx, companyID, customerID, contactID)
		if err != nil {
			return err
		}
		after = before
		after.Name, after.Role, after.Active = name, role, in.Active
		if after == before {
			return nil
		}
		after.UpdatedAt = tx.Now
		if err := tx.UpdateContact(ctx, after); err != nil {
			return err
		}
		details := map[string]any{"contactId": contactID, "before": contactViewOf(before), "after": contactViewOf(after)}
		if before.Active && !after.Active {
			n, err := tx.DeleteContactSessions(ctx, companyID, contactID)
			if err != nil {
				return err
			}
			details["sessionsEnded"] = n
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerContactUpdated",
			EntityType: "customer", EntityID: customerID, Details: details})
	})
	if err != nil {
		return after, fmt.Errorf("update contact: %w", err)
	}
	return after, nil
}

// DeleteContact removes a contact with its sessions and setup links and
// writes CustomerContactDeleted; its orders stay on the account.
// Errors: CodeNotFound.
func (s *Service) DeleteContact(ctx context.Context, actor model.Actor, companyID, customerID, contactID string) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Contact(ctx, companyID, customerID, contactID)
		if err != nil {
			return err
		}
		if err := tx.DeleteContact(ctx, companyID, customerID, contactID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerContactDeleted",
			EntityType: "customer", EntityID: customerID, Details: map[string]any{"contactId": contactID, "before": contactViewOf(before)}})
	})
	if err != nil {
		return fmt.Errorf("delete contact: %w", err)
	}
	return nil
}
