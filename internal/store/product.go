package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

const productColumns = `id, company_id, name, sku, description, category, unit, price, stock, is_active, image, created_at, updated_at`

func productDest(p *model.Product) ([]any, func()) {
	var sku, image sql.NullString
	var created, updated dbTime
	dest := []any{&p.ID, &p.CompanyID, &p.Name, &sku, &p.Description, &p.Category, &p.Unit, &p.Price, &p.Stock,
		&p.Active, &image, &created, &updated}
	return dest, func() {
		p.SKU, p.Image = sku.String, image.String
		p.CreatedAt, p.UpdatedAt = created.Time, updated.Time
	}
}

func scanProducts(rows *sql.Rows) ([]model.Product, error) {
	defer rows.Close()
	var out []model.Product
	for rows.Next() {
		var p model.Product
		dest, finish := productDest(&p)
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(fmt.Errorf("scan product: %w", err))
		}
		finish()
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// productInsertColumns adds the derived search and sort columns, which are
// lower-cased in Go so both engines search and sort alike (SQLite's LOWER
// folds ASCII only).
const productInsertColumns = productColumns + `, sort_name, search_text`

const productPlaceholders = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

func productArgs(p model.Product) []any {
	return []any{p.ID, p.CompanyID, p.Name, nullString(p.SKU), p.Description, p.Category, p.Unit, p.Price, p.Stock,
		p.Active, nullString(p.Image), dbTime{p.CreatedAt}, dbTime{p.UpdatedAt}, strings.ToLower(p.Name), productSearchText(p)}
}

// productSearchText is what storefront and dashboard searches match.
func productSearchText(p model.Product) string {
	return strings.ToLower(p.Name + "\n" + p.SKU + "\n" + p.Category + "\n" + p.Description)
}

// CreateProduct inserts a product. A taken SKU is CodeConflict on "sku".
func (q Queries) CreateProduct(ctx context.Context, p model.Product) error {
	_, err := q.exec(ctx, `INSERT INTO products (`+productInsertColumns+`) VALUES `+productPlaceholders, productArgs(p)...)
	return err
}

// CreateProducts inserts many products with multi-row statements.
func (q Queries) CreateProducts(ctx context.Context, ps []model.Product) error {
	const cols = 15
	for start := 0; start < len(ps); {
		end := min(start+maxRowsPerInsert(cols), len(ps))
		var b strings.Builder
		b.WriteString(`INSERT INTO products (` + productInsertColumns + `) VALUES `)
		args := make([]any, 0, (end-start)*cols)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteByte(',')
			}
			b.WriteString(productPlaceholders)
			args = append(args, productArgs(ps[i])...)
		}
		if _, err := q.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// maxRowsPerInsert keeps a multi-row INSERT under both engines' parameter
// limits (SQLite 32766, PostgreSQL 65535).
func maxRowsPerInsert(cols int) int { return 30000 / cols }

// UpdateProduct writes every field of p (matched by company and id).
func (q Queries) UpdateProduct(ctx context.Context, p model.Product) error {
	res, err := q.exec(ctx, `UPDATE products SET name = ?, sku = ?, description = ?, category = ?, unit = ?, price = ?,
		stock = ?, is_active = ?, image = ?, updated_at = ?, sort_name = ?, search_text = ? WHERE company_id = ? AND id = ?`,
		p.Name, nullString(p.SKU), p.Description, p.Category, p.Unit, p.Price, p.Stock, p.Active, nullString(p.Image),
		dbTime{p.UpdatedAt}, strings.ToLower(p.Name), productSearchText(p), p.CompanyID, p.ID)
	if err != nil {
		return err
	}
	return expectOne(res, "Product")
}

// Product returns one product of a company (CodeNotFound otherwise).
func (q Queries) Product(ctx context.Context, companyID, id string) (model.Product, error) {
	var p model.Product
	dest, finish := productDest(&p)
	err := q.row(ctx, `SELECT `+productColumns+` FROM products WHERE company_id = ? AND id = ?`+q.forUpdate(), companyID, id).Scan(dest...)
	if err != nil {
		return p, notFound(err, "Product")
	}
	finish()
	return p, nil
}

// ProductsBySKU returns the company's products with these SKUs, keyed by SKU.
func (q Queries) ProductsBySKU(ctx context.Context, companyID string, skus []string) (map[string]model.Product, error) {
	out := make(map[string]model.Product, len(skus))
	err := forEachBatch(skus, nil, func(part []string, _ []any) error {
		query, args := q.keyLookup(productColumns, "products", "sku", companyID, part)
		rows, err := q.query(ctx, query, args...)
		if err != nil {
			return err
		}
		ps, err := scanProducts(rows)
		for _, p := range ps {
			out[p.SKU] = p
		}
		return err
	})
	return out, err
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// productWhere builds the WHERE clause of a product filter.
func productWhere(companyID string, f model.ProductFilter) (string, []any) {
	where := []string{"company_id = ?"}
	args := []any{companyID}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `search_text LIKE ? ESCAPE '\'`)
		args = append(args, containsPattern(q))
	}
	if f.Category != "" {
		where = append(where, "category = ?")
		args = append(args, f.Category)
	}
	if f.Active != nil {
		where = append(where, "is_active = ?")
		args = append(args, *f.Active)
	}
	switch f.Stock {
	case "low":
		where = append(where, "stock BETWEEN 1 AND ?")
		args = append(args, model.LowStockMax)
	case "out":
		where = append(where, "stock = 0")
	}
	return strings.Join(where, " AND "), args
}

