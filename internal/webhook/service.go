// Package webhook manages a company's webhooks (endpoints, secrets and
// their rotation) and delivers the events that changes queue in the outbox:
// a worker claims due deliveries, signs and POSTs them, logs every attempt
// and retries on a fixed schedule. Its only HTTP code is the delivery client.
package webhook

import (
	"context"
	"log/slog"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// MaxPerCompany is how many webhooks one company may register.
const MaxPerCompany = 10

// Options tune a Service.
type Options struct {
	// AllowPrivate lets deliveries reach loopback, link-local, private,
	// unspecified and multicast addresses (--webhook-allow-private).
	AllowPrivate bool
	// Timeout bounds one delivery attempt; 0 means 10 seconds.
	Timeout time.Duration
	// Now is the worker's clock (tests drive retries with it); nil means
	// time.Now.
	Now func() time.Time
	// PollInterval is how often Run looks for due deliveries; 0 means one
	// second.
	PollInterval time.Duration
	// BatchSize is how many deliveries one pass claims; 0 means 50.
	BatchSize int
	// Concurrency is how many deliveries one pass sends at once; 0 means 8.
	Concurrency int
}

// Service is the webhooks domain: management, delivery log and the worker.
type Service struct {
	store  *store.Store
	log    *slog.Logger
	opt    Options
	sender *sender
	wake   chan struct{}
}

// New returns a Service over st.
func New(st *store.Store, log *slog.Logger, opt Options) *Service {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = time.Second
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 50
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = 8
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: st, log: log, opt: opt, sender: newSender(opt.Timeout, opt.AllowPrivate), wake: make(chan struct{}, 1)}
}

// now is the worker's current time: UTC, microseconds, like the store's.
func (s *Service) now() time.Time { return s.opt.Now().UTC().Truncate(time.Microsecond) }

// List returns the company's webhooks (at most MaxPerCompany), newest
// first, as the API lists records.
func (s *Service) List(ctx context.Context, companyID string) ([]model.Webhook, error) {
	return s.store.Webhooks(ctx, companyID)
}

// Get returns one of the company's webhooks. Errors: CodeNotFound
// "Webhook not found." for an unknown id or another company's webhook.
func (s *Service) Get(ctx context.Context, companyID, id string) (model.Webhook, error) {
	if !model.ValidID(id) {
		return model.Webhook{}, model.NotFound("Webhook")
	}
	return s.store.Webhook(ctx, companyID, id)
}

// Payload is a webhook's API shape (06-api.md): id, url, events, isActive,
// createdAt, updatedAt. The secret is never part of it; the API adds it to
// the answer of a create only.
func Payload(w model.Webhook) map[string]any {
	events := w.Events
	if events == nil {
		events = []string{}
	}
	return map[string]any{"id": w.ID, "url": w.URL, "events": events, "isActive": w.IsActive,
		"createdAt": model.JSONTime(w.CreatedAt), "updatedAt": model.JSONTime(w.UpdatedAt)}
}

// Payload is the package function Payload, for callers holding a Service.
func (s *Service) Payload(w model.Webhook) map[string]any { return Payload(w) }
