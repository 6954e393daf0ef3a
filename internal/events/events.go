// Package events writes what a change tells others, inside the change's
// transaction: in-app notifications for staff and webhook outbox rows.
package events

import (
	"context"
	"encoding/json"
	"fmt"

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

// Webhook queues a webhook event with its data for delivery after commit.
func Webhook(ctx context.Context, tx *store.Tx, companyID, event string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", event, err)
	}
	return tx.AddOutboxEvent(ctx, store.OutboxEvent{ID: "evt_" + model.NewID(), CompanyID: companyID, Event: event, Payload: string(b), CreatedAt: tx.Now})
}
