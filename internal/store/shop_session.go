package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// ShopperState is what every storefront request reads first: the session,
// its customer, and the company's catalog version at that moment.
type ShopperState struct {
	Session        CustomerSession
	Customer       model.Customer
	CatalogVersion int64
}

// ShopperSession loads the live storefront session with this token hash at
// this company, its customer and the company's catalog version. It reports
// false when there is no such session, it has expired, or its customer is
// gone.
//
// It runs on every storefront request, as two prepared single-row lookups
// by unique key. The expiry is compared here and the company is not offered
// to the planner (see unindexed), and the two lookups are not one join:
// with ANALYZE statistics, SQLite plans such statements anew on every
// execution, which costs several times the lookups themselves.
func (q Queries) ShopperSession(ctx context.Context, companyID, tokenHash string, now time.Time) (ShopperState, bool, error) {
	var st ShopperState
	s := &st.Session
	var contact sql.NullString
	var created, expires dbTime
	err := q.hotRow(ctx, `SELECT token_hash, company_id, customer_id, contact_id, created_at, expires_at,
		COALESCE((SELECT version FROM catalog_versions WHERE company_id = ?), 0) FROM customer_sessions
		WHERE token_hash = ? AND `+unindexed("company_id")+` = ?`, companyID, tokenHash, companyID).
		Scan(&s.TokenHash, &s.CompanyID, &s.CustomerID, &contact, &created, &expires, &st.CatalogVersion)
	if err == sql.ErrNoRows || (err == nil && !expires.Time.After(now)) {
		return st, false, nil
	}
	if err != nil {
		return st, false, mapErr(err)
	}
	s.ContactID, s.CreatedAt, s.ExpiresAt = contact.String, created.Time, expires.Time
	st.Customer, err = q.Customer(ctx, companyID, s.CustomerID)
	if isNotFound(err) {
		return st, false, nil
	}
	if err != nil {
		return st, false, err
	}
	return st, true, nil
}
