package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// ShopperSession loads the live storefront session with this token hash at
// this company, and its customer. It reports false when there is no such
// session, it has expired, or its customer is gone.
//
// It runs on every storefront request, as two prepared single-row lookups
// by unique key. The expiry is compared here and the company is not offered
// to the planner (see unindexed), and the two lookups are not one join:
// with ANALYZE statistics, SQLite plans such statements anew on every
// execution, which costs several times the lookups themselves.
func (q Queries) ShopperSession(ctx context.Context, companyID, tokenHash string, now time.Time) (CustomerSession, model.Customer, bool, error) {
	var s CustomerSession
	var c model.Customer
	var contact sql.NullString
	var created, expires dbTime
	err := q.hotRow(ctx, `SELECT token_hash, company_id, customer_id, contact_id, created_at, expires_at FROM customer_sessions
		WHERE token_hash = ? AND `+unindexed("company_id")+` = ?`, tokenHash, companyID).
		Scan(&s.TokenHash, &s.CompanyID, &s.CustomerID, &contact, &created, &expires)
	if err == sql.ErrNoRows || (err == nil && !expires.Time.After(now)) {
		return s, c, false, nil
	}
	if err != nil {
		return s, c, false, mapErr(err)
	}
	s.ContactID, s.CreatedAt, s.ExpiresAt = contact.String, created.Time, expires.Time
	c, err = q.Customer(ctx, companyID, s.CustomerID)
	if isNotFound(err) {
		return s, c, false, nil
	}
	if err != nil {
		return s, c, false, err
	}
	return s, c, true, nil
}
