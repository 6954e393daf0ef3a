package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// epoch is stored as last_order_at for a customer without orders, so the
// column is never NULL and sorts the same way on both engines.
func epoch() time.Time { return time.Unix(0, 0).UTC() }

const customerColumns = `id, company_id, email, name, password_hash, status, notes, credit_limit, tax_rate_override,
	email_verified, order_count, total_spent, last_order_at, created_at, updated_at`

func customerDest(c *model.Customer) ([]any, func()) {
	var name, hash, notes sql.NullString
	var credit, tax sql.NullInt64
	var last, created, updated dbTime
	dest := []any{&c.ID, &c.CompanyID, &c.Email, &name, &hash, &c.Status, &notes, &credit, &tax,
		&c.EmailVerified, &c.OrderCount, &c.TotalSpent, &last, &created, &updated}
	return dest, func() {
		c.Name, c.PasswordHash, c.Notes = name.String, hash.String, notes.String
		c.CreditLimit, c.TaxRateOverride = nil, nil
		if credit.Valid {
			m := model.Money(credit.Int64)
			c.CreditLimit = &m
		}
		if tax.Valid {
			r := model.Rate(tax.Int64)
			c.TaxRateOverride = &r
		}
		c.LastOrderAt = last.Time
		if !c.LastOrderAt.After(epoch()) {
			c.LastOrderAt = time.Time{}
		}
		c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
	}
}

