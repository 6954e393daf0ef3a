package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
)

const contactColumns = `id, company_id, customer_id, email, name, role, is_active, password_hash, email_verified, created_at, updated_at`

func contactDest(c *model.Contact) ([]any, func()) {
	var name, hash sql.NullString
	var created, updated dbTime
	return []any{&c.ID, &c.CompanyID, &c.CustomerID, &c.Email, &name, &c.Role, &c.Active, &hash, &c.EmailVerified, &created, &updated},
		func() {
			c.Name, c.PasswordHash = name.String, hash.String
			c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
		}
}

// CreateContact inserts a contact with its sign-in identity. An e-mail that
// already signs in at the company is CodeConflict on "email".
func (q Queries) CreateContact(ctx context.Context, c model.Contact) error {
	if _, err := q.exec(ctx, `INSERT INTO customer_contacts (`+contactColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.CompanyID, c.CustomerID, c.Email, nullString(c.Name), c.Role, c.Active, nullString(c.PasswordHash), c.EmailVerified,
		dbTime{c.CreatedAt}, dbTime{c.UpdatedAt}); err != nil {
		return err
	}
	_, err := q.exec(ctx, `INSERT INTO sign_in_identities (company_id, email, customer_id, contact_id) VALUES (?, ?, ?, ?)`,
		c.CompanyID, c.Email, c.CustomerID, c.ID)
	return err
}

// Contacts lists a customer's contacts, oldest first.
func (q Queries) Contacts(ctx context.Context, companyID, customerID string) ([]model.Contact, error) {
	rows, err := q.query(ctx, `SELECT `+contactColumns+` FROM customer_contacts WHERE company_id = ? AND customer_id = ? ORDER BY id`, companyID, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Contact
	for rows.Next() {
		var c model.Contact
		dest, finish := contactDest(&c)
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(fmt.Errorf("scan contact: %w", err))
		}
		finish()
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// Contact returns one contact of a company's customer. Errors: CodeNotFound.
func (q Queries) Contact(ctx context.Context, companyID, customerID, id string) (model.Contact, error) {
	var c model.Contact
	dest, finish := contactDest(&c)
	err := q.hotRow(ctx, `SELECT `+contactColumns+` FROM customer_contacts WHERE company_id = ? AND customer_id = ? AND id = ?`+q.forUpdate(),
		companyID, customerID, id).Scan(dest...)
	if err != nil {
		return c, notFound(err, "Contact")
	}
	finish()
	return c, nil
}

// ContactByEmail returns the company's contact with a normalised e-mail.
func (q Queries) ContactByEmail(ctx context.Context, companyID, email string) (model.Contact, error) {
	var c model.Contact
	dest, finish := contactDest(&c)
	err := q.row(ctx, `SELECT `+contactColumns+` FROM customer_contacts WHERE company_id = ? AND email = ?`, companyID, email).Scan(dest...)
	if err != nil {
		return c, notFound(err, "Contact")
	}
	finish()
	return c, nil
}

// UpdateContact writes a contact's name, role and active flag.
func (q Queries) UpdateContact(ctx context.Context, c model.Contact) error {
	res, err := q.exec(ctx, `UPDATE customer_contacts SET name = ?, role = ?, is_active = ?, updated_at = ?
		WHERE company_id = ? AND customer_id = ? AND id = ?`,
		nullString(c.Name), c.Role, c.Active, dbTime{c.UpdatedAt}, c.CompanyID, c.CustomerID, c.ID)
	if err != nil {
		return err
	}
	return expectOne(res, "Contact")
}

// SetContactPassword stores a contact's password hash and marks the e-mail
// verified.
func (q Queries) SetContactPassword(ctx context.Context, companyID, id, hash string, at time.Time) error {
	res, err := q.exec(ctx, `UPDATE customer_contacts SET password_hash = ?, email_verified = ?, updated_at = ? WHERE company_id = ? AND id = ?`,
		hash, true, dbTime{at}, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Contact")
}

// DeleteContact removes a contact, its sign-in identity, sessions and setup
// links (by cascade). Its orders stay on the account.
func (q Queries) DeleteContact(ctx context.Context, companyID, customerID, id string) error {
	if _, err := q.exec(ctx, `DELETE FROM sign_in_identities WHERE company_id = ? AND contact_id = ?`, companyID, id); err != nil {
		return err
	}
	res, err := q.exec(ctx, `DELETE FROM customer_contacts WHERE company_id = ? AND customer_id = ? AND id = ?`, companyID, customerID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Contact")
}
