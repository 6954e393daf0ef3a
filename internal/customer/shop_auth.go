package customer

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/mail"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// ShopSessionTTL is how long a storefront session lasts.
const ShopSessionTTL = 7 * 24 * time.Hour

// The storefront's sign-in messages (04-storefront.md).
const (
	msgInvalidLogin    = "Invalid email or password."
	msgSuspended       = "Your account has been suspended. Please contact the store for details."
	msgTooManyLogins   = "Too many sign-in attempts. Try again in 15 minutes."
	msgEmailTaken      = "An account with this e-mail already exists. Sign in or ask the store for a setup link."
	msgSignupsClosed   = "This store isn't accepting new customer sign-ups right now. Please contact the store directly."
	msgSetupLinkGone   = "This setup link is invalid or has expired. Please ask the store for a new one."
	msgPasswordsDiffer = "The passwords do not match."
)

// dummy is a hash checked when no account matches, so the answer takes as
// long as a wrong password.
type dummy struct {
	once sync.Once
	hash string
}

func (s *Service) dummyHash() string {
	s.dummy.once.Do(func() { s.dummy.hash, _ = s.Hasher.Hash("distribu-dummy-password") })
	return s.dummy.hash
}

func throttleScope(companyID string) string { return "store:" + companyID }

// newShopSession stores a session for the person and returns its token.
func newShopSession(ctx context.Context, tx *store.Tx, companyID, customerID, contactID string) (string, error) {
	token := account.NewToken()
	err := tx.CreateCustomerSession(ctx, store.CustomerSession{TokenHash: account.HashToken(token), CompanyID: companyID,
		CustomerID: customerID, ContactID: contactID, CreatedAt: tx.Now, ExpiresAt: tx.Now.Add(ShopSessionTTL)})
	return token, err
}

// RegisterInput is the storefront sign-up form.
type RegisterInput struct {
	Name     string
	Email    string
	Password string
}

// Register creates an ACTIVE, verified customer who signs in at once,
// writes CustomerRegistered (actor CUSTOMER), notifies every OWNER and
// ADMIN and queues the customer.created webhook, all in one transaction.
// It returns the session token. Errors: CodeInvalid on name, email,
// password (an e-mail that already signs in gets the spec's message);
// CodeRule at the company's customer limit.
func (s *Service) Register(ctx context.Context, companyID string, in RegisterInput) (string, error) {
	var v model.Validation
	name := strings.TrimSpace(in.Name)
	if n := len([]rune(name)); n < 2 || n > 100 {
		v.Add("name", "Name must be 2–100 characters.")
	}
	email := model.NormalizeEmail(in.Email)
	if p := model.EmailProblem(email); p != "" {
		v.Add("email", "Email "+p+".")
	}
	if p := account.PasswordProblem(in.Password); p != "" {
		v.Add("password", p)
	}
	if err := v.Err(); err != nil {
		return "", err
	}
	hash, err := s.Hasher.Hash(in.Password)
	if err != nil {
		return "", err
	}
	var token string
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		company, err := tx.Locking().Company(ctx, companyID)
		if err != nil {
			return err
		}
		if _, _, found, err := tx.IdentityOwner(ctx, companyID, email); err != nil {
			return err
		} else if found {
			return emailTakenErr()
		}
		if full, err := atCustomerLimit(ctx, tx, company); err != nil {
			return err
		} else if full {
			return &model.Error{Code: model.CodeRule, Message: msgSignupsClosed}
		}
		c := model.Customer{ID: model.NewID(), CompanyID: companyID, Email: email, Name: name, PasswordHash: hash,
			Status: model.CustomerActive, EmailVerified: true, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		if err := tx.CreateCustomer(ctx, c); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return emailTakenErr()
			}
			return err
		}
		if token, err = newShopSession(ctx, tx, companyID, c.ID, ""); err != nil {
			return err
		}
		actor := model.Actor{Type: model.ActorCustomer, ID: c.ID, Label: c.Email}
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerRegistered",
			EntityType: "customer", EntityID: c.ID, Details: map[string]any{"after": viewOf(c)}}); err != nil {
			return err
		}
		if err := events.Notify(ctx, tx, companyID, events.AllStaff, "CUSTOMER_REGISTERED", "New customer: "+c.DisplayName(),
			c.DisplayName()+" ("+c.Email+") signed up on your storefront.", "/dashboard/customers/"+c.ID); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "customer.created", customerPayload(c))
	})
	if err != nil {
		return "", fmt.Errorf("register: %w", err)
	}
	s.mailManagers(ctx, companyID, "New customer: "+displayName(name, email),
		displayName(name, email)+" ("+email+") created an account on your storefront.\n\n"+s.BaseURL+"/dashboard/customers\n")
	return token, nil
}

