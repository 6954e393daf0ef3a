package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// CancelSetupLinks cancels an account's unused links (contactID "" for the
// primary account).
func (q Queries) CancelSetupLinks(ctx context.Context, companyID, customerID, contactID string, at time.Time) error {
	query := `UPDATE setup_links SET cancelled_at = ? WHERE company_id = ? AND customer_id = ? AND used_at IS NULL AND cancelled_at IS NULL AND `
	args := []any{dbTime{at}, companyID, customerID}
	if contactID == "" {
		query += `contact_id IS NULL`
	} else {
		query += `contact_id = ?`
		args = append(args, contactID)
	}
	_, err := q.exec(ctx, query, args...)
	return err
}

// CreateSetupLink stores a link by the hash of its token.
func (q Queries) CreateSetupLink(ctx context.Context, l model.SetupLink) error {
	_, err := q.exec(ctx, `INSERT INTO setup_links (id, company_id, customer_id, contact_id, token_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, l.ID, l.CompanyID, l.CustomerID, nullString(l.ContactID), l.TokenHash,
		dbTime{l.CreatedAt}, dbTime{l.ExpiresAt})
	return err
}

// LiveSetupLink returns the company's unused, uncancelled, unexpired link
// with this token hash. found is false otherwise.
func (q Queries) LiveSetupLink(ctx context.Context, companyID, tokenHash string, now time.Time) (model.SetupLink, bool, error) {
	var l model.SetupLink
	var contact sql.NullString
	var created, expires dbTime
	err := q.row(ctx, `SELECT id, company_id, customer_id, contact_id, token_hash, created_at, expires_at FROM setup_links
		WHERE company_id = ? AND token_hash = ? AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > ?`+q.forUpdate(),
		companyID, tokenHash, dbTime{now}).Scan(&l.ID, &l.CompanyID, &l.CustomerID, &contact, &l.TokenHash, &created, &expires)
	if err == sql.ErrNoRows {
		return l, false, nil
	}
	if err != nil {
		return l, false, mapErr(err)
	}
	l.ContactID, l.CreatedAt, l.ExpiresAt = contact.String, created.Time, expires.Time
	return l, true, nil
}

// UseSetupLink marks a link used; it reports false when it was already used
// or cancelled.
func (q Queries) UseSetupLink(ctx context.Context, companyID, id string, at time.Time) (bool, error) {
	res, err := q.exec(ctx, `UPDATE setup_links SET used_at = ? WHERE company_id = ? AND id = ? AND used_at IS NULL AND cancelled_at IS NULL`,
		dbTime{at}, companyID, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// PendingSetupLinks returns, for a customer, the expiry of the live link of
// each account that has one (key "" for the primary account).
func (q Queries) PendingSetupLinks(ctx context.Context, companyID, customerID string, now time.Time) (map[string]time.Time, error) {
	rows, err := q.query(ctx, `SELECT contact_id, expires_at FROM setup_links WHERE company_id = ? AND customer_id = ?
		AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > ?`, companyID, customerID, dbTime{now})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var contact sql.NullString
		var exp dbTime
		if err := rows.Scan(&contact, &exp); err != nil {
			return nil, mapErr(err)
		}
		out[contact.String] = exp.Time
	}
	return out, mapErr(rows.Err())
}
