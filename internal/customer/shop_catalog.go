package customer

import (
	"context"

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
