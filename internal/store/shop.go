package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// shopColumns are a product's columns plus the customer's price, merged in
// the query (an override, else the catalog price).
const shopColumns = `p.id, p.company_id, p.name, p.sku, p.description, p.category, p.unit, p.price, p.stock, p.is_active,
	p.image, p.created_at, p.updated_at, COALESCE(o.price, p.price)`

const shopFrom = ` FROM products p LEFT JOIN price_overrides o ON o.company_id = p.company_id AND o.customer_id = ? AND o.product_id = p.id`

func scanShopProducts(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]model.ShopProduct, error) {
	defer rows.Close()
	var out []model.ShopProduct
	for rows.Next() {
		var sp model.ShopProduct
		dest, finish := productDest(&sp.Product)
		if err := rows.Scan(append(dest, &sp.CustomerPrice)...); err != nil {
			return nil, mapErr(fmt.Errorf("scan shop product: %w", err))
		}
		finish()
		out = append(out, sp)
	}
	return out, mapErr(rows.Err())
}

// ShopProducts returns one page of a company's active products with the
// customer's prices, and the total that match.
func (q Queries) ShopProducts(ctx context.Context, companyID, customerID string, f model.ShopFilter) (model.ShopPage, error) {
	where := []string{"p.company_id = ?", "p.is_active = ?"}
	args := []any{companyID, true}
	if s := strings.TrimSpace(f.Query); s != "" {
		where = append(where, `p.search_text LIKE ? ESCAPE '\'`)
		args = append(args, containsPattern(s))
	}
	if f.Category != "" {
		where = append(where, "p.category = ?")
		args = append(args, f.Category)
	}
	w := strings.Join(where, " AND ")
	page := model.ShopPage{Page: max(f.Page, 1), PerPage: f.PerPage}
	if page.PerPage <= 0 {
		page.PerPage = 24
	}
	if err := q.row(ctx, `SELECT COUNT(*) FROM products p WHERE `+w, args...).Scan(&page.Total); err != nil {
		return page, mapErr(fmt.Errorf("count shop products: %w", err))
	}
	order := map[string]string{
		"name":       "p.sort_name, p.id",
		"name_desc":  "p.sort_name DESC, p.id DESC",
		"price":      "COALESCE(o.price, p.price), p.sort_name, p.id",
		"price_desc": "COALESCE(o.price, p.price) DESC, p.sort_name, p.id",
		"stock":      "p.stock DESC, p.sort_name, p.id",
	}[f.Sort]
	if order == "" {
		order = "p.category, p.sort_name, p.id"
	}
	rows, err := q.query(ctx, `SELECT `+shopColumns+shopFrom+` WHERE `+w+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(append([]any{customerID}, args...), page.PerPage, (page.Page-1)*page.PerPage)...)
	if err != nil {
		return page, err
	}
	if page.Products, err = scanShopProducts(rows); err != nil {
		return page, err
	}
	page.Categories, err = q.ProductCategories(ctx, companyID, true)
	return page, err
}

