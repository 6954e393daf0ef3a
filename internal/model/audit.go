package model

import (
	"encoding/json"
	"time"
)

// ActorType says who made a change.
type ActorType string

// The actor types of the audit log.
const (
	ActorUser     ActorType = "USER"
	ActorCustomer ActorType = "CUSTOMER"
	ActorSystem   ActorType = "SYSTEM"
)

// Actor is who made a change: a staff user, a customer or the system.
type Actor struct {
	Type  ActorType
	ID    string
	Label string
	// APIKeyID and APIKeyName name the API key a change was made with
	// (audited as the key's creator); empty otherwise.
	APIKeyID   string
	APIKeyName string
}

// SystemActor is the actor of changes made by Distribu itself or the operator.
func SystemActor() Actor { return Actor{Type: ActorSystem, Label: "System"} }

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID         string
	CompanyID  string
	CreatedAt  time.Time
	Actor      Actor
	Action     string
	EntityType string
	EntityID   string
	Details    json.RawMessage
}

// AuditFilter narrows the audit log; zero fields match everything. To is
// inclusive (the whole day). Before is a keyset cursor (an entry id).
type AuditFilter struct {
	ActorType  ActorType
	EntityType string
	Action     string
	From       time.Time
	To         time.Time
	Before     string
	After      string
	Limit      int
}
