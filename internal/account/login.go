package account

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// errInvalidLogin is the one answer for a wrong e-mail or password.
func errInvalidLogin() error {
	return &model.Error{Code: model.CodeUnauthorized, Message: "Invalid email or password."}
}

// errTooManyAttempts is the answer while sign-in is locked for an e-mail.
func errTooManyAttempts() error {
	return &model.Error{Code: model.CodeRateLimited, Message: "Too many sign-in attempts. Try again in 15 minutes."}
}

// Login checks an e-mail and password and opens a session in the user's
// first company. Errors: CodeUnauthorized "Invalid email or password." for
// any wrong e-mail or password (a dummy hash is checked when the e-mail is
// unknown, so timing tells nothing), CodeRateLimited once MaxLoginFailures
// attempts without a success fell within LoginWindow: the e-mail is then
// locked for LoginWindow. Attempts are counted in the database and failures
// audited as StaffLoginFailed in the user's companies.
func (s *Service) Login(ctx context.Context, email, password string) (string, error) {
	email = model.NormalizeEmail(email)
	// The attempt is counted before the password is checked, so parallel
	// guesses cannot slip past the limit; a success clears the count.
	var allowed bool
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		allowed, err = tx.ReserveLoginAttempt(ctx, "staff", email, tx.Now, LoginWindow, MaxLoginFailures)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	if !allowed {
		return "", errTooManyAttempts()
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if err != nil && !model.IsCode(err, model.CodeNotFound) {
		return "", fmt.Errorf("login: %w", err)
	}
	found := err == nil
	hash := u.PasswordHash
	if !found {
		hash = s.dummyHash()
	}
	ok := s.Hasher.Verify(hash, password) && found
	var memberships []model.Membership
	if found {
		if memberships, err = s.Store.Memberships(ctx, u.ID); err != nil {
			return "", fmt.Errorf("login: %w", err)
		}
	}
	if !ok || len(memberships) == 0 {
		err := s.Store.InTx(ctx, func(tx *store.Tx) error {
			for _, m := range memberships {
				if err := audit.Write(ctx, tx, audit.Entry{CompanyID: m.CompanyID,
					Actor:  model.Actor{Type: model.ActorUser, ID: u.ID, Label: u.Name},
					Action: "StaffLoginFailed", EntityType: "member", EntityID: u.ID,
					Details: map[string]any{"email": email}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("login failure: %w", err)
		}
		return "", errInvalidLogin()
	}
	token := NewToken()
	company := memberships[0].CompanyID
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.ClearLoginThrottle(ctx, "staff", email); err != nil {
			return err
		}
		if err := tx.CreateStaffSession(ctx, HashToken(token), u.ID, company, tx.Now, tx.Now.Add(SessionTTL)); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: company,
			Actor:  model.Actor{Type: model.ActorUser, ID: u.ID, Label: u.Name},
			Action: "StaffLoggedIn", EntityType: "member", EntityID: u.ID})
	})
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	return token, nil
}

// dummyHash is checked when no account exists, so a wrong e-mail costs as
// much time as a wrong password.
func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() {
		s.dummy, _ = s.Hasher.Hash("distribu-dummy-password")
	})
	return s.dummy
}

// Logout ends the session with this token. Ending a missing session is not
// an error.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteStaffSession(ctx, HashToken(token)) })
}

// Session returns the live session for token with its user, company, role
// and the user's memberships. Errors: CodeNotFound when the token names no
// live session.
func (s *Service) Session(ctx context.Context, token string) (*model.StaffSession, error) {
	if token == "" {
		return nil, model.NotFound("Session")
	}
	sess, err := s.Store.StaffSession(ctx, HashToken(token), s.Store.Now())
	if err != nil {
		return nil, err
	}
	if sess.Memberships, err = s.Store.Memberships(ctx, sess.User.ID); err != nil {
		return nil, fmt.Errorf("session memberships: %w", err)
	}
	return &sess, nil
}

// SwitchCompany moves the session to another company of its user.
// Errors: CodeNotFound when the user is not a member of companyID.
func (s *Service) SwitchCompany(ctx context.Context, sess *model.StaffSession, companyID string) error {
	for _, m := range sess.Memberships {
		if m.CompanyID == companyID {
			return s.Store.InTx(ctx, func(tx *store.Tx) error {
				return tx.SetStaffSessionCompany(ctx, sess.TokenHash, companyID)
			})
		}
	}
	return model.NotFound("Company")
}

// Cleanup deletes expired staff sessions and sign-in failures older than the
// throttling window.
func (s *Service) Cleanup(ctx context.Context) error {
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteExpiredSessions(ctx, tx.Now); err != nil {
			return err
		}
		if _, err := tx.DeleteIdempotencyBefore(ctx, tx.Now.Add(-IdempotencyTTL)); err != nil {
			return err
		}
		return tx.DeleteStaleLoginThrottles(ctx, tx.Now.Add(-LoginWindow))
	})
}
