package ordering

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Cart is a person's cart priced for their customer now.
type Cart struct {
	Lines    []model.CartLine
	Subtotal model.Money
	TaxRate  model.Rate
	Tax      model.Money
	Shipping model.Money
	Total    model.Money
}

// Count is the number of units in the cart.
func (c Cart) Count() int {
	n := 0
	for _, l := range c.Lines {
		n += l.Quantity
	}
	return n
}

// Quantity returns the quantity of a product in the cart.
func (c Cart) Quantity(productID string) int {
	for _, l := range c.Lines {
		if l.Product.ID == productID {
			return l.Quantity
		}
	}
	return 0
}

// TaxRateFor is the customer's override, else the company's rate.
func TaxRateFor(company model.Company, c *model.Customer) model.Rate {
	if c != nil && c.TaxRateOverride != nil {
		return *c.TaxRateOverride
	}
	return company.TaxRate
}

// CartOf returns the shopper's cart with current prices and totals. Lines
// whose product was deleted or deactivated are dropped from the view.
func (s *Service) CartOf(ctx context.Context, sh *model.Shopper) (Cart, error) {
	items, err := s.Store.CartProducts(ctx, sh.Company.ID, sh.Customer.ID, sh.Holder())
	if err != nil {
		return Cart{}, fmt.Errorf("cart: %w", err)
	}
	cart := Cart{TaxRate: TaxRateFor(sh.Company, &sh.Customer), Shipping: sh.Company.ShippingFee}
	for _, it := range items {
		if !it.Active {
			continue
		}
		line := model.CartLine{Product: it.ShopProduct, Quantity: it.Quantity, LineTotal: it.CustomerPrice * model.Money(it.Quantity)}
		cart.Lines = append(cart.Lines, line)
		cart.Subtotal += line.LineTotal
	}
	cart.Tax = cart.TaxRate.Apply(cart.Subtotal)
	if len(cart.Lines) == 0 {
		cart.Shipping = 0
	}
	cart.Total = cart.Subtotal + cart.Tax + cart.Shipping
	return cart, nil
}

// SetCartQuantity sets how many of a product are in the shopper's cart (0
// removes it). The quantity is capped by nothing but the stock: asking for
// more than is in stock is refused with the stock message. Errors:
// CodeForbidden for VIEWER contacts; CodeNotFound for a product that is not
// an active product of the store; CodeInvalid for a bad quantity; CodeRule
// when the stock is short.
func (s *Service) SetCartQuantity(ctx context.Context, sh *model.Shopper, productID, quantity string) error {
	if !sh.Role.CanOrder() {
		return &model.Error{Code: model.CodeForbidden, Message: "Your account can browse the catalog but not place orders."}
	}
	qty, err := strconv.Atoi(strings.TrimSpace(quantity))
	if err != nil || qty < 0 || qty > model.MaxStock {
		return &model.Error{Code: model.CodeInvalid, Message: "Quantity must be a whole number of 0 or more.",
			Fields: []model.FieldError{{Field: "quantity", Message: "Quantity must be a whole number of 0 or more."}}}
	}
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		products, err := tx.ShopProductsByID(ctx, sh.Company.ID, sh.Customer.ID, []string{productID})
		if err != nil {
			return err
		}
		p, ok := products[productID]
		if qty == 0 {
			return tx.SetCartItem(ctx, sh.Company.ID, sh.Customer.ID, sh.Holder(), productID, 0, tx.Now)
		}
		if !ok || !p.Active {
			return model.NotFound("Product")
		}
		if qty > p.Stock {
			return stockError(p.Product)
		}
		return tx.SetCartItem(ctx, sh.Company.ID, sh.Customer.ID, sh.Holder(), productID, qty, tx.Now)
	})
}

// stockError is the spec's message for a line that asks for more than the
// stock.
func stockError(p model.Product) error {
	return &model.Error{Code: model.CodeRule, Message: fmt.Sprintf("Not enough stock for %s. Only %d available.", p.Name, p.Stock)}
}
