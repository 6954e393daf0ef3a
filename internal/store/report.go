package store

import (
	"context"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// SalesRow is one group of orders in a sales report: a status or a day.
type SalesRow struct {
	Key      string // the status, or the day as YYYY-MM-DD
	Orders   int
	Subtotal model.Money
	Tax      model.Money
	Shipping model.Money
	Total    model.Money
}

// SalesByStatus sums a company's orders created in [from, to) by status
// (zero times leave that end open).
func (q Queries) SalesByStatus(ctx context.Context, companyID string, from, to time.Time) ([]SalesRow, error) {
	return q.sales(ctx, "status", companyID, from, to, "")
}

// SalesByDay sums a company's orders created in [from, to) that are not
// cancelled, by UTC day, oldest first.
func (q Queries) SalesByDay(ctx context.Context, companyID string, from, to time.Time) ([]SalesRow, error) {
	return q.sales(ctx, q.utcDay("created_at"), companyID, from, to, " AND status <> 'CANCELLED'")
}

func (q Queries) sales(ctx context.Context, key, companyID string, from, to time.Time, extra string) ([]SalesRow, error) {
	where := "company_id = ?" + extra
	args := []any{companyID}
	if !from.IsZero() {
		where += " AND id >= ? AND created_at >= ?"
		args = append(args, model.IDBoundAt(from.Add(-time.Minute)), dbTime{from})
	}
	if !to.IsZero() {
		where += " AND id < ? AND created_at < ?"
		args = append(args, model.IDBoundAt(to.Add(time.Minute)), dbTime{to})
	}
	rows, err := q.query(ctx, `SELECT `+key+` AS k, COUNT(*), CAST(COALESCE(SUM(subtotal), 0) AS BIGINT), CAST(COALESCE(SUM(tax), 0) AS BIGINT),
		CAST(COALESCE(SUM(shipping), 0) AS BIGINT), CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders WHERE `+where+` GROUP BY k ORDER BY k`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SalesRow
	for rows.Next() {
		var r SalesRow
		if err := rows.Scan(&r.Key, &r.Orders, &r.Subtotal, &r.Tax, &r.Shipping, &r.Total); err != nil {
			return nil, mapErr(fmt.Errorf("scan sales: %w", err))
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// InventoryTotals sums a company's products: how many, the units in stock
// and their value at list price (stock × price).
func (q Queries) InventoryTotals(ctx context.Context, companyID string) (products, units int, value model.Money, err error) {
	err = q.row(ctx, `SELECT COUNT(*), CAST(COALESCE(SUM(stock), 0) AS BIGINT), CAST(COALESCE(SUM(stock * price), 0) AS BIGINT) FROM products WHERE company_id = ?`,
		companyID).Scan(&products, &units, &value)
	return products, units, value, mapErr(err)
}
