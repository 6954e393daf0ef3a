package webhook

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// DeliveriesPerPage is how many deliveries a page of the log shows.
const DeliveriesPerPage = 25

// DeliveryPage is a page of a webhook's delivery log, newest first.
type DeliveryPage struct {
	Deliveries []model.WebhookDelivery // each with its attempts, newest first
	Next       string                  // the before cursor of the next page; "" on the last
}

// Deliveries returns a page of the webhook's deliveries with their
// attempts, newest first, starting after the delivery id before ("" for
// the newest). Errors: CodeNotFound "Webhook not found.".
func (s *Service) Deliveries(ctx context.Context, companyID, webhookID, before string) (DeliveryPage, error) {
	if _, err := s.Get(ctx, companyID, webhookID); err != nil {
		return DeliveryPage{}, err
	}
	ds, err := s.store.WebhookDeliveries(ctx, companyID, webhookID, before, DeliveriesPerPage+1)
	if err != nil {
		return DeliveryPage{}, fmt.Errorf("webhook deliveries: %w", err)
	}
	var p DeliveryPage
	if len(ds) > DeliveriesPerPage {
		ds = ds[:DeliveriesPerPage]
		p.Next = ds[len(ds)-1].ID
	}
	ids := make([]string, len(ds))
	index := map[string]int{}
	for i, d := range ds {
		ids[i] = d.ID
		index[d.ID] = i
	}
	as, err := s.store.WebhookAttempts(ctx, companyID, ids)
	if err != nil {
		return DeliveryPage{}, fmt.Errorf("webhook attempts: %w", err)
	}
	for _, a := range as {
		i := index[a.DeliveryID]
		ds[i].Attempts = append(ds[i].Attempts, a)
	}
	p.Deliveries = ds
	return p, nil
}

// Redeliver sends a delivery again: it becomes pending, due now, with
// retries on the usual schedule for 24 hours from now; the body keeps the
// event's id. It writes WebhookRedelivered and returns the delivery.
// Errors: CodeNotFound "Delivery not found." for an unknown id or another
// company's delivery.
func (s *Service) Redeliver(ctx context.Context, actor model.Actor, companyID, deliveryID string) (model.WebhookDelivery, error) {
	if !model.ValidID(deliveryID) {
		return model.WebhookDelivery{}, model.NotFound("Delivery")
	}
	var d model.WebhookDelivery
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if d, err = tx.Locking().WebhookDelivery(ctx, companyID, deliveryID); err != nil {
			return err
		}
		now := s.now()
		if err := tx.RequeueWebhookDelivery(ctx, companyID, deliveryID, now, now.Add(RetryWindow)); err != nil {
			return err
		}
		d.Status, d.NextAttemptAt, d.Deadline = model.DeliveryPending, now, now.Add(RetryWindow)
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "WebhookRedelivered",
			EntityType: "webhook", EntityID: d.WebhookID, Details: map[string]any{"deliveryId": d.ID, "eventId": d.EventID, "event": d.Event}})
	})
	if err != nil {
		return model.WebhookDelivery{}, fmt.Errorf("redeliver: %w", err)
	}
	s.Poke()
	return d, nil
}
