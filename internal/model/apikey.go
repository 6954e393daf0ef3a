package model

import (
	"slices"
	"time"
)

// Scope is one permission an API key carries.
type Scope string

// The API scopes of 06-api.md. A write scope does not imply the read scope.
const (
	ScopeProductsRead   Scope = "products:read"
	ScopeProductsWrite  Scope = "products:write"
	ScopeOrdersRead     Scope = "orders:read"
	ScopeOrdersWrite    Scope = "orders:write"
	ScopeCustomersRead  Scope = "customers:read"
	ScopeCustomersWrite Scope = "customers:write"
	ScopeReportsRead    Scope = "reports:read"
	ScopeWebhooksRead   Scope = "webhooks:read"
	ScopeWebhooksWrite  Scope = "webhooks:write"
)

// AllScopes lists every scope in the order forms show them.
func AllScopes() []Scope {
	return []Scope{ScopeProductsRead, ScopeProductsWrite, ScopeOrdersRead, ScopeOrdersWrite, ScopeCustomersRead,
		ScopeCustomersWrite, ScopeReportsRead, ScopeWebhooksRead, ScopeWebhooksWrite}
}

// APIKey is a company's key for the REST API. Only the SHA-256 of the key
// is kept; Prefix is its first 12 characters, for people to recognise it.
type APIKey struct {
	ID          string
	CompanyID   string
	Name        string
	Prefix      string
	Hash        string
	Scopes      []Scope
	CreatedBy   string // staff user id
	CreatorName string
	CreatedAt   time.Time
	ExpiresAt   *time.Time
	RevokedAt   *time.Time
	LastUsedAt  *time.Time
}

// Has reports whether the key carries scope s.
func (k APIKey) Has(s Scope) bool { return slices.Contains(k.Scopes, s) }

// Status is "Revoked", "Expired" or "Active" at time now.
func (k APIKey) Status(now time.Time) string {
	switch {
	case k.RevokedAt != nil:
		return "Revoked"
	case k.ExpiresAt != nil && !now.Before(*k.ExpiresAt):
		return "Expired"
	}
	return "Active"
}
