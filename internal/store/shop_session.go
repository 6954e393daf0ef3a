package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// ShopperState is what every storefront request reads first: the session,
// its customer, and the company's catalog version at that moment.
type ShopperState struct {
	Session        CustomerSession
	Customer       model.Customer
	CatalogVersion int64
	ShopperVersion int64 // the customer's shopper version (cart lines and addresses)
}

// ShopperSession loads the live storefront session with this token hash at
// this company, its customer, the company's catalog version and the
// customer's shopper version. It reports false when there is no such
// session, it has expired, or its customer is gone.
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
		COALESCE((SELECT version FROM catalog_versions WHERE company_id = ?), 0),
		COALESCE((SELECT sv.version FROM shopper_versions sv WHERE sv.customer_id = customer_sessions.customer_id), 0)
		FROM customer_sessions
		WHERE token_hash = ? AND `+unindexed("company_id")+` = ?`, companyID, tokenHash, companyID).
		Scan(&s.TokenHash, &s.CompanyID, &s.CustomerID, &contact, &created, &expires, &st.CatalogVersion, &st.ShopperVersion)
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

// SignedInShopper is a storefront session found by its token alone, with
// everything a storefront request checks and shows: its company, customer,
// contact (nil for the primary holder) and the company's catalog version.
type SignedInShopper struct {
	Session        CustomerSession
	Company        model.Company
	Customer       model.Customer
	Contact        *model.Contact
	CatalogVersion int64
	ShopperVersion int64 // the customer's shopper version (cart lines and addresses)
}

// shopperByTokenQuery (built once, never changed) reads a session by its token hash (the table's
// primary key: at most one row) with its company, customer, contact,
// catalog version and the customer's shopper version. Every other table is
// reached by primary key from the session row, and the company, customer and contact must all be the
// session's company's, so nothing of another company can come with it.
//
// The session is read in a subquery of its own (LIMIT 1 keeps SQLite from
// flattening it into the join): SQLite plans a one-table lookup by unique
// key without consulting ANALYZE samples, but in a join it looks the
// parameter up in sqlite_stat4 and so plans the prepared statement anew on
// every execution (measured: several times slower under concurrency, the
// reason the session and customer were two lookups). The join itself has
// no parameter left, so it is planned once.
var shopperByTokenQuery = `SELECT s.token_hash, s.company_id, s.customer_id, s.contact_id, s.created_at, s.expires_at,
	COALESCE((SELECT v.version FROM catalog_versions v WHERE v.company_id = s.company_id), 0),
	COALESCE((SELECT sv.version FROM shopper_versions sv WHERE sv.customer_id = s.customer_id), 0),
	` + prefixed("co.", companyColumns) + `,
	` + prefixed("cu.", customerColumns) + `,
	` + prefixed("ct.", contactColumns) + `
	FROM (SELECT token_hash, company_id, customer_id, contact_id, created_at, expires_at FROM customer_sessions
		WHERE token_hash = ? LIMIT 1) s
	JOIN companies co ON co.id = s.company_id
	JOIN customers cu ON cu.id = s.customer_id AND cu.company_id = s.company_id
	LEFT JOIN customer_contacts ct ON ct.id = s.contact_id AND ct.company_id = s.company_id AND ct.customer_id = s.customer_id`

// ShopperByToken loads the storefront session with this token hash
// together with its company, its customer, its contact and the company's
// catalog version, in one query: the fast path of every signed-in
// storefront request, which otherwise reads the company by slug, the
// session and the customer (and contact) one by one. It reports false when
// there is no such session, it has expired, its customer is gone, or it
// names a contact that is gone. The caller checks that the company is the
// one the request is for: the token hash (of a random secret) is the only
// key, so this is the one store read not filtered by a company id.
func (q Queries) ShopperByToken(ctx context.Context, tokenHash string, now time.Time) (SignedInShopper, bool, error) {
	var st SignedInShopper
	s := &st.Session
	var contact sql.NullString
	var created, expires dbTime
	dest := []any{&s.TokenHash, &s.CompanyID, &s.CustomerID, &contact, &created, &expires, &st.CatalogVersion, &st.ShopperVersion}
	companyDest, companyFinish := companyDest(&st.Company)
	customerDest, customerFinish := customerDest(&st.Customer)
	var ctID, ctCompany, ctCustomer, ctEmail, ctName, ctRole, ctHash sql.NullString
	var ctActive, ctVerified sql.NullBool
	var ctCreated, ctUpdated dbTime
	dest = append(append(append(dest, companyDest...), customerDest...),
		&ctID, &ctCompany, &ctCustomer, &ctEmail, &ctName, &ctRole, &ctActive, &ctHash, &ctVerified, &ctCreated, &ctUpdated)
	err := q.hotRow(ctx, shopperByTokenQuery, tokenHash).Scan(dest...)
	if err == sql.ErrNoRows || (err == nil && !expires.Time.After(now)) {
		return st, false, nil
	}
	if err != nil {
		return st, false, mapErr(fmt.Errorf("shopper by token: %w", err))
	}
	if contact.Valid && !ctID.Valid { // the session's contact is gone
		return st, false, nil
	}
	s.ContactID, s.CreatedAt, s.ExpiresAt = contact.String, created.Time, expires.Time
	companyFinish()
	customerFinish()
	if ctID.Valid {
		st.Contact = &model.Contact{ID: ctID.String, CompanyID: ctCompany.String, CustomerID: ctCustomer.String,
			Email: ctEmail.String, Name: ctName.String, Role: model.ContactRole(ctRole.String), Active: ctActive.Bool,
			PasswordHash: ctHash.String, EmailVerified: ctVerified.Bool, CreatedAt: ctCreated.Time, UpdatedAt: ctUpdated.Time}
	}
	return st, true, nil
}
