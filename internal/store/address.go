package store

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/model"
)

const addressColumns = `id, company_id, customer_id, label, line1, line2, city, region, postal_code, country, is_default, created_at, updated_at`

// CreateAddress inserts a shipping address.
func (q Queries) CreateAddress(ctx context.Context, a model.Address) error {
	_, err := q.exec(ctx, `INSERT INTO customer_addresses (`+addressColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.CompanyID, a.CustomerID, a.Label, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.IsDefault,
		dbTime{a.CreatedAt}, dbTime{a.UpdatedAt})
	return err
}

// UpdateAddress writes every field of an address.
func (q Queries) UpdateAddress(ctx context.Context, a model.Address) error {
	res, err := q.exec(ctx, `UPDATE customer_addresses SET label = ?, line1 = ?, line2 = ?, city = ?, region = ?, postal_code = ?,
		country = ?, is_default = ?, updated_at = ? WHERE company_id = ? AND customer_id = ? AND id = ?`,
		a.Label, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.IsDefault, dbTime{a.UpdatedAt},
		a.CompanyID, a.CustomerID, a.ID)
	if err != nil {
		return err
	}
	return expectOne(res, "Address")
}

// DeleteAddress removes an address; orders keep their copies.
func (q Queries) DeleteAddress(ctx context.Context, companyID, customerID, id string) error {
	res, err := q.exec(ctx, `DELETE FROM customer_addresses WHERE company_id = ? AND customer_id = ? AND id = ?`, companyID, customerID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Address")
}

// SetDefaultAddress makes one address the customer's only default.
func (q Queries) SetDefaultAddress(ctx context.Context, companyID, customerID, id string) error {
	if _, err := q.exec(ctx, `UPDATE customer_addresses SET is_default = ? WHERE company_id = ? AND customer_id = ? AND id <> ?`,
		false, companyID, customerID, id); err != nil {
		return err
	}
	res, err := q.exec(ctx, `UPDATE customer_addresses SET is_default = ? WHERE company_id = ? AND customer_id = ? AND id = ?`,
		true, companyID, customerID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Address")
}

// Addresses lists a customer's addresses, the default first.
func (q Queries) Addresses(ctx context.Context, companyID, customerID string) ([]model.Address, error) {
	rows, err := q.hotQuery(ctx, `SELECT `+addressColumns+` FROM customer_addresses WHERE company_id = ? AND customer_id = ?
		ORDER BY is_default DESC, id`, companyID, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Address
	for rows.Next() {
		var a model.Address
		var created, updated dbTime
		if err := rows.Scan(&a.ID, &a.CompanyID, &a.CustomerID, &a.Label, &a.Line1, &a.Line2, &a.City, &a.Region, &a.PostalCode,
			&a.Country, &a.IsDefault, &created, &updated); err != nil {
			return nil, mapErr(fmt.Errorf("scan address: %w", err))
		}
		a.CreatedAt, a.UpdatedAt = created.Time, updated.Time
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}
