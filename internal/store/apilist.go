package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// Keyset lists for the REST API: newest first, each page starting after the
// cursor (the last id of the page before), so a page costs the same at any
// depth. Their few query shapes (one per combination of filters) go through
// the prepared statements of the read pool. Each returns up to limit+1 rows; the caller uses the extra row to
// tell whether there are more.

// keysetPage adds k's cursor and limit to a WHERE clause.
func keysetPage(k model.Keyset, where string, args []any) (string, []any) {
	if k.Cursor != "" {
		where += " AND id < ?"
		args = append(args, k.Cursor)
	}
	return where + " ORDER BY id DESC LIMIT ?", append(args, k.Limit+1)
}

// ProductsAfter lists a company's products matching f (its Query, Category
// and Active; the sort and page are ignored).
func (q Queries) ProductsAfter(ctx context.Context, companyID string, f model.ProductFilter, k model.Keyset) ([]model.Product, error) {
	where, args := productWhere(companyID, model.ProductFilter{Query: f.Query, Category: f.Category, Active: f.Active})
	where, args = keysetPage(k, where, args)
	rows, err := q.hotQuery(ctx, `SELECT `+productColumns+` FROM products WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	return scanProducts(rows)
}

// CustomersAfter lists a company's customers matching f's Query and Status.
func (q Queries) CustomersAfter(ctx context.Context, companyID string, f model.CustomerFilter, k model.Keyset) ([]model.Customer, error) {
	where, args := customerWhere(companyID, model.CustomerFilter{Query: f.Query, Status: f.Status})
	where, args = keysetPage(k, where, args)
	rows, err := q.hotQuery(ctx, `SELECT `+customerColumns+` FROM customers WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	return scanCustomers(rows)
}

// OrderKeysetFilter narrows the API's order list.
type OrderKeysetFilter struct {
	Status       model.OrderStatus
	CustomerID   string
	Since, Until time.Time // Since inclusive, Until exclusive; zero for open
}

// OrdersAfter lists a company's orders matching f, each with its lines.
func (q Queries) OrdersAfter(ctx context.Context, companyID string, f OrderKeysetFilter, k model.Keyset) ([]model.Order, error) {
	where := []string{"company_id = ?"}
	args := []any{companyID}
	if f.Status != "" {
		where = append(where, "status = ?")
		args = append(args, f.Status)
	}
	if f.CustomerID != "" {
		where = append(where, "customer_id = ?")
		args = append(args, f.CustomerID)
	}
	// Ids are time-ordered: a time range is also an id range (a minute of
	// slack either side; created_at keeps it exact).
	if !f.Since.IsZero() {
		where = append(where, "id >= ?", "created_at >= ?")
		args = append(args, model.IDBoundAt(f.Since.Add(-time.Minute)), dbTime{f.Since})
	}
	if !f.Until.IsZero() {
		where = append(where, "id < ?", "created_at < ?")
		args = append(args, model.IDBoundAt(f.Until.Add(time.Minute)), dbTime{f.Until})
	}
	w, args := keysetPage(k, strings.Join(where, " AND "), args)
	rows, err := q.hotQuery(ctx, `SELECT `+orderColumns+` FROM orders WHERE `+w, args...)
	if err != nil {
		return nil, err
	}
	var out []model.Order
	func() {
		defer rows.Close()
		for rows.Next() {
			var o model.Order
			dest, finish := orderDest(&o)
			if err = rows.Scan(dest...); err != nil {
				err = mapErr(fmt.Errorf("scan order: %w", err))
				return
			}
			finish()
			out = append(out, o)
		}
		err = mapErr(rows.Err())
	}()
	if err != nil || len(out) == 0 {
		return out, err
	}
	return out, q.attachItems(ctx, companyID, out)
}

// attachItems loads the lines of the given orders in one query.
func (q Queries) attachItems(ctx context.Context, companyID string, orders []model.Order) error {
	at := make(map[string]int, len(orders))
	args := []any{companyID}
	for i, o := range orders {
		at[o.ID] = i
		args = append(args, o.ID)
	}
	rows, err := q.query(ctx, `SELECT id, order_id, product_id, product_name, product_sku, quantity, unit_price, line_total
		FROM order_items WHERE company_id = ? AND order_id IN (`+placeholders(len(orders))+`) ORDER BY order_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var it model.OrderItem
		if err := rows.Scan(&it.ID, &it.OrderID, &it.ProductID, &it.ProductName, &it.ProductSKU, &it.Quantity, &it.UnitPrice, &it.LineTotal); err != nil {
			return mapErr(fmt.Errorf("scan order item: %w", err))
		}
		o := &orders[at[it.OrderID]]
		o.Items = append(o.Items, it)
	}
	return mapErr(rows.Err())
}