// Products returns one page of a company's products and the total count.
func (q Queries) Products(ctx context.Context, companyID string, f model.ProductFilter) (model.ProductPage, error) {
	where, args := productWhere(companyID, f)
	page := model.ProductPage{Page: max(f.Page, 1), PerPage: f.PerPage}
	if page.PerPage <= 0 {
		page.PerPage = 50
	}
	if err := q.row(ctx, `SELECT COUNT(*) FROM products WHERE `+where, args...).Scan(&page.Total); err != nil {
		return page, mapErr(fmt.Errorf("count products: %w", err))
	}
	order := map[string]string{
		"name":   "sort_name, id",
		"price":  "price, id",
		"stock":  "stock, id",
		"newest": "id DESC",
	}[f.Sort]
	if order == "" {
		order = "sort_name, id"
	}
	rows, err := q.query(ctx, `SELECT `+productColumns+` FROM products WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, page.PerPage, (page.Page-1)*page.PerPage)...)
	if err != nil {
		return page, err
	}
	page.Products, err = scanProducts(rows)
	return page, err
}

// ProductCategories lists the distinct non-empty categories of a company.
func (q Queries) ProductCategories(ctx context.Context, companyID string, activeOnly bool) ([]string, error) {
	query := `SELECT DISTINCT category FROM products WHERE company_id = ? AND category <> ''`
	if activeOnly {
		query += ` AND is_active = ?`
	}
	args := []any{companyID}
	if activeOnly {
		args = append(args, true)
	}
	rows, err := q.query(ctx, query+` ORDER BY category`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// CountProducts counts a company's products.
func (q Queries) CountProducts(ctx context.Context, companyID string) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM products WHERE company_id = ?`, companyID).Scan(&n)
	return n, mapErr(err)
}

// SetProductActive turns a product on or off.
func (q Queries) SetProductActive(ctx context.Context, companyID, id string, active bool, at time.Time) error {
	res, err := q.exec(ctx, `UPDATE products SET is_active = ?, updated_at = ? WHERE company_id = ? AND id = ?`,
		active, dbTime{at}, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Product")
}

// AdjustProductStock adds delta to a product's stock unless the result
// would be negative or above model.MaxStock; it reports whether the change
// was made.
func (q Queries) AdjustProductStock(ctx context.Context, companyID, id string, delta int, at time.Time) (bool, error) {
	res, err := q.exec(ctx, `UPDATE products SET stock = stock + ?, updated_at = ? WHERE company_id = ? AND id = ?
		AND stock + ? >= 0 AND stock + ? <= ?`, delta, dbTime{at}, companyID, id, delta, delta, model.MaxStock)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// DeleteProduct removes a product.
func (q Queries) DeleteProduct(ctx context.Context, companyID, id string) error {
	res, err := q.exec(ctx, `DELETE FROM products WHERE company_id = ? AND id = ?`, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Product")
}

// ImageInUse reports whether any product of any company still refers to the
// image file name.
func (q Queries) ImageInUse(ctx context.Context, image string) (bool, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM products WHERE image = ?`, image).Scan(&n)
	return n > 0, mapErr(err)
}

// ExportProducts streams a company's products that have a SKU (the CSV's
// key) oldest first to fn, one row at a time, without loading them all.
func (q Queries) ExportProducts(ctx context.Context, companyID string, fn func(model.Product) error) error {
	rows, err := q.query(ctx, `SELECT `+productColumns+` FROM products WHERE company_id = ? AND sku IS NOT NULL ORDER BY id`, companyID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p model.Product
		dest, finish := productDest(&p)
		if err := rows.Scan(dest...); err != nil {
			return mapErr(fmt.Errorf("scan product: %w", err))
		}
		finish()
		if err := fn(p); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// InsertProductsOneByOne inserts products with one prepared statement
// executed per row. It is the floor the import benchmark compares the real
// import path with; the application itself uses CreateProducts.
func (t *Tx) InsertProductsOneByOne(ctx context.Context, ps []model.Product) error {
	stmt, err := t.tx.PrepareContext(ctx, t.rebind(`INSERT INTO products (`+productInsertColumns+`) VALUES `+productPlaceholders))
	if err != nil {
		return mapErr(err)
	}
	defer stmt.Close()
	for _, p := range ps {
		if _, err := stmt.ExecContext(ctx, productArgs(p)...); err != nil {
			return mapErr(err)
		}
	}
	return nil
}
