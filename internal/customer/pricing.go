package customer

import (
	"context"
	"fmt"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Picks lists the active products that have no override yet for the
// customer (the price picker), matching an optional search.
func (s *Service) Picks(ctx context.Context, companyID, customerID, search string) ([]model.Product, error) {
	if _, err := s.Store.Customer(ctx, companyID, customerID); err != nil {
		return nil, err
	}
	return s.Store.OverridablePicks(ctx, companyID, customerID, search, 200)
}

// SetPrice adds or replaces the customer's price for a product and writes
// PriceOverrideSet (customer, product, old and new price). A new override
// needs an active product; an existing one can be edited even after the
// product was deactivated. Errors: CodeInvalid on "price" or "productId";
// CodeNotFound for another company's customer or product.
func (s *Service) SetPrice(ctx context.Context, actor model.Actor, companyID, customerID, productID, priceText string) (model.PriceOverride, error) {
	var v model.Validation
	price, err := model.ParseMoney(priceText)
	switch {
	case strings.TrimSpace(priceText) == "":
		v.Add("price", "Enter the customer's price.")
	case err == model.ErrNegative:
		v.Add("price", "Price must not be negative.")
	case err == model.ErrTooPrecise:
		v.Add("price", "Price must have at most 2 decimal places.")
	case err != nil:
		v.Add("price", "Price must be an amount like 12.50.")
	}
	if strings.TrimSpace(productID) == "" {
		v.Add("productId", "Choose a product.")
	}
	if err := v.Err(); err != nil {
		return model.PriceOverride{}, err
	}
	var o model.PriceOverride
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		c, err := tx.Locking().Customer(ctx, companyID, customerID)
		if err != nil {
			return err
		}
		p, err := tx.Product(ctx, companyID, productID)
		if err != nil {
			return err
		}
		old, existed, err := tx.Locking().PriceOverride(ctx, companyID, customerID, productID)
		if err != nil {
			return err
		}
		if !existed && !p.Active {
			return &model.Error{Code: model.CodeInvalid, Message: "This product is inactive; activate it before giving it a custom price.",
				Fields: []model.FieldError{{Field: "productId", Message: "This product is inactive; activate it before giving it a custom price."}}}
		}
		o = model.PriceOverride{CompanyID: companyID, CustomerID: customerID, ProductID: productID, ProductName: p.Name,
			ProductSKU: p.SKU, CatalogPrice: p.Price, Price: price, UpdatedAt: tx.Now}
		if existed && old == price {
			return nil
		}
		if err := tx.SetPriceOverride(ctx, companyID, customerID, productID, price, tx.Now); err != nil {
			return err
		}
		details := map[string]any{"customerId": customerID, "customerEmail": c.Email, "productId": productID,
			"productName": p.Name, "productSku": p.SKU, "catalogPrice": p.Price.Float(), "oldPrice": nil, "newPrice": price.Float()}
		if existed {
			details["oldPrice"] = old.Float()
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "PriceOverrideSet",
			EntityType: "customer", EntityID: customerID, Details: details})
	})
	if err != nil {
		return o, fmt.Errorf("set price: %w", err)
	}
	return o, nil
}

// DeletePrice removes an override, returning the customer to the catalog
// price at once, and writes PriceOverrideDeleted. Errors: CodeNotFound.
func (s *Service) DeletePrice(ctx context.Context, actor model.Actor, companyID, customerID, productID string) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		c, err := tx.Customer(ctx, companyID, customerID)
		if err != nil {
			return err
		}
		old, existed, err := tx.Locking().PriceOverride(ctx, companyID, customerID, productID)
		if err != nil {
			return err
		}
		if !existed {
			return model.NotFound("Price override")
		}
		p, err := tx.Product(ctx, companyID, productID)
		if err != nil {
			return err
		}
		if err := tx.DeletePriceOverride(ctx, companyID, customerID, productID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "PriceOverrideDeleted",
			EntityType: "customer", EntityID: customerID, Details: map[string]any{"customerId": customerID, "customerEmail": c.Email,
				"productId": productID, "productName": p.Name, "productSku": p.SKU, "oldPrice": old.Float(), "catalogPrice": p.Price.Float()}})
	})
	if err != nil {
		return fmt.Errorf("delete price: %w", err)
	}
	return nil
}
