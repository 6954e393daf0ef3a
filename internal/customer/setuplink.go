package customer

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/mail"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// CreatedLink is a setup link as shown once to the staff member.
type CreatedLink struct {
	URL       string
	Email     string
	ExpiresAt time.Time
}

// CreateSetupLink makes a single-use, 7-day link for an account without a
// password (contactID "" for the primary account), cancels the account's
// older links, stores only the token's hash, writes
// CustomerSetupLinkCreated, and e-mails the link when e-mail is configured
// (logs it otherwise). The URL is returned to be shown once. Errors:
// CodeRule when the account already has a password; CodeNotFound.
func (s *Service) CreateSetupLink(ctx context.Context, actor model.Actor, companyID, customerID, contactID string) (CreatedLink, error) {
	token := account.NewToken()
	var out CreatedLink
	var company model.Company
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if company, err = tx.Company(ctx, companyID); err != nil {
			return err
		}
		c, err := tx.Locking().Customer(ctx, companyID, customerID)
		if err != nil {
			return err
		}
		email, hasPassword := c.Email, c.PasswordHash != ""
		if contactID != "" {
			ct, err := tx.Locking().Contact(ctx, companyID, customerID, contactID)
			if err != nil {
				return err
			}
			email, hasPassword = ct.Email, ct.PasswordHash != ""
		}
		if hasPassword {
			return &model.Error{Code: model.CodeRule, Message: email + " has already set a password; a setup link is only for accounts without one."}
		}
		if err := tx.CancelSetupLinks(ctx, companyID, customerID, contactID, tx.Now); err != nil {
			return err
		}
		l := model.SetupLink{ID: model.NewID(), CompanyID: companyID, CustomerID: customerID, ContactID: contactID,
			TokenHash: account.HashToken(token), CreatedAt: tx.Now, ExpiresAt: tx.Now.Add(model.SetupLinkTTL)}
		if err := tx.CreateSetupLink(ctx, l); err != nil {
			return err
		}
		out = CreatedLink{URL: s.BaseURL + "/store/" + company.Slug + "/setup-password?token=" + url.QueryEscape(token),
			Email: email, ExpiresAt: l.ExpiresAt}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerSetupLinkCreated",
			EntityType: "customer", EntityID: customerID, Details: map[string]any{"email": email, "contactId": contactID,
				"expiresAt": l.ExpiresAt}})
	})
	if err != nil {
		return out, fmt.Errorf("setup link: %w", err)
	}
	if s.Mail != nil {
		msg := mail.Message{To: out.Email, Subject: "Set your password for " + company.Name,
			Body: "Hello,\n\n" + company.Name + " has given you access to its online store.\n\nSet your password here (the link works once and expires in 7 days):\n" +
				out.URL + "\n\nIf you did not expect this e-mail you can ignore it.\n"}
		if err := s.Mail.Send(ctx, msg); err != nil {
			s.Log.WarnContext(ctx, "setup link e-mail", "to", out.Email, "error", err)
		}
	}
	return out, nil
}
