package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

const apiKeyColumns = `id, company_id, name, prefix, key_hash, scopes, created_by, creator_name, created_at, expires_at, revoked_at, last_used_at`

func scanAPIKey(sc interface{ Scan(...any) error }) (model.APIKey, error) {
	var k model.APIKey
	var scopes string
	var created, expires, revoked, used dbTime
	if err := sc.Scan(&k.ID, &k.CompanyID, &k.Name, &k.Prefix, &k.Hash, &scopes, &k.CreatedBy, &k.CreatorName,
		&created, &expires, &revoked, &used); err != nil {
		return k, err
	}
	for _, s := range strings.Fields(scopes) {
		k.Scopes = append(k.Scopes, model.Scope(s))
	}
	k.CreatedAt = created.Time
	k.ExpiresAt, k.RevokedAt, k.LastUsedAt = timePtr(expires), timePtr(revoked), timePtr(used)
	return k, nil
}

// timePtr is nil for a NULL timestamp.
func timePtr(t dbTime) *time.Time {
	if t.IsZero() {
		return nil
	}
	v := t.Time
	return &v
}

// nullTime stores nil as NULL.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return dbTime{*t}
}

// CreateAPIKey stores a key by its hash.
func (q Queries) CreateAPIKey(ctx context.Context, k model.APIKey) error {
	scopes := make([]string, len(k.Scopes))
	for i, s := range k.Scopes {
		scopes[i] = string(s)
	}
	_, err := q.exec(ctx, `INSERT INTO api_keys (`+apiKeyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.ID, k.CompanyID, k.Name, k.Prefix, k.Hash, strings.Join(scopes, " "), k.CreatedBy, k.CreatorName,
		dbTime{k.CreatedAt}, nullTime(k.ExpiresAt), nullTime(k.RevokedAt), nullTime(k.LastUsedAt))
	return err
}

// APIKeys returns a company's keys, newest first.
func (q Queries) APIKeys(ctx context.Context, companyID string) ([]model.APIKey, error) {
	rows, err := q.query(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE company_id = ? ORDER BY id DESC`, companyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, mapErr(fmt.Errorf("scan api key: %w", err))
		}
		out = append(out, k)
	}
	return out, mapErr(rows.Err())
}

// APIKey returns one of a company's keys. Errors: CodeNotFound.
func (q Queries) APIKey(ctx context.Context, companyID, id string) (model.APIKey, error) {
	k, err := scanAPIKey(q.row(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE company_id = ? AND id = ?`+q.forUpdate(), companyID, id))
	if err == sql.ErrNoRows {
		return k, model.NotFound("API key")
	}
	return k, mapErr(err)
}

// APIKeyByHash returns the key with this hash, whatever its state; found is
// false when there is none.
func (q Queries) APIKeyByHash(ctx context.Context, hash string) (model.APIKey, bool, error) {
	k, err := scanAPIKey(q.hotRow(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE key_hash = ?`, hash))
	if err == sql.ErrNoRows {
		return k, false, nil
	}
	if err != nil {
		return k, false, mapErr(err)
	}
	return k, true, nil
}

// RevokeAPIKey marks a key revoked; it reports false when it already was.
func (q Queries) RevokeAPIKey(ctx context.Context, companyID, id string, at time.Time) (bool, error) {
	res, err := q.exec(ctx, `UPDATE api_keys SET revoked_at = ? WHERE company_id = ? AND id = ? AND revoked_at IS NULL`,
		dbTime{at}, companyID, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// CountAPIRequest adds one request to the key's counter for the minute
// starting at window (Unix seconds), records the key as used at now when
// its last use is older than a minute, and returns the minute's count.
// The counter lives in the database so every server process shares it.
func (q Queries) CountAPIRequest(ctx context.Context, keyID string, window int64, now time.Time) (int, error) {
	var n int
	err := q.row(ctx, `INSERT INTO api_rate_windows (key_id, window_start, requests) VALUES (?, ?, 1)
		ON CONFLICT (key_id, window_start) DO UPDATE SET requests = api_rate_windows.requests + 1 RETURNING requests`,
		keyID, window).Scan(&n)
	if err != nil {
		return 0, mapErr(fmt.Errorf("count api request: %w", err))
	}
	if n == 1 {
		// The first request of a minute also refreshes "last used" (and,
		// once a minute, the key's older windows are dropped).
		if _, err := q.exec(ctx, `UPDATE api_keys SET last_used_at = ? WHERE id = ?`, dbTime{now}, keyID); err != nil {
			return n, err
		}
		if _, err := q.exec(ctx, `DELETE FROM api_rate_windows WHERE key_id = ? AND window_start < ?`, keyID, window); err != nil {
			return n, err
		}
	}
	return n, nil
}

// IdempotentReply is the stored answer to a POST made with an
// Idempotency-Key. Status 0 means the first request is still running.
type IdempotentReply struct {
	RequestHash string
	Status      int
	ContentType string
	Body        string
	CreatedAt   time.Time
}

// ClaimIdempotencyKey records that a request with this key starts. It
// returns claimed=true when this request is the first; otherwise the reply
// stored so far.
func (q Queries) ClaimIdempotencyKey(ctx context.Context, companyID, keyID, idemKey, requestHash string, now time.Time) (bool, IdempotentReply, error) {
	res, err := q.exec(ctx, `INSERT INTO api_idempotency (key_id, idem_key, company_id, request_hash, status, created_at)
		VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (key_id, idem_key) DO NOTHING`, keyID, idemKey, companyID, requestHash, dbTime{now})
	if err != nil {
		return false, IdempotentReply{}, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, IdempotentReply{}, mapErr(err)
	} else if n == 1 {
		return true, IdempotentReply{}, nil
	}
	var r IdempotentReply
	var created dbTime
	err = q.row(ctx, `SELECT request_hash, status, content_type, body, created_at FROM api_idempotency WHERE key_id = ? AND idem_key = ?`,
		keyID, idemKey).Scan(&r.RequestHash, &r.Status, &r.ContentType, &r.Body, &created)
	if err == sql.ErrNoRows {
		// Released between the insert and the read: try once more.
		return q.ClaimIdempotencyKey(ctx, companyID, keyID, idemKey, requestHash, now)
	}
	r.CreatedAt = created.Time
	return false, r, mapErr(err)
}

// SaveIdempotentReply stores the answer of a claimed key.
func (q Queries) SaveIdempotentReply(ctx context.Context, keyID, idemKey string, status int, contentType, body string) error {
	_, err := q.exec(ctx, `UPDATE api_idempotency SET status = ?, content_type = ?, body = ? WHERE key_id = ? AND idem_key = ?`,
		status, contentType, body, keyID, idemKey)
	return err
}

// ReleaseIdempotencyKey forgets a claim (the request failed in a way a
// retry may fix, or the claim was abandoned).
func (q Queries) ReleaseIdempotencyKey(ctx context.Context, keyID, idemKey string) error {
	_, err := q.exec(ctx, `DELETE FROM api_idempotency WHERE key_id = ? AND idem_key = ?`, keyID, idemKey)
	return err
}

// DeleteIdempotencyBefore drops stored replies created before t.
func (q Queries) DeleteIdempotencyBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := q.exec(ctx, `DELETE FROM api_idempotency WHERE created_at < ?`, dbTime{t})
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return n, mapErr(err)
}
