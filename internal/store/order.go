package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

const orderColumns = `id, company_id, number, status, customer_id, customer_email, customer_name, placed_by_type, placed_by_id,
	placed_by_label, po_number, notes, ship_label, ship_line1, ship_line2, ship_city, ship_region, ship_postal, ship_country,
	subtotal, tax, tax_rate, shipping, total, created_at, updated_at`

func orderDest(o *model.Order) ([]any, func()) {
	var customer, placedByID sql.NullString
	var created, updated dbTime
	a := &o.ShippingAddress
	return []any{&o.ID, &o.CompanyID, &o.Number, &o.Status, &customer, &o.CustomerEmail, &o.CustomerName, &o.PlacedBy.Type,
			&placedByID, &o.PlacedBy.Label, &o.PONumber, &o.Notes, &a.Label, &a.Line1, &a.Line2, &a.City, &a.Region, &a.PostalCode,
			&a.Country, &o.Subtotal, &o.Tax, &o.TaxRate, &o.Shipping, &o.Total, &created, &updated},
		func() {
			o.CustomerID, o.PlacedBy.ID = customer.String, placedByID.String
			o.CreatedAt, o.UpdatedAt = created.Time, updated.Time
		}
}

// NextOrderNumber allocates the company's next order number (1001, 1002…).
// Inside a transaction the allocation commits or rolls back with the order.
func (q Queries) NextOrderNumber(ctx context.Context, companyID string) (int, error) {
	var n int
	err := q.row(ctx, `INSERT INTO order_numbers (company_id, last_number) VALUES (?, 1001)
		ON CONFLICT (company_id) DO UPDATE SET last_number = order_numbers.last_number + 1
		RETURNING last_number`, companyID).Scan(&n)
	if err != nil {
		return 0, mapErr(fmt.Errorf("next order number: %w", err))
	}
	return n, nil
}

// CreateOrder inserts an order and its lines as given (numbers, copies and
// totals already computed).
func (q Queries) CreateOrder(ctx context.Context, o model.Order) error {
	a := o.ShippingAddress
	if _, err := q.exec(ctx, `INSERT INTO orders (`+orderColumns+`, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, o.CompanyID, o.Number, o.Status, nullString(o.CustomerID), o.CustomerEmail, o.CustomerName, o.PlacedBy.Type,
		nullString(o.PlacedBy.ID), o.PlacedBy.Label, o.PONumber, o.Notes, a.Label, a.Line1, a.Line2, a.City, a.Region, a.PostalCode,
		a.Country, o.Subtotal, o.Tax, o.TaxRate, o.Shipping, o.Total, dbTime{o.CreatedAt}, dbTime{o.UpdatedAt}, orderSearchText(o)); err != nil {
		return err
	}
	if len(o.Items) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO order_items (id, company_id, order_id, position, product_id, product_name, product_sku, quantity, unit_price, line_total) VALUES `)
	args := make([]any, 0, len(o.Items)*10)
	for i, it := range o.Items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, it.ID, o.CompanyID, o.ID, i+1, it.ProductID, it.ProductName, it.ProductSKU, it.Quantity, it.UnitPrice, it.LineTotal)
	}
	_, err := q.exec(ctx, b.String(), args...)
	return err
}

// Order returns one order of a company with its lines. Errors: CodeNotFound.
func (q Queries) Order(ctx context.Context, companyID, id string) (model.Order, error) {
	var o model.Order
	dest, finish := orderDest(&o)
	if err := q.row(ctx, `SELECT `+orderColumns+` FROM orders WHERE company_id = ? AND id = ?`+q.forUpdate(), companyID, id).Scan(dest...); err != nil {
		return o, notFound(err, "Order")
	}
	finish()
	rows, err := q.query(ctx, `SELECT id, order_id, product_id, product_name, product_sku, quantity, unit_price, line_total
		FROM order_items WHERE company_id = ? AND order_id = ? ORDER BY position`, companyID, id)
	if err != nil {
		return o, err
	}
	defer rows.Close()
	for rows.Next() {
		var it model.OrderItem
		if err := rows.Scan(&it.ID, &it.OrderID, &it.ProductID, &it.ProductName, &it.ProductSKU, &it.Quantity, &it.UnitPrice, &it.LineTotal); err != nil {
			return o, mapErr(fmt.Errorf("scan order item: %w", err))
		}
		o.Items = append(o.Items, it)
	}
	return o, mapErr(rows.Err())
}

