package ordering

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// KeysetFilter narrows the API's order list: status, customer and a
// [Since, Until) creation range.
type KeysetFilter = store.OrderKeysetFilter

// ListAfter returns a page of the company's orders (newest first, with
// their lines) after the cursor, up to k.Limit+1 rows.
func (s *Service) ListAfter(ctx context.Context, companyID string, f KeysetFilter, k model.Keyset) ([]model.Order, error) {
	os, err := s.Store.OrdersAfter(ctx, companyID, f, k)
	if err != nil {
		return nil, fmt.Errorf("list orders: %w", err)
	}
	return os, nil
}
