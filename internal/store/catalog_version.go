package store

import (
	"context"
	"database/sql"
	"fmt"
)

// CatalogVersion returns the company's catalog version: a counter that
// triggers (migration 0007) bump in the same transaction as any change to
// its products or price overrides. A company whose catalog never changed
// has version 0.
func (q Queries) CatalogVersion(ctx context.Context, companyID string) (int64, error) {
	var v int64
	err := q.hotRow(ctx, `SELECT version FROM catalog_versions WHERE company_id = ?`, companyID).Scan(&v)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, mapErr(fmt.Errorf("catalog version: %w", err))
	}
	return v, nil
}
