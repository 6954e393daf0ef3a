package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

const webhookColumns = `id, company_id, url, events, is_active, secret, previous_secret, previous_expires_at, created_at, updated_at`

func scanWebhook(sc interface{ Scan(...any) error }) (model.Webhook, error) {
	var w model.Webhook
	dest, finish := webhookDest(&w)
	err := sc.Scan(dest...)
	finish()
	return w, err
}

// webhookDest returns scan destinations for webhookColumns and a function
// that copies them into w after the scan.
func webhookDest(w *model.Webhook) ([]any, func()) {
	var events string
	var prev sql.NullString
	var prevExp, created, updated dbTime
	return []any{&w.ID, &w.CompanyID, &w.URL, &events, &w.IsActive, &w.Secret, &prev, &prevExp, &created, &updated}, func() {
		w.Events = strings.Fields(events)
		w.PreviousSecret, w.PreviousExpiresAt = prev.String, prevExp.Time
		w.CreatedAt, w.UpdatedAt = created.Time, updated.Time
	}
}

func webhookArgs(w model.Webhook) []any {
	var prevExp any
	if !w.PreviousExpiresAt.IsZero() {
		prevExp = dbTime{w.PreviousExpiresAt}
	}
	return []any{w.URL, strings.Join(w.Events, " "), w.IsActive, w.Secret, nullString(w.PreviousSecret), prevExp, dbTime{w.UpdatedAt}}
}

