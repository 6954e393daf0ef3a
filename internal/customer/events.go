package customer

import (
	"context"
	"encoding/json"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// notifyStaff writes one in-app notification to every OWNER and ADMIN of
// the company, in the caller's transaction.
func notifyStaff(ctx context.Context, tx *store.Tx, companyID, typ, title, body, link string) error {
	users, err := tx.StaffOfRoles(ctx, companyID, model.RoleOwner, model.RoleAdmin)
	if err != nil {
		return err
	}
	ns := make([]store.Notification, len(users))
	for i, u := range users {
		ns[i] = store.Notification{ID: model.NewID(), CompanyID: companyID, UserID: u, Type: typ, Title: title, Body: body, Link: link, CreatedAt: tx.Now}
	}
	return tx.CreateNotifications(ctx, ns)
}

// addOutbox queues a webhook event in the caller's transaction.
func addOutbox(ctx context.Context, tx *store.Tx, companyID, event string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return tx.AddOutboxEvent(ctx, store.OutboxEvent{ID: "evt_" + model.NewID(), CompanyID: companyID, Event: event, Payload: string(b), CreatedAt: tx.Now})
}

// customerPayload is the customer's API shape (06-api.md).
func customerPayload(c model.Customer) map[string]any {
	m := map[string]any{"id": c.ID, "email": c.Email, "name": nil, "status": c.Status, "notes": nil, "creditLimit": nil,
		"taxRateOverride": nil, "emailVerified": c.EmailVerified,
		"createdAt": c.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"), "updatedAt": c.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000Z")}
	if c.Name != "" {
		m["name"] = c.Name
	}
	if c.Notes != "" {
		m["notes"] = c.Notes
	}
	if c.CreditLimit != nil {
		m["creditLimit"] = c.CreditLimit.Float()
	}
	if c.TaxRateOverride != nil {
		m["taxRateOverride"] = c.TaxRateOverride.Fraction()
	}
	return m
}
