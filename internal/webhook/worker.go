package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// RetryWindow is how long after its event (or a "Send again") a delivery
// is retried before it is marked failed.
const RetryWindow = events.WebhookDeadline

// Lease is how long a worker holds a claimed delivery. It is far longer
// than one attempt (10 s), so a delivery is never sent by two workers at
// once; a worker that dies leaves its claims to others when they expire.
const Lease = 2 * time.Minute

// Backoff is the wait after the n-th failed attempt (n ≥ 1): 5 s, 30 s,
// 2 min, 10 min, 1 h, then 3 h each time.
func Backoff(n int) time.Duration {
	steps := []time.Duration{5 * time.Second, 30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour}
	if n >= 1 && n <= len(steps) {
		return steps[n-1]
	}
	return 3 * time.Hour
}

// Poke wakes Run now instead of at its next poll (after a change that
// queued deliveries, or a "Send again").
func (s *Service) Poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run delivers due webhooks until ctx ends: a pass every poll interval or
// when poked. Attempts in flight when ctx ends finish (within the 10-second
// timeout) and are recorded before Run returns. Start one per process; any
// number of processes may share one database.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(s.opt.PollInterval)
	defer t.Stop()
	for {
		for {
			n, err := s.RunOnce(ctx)
			if err != nil && ctx.Err() == nil {
				s.log.Warn("webhook worker", "error", err)
			}
			// A full batch suggests more is due: go again at once.
			if err != nil || n < s.opt.BatchSize || ctx.Err() != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.wake:
		}
	}
}

// RunOnce makes one pass: it claims up to the batch size of due deliveries
// (of every company), sends them (several at once), records each attempt
// and returns how many attempts it made. Tests drive the worker with it.
func (s *Service) RunOnce(ctx context.Context) (int, error) {
	if ctx.Err() != nil {
		return 0, nil
	}
	now := s.now()
	// A read first: most passes find nothing, and then never take the
	// (SQLite) write lock.
	if ok, err := s.store.HasDueWebhookDeliveries(ctx, now); err != nil || !ok {
		if err != nil {
			return 0, fmt.Errorf("due webhook deliveries: %w", err)
		}
		return 0, nil
	}
	var due []store.DueDelivery
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		due, err = tx.ClaimWebhookDeliveries(ctx, now, now.Add(Lease), s.opt.BatchSize)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("claim webhook deliveries: %w", err)
	}
	// Claimed work finishes even when ctx ends: an attempt is bounded by
	// the timeout, and its outcome must be recorded.
	work := context.WithoutCancel(ctx)
	sem := make(chan struct{}, s.opt.Concurrency)
	var wg sync.WaitGroup
	errs := make([]error, len(due))
	for i, d := range due {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = s.deliver(work, d)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return len(due), err
		}
	}
	return len(due), nil
}

// body is what a delivery POSTs.
type body struct {
	ID        string          `json:"id"`
	Event     string          `json:"event"`
	Timestamp string          `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// deliver makes one attempt of a claimed delivery and records it.
func (s *Service) deliver(ctx context.Context, d store.DueDelivery) error {
	raw, err := json.Marshal(body{ID: d.Delivery.EventID, Event: d.Delivery.Event, Timestamp: model.JSONTime(d.EventAt), Data: json.RawMessage(d.Payload)})
	if err != nil {
		return fmt.Errorf("webhook body %s: %w", d.Delivery.EventID, err)
	}
	sentAt := s.now()
	actx, cancel := context.WithTimeout(ctx, s.opt.Timeout)
	r := s.sender.post(actx, d.Webhook.URL, d.Delivery.Event, d.Delivery.EventID, Signature(d.Webhook, raw, sentAt), raw)
	cancel()
	o := store.DeliveryOutcome{Attempt: model.WebhookAttempt{ID: model.NewID(), CompanyID: d.Delivery.CompanyID, DeliveryID: d.Delivery.ID,
		AttemptedAt: sentAt, StatusCode: r.status, Response: r.response, Error: r.err, Duration: r.duration}}
	n := d.Delivery.AttemptCount + 1
	switch next := s.now().Add(Backoff(n)); {
	case r.ok():
		o.Status, o.NextAttemptAt = model.DeliveryDelivered, sentAt
	case next.After(d.Delivery.Deadline):
		o.Status, o.NextAttemptAt = model.DeliveryFailed, sentAt
	default:
		o.Status, o.NextAttemptAt = model.DeliveryPending, next
	}
	log := s.log.With("webhook_id", d.Webhook.ID, "delivery_id", d.Delivery.ID, "event", d.Delivery.Event, "event_id", d.Delivery.EventID, "attempt", n)
	switch o.Status {
	case model.DeliveryDelivered:
		log.Debug("webhook delivered", "status", r.status)
	case model.DeliveryFailed:
		log.Warn("webhook delivery failed for good", "status", r.status, "error", r.err)
	default:
		log.Info("webhook attempt failed", "status", r.status, "error", r.err, "next_attempt_at", o.NextAttemptAt)
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error { return tx.FinishWebhookAttempt(ctx, o) })
	switch {
	case model.IsCode(err, model.CodeNotFound):
		log.Debug("webhook deleted while its delivery was sent")
		return nil
	case err != nil:
		return fmt.Errorf("record webhook attempt %s: %w", d.Delivery.ID, err)
	}
	return nil
}

// Retention is how long finished deliveries (with their attempts) and
// delivered events stay in the log.
const Retention = 30 * 24 * time.Hour

// Cleanup removes delivered and failed deliveries (and their attempts)
// finished more than Retention ago, and outbox events older than that which
// no delivery refers to. The janitor runs it hourly on every process.
func (s *Service) Cleanup(ctx context.Context) error {
	var nd, ne int64
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		nd, ne, err = tx.DeleteFinishedWebhookDeliveries(ctx, s.now().Add(-Retention))
		return err
	})
	if err != nil {
		return fmt.Errorf("webhook clean-up: %w", err)
	}
	if nd+ne > 0 {
		s.log.Info("webhook clean-up", "deliveries", nd, "events", ne)
	}
	return nil
}
