package customer

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/model"
)

// Catalog returns one page of the store's active products with the
// shopper's prices (overrides merged in the query).
func (s *Service) Catalog(ctx context.Context, sh *model.Shopper, f model.ShopFilter) (model.ShopPage, error) {
	if f.PerPage <= 0 || f.PerPage > 96 {
		f.PerPage = 24
	}
	return s.Store.ShopProducts(ctx, sh.Company.ID, sh.Customer.ID, f)
}

// CatalogVersion returns the company's catalog version, which moves on in
// the same transaction as any change to its products or price overrides:
// what Catalog returned for one version stays true while the version is
// unchanged. Read it before the data it validates.
func (s *Service) CatalogVersion(ctx context.Context, companyID string) (int64, error) {
	v, err := s.Store.CatalogVersion(ctx, companyID)
	if err != nil {
		return 0, fmt.Errorf("catalog version: %w", err)
	}
	return v, nil
}
