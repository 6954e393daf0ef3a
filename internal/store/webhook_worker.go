package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// DueDelivery is a claimed delivery with what sending it needs.
type DueDelivery struct {
	Delivery model.WebhookDelivery
	Webhook  model.Webhook
	Payload  string    // the outbox event's data (JSON)
	EventAt  time.Time // when the event happened
}

// ClaimWebhookDeliveries leases up to limit pending deliveries due at now
// (of any company, of active webhooks, not leased by another worker) until
// leaseUntil and returns them. Run it in its own short transaction: on
// PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so workers of
// several processes never claim the same delivery; on SQLite the
// transaction holds the single write lock.
func (t *Tx) ClaimWebhookDeliveries(ctx context.Context, now, leaseUntil time.Time, limit int) ([]DueDelivery, error) {
	rows, err := t.query(ctx, `SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
		WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.claimed_until IS NULL OR d.claimed_until <= ?)
		AND e.is_active ORDER BY d.next_attempt_at LIMIT ?`+t.skipLocked("d"), dbTime{now}, dbTime{now}, limit)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, mapErr(err)
	}
	args := []any{dbTime{leaseUntil}}
	for _, id := range ids {
		args = append(args, id)
	}
	if _, err := t.exec(ctx, `UPDATE webhook_deliveries SET claimed_until = ? WHERE id IN (`+placeholders(len(ids))+`)`, args...); err != nil {
		return nil, err
	}
	rows, err = t.query(ctx, `SELECT `+prefixed("d.", deliveryColumns)+`, `+prefixed("e.", webhookColumns)+`, o.payload, o.created_at
		FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN webhook_outbox o ON o.id = d.event_id
		WHERE d.id IN (`+placeholders(len(ids))+`) ORDER BY d.next_attempt_at, d.id`, args[1:]...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DueDelivery
	for rows.Next() {
		var due DueDelivery
		var at dbTime
		dd, finishD := deliveryDest(&due.Delivery)
		wd, finishW := webhookDest(&due.Webhook)
		dest := append(append(dd, wd...), &due.Payload, &at)
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(fmt.Errorf("scan due delivery: %w", err))
		}
		finishD()
		finishW()
		due.EventAt = at.Time
		out = append(out, due)
	}
	return out, mapErr(rows.Err())
}

// DeliveryOutcome is what one attempt did to its delivery.
type DeliveryOutcome struct {
	Attempt       model.WebhookAttempt
	Status        string    // the delivery's new status
	NextAttemptAt time.Time // when pending
}

// FinishWebhookAttempt records an attempt and moves its delivery on:
// attempts + 1, the new status and next attempt, the lease released.
// Errors: CodeNotFound when the delivery is gone (its webhook was deleted
// meanwhile); nothing is written then.
func (q Queries) FinishWebhookAttempt(ctx context.Context, o DeliveryOutcome) error {
	a := o.Attempt
	var code any
	if a.StatusCode != 0 {
		code = a.StatusCode
	}
	res, err := q.exec(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, status = ?, next_attempt_at = ?, claimed_until = NULL,
		last_status = ?, updated_at = ? WHERE company_id = ? AND id = ?`,
		o.Status, dbTime{o.NextAttemptAt}, code, dbTime{a.AttemptedAt}, a.CompanyID, a.DeliveryID)
	if err != nil {
		return err
	}
	if err := expectOne(res, "Delivery"); err != nil {
		return err
	}
	_, err = q.exec(ctx, `INSERT INTO webhook_attempts (id, company_id, delivery_id, attempted_at, status_code, response, error, duration_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.CompanyID, a.DeliveryID, dbTime{a.AttemptedAt}, code, a.Response, a.Error,
		a.Duration.Milliseconds())
	return err
}

// ActiveWebhooks lists the company's active webhooks (for the fan-out of an
// event inside the change's transaction).
func (q Queries) ActiveWebhooks(ctx context.Context, companyID string) ([]model.Webhook, error) {
	rows, err := q.query(ctx, `SELECT `+webhookColumns+` FROM webhook_endpoints WHERE company_id = ? AND is_active ORDER BY id`, companyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, mapErr(fmt.Errorf("scan webhook: %w", err))
		}
		out = append(out, w)
	}
	return out, mapErr(rows.Err())
}

// HasDueWebhookDeliveries reports whether any delivery is pending and due
// at now (a cheap read before the worker opens its claiming transaction).
func (q Queries) HasDueWebhookDeliveries(ctx context.Context, now time.Time) (bool, error) {
	var one int
	err := q.row(ctx, `SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1`, dbTime{now}).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, mapErr(err)
}

// DeleteFinishedWebhookDeliveries removes delivered and failed deliveries
// (with their attempts) last changed before cutoff, and outbox events older
// than cutoff that no delivery refers to. It returns how many deliveries
// and events it removed.
func (q Queries) DeleteFinishedWebhookDeliveries(ctx context.Context, cutoff time.Time) (deliveries, events int64, err error) {
	res, err := q.exec(ctx, `DELETE FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < ?`, dbTime{cutoff})
	if err != nil {
		return 0, 0, err
	}
	deliveries, _ = res.RowsAffected()
	// Outbox ids are evt_ and a time-ordered id, so the primary key finds
	// the old ones.
	res, err = q.exec(ctx, `DELETE FROM webhook_outbox WHERE id < ? AND NOT EXISTS
		(SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_outbox.id)`, "evt_"+model.IDBoundAt(cutoff))
	if err != nil {
		return deliveries, 0, err
	}
	events, _ = res.RowsAffected()
	return deliveries, events, nil
}
