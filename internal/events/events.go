// Package events writes what a change tells others, inside the change's
// transaction: in-app notifications for staff and webhook outbox rows.
package events

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Audience says which staff a notification is for.
type Audience int

// The audiences of 07-later.md's notification types.
const (
	AllStaff Audience = iota // OWNER, ADMIN and MEMBER
	Managers                 // OWNER and ADMIN
)

// Notify writes one in-app notification to each staff member of the
// company in the audience.
func Notify(ctx context.Context, tx *store.Tx, companyID string, to Audience, typ, title, body, link string) error {
	roles := []model.Role{model.RoleOwner, model.RoleAdmin, model.RoleMember}
	if to == Managers {
		roles = roles[:2]
	}
	users, err := tx.StaffOfRoles(ctx, companyID, roles...)
	if err != nil {
		return err
	}
	ns := make([]store.Notification, len(users))
	for i, u := range users {
		ns[i] = store.Notification{ID: model.NewID(), CompanyID: companyID, UserID: u, Type: typ, Title: title, Body: body, Link: link, CreatedAt: tx.Now}
	}
	return tx.CreateNotifications(ctx, ns)
}

// WebhookDeadline is how long after its event a delivery is retried.
const WebhookDeadline = 24 * time.Hour

// WebhookEvent is one webhook event and its data.
type WebhookEvent struct {
	Event string
	Data  any
}

// Webhook queues a webhook event with its data for delivery after commit:
// the outbox row and one pending delivery per active webhook of the
// company subscribed to the event, all in the change's transaction, so a
// committed change always has its deliveries and a rolled-back one none.
// An event no active webhook subscribes to is not stored at all.
func Webhook(ctx context.Context, tx *store.Tx, companyID, event string, data any) error {
	return Webhooks(ctx, tx, companyID, []WebhookEvent{{Event: event, Data: data}})
}

// Webhooks queues several events of one company (a bulk import's rows),
// reading the company's webhooks once and writing with multi-row inserts.
func Webhooks(ctx context.Context, tx *store.Tx, companyID string, evs []WebhookEvent) error {
	if len(evs) == 0 {
		return nil
	}
	hooks, err := tx.ActiveWebhooks(ctx, companyID)
	if err != nil {
		return fmt.Errorf("webhooks of %s: %w", companyID, err)
	}
	if len(hooks) == 0 {
		return nil
	}
	var out []store.OutboxEvent
	var ds []model.WebhookDelivery
	for _, ev := range evs {
		id := "evt_" + model.NewID()
		n := len(ds)
		for _, h := range hooks {
			if h.Subscribes(ev.Event) {
				ds = append(ds, model.WebhookDelivery{ID: model.NewID(), CompanyID: companyID, WebhookID: h.ID, EventID: id,
					Event: ev.Event, Status: model.DeliveryPending, NextAttemptAt: tx.Now, Deadline: tx.Now.Add(WebhookDeadline),
					CreatedAt: tx.Now, UpdatedAt: tx.Now})
			}
		}
		if len(ds) == n {
			continue // nobody listens
		}
		b, err := json.Marshal(ev.Data)
		if err != nil {
			return fmt.Errorf("webhook %s: %w", ev.Event, err)
		}
		out = append(out, store.OutboxEvent{ID: id, CompanyID: companyID, Event: ev.Event, Payload: string(b), CreatedAt: tx.Now})
	}
	if err := tx.AddOutboxEvents(ctx, out); err != nil {
		return err
	}
	return tx.CreateWebhookDeliveries(ctx, ds)
}