// ShopProductsByID returns the company's products with these ids (active or
// not) with the customer's prices, keyed by id. Inside a locking
// transaction the rows are locked (FOR UPDATE on PostgreSQL).
func (q Queries) ShopProductsByID(ctx context.Context, companyID, customerID string, ids []string) (map[string]model.ShopProduct, error) {
	out := map[string]model.ShopProduct{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{customerID, companyID}
	for _, id := range ids {
		args = append(args, id)
	}
	lock := ""
	if q.lock && q.engine == Postgres {
		lock = " FOR UPDATE OF p"
	}
	rows, err := q.query(ctx, `SELECT `+shopColumns+shopFrom+` WHERE p.company_id = ? AND p.id IN (`+placeholders(len(ids))+`) ORDER BY p.id`+lock, args...)
	if err != nil {
		return nil, err
	}
	ps, err := scanShopProducts(rows)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, nil
}

// CartProduct is a stored cart line with its product, priced for the
// customer.
type CartProduct struct {
	model.ShopProduct
	Quantity int
}

// CartProducts lists a person's cart lines with their products (active or
// not) and the customer's prices, oldest line first, in one query.
func (q Queries) CartProducts(ctx context.Context, companyID, customerID, holder string) ([]CartProduct, error) {
	rows, err := q.hotQuery(ctx, `SELECT `+shopColumns+`, ci.quantity FROM cart_items ci
		JOIN products p ON p.company_id = ci.company_id AND p.id = ci.product_id
		LEFT JOIN price_overrides o ON o.company_id = ci.company_id AND o.customer_id = ci.customer_id AND o.product_id = ci.product_id
		WHERE ci.company_id = ? AND ci.customer_id = ? AND ci.holder = ? ORDER BY ci.added_at, ci.product_id`, companyID, customerID, holder)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CartProduct
	for rows.Next() {
		var cp CartProduct
		dest, finish := productDest(&cp.Product)
		if err := rows.Scan(append(dest, &cp.CustomerPrice, &cp.Quantity)...); err != nil {
			return nil, mapErr(fmt.Errorf("scan cart product: %w", err))
		}
		finish()
		out = append(out, cp)
	}
	return out, mapErr(rows.Err())
}

// SetCartItem sets a line's quantity (0 removes it).
func (q Queries) SetCartItem(ctx context.Context, companyID, customerID, holder, productID string, qty int, at time.Time) error {
	if qty <= 0 {
		_, err := q.exec(ctx, `DELETE FROM cart_items WHERE company_id = ? AND customer_id = ? AND holder = ? AND product_id = ?`,
			companyID, customerID, holder, productID)
		return err
	}
	_, err := q.exec(ctx, `INSERT INTO cart_items (company_id, customer_id, holder, product_id, quantity, added_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (company_id, customer_id, holder, product_id) DO UPDATE SET quantity = excluded.quantity`,
		companyID, customerID, holder, productID, qty, dbTime{at})
	return err
}

// ClearCart empties a person's cart.
func (q Queries) ClearCart(ctx context.Context, companyID, customerID, holder string) error {
	_, err := q.exec(ctx, `DELETE FROM cart_items WHERE company_id = ? AND customer_id = ? AND holder = ?`, companyID, customerID, holder)
	return err
}

// TakeStock decrements a product's stock by qty when enough is left; it
// reports whether it did. The check and the decrement are one statement,
// so racing buyers can never take stock below zero.
func (q Queries) TakeStock(ctx context.Context, companyID, productID string, qty int, at time.Time) (bool, error) {
	res, err := q.exec(ctx, `UPDATE products SET stock = stock - ?, updated_at = ? WHERE company_id = ? AND id = ? AND stock >= ?`,
		qty, dbTime{at}, companyID, productID, qty)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// Notification is an in-app message to one staff member.
type Notification struct {
	ID, CompanyID, UserID, Type, Title, Body, Link string
	CreatedAt                                      time.Time
}

// CreateNotifications inserts notifications.
func (q Queries) CreateNotifications(ctx context.Context, ns []Notification) error {
	for _, n := range ns {
		if _, err := q.exec(ctx, `INSERT INTO notifications (id, company_id, user_id, type, title, body, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			n.ID, n.CompanyID, n.UserID, n.Type, n.Title, n.Body, n.Link, dbTime{n.CreatedAt}); err != nil {
			return err
		}
	}
	return nil
}

// Notifications lists a user's notifications in a company, newest first.
func (q Queries) Notifications(ctx context.Context, companyID, userID string, limit int) ([]Notification, error) {
	rows, err := q.query(ctx, `SELECT id, company_id, user_id, type, title, body, link, created_at FROM notifications
		WHERE company_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?`, companyID, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var at dbTime
		if err := rows.Scan(&n.ID, &n.CompanyID, &n.UserID, &n.Type, &n.Title, &n.Body, &n.Link, &at); err != nil {
			return nil, mapErr(err)
		}
		n.CreatedAt = at.Time
		out = append(out, n)
	}
	return out, mapErr(rows.Err())
}

// StaffOfRoles lists the user ids of a company's staff with these roles.
func (q Queries) StaffOfRoles(ctx context.Context, companyID string, roles ...model.Role) ([]string, error) {
	args := []any{companyID}
	for _, r := range roles {
		args = append(args, r)
	}
	rows, err := q.query(ctx, `SELECT user_id FROM memberships WHERE company_id = ? AND role IN (`+placeholders(len(roles))+`) ORDER BY user_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, id)
	}
	return out, mapErr(rows.Err())
}

// OutboxEvent is a webhook event waiting for delivery.
type OutboxEvent struct {
	ID, CompanyID, Event, Payload string
	CreatedAt                     time.Time
}

// OutboxEvents lists a company's webhook events, oldest first.
func (q Queries) OutboxEvents(ctx context.Context, companyID string) ([]OutboxEvent, error) {
	rows, err := q.query(ctx, `SELECT id, company_id, event, payload, created_at FROM webhook_outbox WHERE company_id = ? ORDER BY id`, companyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxEvent
	for rows.Next() {
		var e OutboxEvent
		var at dbTime
		if err := rows.Scan(&e.ID, &e.CompanyID, &e.Event, &e.Payload, &at); err != nil {
			return nil, mapErr(err)
		}
		e.CreatedAt = at.Time
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}
