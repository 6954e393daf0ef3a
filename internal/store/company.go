package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
)

const companyColumns = `id, name, slug, tax_rate, shipping_fee, return_window_days,
	limit_customers, limit_products, limit_seats, limit_orders_per_month, created_at, updated_at`

func scanCompany(sc interface{ Scan(...any) error }) (model.Company, error) {
	var c model.Company
	dest, finish := companyDest(&c)
	if err := sc.Scan(dest...); err != nil {
		return c, err
	}
	finish()
	return c, nil
}

// companyDest returns scan destinations for companyColumns and a function
// that copies the scanned values into c.
func companyDest(c *model.Company) ([]any, func()) {
	var created, updated dbTime
	var lc, lp, ls, lo sql.NullInt64
	dest := []any{&c.ID, &c.Name, &c.Slug, &c.TaxRate, &c.ShippingFee, &c.ReturnWindowDays,
		&lc, &lp, &ls, &lo, &created, &updated}
	return dest, func() {
		c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
		c.Limits = model.Limits{Customers: intPtr(lc), Products: intPtr(lp), Seats: intPtr(ls), OrdersPerMonth: intPtr(lo)}
	}
}

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

// CreateCompany inserts a company. A taken slug is CodeConflict on "slug".
func (q Queries) CreateCompany(ctx context.Context, c model.Company) error {
	_, err := q.exec(ctx, `INSERT INTO companies (`+companyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Name, c.Slug, c.TaxRate, c.ShippingFee, c.ReturnWindowDays,
		nullInt(c.Limits.Customers), nullInt(c.Limits.Products), nullInt(c.Limits.Seats), nullInt(c.Limits.OrdersPerMonth),
		dbTime{c.CreatedAt}, dbTime{c.UpdatedAt})
	return err
}

// Company returns one company by id (CodeNotFound when missing).
func (q Queries) Company(ctx context.Context, id string) (model.Company, error) {
	c, err := scanCompany(q.row(ctx, `SELECT `+companyColumns+` FROM companies WHERE id = ?`+q.forUpdate(), id))
	if err != nil {
		return c, notFound(err, "Company")
	}
	return c, nil
}

// CompanyBySlug returns the company whose current slug is slug.
func (q Queries) CompanyBySlug(ctx context.Context, slug string) (model.Company, error) {
	c, err := scanCompany(q.hotRow(ctx, `SELECT `+companyColumns+` FROM companies WHERE slug = ?`+q.forUpdate(), slug))
	if err != nil {
		return c, notFound(err, "Company")
	}
	return c, nil
}

// CompanyByOldSlug returns the company that once used slug (CodeNotFound
// when no company did).
func (q Queries) CompanyByOldSlug(ctx context.Context, slug string) (model.Company, error) {
	c, err := scanCompany(q.row(ctx, `SELECT `+prefixed("c.", companyColumns)+`
		FROM company_slugs s JOIN companies c ON c.id = s.company_id WHERE s.slug = ?`, slug))
	if err != nil {
		return c, notFound(err, "Company")
	}
	return c, nil
}

// SlugTaken reports whether slug is a current or earlier slug of a company
// other than exceptCompanyID.
func (q Queries) SlugTaken(ctx context.Context, slug, exceptCompanyID string) (bool, error) {
	var n int
	err := q.row(ctx, `SELECT
		(SELECT COUNT(*) FROM companies WHERE slug = ? AND id <> ?) +
		(SELECT COUNT(*) FROM company_slugs WHERE slug = ? AND company_id <> ?)`,
		slug, exceptCompanyID, slug, exceptCompanyID).Scan(&n)
	if err != nil {
		return false, mapErr(fmt.Errorf("slug taken: %w", err))
	}
	return n > 0, nil
}

// UpdateCompanySettings writes name, slug, tax rate, shipping fee and return
// window. When the slug changes the old one is kept as a redirect and the new
// one is removed from the company's own history.
func (q Queries) UpdateCompanySettings(ctx context.Context, before, after model.Company) error {
	if before.Slug != after.Slug {
		if _, err := q.exec(ctx, `DELETE FROM company_slugs WHERE slug = ? AND company_id = ?`, after.Slug, after.ID); err != nil {
			return err
		}
		if _, err := q.exec(ctx, `INSERT INTO company_slugs (slug, company_id, created_at) VALUES (?, ?, ?)`,
			before.Slug, before.ID, dbTime{after.UpdatedAt}); err != nil {
			return err
		}
	}
	res, err := q.exec(ctx, `UPDATE companies SET name = ?, slug = ?, tax_rate = ?, shipping_fee = ?,
		return_window_days = ?, updated_at = ? WHERE id = ?`,
		after.Name, after.Slug, after.TaxRate, after.ShippingFee, after.ReturnWindowDays, dbTime{after.UpdatedAt}, after.ID)
	if err != nil {
		return err
	}
	return expectOne(res, "Company")
}

// SetCompanyLimits writes the operator's limits of a company.
func (q Queries) SetCompanyLimits(ctx context.Context, companyID string, l model.Limits, at time.Time) error {
	res, err := q.exec(ctx, `UPDATE companies SET limit_customers = ?, limit_products = ?, limit_seats = ?,
		limit_orders_per_month = ?, updated_at = ? WHERE id = ?`,
		nullInt(l.Customers), nullInt(l.Products), nullInt(l.Seats), nullInt(l.OrdersPerMonth), dbTime{at}, companyID)
	if err != nil {
		return err
	}
	return expectOne(res, "Company")
}

// CountCompanies returns how many companies exist.
func (q Queries) CountCompanies(ctx context.Context) (int, error) {
	var n int
	if err := q.row(ctx, `SELECT COUNT(*) FROM companies`).Scan(&n); err != nil {
		return 0, mapErr(fmt.Errorf("count companies: %w", err))
	}
	return n, nil
}

func expectOne(res sql.Result, kind string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return model.NotFound(kind)
	}
	return nil
}

// isNotFound reports whether err is a not-found model error.
func isNotFound(err error) bool {
	var me *model.Error
	return errors.As(err, &me) && me.Code == model.CodeNotFound
}
