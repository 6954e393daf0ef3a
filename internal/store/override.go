package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// PriceOverrides lists a customer's overrides with product name, SKU and
// catalog price, by product name.
func (q Queries) PriceOverrides(ctx context.Context, companyID, customerID string) ([]model.PriceOverride, error) {
	rows, err := q.query(ctx, `SELECT o.company_id, o.customer_id, o.product_id, p.name, p.sku, p.price, o.price, o.created_at, o.updated_at
		FROM price_overrides o JOIN products p ON p.id = o.product_id AND p.company_id = o.company_id
		WHERE o.company_id = ? AND o.customer_id = ? ORDER BY p.sort_name, p.id`, companyID, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.PriceOverride
	for rows.Next() {
		var o model.PriceOverride
		var sku sql.NullString
		var created, updated dbTime
		if err := rows.Scan(&o.CompanyID, &o.CustomerID, &o.ProductID, &o.ProductName, &sku, &o.CatalogPrice, &o.Price, &created, &updated); err != nil {
			return nil, mapErr(fmt.Errorf("scan override: %w", err))
		}
		o.ProductSKU, o.CreatedAt, o.UpdatedAt = sku.String, created.Time, updated.Time
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// PriceOverride returns one override, found reports whether it exists.
func (q Queries) PriceOverride(ctx context.Context, companyID, customerID, productID string) (model.Money, bool, error) {
	var price model.Money
	err := q.row(ctx, `SELECT price FROM price_overrides WHERE company_id = ? AND customer_id = ? AND product_id = ?`+q.forUpdate(),
		companyID, customerID, productID).Scan(&price)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	return price, err == nil, mapErr(err)
}

// SetPriceOverride adds or replaces a customer's price for a product.
func (q Queries) SetPriceOverride(ctx context.Context, companyID, customerID, productID string, price model.Money, at time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO price_overrides (company_id, customer_id, product_id, price, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (customer_id, product_id) DO UPDATE SET price = excluded.price, updated_at = excluded.updated_at`,
		companyID, customerID, productID, price, dbTime{at}, dbTime{at})
	return err
}

// DeletePriceOverride removes an override. Errors: CodeNotFound.
func (q Queries) DeletePriceOverride(ctx context.Context, companyID, customerID, productID string) error {
	res, err := q.exec(ctx, `DELETE FROM price_overrides WHERE company_id = ? AND customer_id = ? AND product_id = ?`, companyID, customerID, productID)
	if err != nil {
		return err
	}
	return expectOne(res, "Price override")
}

// OverridablePicks lists active products of the company that have no
// override yet for the customer, matching an optional search, by name.
func (q Queries) OverridablePicks(ctx context.Context, companyID, customerID, search string, limit int) ([]model.Product, error) {
	where := `p.company_id = ? AND p.is_active = ? AND NOT EXISTS (SELECT 1 FROM price_overrides o
		WHERE o.customer_id = ? AND o.product_id = p.id)`
	args := []any{companyID, true, customerID}
	if s := strings.TrimSpace(search); s != "" {
		where += ` AND p.search_text LIKE ? ESCAPE '\'`
		args = append(args, containsPattern(s))
	}
	rows, err := q.query(ctx, `SELECT `+prefixed("p.", productColumns)+` FROM products p WHERE `+where+
		` ORDER BY p.sort_name, p.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return scanProducts(rows)
}
