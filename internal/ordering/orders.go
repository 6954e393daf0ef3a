package ordering

import (
	"context"

	"github.com/distribu/distribu/internal/model"
)

// AccountOrders lists every order of the shopper's account (all its
// people's), newest first.
func (s *Service) AccountOrders(ctx context.Context, sh *model.Shopper) ([]model.Order, error) {
	return s.Store.CustomerOrders(ctx, sh.Company.ID, sh.Customer.ID, 1000)
}

// AccountOrder returns one order of the shopper's account. Errors:
// CodeNotFound for any other order, of this or another account or store.
func (s *Service) AccountOrder(ctx context.Context, sh *model.Shopper, id string) (model.Order, error) {
	o, err := s.Store.Order(ctx, sh.Company.ID, id)
	if err != nil {
		return o, err
	}
	if o.CustomerID != sh.Customer.ID {
		return model.Order{}, model.NotFound("Order")
	}
	return o, nil
}