func displayName(name, email string) string {
	if name != "" {
		return name
	}
	return email
}

// mailManagers e-mails every OWNER and ADMIN of the company (or logs the
// message when SMTP is not configured). Failures are logged, not returned:
// the change they report has already committed.
func (s *Service) mailManagers(ctx context.Context, companyID, subject, body string) {
	if s.Mail == nil {
		return
	}
	users, roles, err := s.Store.CompanyStaff(ctx, companyID)
	if err != nil {
		s.Log.WarnContext(ctx, "notify staff by e-mail", "error", err)
		return
	}
	for i, u := range users {
		if roles[i] != model.RoleOwner && roles[i] != model.RoleAdmin {
			continue
		}
		if err := s.Mail.Send(ctx, mail.Message{To: u.Email, Subject: subject, Body: body}); err != nil {
			s.Log.WarnContext(ctx, "notify staff by e-mail", "to", u.Email, "error", err)
		}
	}
}

// Cleanup deletes expired storefront sessions.
func (s *Service) Cleanup(ctx context.Context) error {
	return s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteExpiredCustomerSessions(ctx, tx.Now) })
}

func emailTakenErr() error {
	return &model.Error{Code: model.CodeInvalid, Message: msgEmailTaken, Fields: []model.FieldError{{Field: "email", Message: msgEmailTaken}}}
}

// SignIn checks an e-mail and password at one store (04-storefront.md):
// a customer with this e-mail first, then a contact. Blocked customers and
// their contacts get the suspended message; everything else that fails gets
// "Invalid email or password." with the same work done (a dummy hash when
// no account has a password), so neither message nor timing tells whether
// the e-mail exists. Ten attempts within 15 minutes lock the e-mail at this
// store for 15 minutes. It writes CustomerLoggedIn or CustomerLoginFailed
// and returns the session token.
func (s *Service) SignIn(ctx context.Context, companyID, email, password string) (string, error) {
	email = model.NormalizeEmail(email)
	var allowed bool
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		allowed, err = tx.ReserveLoginAttempt(ctx, throttleScope(companyID), email, tx.Now, account.LoginWindow, account.MaxLoginFailures)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	if !allowed {
		return "", &model.Error{Code: model.CodeRateLimited, Message: msgTooManyLogins}
	}
	c, cerr := s.Store.CustomerByEmail(ctx, companyID, email)
	if cerr != nil && !model.IsCode(cerr, model.CodeNotFound) {
		return "", fmt.Errorf("sign in: %w", cerr)
	}
	var ct model.Contact
	var hash string
	var contact bool
	switch {
	case cerr == nil:
		hash = c.PasswordHash
	default:
		var err error
		ct, err = s.Store.ContactByEmail(ctx, companyID, email)
		if err != nil && !model.IsCode(err, model.CodeNotFound) {
			return "", fmt.Errorf("sign in: %w", err)
		}
		if err == nil {
			contact, hash = true, ct.PasswordHash
			if c, err = s.Store.Customer(ctx, companyID, ct.CustomerID); err != nil {
				return "", fmt.Errorf("sign in: %w", err)
			}
		}
	}
	check := hash
	if check == "" {
		check = s.dummyHash()
	}
	ok := s.Hasher.Verify(check, password) && hash != ""
	var failure error
	switch {
	case !ok:
		failure = &model.Error{Code: model.CodeUnauthorized, Message: msgInvalidLogin}
	case c.Status == model.CustomerBlocked:
		failure = &model.Error{Code: model.CodeForbidden, Message: msgSuspended}
	case contact && !ct.Active:
		failure = &model.Error{Code: model.CodeUnauthorized, Message: msgInvalidLogin}
	}
	var token string
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		actor := model.Actor{Type: model.ActorCustomer, ID: c.ID, Label: email}
		if contact {
			actor.ID = ct.ID
		}
		if failure != nil {
			return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerLoginFailed",
				EntityType: "customer", EntityID: c.ID, Details: map[string]any{"email": email, "reason": model.ErrorMessage(failure)}})
		}
		if err := tx.ClearLoginThrottle(ctx, throttleScope(companyID), email); err != nil {
			return err
		}
		var err error
		contactID := ""
		if contact {
			contactID = ct.ID
		}
		if token, err = newShopSession(ctx, tx, companyID, c.ID, contactID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomerLoggedIn",
			EntityType: "customer", EntityID: c.ID, Details: map[string]any{"email": email, "contact": contact}})
	})
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	if failure != nil {
		return "", failure
	}
	return token, nil
}

