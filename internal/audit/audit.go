// Package audit writes audit entries inside the caller's transaction and
// reads them back for the audit log page and the activity feed.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// MaxDetails is the largest details document stored, in bytes.
const MaxDetails = 8 * 1024

// Entry is what a caller says about a change.
type Entry struct {
	CompanyID  string
	Actor      model.Actor
	Action     string
	EntityType string
	EntityID   string
	Details    any // marshalled to JSON; nil stores {}
}

// Write appends e to the audit log inside tx, stamped with the transaction's
// time. Details over MaxDetails are cut and marked "truncated": true.
func Write(ctx context.Context, tx *store.Tx, e Entry) error {
	details, err := encodeDetails(withAPIKey(e.Details, e.Actor))
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	entry := model.AuditEntry{
		ID: model.NewID(), CompanyID: e.CompanyID, CreatedAt: tx.Now, Actor: e.Actor,
		Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID, Details: details,
	}
	if entry.Actor.Label == "" {
		entry.Actor.Label = "System"
	}
	if err := tx.InsertAudit(ctx, entry); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// withAPIKey adds "apiKey": {"id", "name"} to the details of a change made
// through the API, so the entry names the key as well as its creator.
func withAPIKey(details any, a model.Actor) any {
	if a.APIKeyID == "" {
		return details
	}
	key := map[string]string{"id": a.APIKeyID, "name": a.APIKeyName}
	if details == nil {
		return map[string]any{"apiKey": key}
	}
	raw, err := json.Marshal(details)
	if err != nil {
		return details
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil || fields == nil {
		return map[string]any{"apiKey": key, "details": details}
	}
	out := make(map[string]any, len(fields)+1)
	for k, v := range fields {
		out[k] = v
	}
	out["apiKey"] = key
	return out
}

// encodeDetails marshals details and, when the result exceeds MaxDetails,
// keeps as many top-level fields as fit (each over-long string value cut) and
// adds "truncated": true. The result is always valid JSON of at most
// MaxDetails bytes.
func encodeDetails(details any) (json.RawMessage, error) {
	if details == nil {
		return json.RawMessage(`{}`), nil
	}
	raw, err := json.Marshal(details)
	if err != nil {
		return nil, fmt.Errorf("encode details: %w", err)
	}
	if len(raw) <= MaxDetails {
		return raw, nil
	}
	return truncate(raw), nil
}

func truncate(raw []byte) json.RawMessage {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		// Not an object: keep the start of its text as a string.
		return mustJSON(map[string]any{"truncated": true, "text": cutString(string(raw), MaxDetails/2)})
	}
	out := map[string]any{"truncated": true}
	budget := MaxDetails - 64
	keys := sortedKeys(fields)
	for _, k := range keys {
		v := fields[k]
		if len(v)+len(k)+4 <= budget {
			out[k] = v
			budget -= len(v) + len(k) + 4
			continue
		}
		// Too big: keep a cut string form if there is room for a useful part.
		if budget > 200 {
			s := cutString(string(v), budget-len(k)-40)
			out[k] = s
			budget -= len(s) + len(k) + 40
		}
	}
	b := mustJSON(out)
	for len(b) > MaxDetails && len(keys) > 0 {
		delete(out, keys[len(keys)-1])
		keys = keys[:len(keys)-1]
		b = mustJSON(out)
	}
	return b
}

func cutString(s string, n int) string {
	if n < 0 {
		n = 0
	}
	if len(s) <= n {
		return s
	}
	// Back off to a rune boundary.
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`{"truncated":true}`)
	}
	return b
}

// Reader lists audit entries.
type Reader struct {
	Store *store.Store
}

// Page is one page of the audit log.
type Page struct {
	Entries []model.AuditEntry
	// NewerCursor and OlderCursor are ids for the neighbouring pages; empty
	// when there is none.
	NewerCursor string
	OlderCursor string
}

// List returns one page of a company's log, newest first, 50 entries unless
// f.Limit says otherwise. To is inclusive: the whole day of f.To is included.
func (r Reader) List(ctx context.Context, companyID string, f model.AuditFilter) (Page, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	if !f.To.IsZero() {
		f.To = f.To.Truncate(24 * time.Hour).Add(24 * time.Hour)
	}
	entries, err := r.Store.AuditEntries(ctx, companyID, f)
	if err != nil {
		return Page{}, fmt.Errorf("list audit: %w", err)
	}
	var p Page
	more := len(entries) > f.Limit
	if more {
		if f.After != "" {
			entries = entries[1:]
		} else {
			entries = entries[:f.Limit]
		}
	}
	p.Entries = entries
	if len(entries) == 0 {
		return p, nil
	}
	switch {
	case f.After != "":
		p.OlderCursor = entries[len(entries)-1].ID
		if more {
			p.NewerCursor = entries[0].ID
		}
	case f.Before != "":
		p.NewerCursor = entries[0].ID
		if more {
			p.OlderCursor = entries[len(entries)-1].ID
		}
	default:
		if more {
			p.OlderCursor = entries[len(entries)-1].ID
		}
	}
	return p, nil
}

// Existing reports which entities of the entries still exist (keys
// "product:<id>" and "customer:<id>"; the company itself always exists).
func (r Reader) Existing(ctx context.Context, companyID string, entries []model.AuditEntry) (map[string]bool, error) {
	var products, customers []string
	seen := map[string]bool{}
	for _, e := range entries {
		key := e.EntityType + ":" + e.EntityID
		if e.EntityID == "" || seen[key] {
			continue
		}
		seen[key] = true
		switch e.EntityType {
		case "product":
			products = append(products, e.EntityID)
		case "customer":
			customers = append(customers, e.EntityID)
		}
	}
	return r.Store.ExistingEntities(ctx, companyID, products, customers)
}

// Filters returns the actions and entity types present in a company's log.
func (r Reader) Filters(ctx context.Context, companyID string) (actions, entityTypes []string, err error) {
	return r.Store.AuditActions(ctx, companyID)
}

// WriteMany appends several entries inside tx with multi-row inserts (bulk
// imports write one entry per affected record).
func WriteMany(ctx context.Context, tx *store.Tx, es []Entry) error {
	rows := make([]model.AuditEntry, len(es))
	for i, e := range es {
		details, err := encodeDetails(e.Details)
		if err != nil {
			return fmt.Errorf("audit %s: %w", e.Action, err)
		}
		label := e.Actor.Label
		actor := e.Actor
		if label == "" {
			actor.Label = "System"
		}
		rows[i] = model.AuditEntry{ID: model.NewID(), CompanyID: e.CompanyID, CreatedAt: tx.Now, Actor: actor,
			Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID, Details: details}
	}
	if err := tx.InsertAudits(ctx, rows); err != nil {
		return fmt.Errorf("audit entries: %w", err)
	}
	return nil
}