// CustomerOrders lists a customer's orders, newest first, without lines.
func (q Queries) CustomerOrders(ctx context.Context, companyID, customerID string, limit int) ([]model.Order, error) {
	rows, err := q.query(ctx, `SELECT `+orderColumns+` FROM orders WHERE company_id = ? AND customer_id = ? ORDER BY id DESC LIMIT ?`,
		companyID, customerID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Order
	for rows.Next() {
		var o model.Order
		dest, finish := orderDest(&o)
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(fmt.Errorf("scan order: %w", err))
		}
		finish()
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// SetOrderStatus writes an order's status.
func (q Queries) SetOrderStatus(ctx context.Context, companyID, id string, status model.OrderStatus, at time.Time) error {
	res, err := q.exec(ctx, `UPDATE orders SET status = ?, updated_at = ? WHERE company_id = ? AND id = ?`, status, dbTime{at}, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Order")
}

// CountOrdersSince counts a company's orders placed at or after t.
func (q Queries) CountOrdersSince(ctx context.Context, companyID string, t time.Time) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM orders WHERE company_id = ? AND id >= ? AND created_at >= ?`,
		companyID, model.IDBoundAt(t.Add(-time.Minute)), dbTime{t}).Scan(&n)
	return n, mapErr(err)
}

// orderSearchText is what the orders search matches: the number (with
// and without #), PO number, customer e-mail and name, lower-cased in Go.
func orderSearchText(o model.Order) string {
	n := strconv.Itoa(o.Number)
	return strings.ToLower("#" + n + "\n" + o.PONumber + "\n" + o.CustomerEmail + "\n" + o.CustomerName)
}

// ExportOrders streams a company's orders placed in [from, to) oldest
// first, each with its lines, to fn.
func (q Queries) ExportOrders(ctx context.Context, companyID string, from, to time.Time, fn func(model.Order) error) error {
	where, args := "o.company_id = ?", []any{companyID}
	if !from.IsZero() {
		where += " AND o.id >= ? AND o.created_at >= ?"
		args = append(args, model.IDBoundAt(from.Add(-time.Minute)), dbTime{from})
	}
	if !to.IsZero() {
		where += " AND o.id < ? AND o.created_at < ?"
		args = append(args, model.IDBoundAt(to.Add(time.Minute)), dbTime{to})
	}
	rows, err := q.query(ctx, `SELECT `+prefixed("o.", orderColumns)+`, i.id, i.product_id, i.product_name, i.product_sku, i.quantity,
		i.unit_price, i.line_total FROM orders o JOIN order_items i ON i.order_id = o.id AND i.company_id = o.company_id
		WHERE `+where+` ORDER BY o.id, i.position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur model.Order
	for rows.Next() {
		var o model.Order
		var it model.OrderItem
		dest, finish := orderDest(&o)
		if err := rows.Scan(append(dest, &it.ID, &it.ProductID, &it.ProductName, &it.ProductSKU, &it.Quantity, &it.UnitPrice, &it.LineTotal)...); err != nil {
			return mapErr(fmt.Errorf("scan export: %w", err))
		}
		finish()
		if o.ID != cur.ID {
			if cur.ID != "" {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur = o
		}
		cur.Items = append(cur.Items, it)
	}
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	if cur.ID != "" {
		return fn(cur)
	}
	return nil
}