func scanCustomers(rows *sql.Rows) ([]model.Customer, error) {
	defer rows.Close()
	var out []model.Customer
	for rows.Next() {
		var c model.Customer
		dest, finish := customerDest(&c)
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(fmt.Errorf("scan customer: %w", err))
		}
		finish()
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

func searchText(email, name string) string { return strings.ToLower(email + "\n" + name) }

// sortName is the name sort key: the name, or the e-mail without one,
// lower-cased in Go so both engines sort alike.
func sortName(c model.Customer) string { return strings.ToLower(c.DisplayName()) }

func nullMoney(m *model.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

func nullRate(r *model.Rate) any {
	if r == nil {
		return nil
	}
	return int64(*r)
}

// CreateCustomers inserts customers and their sign-in identities with
// multi-row statements. An e-mail already used by a customer or contact of
// the company is CodeConflict on "email".
func (q Queries) CreateCustomers(ctx context.Context, cs []model.Customer) error {
	const cols = 15
	for start := 0; start < len(cs); {
		end := min(start+maxRowsPerInsert(cols), len(cs))
		var b, ib strings.Builder
		b.WriteString(`INSERT INTO customers (id, company_id, email, name, password_hash, status, notes, credit_limit,
			tax_rate_override, email_verified, search_text, sort_name, last_order_at, created_at, updated_at) VALUES `)
		ib.WriteString(`INSERT INTO sign_in_identities (company_id, email, customer_id, contact_id) VALUES `)
		args := make([]any, 0, (end-start)*cols)
		iargs := make([]any, 0, (end-start)*4)
		for i := start; i < end; i++ {
			c := cs[i]
			if i > start {
				b.WriteByte(',')
				ib.WriteByte(',')
			}
			b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			ib.WriteString("(?, ?, ?, NULL)")
			args = append(args, c.ID, c.CompanyID, c.Email, nullString(c.Name), nullString(c.PasswordHash), c.Status,
				nullString(c.Notes), nullMoney(c.CreditLimit), nullRate(c.TaxRateOverride), c.EmailVerified,
				searchText(c.Email, c.Name), sortName(c), dbTime{epoch()}, dbTime{c.CreatedAt}, dbTime{c.UpdatedAt})
			iargs = append(iargs, c.CompanyID, c.Email, c.ID)
		}
		if _, err := q.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		if _, err := q.exec(ctx, ib.String(), iargs...); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// CreateCustomer inserts one customer with its sign-in identity.
func (q Queries) CreateCustomer(ctx context.Context, c model.Customer) error {
	return q.CreateCustomers(ctx, []model.Customer{c})
}

// Customer returns one customer of a company. Errors: CodeNotFound.
func (q Queries) Customer(ctx context.Context, companyID, id string) (model.Customer, error) {
	var c model.Customer
	dest, finish := customerDest(&c)
	err := q.hotRow(ctx, `SELECT `+customerColumns+` FROM customers WHERE company_id = ? AND id = ?`+q.forUpdate(), companyID, id).Scan(dest...)
	if err != nil {
		return c, notFound(err, "Customer")
	}
	finish()
	return c, nil
}

// CustomerByEmail returns the company's customer with a normalised e-mail.
func (q Queries) CustomerByEmail(ctx context.Context, companyID, email string) (model.Customer, error) {
	var c model.Customer
	dest, finish := customerDest(&c)
	err := q.row(ctx, `SELECT `+customerColumns+` FROM customers WHERE company_id = ? AND email = ?`+q.forUpdate(), companyID, email).Scan(dest...)
	if err != nil {
		return c, notFound(err, "Customer")
	}
	finish()
	return c, nil
}

// CustomersByEmail returns the company's customers with these e-mails.
func (q Queries) CustomersByEmail(ctx context.Context, companyID string, emails []string) (map[string]model.Customer, error) {
	out := make(map[string]model.Customer, len(emails))
	err := forEachBatch(emails, nil, func(part []string, _ []any) error {
		query, args := q.keyLookup(customerColumns, "customers", "email", companyID, part)
		rows, err := q.query(ctx, query, args...)
		if err != nil {
			return err
		}
		cs, err := scanCustomers(rows)
		for _, c := range cs {
			out[c.Email] = c
		}
		return err
	})
	return out, err
}

// UpdateCustomer writes a customer's editable fields (e-mail, name, status,
// notes, credit limit, tax override, e-mail verified) and keeps its sign-in
// identity in step.
func (q Queries) UpdateCustomer(ctx context.Context, before, after model.Customer) error {
	if before.Email != after.Email {
		res, err := q.exec(ctx, `UPDATE sign_in_identities SET email = ? WHERE company_id = ? AND email = ? AND customer_id = ? AND contact_id IS NULL`,
			after.Email, after.CompanyID, before.Email, after.ID)
		if err != nil {
			return err
		}
		if err := expectOne(res, "Customer"); err != nil {
			return err
		}
	}
	res, err := q.exec(ctx, `UPDATE customers SET email = ?, name = ?, status = ?, notes = ?, credit_limit = ?, tax_rate_override = ?,
		email_verified = ?, search_text = ?, sort_name = ?, updated_at = ? WHERE company_id = ? AND id = ?`,
		after.Email, nullString(after.Name), after.Status, nullString(after.Notes), nullMoney(after.CreditLimit),
		nullRate(after.TaxRateOverride), after.EmailVerified, searchText(after.Email, after.Name), sortName(after), dbTime{after.UpdatedAt},
		after.CompanyID, after.ID)
	if err != nil {
		return err
	}
	return expectOne(res, "Customer")
}

// SetCustomerPassword stores a password hash and marks the e-mail verified.
func (q Queries) SetCustomerPassword(ctx context.Context, companyID, id, hash string, at time.Time) error {
	res, err := q.exec(ctx, `UPDATE customers SET password_hash = ?, email_verified = ?, updated_at = ? WHERE company_id = ? AND id = ?`,
		hash, true, dbTime{at}, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Customer")
}

// customerWhere builds the WHERE clause of a customer filter.
func customerWhere(companyID string, f model.CustomerFilter) (string, []any) {
	where := []string{"company_id = ?"}
	args := []any{companyID}
	if f.Status != "" {
		where = append(where, "status = ?")
		args = append(args, f.Status)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `search_text LIKE ? ESCAPE '\'`)
		args = append(args, containsPattern(q))
	}
	return strings.Join(where, " AND "), args
}

// customerOrder maps a list sort to its ORDER BY; each has an index.
func customerOrder(sort string) string {
	switch sort {
	case "oldest":
		return "id"
	case "name":
		return "sort_name, id"
	case "email":
		return "email, id"
	case "spent":
		return "total_spent DESC, id DESC"
	case "orders":
		return "order_count DESC, id DESC"
	case "last_order":
		return "last_order_at DESC, id DESC"
	}
	return "id DESC"
}

// Customers returns one page of a company's customers and the total that
// match. The page is found on the index alone (a deferred join), so a deep
// page reads only index entries up to its offset and then 50 rows.
func (q Queries) Customers(ctx context.Context, companyID string, f model.CustomerFilter) (model.CustomerPage, error) {
	where, args := customerWhere(companyID, f)
	page := model.CustomerPage{Page: max(f.Page, 1), PerPage: f.PerPage}
	if page.PerPage <= 0 {
		page.PerPage = 50
	}
	order := customerOrder(f.Sort)
	offset := (page.Page - 1) * page.PerPage
	if strings.TrimSpace(f.Query) != "" {
		// A search must read every entry of the search index anyway, so the
		// page and the total come from one scan (COUNT(*) OVER ()).
		rows, err := q.query(ctx, `SELECT `+prefixed("c.", customerColumns)+`, p.total FROM (SELECT id, COUNT(*) OVER () AS total
			FROM customers WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?) p JOIN customers c ON c.id = p.id ORDER BY `+prefixed("c.", order),
			append(args, page.PerPage, offset)...)
		if err != nil {
			return page, err
		}
		defer rows.Close()
		for rows.Next() {
			var c model.Customer
			dest, finish := customerDest(&c)
			if err := rows.Scan(append(dest, &page.Total)...); err != nil {
				return page, mapErr(fmt.Errorf("scan customer: %w", err))
			}
			finish()
			page.Customers = append(page.Customers, c)
		}
		if err := rows.Err(); err != nil {
			return page, mapErr(err)
		}
		if len(page.Customers) > 0 || offset == 0 {
			return page, nil
		}
		// Past the last page: count on its own.
	}
	if err := q.row(ctx, `SELECT COUNT(*) FROM customers WHERE `+where, args...).Scan(&page.Total); err != nil {
		return page, mapErr(fmt.Errorf("count customers: %w", err))
	}
	if page.Customers != nil || (strings.TrimSpace(f.Query) != "" && offset > 0) {
		return page, nil
	}
	rows, err := q.query(ctx, `SELECT `+prefixed("c.", customerColumns)+` FROM (SELECT id FROM customers WHERE `+where+
		` ORDER BY `+order+` LIMIT ? OFFSET ?) p JOIN customers c ON c.id = p.id ORDER BY `+prefixed("c.", order),
		append(args, page.PerPage, offset)...)
	if err != nil {
		return page, err
	}
	page.Customers, err = scanCustomers(rows)
	return page, err
}

// ExportCustomers streams a company's customers matching f, newest first,
// to fn one row at a time.
func (q Queries) ExportCustomers(ctx context.Context, companyID string, f model.CustomerFilter, fn func(model.Customer) error) error {
	where, args := customerWhere(companyID, f)
	rows, err := q.query(ctx, `SELECT `+customerColumns+` FROM customers WHERE `+where+` ORDER BY id DESC`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c model.Customer
		dest, finish := customerDest(&c)
		if err := rows.Scan(dest...); err != nil {
			return mapErr(fmt.Errorf("scan customer: %w", err))
		}
		finish()
		if err := fn(c); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// CountCustomers counts a company's customers.
func (q Queries) CountCustomers(ctx context.Context, companyID string) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM customers WHERE company_id = ?`, companyID).Scan(&n)
	return n, mapErr(err)
}

// RecomputeCustomerStats sets a customer's order count, total spent (both
// without CANCELLED orders) and last order time from its orders.
func (q Queries) RecomputeCustomerStats(ctx context.Context, companyID, customerID string) error {
	_, err := q.exec(ctx, `UPDATE customers SET
		order_count = (SELECT COUNT(*) FROM orders o WHERE o.company_id = ? AND o.customer_id = ? AND o.status <> 'CANCELLED'),
		total_spent = (SELECT COALESCE(SUM(o.total), 0) FROM orders o WHERE o.company_id = ? AND o.customer_id = ? AND o.status <> 'CANCELLED'),
		last_order_at = COALESCE((SELECT MAX(o.created_at) FROM orders o WHERE o.company_id = ? AND o.customer_id = ?), ?)
		WHERE company_id = ? AND id = ?`,
		companyID, customerID, companyID, customerID, companyID, customerID, dbTime{epoch()}, companyID, customerID)
	return err
}

// IdentityOwner returns who signs in with an e-mail at a company: the
// customer and, for a contact, the contact id. found is false when nobody.
func (q Queries) IdentityOwner(ctx context.Context, companyID, email string) (customerID, contactID string, found bool, err error) {
	var contact sql.NullString
	err = q.row(ctx, `SELECT customer_id, contact_id FROM sign_in_identities WHERE company_id = ? AND email = ?`, companyID, email).
		Scan(&customerID, &contact)
	if err == sql.ErrNoRows {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, mapErr(err)
	}
	return customerID, contact.String, true, nil
}

// EndCustomerSessions ends every open storefront session of a customer and
// of all its contacts at once: they expire now and remember why, so the
// next request can say so on the sign-in page.
func (q Queries) EndCustomerSessions(ctx context.Context, companyID, customerID, reason string, at time.Time) (int64, error) {
	res, err := q.exec(ctx, `UPDATE customer_sessions SET expires_at = ?, ended = ? WHERE company_id = ? AND customer_id = ? AND expires_at > ?`,
		dbTime{at}, reason, companyID, customerID, dbTime{at})
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return n, mapErr(err)
}

// DeleteContactSessions ends every storefront session of one contact.
func (q Queries) DeleteContactSessions(ctx context.Context, companyID, contactID string) (int64, error) {
	res, err := q.exec(ctx, `DELETE FROM customer_sessions WHERE company_id = ? AND contact_id = ?`, companyID, contactID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return n, mapErr(err)
}

// CustomerSession is a storefront session as stored.
type CustomerSession struct {
	TokenHash  string
	CompanyID  string
	CustomerID string
	ContactID  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
}

// CreateCustomerSession stores a storefront session.
func (q Queries) CreateCustomerSession(ctx context.Context, s CustomerSession) error {
	_, err := q.exec(ctx, `INSERT INTO customer_sessions (token_hash, company_id, customer_id, contact_id, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, s.TokenHash, s.CompanyID, s.CustomerID, nullString(s.ContactID), dbTime{s.CreatedAt}, dbTime{s.ExpiresAt})
	return err
}

// CustomerSessionLive reports whether a storefront session exists for this
// company and has not expired at now, and returns it.
func (q Queries) CustomerSessionLive(ctx context.Context, companyID, tokenHash string, now time.Time) (CustomerSession, bool, error) {
	var s CustomerSession
	var contact sql.NullString
	var created, expires dbTime
	err := q.hotRow(ctx, `SELECT token_hash, company_id, customer_id, contact_id, created_at, expires_at FROM customer_sessions
		WHERE token_hash = ? AND company_id = ? AND expires_at > ?`, tokenHash, companyID, dbTime{now}).
		Scan(&s.TokenHash, &s.CompanyID, &s.CustomerID, &contact, &created, &expires)
	if err == sql.ErrNoRows {
		return s, false, nil
	}
	if err != nil {
		return s, false, mapErr(err)
	}
	s.ContactID, s.CreatedAt, s.ExpiresAt = contact.String, created.Time, expires.Time
	return s, true, nil
}

// RecomputeAllCustomerStats recomputes the order statistics of every
// customer of a company from its orders (after bulk loads or repairs).
func (q Queries) RecomputeAllCustomerStats(ctx context.Context, companyID string) error {
	_, err := q.exec(ctx, `UPDATE customers SET
		order_count = (SELECT COUNT(*) FROM orders o WHERE o.company_id = customers.company_id AND o.customer_id = customers.id AND o.status <> 'CANCELLED'),
		total_spent = (SELECT COALESCE(SUM(o.total), 0) FROM orders o WHERE o.company_id = customers.company_id AND o.customer_id = customers.id AND o.status <> 'CANCELLED'),
		last_order_at = COALESCE((SELECT MAX(o.created_at) FROM orders o WHERE o.company_id = customers.company_id AND o.customer_id = customers.id), ?)
		WHERE company_id = ?`, dbTime{epoch()}, companyID)
	return err
}

// InsertCustomersOneByOne inserts customers (without sign-in identities)
// with one prepared statement per row: the floor the import benchmark
// compares the real import path with.
func (t *Tx) InsertCustomersOneByOne(ctx context.Context, cs []model.Customer) error {
	stmt, err := t.tx.PrepareContext(ctx, t.rebind(`INSERT INTO customers (id, company_id, email, name, status, notes, credit_limit,
		email_verified, search_text, sort_name, last_order_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return mapErr(err)
	}
	defer stmt.Close()
	for _, c := range cs {
		if _, err := stmt.ExecContext(ctx, c.ID, c.CompanyID, c.Email, nullString(c.Name), c.Status, nullString(c.Notes),
			nullMoney(c.CreditLimit), c.EmailVerified, searchText(c.Email, c.Name), sortName(c), dbTime{epoch()},
			dbTime{c.CreatedAt}, dbTime{c.UpdatedAt}); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// ContactEmails returns which of the e-mails sign in as contacts at the
// company.
func (q Queries) ContactEmails(ctx context.Context, companyID string, emails []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := forEachBatch(emails, companyID, func(part []string, args []any) error {
		rows, err := q.query(ctx, `SELECT email FROM sign_in_identities WHERE company_id = ? AND contact_id IS NOT NULL AND email IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e string
			if err := rows.Scan(&e); err != nil {
				return mapErr(err)
			}
			out[e] = true
		}
		return mapErr(rows.Err())
	})
	return out, err
}

// SetCustomerCreatedAt backdates a customer, for seeding historical data
// (the demo company, records brought over from another system).
func (q Queries) SetCustomerCreatedAt(ctx context.Context, companyID, id string, at time.Time) error {
	res, err := q.exec(ctx, `UPDATE customers SET created_at = ?, updated_at = ? WHERE company_id = ? AND id = ?`, dbTime{at}, dbTime{at}, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Customer")
}

// EndedSession reports why a storefront session was ended early ("" when
// it was not, or does not exist), and forgets it.
func (q Queries) EndedSession(ctx context.Context, companyID, tokenHash string) (string, error) {
	var reason sql.NullString
	err := q.row(ctx, `SELECT ended FROM customer_sessions WHERE company_id = ? AND token_hash = ?`, companyID, tokenHash).Scan(&reason)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", mapErr(err)
	}
	return reason.String, nil
}

// DeleteCustomerSession ends one storefront session.
func (q Queries) DeleteCustomerSession(ctx context.Context, companyID, tokenHash string) error {
	_, err := q.exec(ctx, `DELETE FROM customer_sessions WHERE company_id = ? AND token_hash = ?`, companyID, tokenHash)
	return err
}

// DeleteHolderSessions ends the sessions of one person (the primary holder
// when contactID is "") except keep, after a password change.
func (q Queries) DeleteHolderSessions(ctx context.Context, companyID, customerID, contactID, keep string) error {
	if contactID == "" {
		_, err := q.exec(ctx, `DELETE FROM customer_sessions WHERE company_id = ? AND customer_id = ? AND contact_id IS NULL AND token_hash <> ?`,
			companyID, customerID, keep)
		return err
	}
	_, err := q.exec(ctx, `DELETE FROM customer_sessions WHERE company_id = ? AND contact_id = ? AND token_hash <> ?`, companyID, contactID, keep)
	return err
}

// DeleteExpiredCustomerSessions removes storefront sessions that expired.
func (q Queries) DeleteExpiredCustomerSessions(ctx context.Context, now time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM customer_sessions WHERE expires_at <= ?`, dbTime{now})
	return err
}