// Shopper loads and re-checks a storefront session at one store: it must
// exist there and not have expired, its customer must be ACTIVE, and a
// contact must still exist and be active. The same lookup reads the
// company's catalog version (Shopper.CatalogVersion), so the storefront's
// cached catalog is validated without another query. Errors: CodeNotFound for no
// session; CodeForbidden with the suspended message for a blocked customer
// (the session is ended).
func (s *Service) Shopper(ctx context.Context, company model.Company, token string) (*model.Shopper, error) {
	if token == "" {
		return nil, model.NotFound("Session")
	}
	hash := account.HashToken(token)
	st, ok, err := s.Store.ShopperSession(ctx, company.ID, hash, s.Store.Now())
	if err != nil {
		return nil, err
	}
	if !ok {
		reason, err := s.Store.EndedSession(ctx, company.ID, hash)
		if err != nil {
			return nil, err
		}
		if reason == "BLOCKED" {
			_ = s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteCustomerSession(ctx, company.ID, hash) })
			return nil, &model.Error{Code: model.CodeForbidden, Message: msgSuspended}
		}
		return nil, model.NotFound("Session")
	}
	sess, c := st.Session, st.Customer
	sh := &model.Shopper{TokenHash: hash, Company: company, Customer: c, Role: model.ShopperPrimary, CatalogVersion: st.CatalogVersion,
		ShopperVersion: st.ShopperVersion}
	if c.Status != model.CustomerActive {
		_ = s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteCustomerSession(ctx, company.ID, hash) })
		return nil, &model.Error{Code: model.CodeForbidden, Message: msgSuspended}
	}
	if sess.ContactID != "" {
		ct, err := s.Store.Contact(ctx, company.ID, c.ID, sess.ContactID)
		if err != nil {
			return nil, model.NotFound("Session")
		}
		if !ct.Active {
			_ = s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteCustomerSession(ctx, company.ID, hash) })
			return nil, model.NotFound("Session")
		}
		sh.Contact, sh.Role = &ct, model.ShopperRole(ct.Role)
	}
	return sh, nil
}

// ShopperAt is the one-query path of Shopper for a request to the store
// whose current slug is slug: it finds the session by its token alone,
// with its company, customer, contact and the company's catalog version,
// and returns the shopper when the session is live, its company's current
// slug is slug, its customer is ACTIVE and its contact (if any) active.
// ok is false in every other case — no such session, expired or ended,
// another store's session, an earlier or unknown slug, a blocked customer,
// an inactive or removed contact — and nothing is changed: the caller then
// resolves the slug and calls Shopper, which answers each of those cases
// (redirect, 404, sign-in page, the suspended message). Errors: only the
// store's.
func (s *Service) ShopperAt(ctx context.Context, slug, token string) (sh *model.Shopper, ok bool, err error) {
	if token == "" || slug == "" {
		return nil, false, nil
	}
	hash := account.HashToken(token)
	st, found, err := s.Store.ShopperByToken(ctx, hash, s.Store.Now())
	if err != nil {
		return nil, false, fmt.Errorf("shopper: %w", err)
	}
	if !found || st.Company.Slug != slug || st.Customer.Status != model.CustomerActive ||
		(st.Contact != nil && !st.Contact.Active) {
		return nil, false, nil
	}
	sh = &model.Shopper{TokenHash: hash, Company: st.Company, Customer: st.Customer, Role: model.ShopperPrimary,
		CatalogVersion: st.CatalogVersion, ShopperVersion: st.ShopperVersion}
	if st.Contact != nil {
		sh.Contact, sh.Role = st.Contact, model.ShopperRole(st.Contact.Role)
	}
	return sh, true, nil
}

// SignOut ends a storefront session.
func (s *Service) SignOut(ctx context.Context, companyID, token string) error {
	return s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteCustomerSession(ctx, companyID, account.HashToken(token)) })
}

// SetupAccount is the account a setup link is for.
type SetupAccount struct {
	Email string
}

// SetupLinkAccount returns the account of a live setup link at a store.
// Errors: CodeNotFound with the spec's message for a missing, used,
// expired, cancelled or foreign token.
func (s *Service) SetupLinkAccount(ctx context.Context, companyID, token string) (SetupAccount, error) {
	l, ok, err := s.Store.LiveSetupLink(ctx, companyID, account.HashToken(token), s.Store.Now())
	if err != nil {
		return SetupAccount{}, err
	}
	if !ok || token == "" {
		return SetupAccount{}, &model.Error{Code: model.CodeNotFound, Message: msgSetupLinkGone}
	}
	if l.ContactID != "" {
		ct, err := s.Store.Contact(ctx, companyID, l.CustomerID, l.ContactID)
		if err != nil {
			return SetupAccount{}, &model.Error{Code: model.CodeNotFound, Message: msgSetupLinkGone}
		}
		return SetupAccount{Email: ct.Email}, nil
	}
	c, err := s.Store.Customer(ctx, companyID, l.CustomerID)
	if err != nil {
		return SetupAccount{}, &model.Error{Code: model.CodeNotFound, Message: msgSetupLinkGone}
	}
	return SetupAccount{Email: c.Email}, nil
}

