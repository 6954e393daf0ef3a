package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// The API's authentication messages (06-api.md).
const (
	MsgMissingAuth = "Missing or invalid Authorization header. Use: Bearer <api_key>"
	MsgInvalidKey  = "Invalid, expired, or revoked API key."
)

// APIKeyInput is the create form as typed.
type APIKeyInput struct {
	Name      string
	Scopes    []string
	ExpiresAt string // a date (YYYY-MM-DD) or ""
}

// NewAPIKeySecret returns a new key: "dk_" + 32 random bytes in unpadded
// base64url, 46 characters.
func NewAPIKeySecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "dk_" + base64.RawURLEncoding.EncodeToString(b)
}

// CreateAPIKey makes a key for the company and returns it with its secret,
// which is never shown again: only its SHA-256 and first 12 characters are
// kept. The key expires at the end of its expiry date (UTC). Writes
// ApiKeyCreated. Errors: CodeInvalid with fields name, scopes, expiresAt.
func (s *Service) CreateAPIKey(ctx context.Context, actor model.Actor, companyID string, in APIKeyInput) (model.APIKey, string, error) {
	var v model.Validation
	name := strings.TrimSpace(in.Name)
	if n := len([]rune(name)); n < 1 || n > 100 {
		v.Add("name", "Name must be 1 to 100 characters.")
	}
	scopes, err := parseScopes(in.Scopes)
	if err != nil {
		v.Add("scopes", err.Error())
	}
	now := s.Store.Now()
	var expires *time.Time
	if d := strings.TrimSpace(in.ExpiresAt); d != "" {
		t, err := time.Parse("2006-01-02", d)
		switch {
		case err != nil:
			v.Add("expiresAt", "Expiry must be a date (YYYY-MM-DD).")
		case !t.AddDate(0, 0, 1).After(now):
			v.Add("expiresAt", "Expiry must be today or later.")
		default:
			end := t.AddDate(0, 0, 1)
			expires = &end
		}
	}
	if err := v.Err(); err != nil {
		return model.APIKey{}, "", err
	}
	secret := NewAPIKeySecret()
	k := model.APIKey{ID: model.NewID(), CompanyID: companyID, Name: name, Prefix: secret[:12], Hash: HashToken(secret),
		Scopes: scopes, CreatedBy: actor.ID, CreatorName: actor.Label, ExpiresAt: expires}
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		k.CreatedAt = tx.Now
		if err := tx.CreateAPIKey(ctx, k); err != nil {
			return err
		}
		details := map[string]any{"name": k.Name, "prefix": k.Prefix, "scopes": k.Scopes, "expiresAt": nil}
		if expires != nil {
			details["expiresAt"] = expires.Format(time.RFC3339)
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ApiKeyCreated",
			EntityType: "api_key", EntityID: k.ID, Details: details})
	})
	if err != nil {
		return model.APIKey{}, "", fmt.Errorf("create api key: %w", err)
	}
	return k, secret, nil
}

// parseScopes checks a list of scope names: at least one, each known; the
// result keeps the canonical order without repeats.
func parseScopes(names []string) ([]model.Scope, error) {
	seen := map[model.Scope]bool{}
	for _, n := range names {
		sc := model.Scope(strings.TrimSpace(n))
		known := false
		for _, k := range model.AllScopes() {
			known = known || k == sc
		}
		if !known {
			return nil, fmt.Errorf("Unknown scope %q.", n)
		}
		seen[sc] = true
	}
	var out []model.Scope
	for _, k := range model.AllScopes() {
		if seen[k] {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("Choose at least one scope.")
	}
	return out, nil
}

// APIKeys returns the company's keys, newest first.
func (s *Service) APIKeys(ctx context.Context, companyID string) ([]model.APIKey, error) {
	keys, err := s.Store.APIKeys(ctx, companyID)
	if err != nil {
		return nil, fmt.Errorf("api keys: %w", err)
	}
	return keys, nil
}

// RevokeAPIKey revokes a key; the next request made with it gets 401.
// Revoking a revoked key changes nothing. Writes ApiKeyRevoked. Errors:
// CodeNotFound (also for another company's key).
func (s *Service) RevokeAPIKey(ctx context.Context, actor model.Actor, companyID, id string) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		k, err := tx.Locking().APIKey(ctx, companyID, id)
		if err != nil {
			return err
		}
		done, err := tx.RevokeAPIKey(ctx, companyID, id, tx.Now)
		if err != nil || !done {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ApiKeyRevoked",
			EntityType: "api_key", EntityID: id, Details: map[string]any{"name": k.Name, "prefix": k.Prefix}})
	})
	if err != nil {
		return fmt.Errorf("revoke api key: %w", err)
	}
	return nil
}

// AuthenticateAPIKey returns the live key for a bearer secret. Errors:
// CodeUnauthorized with MsgInvalidKey for an unknown, revoked or expired key.
func (s *Service) AuthenticateAPIKey(ctx context.Context, secret string) (model.APIKey, error) {
	k, found, err := s.Store.APIKeyByHash(ctx, HashToken(secret))
	if err != nil {
		return k, fmt.Errorf("api key: %w", err)
	}
	if !found || k.Status(s.Store.Now()) != "Active" {
		return model.APIKey{}, &model.Error{Code: model.CodeUnauthorized, Message: MsgInvalidKey}
	}
	return k, nil
}

// APIActor is who a change made with k is audited as: the key's creator,
// with the key named in the label and the details.
func APIActor(k model.APIKey) model.Actor {
	return model.Actor{Type: model.ActorUser, ID: k.CreatedBy, Label: k.CreatorName + " (API key " + k.Name + ")",
		APIKeyID: k.ID, APIKeyName: k.Name}
}

// AllowAPIRequest counts a request made with k against limit requests a
// minute, in the database so that every server process shares the count.
// When the limit is used up it returns false and the seconds until the
// next minute starts.
func (s *Service) AllowAPIRequest(ctx context.Context, k model.APIKey, limit int) (bool, int, error) {
	now := s.Store.Now()
	window := now.Unix() - now.Unix()%60
	var n int
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		n, err = tx.CountAPIRequest(ctx, k.ID, window, now)
		return err
	})
	if err != nil {
		return false, 0, fmt.Errorf("rate limit: %w", err)
	}
	if limit > 0 && n > limit {
		return false, int(window + 60 - now.Unix()), nil
	}
	return true, 0, nil
}
