package customer

import (
	"context"

	"github.com/distribu/distribu/internal/model"
)

// AccountContacts lists the people on the shopper's account (primary
// holder and ADMIN contacts only).
func (s *Service) AccountContacts(ctx context.Context, sh *model.Shopper) ([]model.Contact, error) {
	if err := canManage(sh); err != nil {
		return nil, err
	}
	return s.Store.Contacts(ctx, sh.Company.ID, sh.Customer.ID)
}

// selfEdit refuses a contact changing itself: a contact can never raise
// itself above its role (nor deactivate or remove itself).
func selfEdit(sh *model.Shopper, contactID string) error {
	if sh.Contact != nil && sh.Contact.ID == contactID {
		return &model.Error{Code: model.CodeForbidden, Message: "You can't change your own access; ask the account holder."}
	}
	return nil
}

// ShopAddContact adds a person from the storefront (primary holder and
// ADMIN contacts) and returns their setup link, e-mailed when e-mail is
// configured. Errors as AddContact, plus CodeForbidden.
func (s *Service) ShopAddContact(ctx context.Context, sh *model.Shopper, in ContactInput) (CreatedLink, error) {
	if err := canManage(sh); err != nil {
		return CreatedLink{}, err
	}
	c, err := s.AddContact(ctx, sh.Actor(), sh.Company.ID, sh.Customer.ID, in)
	if err != nil {
		return CreatedLink{}, err
	}
	return s.CreateSetupLink(ctx, sh.Actor(), sh.Company.ID, sh.Customer.ID, c.ID)
}

// ShopUpdateContact changes a person's name, role or active flag from the
// storefront. Errors: CodeForbidden (role, or changing oneself), as
// UpdateContact otherwise.
func (s *Service) ShopUpdateContact(ctx context.Context, sh *model.Shopper, contactID string, in ContactInput) (model.Contact, error) {
	if err := canManage(sh); err != nil {
		return model.Contact{}, err
	}
	if err := selfEdit(sh, contactID); err != nil {
		return model.Contact{}, err
	}
	return s.UpdateContact(ctx, sh.Actor(), sh.Company.ID, sh.Customer.ID, contactID, in)
}

// ShopDeleteContact removes a person from the storefront. Errors:
// CodeForbidden; CodeNotFound.
func (s *Service) ShopDeleteContact(ctx context.Context, sh *model.Shopper, contactID string) error {
	if err := canManage(sh); err != nil {
		return err
	}
	if err := selfEdit(sh, contactID); err != nil {
		return err
	}
	return s.DeleteContact(ctx, sh.Actor(), sh.Company.ID, sh.Customer.ID, contactID)
}

// ShopSetupLink makes a new setup link for a person without a password.
func (s *Service) ShopSetupLink(ctx context.Context, sh *model.Shopper, contactID string) (CreatedLink, error) {
	if err := canManage(sh); err != nil {
		return CreatedLink{}, err
	}
	if err := selfEdit(sh, contactID); err != nil {
		return CreatedLink{}, err
	}
	if _, err := s.Store.Contact(ctx, sh.Company.ID, sh.Customer.ID, contactID); err != nil {
		return CreatedLink{}, err
	}
	return s.CreateSetupLink(ctx, sh.Actor(), sh.Company.ID, sh.Customer.ID, contactID)
}
