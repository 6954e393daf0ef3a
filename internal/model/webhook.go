package model

import "time"

// WebhookEvents lists every event a webhook may subscribe to (06-api.md), in
// the order forms show them. return.created, return.approved and
// refund.processed fire once the Returns area exists (07-later.md).
func WebhookEvents() []string {
	return []string{
		"order.created", "order.status_changed", "order.shipped", "order.cancelled",
		"customer.created", "customer.updated", "product.updated", "product.low_stock",
		"return.created", "return.approved", "refund.processed",
	}
}

// IsWebhookEvent reports whether name is one of WebhookEvents.
func IsWebhookEvent(name string) bool {
	for _, e := range WebhookEvents() {
		if e == name {
			return true
		}
	}
	return false
}

// Webhook is an endpoint a company registered to receive events.
type Webhook struct {
	ID        string
	CompanyID string
	URL       string
	Events    []string
	IsActive  bool
	// Secret signs every delivery; PreviousSecret also signs until
	// PreviousExpiresAt (24 hours after a rotation).
	Secret            string
	PreviousSecret    string
	PreviousExpiresAt time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Subscribes reports whether the webhook wants event.
func (w Webhook) Subscribes(event string) bool {
	for _, e := range w.Events {
		if e == event {
			return true
		}
	}
	return false
}

// The statuses of a webhook delivery.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// WebhookDelivery is one event for one webhook: sent until a receiver
// answers 2xx or its deadline passes.
type WebhookDelivery struct {
	ID            string
	CompanyID     string
	WebhookID     string
	EventID       string // evt_…, the body's id on every attempt
	Event         string
	Status        string // DeliveryPending, DeliveryDelivered or DeliveryFailed
	AttemptCount  int
	NextAttemptAt time.Time
	Deadline      time.Time // retries stop after this
	LastStatus    int       // the last HTTP status answered; 0 when none
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Attempts      []WebhookAttempt // newest first, when the caller asked for them
}

// WebhookAttempt is one try of a delivery.
type WebhookAttempt struct {
	ID          string
	CompanyID   string
	DeliveryID  string
	AttemptedAt time.Time
	StatusCode  int    // 0 when no response arrived
	Response    string // the first 2000 characters of the body
	Error       string // why it failed before or without a response
	Duration    time.Duration
}
