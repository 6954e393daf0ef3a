// Package report computes the sales, customer and inventory reports the
// REST API serves (and the later dashboard reports page will show).
package report

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Service computes reports from the store.
type Service struct {
	Store *store.Store
}

// New returns a Service.
func New(s *store.Store) *Service { return &Service{Store: s} }

// Period is a report's time range: [From, To), zero for an open end.
type Period struct {
	Preset   string
	From, To time.Time
}

// Presets are the named periods of GET /reports/sales.
func Presets() []string { return []string{"today", "week", "month", "quarter", "year", "all"} }

// ParsePeriod reads a preset (today, week, month, quarter, year: the
// calendar period so far, in UTC, weeks starting on Monday; all) or a
// from/to range (RFC 3339 or a date; a date "to" includes that whole day).
// With neither, the period is the current month. Errors: CodeInvalid with
// fields preset, from, to.
func ParsePeriod(preset, from, to string, now time.Time) (Period, error) {
	var v model.Validation
	preset = strings.ToLower(strings.TrimSpace(preset))
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if preset != "" && (from != "" || to != "") {
		v.Add("preset", "Give either a preset or from/to, not both.")
		return Period{}, v.Err()
	}
	now = now.UTC()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	p := Period{Preset: preset}
	switch preset {
	case "":
		if from == "" && to == "" {
			p.Preset = "month"
			p.From = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
	case "today":
		p.From = day
	case "week":
		p.From = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case "month":
		p.From = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "quarter":
		p.From = time.Date(now.Year(), ((now.Month()-1)/3)*3+1, 1, 0, 0, 0, 0, time.UTC)
	case "year":
		p.From = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	case "all":
	default:
		v.Add("preset", "Preset must be one of today, week, month, quarter, year, all.")
	}
	if from != "" {
		t, ok := ParseTime(from, false)
		if !ok {
			v.Add("from", "From must be a date (2026-04-01) or an RFC 3339 time.")
		}
		p.From = t
	}
	if to != "" {
		t, ok := ParseTime(to, true)
		if !ok {
			v.Add("to", "To must be a date (2026-04-30) or an RFC 3339 time.")
		}
		p.To = t
	}
	if err := v.Err(); err != nil {
		return Period{}, err
	}
	if !p.From.IsZero() && !p.To.IsZero() && !p.To.After(p.From) {
		v.Add("to", "To must be after from.")
		return Period{}, v.Err()
	}
	return p, nil
}

// ParseTime reads an RFC 3339 time or a date (UTC midnight; with endOfDay,
// the midnight after it, so that a date bound includes its whole day).
func ParseTime(s string, endOfDay bool) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, false
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return t, true
}

// Sales is the sales report of a period. Revenue counts orders that are not
// cancelled; ByStatus shows every status, cancelled included.
type Sales struct {
	Period   Period
	Orders   int
	Subtotal model.Money
	Tax      model.Money
	Shipping model.Money
	Revenue  model.Money
	ByStatus []store.SalesRow
	ByDay    []store.SalesRow
}

// Average is the mean order total, false when there are no orders.
func (s Sales) Average() (model.Money, bool) {
	if s.Orders == 0 {
		return 0, false
	}
	return model.Money((int64(s.Revenue)*2 + int64(s.Orders)) / (int64(s.Orders) * 2)), true
}

// Sales computes the sales report of a period.
func (s *Service) Sales(ctx context.Context, companyID string, p Period) (Sales, error) {
	out := Sales{Period: p}
	var err error
	if out.ByStatus, err = s.Store.SalesByStatus(ctx, companyID, p.From, p.To); err != nil {
		return out, fmt.Errorf("sales by status: %w", err)
	}
	if out.ByDay, err = s.Store.SalesByDay(ctx, companyID, p.From, p.To); err != nil {
		return out, fmt.Errorf("sales by day: %w", err)
	}
	for _, r := range out.ByStatus {
		if r.Key == string(model.OrderCancelled) {
			continue
		}
		out.Orders += r.Orders
		out.Subtotal += r.Subtotal
		out.Tax += r.Tax
		out.Shipping += r.Shipping
		out.Revenue += r.Total
	}
	return out, nil
}

// Inventory is one page of the inventory valuation and the company's totals.
type Inventory struct {
	Products []model.Product
	Count    int
	Units    int
	Value    model.Money
}

// Inventory returns a page of products (newest first, after the cursor, up
// to k.Limit+1) with the totals over every product.
func (s *Service) Inventory(ctx context.Context, companyID string, k model.Keyset) (Inventory, error) {
	var inv Inventory
	var err error
	if inv.Products, err = s.Store.ProductsAfter(ctx, companyID, model.ProductFilter{}, k); err != nil {
		return inv, fmt.Errorf("inventory: %w", err)
	}
	if inv.Count, inv.Units, inv.Value, err = s.Store.InventoryTotals(ctx, companyID); err != nil {
		return inv, fmt.Errorf("inventory totals: %w", err)
	}
	return inv, nil
}

// Customers returns a page of customers (newest first, after the cursor,
// up to k.Limit+1) with their order count, revenue and last order, which
// the store keeps in step with every order.
func (s *Service) Customers(ctx context.Context, companyID string, k model.Keyset) ([]model.Customer, error) {
	cs, err := s.Store.CustomersAfter(ctx, companyID, model.CustomerFilter{}, k)
	if err != nil {
		return nil, fmt.Errorf("customer report: %w", err)
	}
	return cs, nil
}
