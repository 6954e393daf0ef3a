package store

import (
	"context"
	"fmt"
	"strings"
)

// prefixed qualifies every column of a comma-separated list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// batchSize bounds the keys of one IN (…) lookup.
const batchSize = 500

// forEachBatch calls fn with the keys in slices of at most batchSize, and
// the query arguments: lead followed by that slice's keys.
func forEachBatch(keys []string, lead any, fn func(part []string, args []any) error) error {
	for start := 0; start < len(keys); start += batchSize {
		part := keys[start:min(start+batchSize, len(keys))]
		args := make([]any, 0, len(part)+1)
		args = append(args, lead)
		for _, k := range part {
			args = append(args, k)
		}
		if err := fn(part, args); err != nil {
			return err
		}
	}
	return nil
}

// CountRows counts a company's rows of one of its tables (for checks and
// tests that something was, or was not, written).
func (q Queries) CountRows(ctx context.Context, table, companyID string) (int, error) {
	switch table {
	case "products", "customers", "orders", "order_items", "audit_log", "webhook_outbox", "api_keys", "customer_addresses",
		"price_overrides", "notifications":
	default:
		return 0, fmt.Errorf("count rows: unknown table %q", table)
	}
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM `+table+` WHERE company_id = ?`, companyID).Scan(&n)
	return n, mapErr(err)
}
