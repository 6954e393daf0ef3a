package customer

import (
	"context"
	"fmt"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// AddressInput is the address form as typed.
type AddressInput struct {
	Label, Line1, Line2, City, Region, PostalCode, Country string
}

// AddressInputOf returns the form values that show a as it is.
func AddressInputOf(a model.Address) AddressInput {
	return AddressInput{Label: a.Label, Line1: a.Line1, Line2: a.Line2, City: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country}
}

func (in AddressInput) apply(a *model.Address) error {
	var v model.Validation
	t := strings.TrimSpace
	a.Label, a.Line1, a.Line2, a.City, a.Region, a.PostalCode = t(in.Label), t(in.Line1), t(in.Line2), t(in.City), t(in.Region), t(in.PostalCode)
	a.Country = strings.ToUpper(t(in.Country))
	checkLen(&v, "label", "Label", a.Label, 50)
	if a.Line1 == "" {
		v.Add("line1", "Address line 1 is required.")
	}
	checkLen(&v, "line1", "Address line 1", a.Line1, 200)
	checkLen(&v, "line2", "Address line 2", a.Line2, 200)
	if a.City == "" {
		v.Add("city", "City is required.")
	}
	checkLen(&v, "city", "City", a.City, 100)
	checkLen(&v, "region", "Region", a.Region, 100)
	checkLen(&v, "postalCode", "Postal code", a.PostalCode, 20)
	if !validCountry(a.Country) {
		v.Add("country", "Country must be a two-letter ISO code such as US, CA or FR.")
	}
	return v.Err()
}

func validCountry(c string) bool {
	if len(c) != 2 {
		return false
	}
	for i := 0; i < 2; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

func canManage(sh *model.Shopper) error {
	if !sh.Role.CanManage() {
		return &model.Error{Code: model.CodeForbidden, Message: "Only the account holder and ADMIN contacts can do that."}
	}
	return nil
}

func addressDetails(a model.Address) map[string]any {
	return map[string]any{"addressId": a.ID, "label": a.Label, "line1": a.Line1, "line2": a.Line2, "city": a.City,
		"region": a.Region, "postalCode": a.PostalCode, "country": a.Country, "isDefault": a.IsDefault}
}

// AddAddress adds a shipping address for the shopper's customer (the
// first one becomes the default) and writes CustomerAddressCreated.
// Errors: CodeForbidden for BUYER and VIEWER; CodeInvalid with fields.
func (s *Service) AddAddress(ctx context.Context, sh *model.Shopper, in AddressInput) (model.Address, error) {
	if err := canManage(sh); err != nil {
		return model.Address{}, err
	}
	a := model.Address{ID: model.NewID(), CompanyID: sh.Company.ID, CustomerID: sh.Customer.ID}
	if err := in.apply(&a); err != nil {
		return a, err
	}
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Locking().Customer(ctx, sh.Company.ID, sh.Customer.ID); err != nil {
			return err
		}
		existing, err := tx.Addresses(ctx, sh.Company.ID, sh.Customer.ID)
		if err != nil {
			return err
		}
		a.IsDefault = len(existing) == 0
		a.CreatedAt, a.UpdatedAt = tx.Now, tx.Now
		if err := tx.CreateAddress(ctx, a); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: sh.Company.ID, Actor: sh.Actor(), Action: "CustomerAddressCreated",
			EntityType: "customer", EntityID: sh.Customer.ID, Details: addressDetails(a)})
	})
	if err != nil {
		return a, fmt.Errorf("add address: %w", err)
	}
	return a, nil
}

// UpdateAddress edits an address and writes CustomerAddressUpdated. Past
// orders keep their copies. Errors: CodeForbidden; CodeInvalid; CodeNotFound.
func (s *Service) UpdateAddress(ctx context.Context, sh *model.Shopper, id string, in AddressInput) (model.Address, error) {
	if err := canManage(sh); err != nil {
		return model.Address{}, err
	}
	var a model.Address
	if err := in.apply(&a); err != nil {
		return a, err
	}
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := s.address(ctx, tx, sh, id)
		if err != nil {
			return err
		}
		after := a
		after.ID, after.CompanyID, after.CustomerID, after.IsDefault, after.CreatedAt, after.UpdatedAt = before.ID, before.CompanyID, before.CustomerID, before.IsDefault, before.CreatedAt, tx.Now
		if err := tx.UpdateAddress(ctx, after); err != nil {
			return err
		}
		a = after
		return audit.Write(ctx, tx, audit.Entry{CompanyID: sh.Company.ID, Actor: sh.Actor(), Action: "CustomerAddressUpdated",
			EntityType: "customer", EntityID: sh.Customer.ID, Details: map[string]any{"before": addressDetails(before), "after": addressDetails(after)}})
	})
	if err != nil {
		return a, fmt.Errorf("update address: %w", err)
	}
	return a, nil
}

// DeleteAddress removes an address (another becomes the default when it
// was the default) and writes CustomerAddressDeleted. Past orders keep
// their copies. Errors: CodeForbidden; CodeNotFound.
func (s *Service) DeleteAddress(ctx context.Context, sh *model.Shopper, id string) error {
	if err := canManage(sh); err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := s.address(ctx, tx, sh, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteAddress(ctx, sh.Company.ID, sh.Customer.ID, id); err != nil {
			return err
		}
		if before.IsDefault {
			rest, err := tx.Addresses(ctx, sh.Company.ID, sh.Customer.ID)
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				if err := tx.SetDefaultAddress(ctx, sh.Company.ID, sh.Customer.ID, rest[0].ID); err != nil {
					return err
				}
			}
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: sh.Company.ID, Actor: sh.Actor(), Action: "CustomerAddressDeleted",
			EntityType: "customer", EntityID: sh.Customer.ID, Details: addressDetails(before)})
	})
}

// SetDefaultAddress makes an address the only default and writes
// CustomerAddressUpdated. Errors: CodeForbidden; CodeNotFound.
func (s *Service) SetDefaultAddress(ctx context.Context, sh *model.Shopper, id string) error {
	if err := canManage(sh); err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := s.address(ctx, tx, sh, id)
		if err != nil {
			return err
		}
		if before.IsDefault {
			return nil
		}
		if err := tx.SetDefaultAddress(ctx, sh.Company.ID, sh.Customer.ID, id); err != nil {
			return err
		}
		after := before
		after.IsDefault = true
		return audit.Write(ctx, tx, audit.Entry{CompanyID: sh.Company.ID, Actor: sh.Actor(), Action: "CustomerAddressUpdated",
			EntityType: "customer", EntityID: sh.Customer.ID, Details: map[string]any{"before": addressDetails(before), "after": addressDetails(after)}})
	})
}

// address finds one of the shopper's customer's addresses (locking the
// customer so default changes serialise).
func (s *Service) address(ctx context.Context, tx *store.Tx, sh *model.Shopper, id string) (model.Address, error) {
	if _, err := tx.Locking().Customer(ctx, sh.Company.ID, sh.Customer.ID); err != nil {
		return model.Address{}, err
	}
	list, err := tx.Addresses(ctx, sh.Company.ID, sh.Customer.ID)
	if err != nil {
		return model.Address{}, err
	}
	for _, a := range list {
		if a.ID == id {
			return a, nil
		}
	}
	return model.Address{}, model.NotFound("Address")
}

// Addresses lists the shopper's customer's addresses, default first.
func (s *Service) Addresses(ctx context.Context, sh *model.Shopper) ([]model.Address, error) {
	return s.Store.Addresses(ctx, sh.Company.ID, sh.Customer.ID)
}