// SetPassword uses a setup link: it sets the account's password, marks its
// e-mail verified, uses up the link, writes CustomerPasswordSet and signs
// the person in (returning the token). Errors: CodeInvalid on password or
// confirm; CodeNotFound with the spec's message for a bad link.
func (s *Service) SetPassword(ctx context.Context, companyID, token, password, confirm string) (string, error) {
	var v model.Validation
	if p := account.PasswordProblem(password); p != "" {
		v.Add("password", p)
	} else if password != confirm {
		v.Add("confirm", msgPasswordsDiffer)
	}
	if err := v.Err(); err != nil {
		return "", err
	}
	hash, err := s.Hasher.Hash(password)
	if err != nil {
		return "", err
	}
	var session string
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		l, ok, err := tx.Locking().LiveSetupLink(ctx, companyID, account.HashToken(token), tx.Now)
		if err != nil {
			return err
		}
		if !ok || token == "" {
			return &model.Error{Code: model.CodeNotFound, Message: msgSetupLinkGone}
		}
		if used, err := tx.UseSetupLink(ctx, companyID, l.ID, tx.Now); err != nil {
			return err
		} else if !used {
			return &model.Error{Code: model.CodeNotFound, Message: msgSetupLinkGone}
		}
		c, err := tx.Customer(ctx, companyID, l.CustomerID)
		if err != nil {
			return err
		}
		email := c.Email
		if l.ContactID != "" {
			ct, err := tx.Contact(ctx, companyID, l.CustomerID, l.ContactID)
			if err != nil {
				return err
			}
			email = ct.Email
			if err := tx.SetContactPassword(ctx, companyID, ct.ID, hash, tx.Now); err != nil {
				return err
			}
		} else if err := tx.SetCustomerPassword(ctx, companyID, c.ID, hash, tx.Now); err != nil {
			return err
		}
		if c.Status != model.CustomerActive {
			return &model.Error{Code: model.CodeForbidden, Message: msgSuspended}
		}
		if session, err = newShopSession(ctx, tx, companyID, c.ID, l.ContactID); err != nil {
			return err
		}
		id := c.ID
		if l.ContactID != "" {
			id = l.ContactID
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: model.Actor{Type: model.ActorCustomer, ID: id, Label: email},
			Action: "CustomerPasswordSet", EntityType: "customer", EntityID: c.ID, Details: map[string]any{"email": email, "contactId": l.ContactID}})
	})
	if err != nil {
		return "", fmt.Errorf("set password: %w", err)
	}
	return session, nil
}

// ChangePassword changes the signed-in person's password after checking
// the current one, ends their other sessions and writes CustomerPasswordSet.
// Errors: CodeInvalid on current, password or confirm.
func (s *Service) ChangePassword(ctx context.Context, sh *model.Shopper, current, password, confirm string) error {
	hash := sh.Customer.PasswordHash
	if sh.Contact != nil {
		hash = sh.Contact.PasswordHash
	}
	var v model.Validation
	if hash == "" || !s.Hasher.Verify(hash, current) {
		v.Add("current", "Your current password is not right.")
	}
	if p := account.PasswordProblem(password); p != "" {
		v.Add("password", p)
	} else if password != confirm {
		v.Add("confirm", msgPasswordsDiffer)
	}
	if err := v.Err(); err != nil {
		return err
	}
	newHash, err := s.Hasher.Hash(password)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		companyID := sh.Company.ID
		if sh.Contact != nil {
			if err := tx.SetContactPassword(ctx, companyID, sh.Contact.ID, newHash, tx.Now); err != nil {
				return err
			}
		} else if err := tx.SetCustomerPassword(ctx, companyID, sh.Customer.ID, newHash, tx.Now); err != nil {
			return err
		}
		if err := tx.DeleteHolderSessions(ctx, companyID, sh.Customer.ID, sh.Holder(), sh.TokenHash); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: sh.Actor(), Action: "CustomerPasswordSet",
			EntityType: "customer", EntityID: sh.Customer.ID, Details: map[string]any{"email": sh.Email(), "changed": true}})
	})
}