// Webhooks lists a company's webhooks, newest first (ids are time-ordered).
func (q Queries) Webhooks(ctx context.Context, companyID string) ([]model.Webhook, error) {
	rows, err := q.query(ctx, `SELECT `+webhookColumns+` FROM webhook_endpoints WHERE company_id = ? ORDER BY id DESC`, companyID)
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

// Webhook returns one of the company's webhooks (locked through
// Tx.Locking). Errors: CodeNotFound "Webhook not found.".
func (q Queries) Webhook(ctx context.Context, companyID, id string) (model.Webhook, error) {
	w, err := scanWebhook(q.row(ctx, `SELECT `+webhookColumns+` FROM webhook_endpoints WHERE company_id = ? AND id = ?`+q.forUpdate(), companyID, id))
	if err != nil {
		return model.Webhook{}, notFound(err, "Webhook")
	}
	return w, nil
}

// CountWebhooks counts a company's webhooks.
func (q Queries) CountWebhooks(ctx context.Context, companyID string) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM webhook_endpoints WHERE company_id = ?`, companyID).Scan(&n)
	return n, mapErr(err)
}

// CreateWebhook inserts a webhook.
func (q Queries) CreateWebhook(ctx context.Context, w model.Webhook) error {
	args := append([]any{w.ID, w.CompanyID}, webhookArgs(w)...)
	args = append(args, dbTime{w.CreatedAt})
	_, err := q.exec(ctx, `INSERT INTO webhook_endpoints (id, company_id, url, events, is_active, secret, previous_secret,
		previous_expires_at, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	return err
}

// UpdateWebhook saves a webhook's URL, events, state and secrets.
// Errors: CodeNotFound.
func (q Queries) UpdateWebhook(ctx context.Context, w model.Webhook) error {
	args := append(webhookArgs(w), w.CompanyID, w.ID)
	res, err := q.exec(ctx, `UPDATE webhook_endpoints SET url = ?, events = ?, is_active = ?, secret = ?, previous_secret = ?,
		previous_expires_at = ?, updated_at = ? WHERE company_id = ? AND id = ?`, args...)
	if err != nil {
		return err
	}
	return expectOne(res, "Webhook")
}

// DeleteWebhook removes a webhook with its deliveries and attempts.
// Errors: CodeNotFound.
func (q Queries) DeleteWebhook(ctx context.Context, companyID, id string) error {
	res, err := q.exec(ctx, `DELETE FROM webhook_endpoints WHERE company_id = ? AND id = ?`, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Webhook")
}

// CreateWebhookDeliveries inserts pending deliveries (the fan-out of
// outbox events, inside the change's transaction) with multi-row inserts.
func (q Queries) CreateWebhookDeliveries(ctx context.Context, ds []model.WebhookDelivery) error {
	for start := 0; start < len(ds); start += outboxChunk {
		part := ds[start:min(start+outboxChunk, len(ds))]
		args := make([]any, 0, len(part)*10)
		for _, d := range part {
			args = append(args, d.ID, d.CompanyID, d.WebhookID, d.EventID, d.Event, d.Status, dbTime{d.NextAttemptAt}, dbTime{d.Deadline},
				dbTime{d.CreatedAt}, dbTime{d.UpdatedAt})
		}
		if _, err := q.exec(ctx, `INSERT INTO webhook_deliveries (id, company_id, endpoint_id, event_id, event, status,
			next_attempt_at, deadline, created_at, updated_at) VALUES `+valueRows(len(part), 10), args...); err != nil {
			return err
		}
	}
	return nil
}

const deliveryColumns = `id, company_id, endpoint_id, event_id, event, status, attempts, next_attempt_at, deadline, last_status, created_at, updated_at`

func scanDelivery(sc interface{ Scan(...any) error }) (model.WebhookDelivery, error) {
	var d model.WebhookDelivery
	dest, finish := deliveryDest(&d)
	err := sc.Scan(dest...)
	finish()
	return d, err
}

// deliveryDest returns scan destinations for deliveryColumns and a function
// that copies them into d after the scan.
func deliveryDest(d *model.WebhookDelivery) ([]any, func()) {
	var last sql.NullInt64
	var next, deadline, created, updated dbTime
	return []any{&d.ID, &d.CompanyID, &d.WebhookID, &d.EventID, &d.Event, &d.Status, &d.AttemptCount, &next, &deadline, &last, &created, &updated}, func() {
		d.NextAttemptAt, d.Deadline, d.CreatedAt, d.UpdatedAt = next.Time, deadline.Time, created.Time, updated.Time
		d.LastStatus = int(last.Int64)
	}
}

// WebhookDelivery returns one of the company's deliveries (locked through
// Tx.Locking). Errors: CodeNotFound "Delivery not found.".
func (q Queries) WebhookDelivery(ctx context.Context, companyID, id string) (model.WebhookDelivery, error) {
	d, err := scanDelivery(q.row(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE company_id = ? AND id = ?`+q.forUpdate(), companyID, id))
	if err != nil {
		return d, notFound(err, "Delivery")
	}
	return d, nil
}

// WebhookDeliveries lists a webhook's deliveries newest first, limit at a
// time, before the delivery id before ("" for the first page).
func (q Queries) WebhookDeliveries(ctx context.Context, companyID, webhookID, before string, limit int) ([]model.WebhookDelivery, error) {
	where, args := `company_id = ? AND endpoint_id = ?`, []any{companyID, webhookID}
	if before != "" {
		where += ` AND id < ?`
		args = append(args, before)
	}
	args = append(args, limit)
	rows, err := q.query(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE `+where+` ORDER BY id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.WebhookDelivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, mapErr(fmt.Errorf("scan delivery: %w", err))
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// WebhookAttempts returns the attempts of the company's deliveries ids,
// newest first.
func (q Queries) WebhookAttempts(ctx context.Context, companyID string, ids []string) ([]model.WebhookAttempt, error) {
	var out []model.WebhookAttempt
	err := forEachBatch(ids, companyID, func(part []string, args []any) error {
		rows, err := q.query(ctx, `SELECT id, company_id, delivery_id, attempted_at, status_code, response, error, duration_ms
			FROM webhook_attempts WHERE company_id = ? AND delivery_id IN (`+placeholders(len(part))+`) ORDER BY id DESC`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a model.WebhookAttempt
			var at dbTime
			var code sql.NullInt64
			var ms int64
			if err := rows.Scan(&a.ID, &a.CompanyID, &a.DeliveryID, &at, &code, &a.Response, &a.Error, &ms); err != nil {
				return mapErr(fmt.Errorf("scan attempt: %w", err))
			}
			a.AttemptedAt, a.StatusCode, a.Duration = at.Time, int(code.Int64), time.Duration(ms)*time.Millisecond
			out = append(out, a)
		}
		return mapErr(rows.Err())
	})
	return out, err
}

// RequeueWebhookDelivery makes a delivery pending again, due at now, with
// retries until deadline. A lease held by a worker sending it right now is
// kept, so the two never overlap. Errors: CodeNotFound.
func (q Queries) RequeueWebhookDelivery(ctx context.Context, companyID, id string, now, deadline time.Time) error {
	res, err := q.exec(ctx, `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, deadline = ?,
		updated_at = ? WHERE company_id = ? AND id = ?`, dbTime{now}, dbTime{deadline}, dbTime{now}, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Delivery")
}

// outboxChunk bounds the rows of one multi-row insert (5 or 11 parameters
// a row stays far below both engines' parameter limits).
const outboxChunk = 500

// AddOutboxEvents writes webhook events in the change's transaction with
// multi-row inserts. Call it through events.Webhook, which also writes the
// events' deliveries: an outbox row without them is never sent.
func (q Queries) AddOutboxEvents(ctx context.Context, es []OutboxEvent) error {
	for start := 0; start < len(es); start += outboxChunk {
		part := es[start:min(start+outboxChunk, len(es))]
		args := make([]any, 0, len(part)*5)
		for _, e := range part {
			args = append(args, e.ID, e.CompanyID, e.Event, e.Payload, dbTime{e.CreatedAt})
		}
		if _, err := q.exec(ctx, `INSERT INTO webhook_outbox (id, company_id, event, payload, created_at) VALUES `+valueRows(len(part), 5), args...); err != nil {
			return err
		}
	}
	return nil
}

// valueRows returns n parenthesised groups of k placeholders.
func valueRows(n, k int) string {
	one := "(" + placeholders(k) + ")"
	return strings.Repeat(one+", ", n-1) + one
}
