package catalog

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// ListAfter returns a page of the company's products (newest first) after
// the cursor, filtered by f's Query, Category and Active, up to k.Limit+1.
func (s *Service) ListAfter(ctx context.Context, companyID string, f model.ProductFilter, k model.Keyset) ([]model.Product, error) {
	ps, err := s.Store.ProductsAfter(ctx, companyID, f, k)
	if err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	return ps, nil
}

// ProductPatch names the fields an API PATCH changes; nil leaves a field
// as it is. Optional text fields cleared with null arrive as "".
type ProductPatch struct {
	Name, SKU, Description, Category, Unit, Price *string
	Stock                                         *string
	Active                                        *bool
}

// Patch changes the named fields of a product with the dashboard's rules.
// A new stock level is written as a stock adjustment (ProductStockAdjusted
// with the reason "Set through the API") in the same transaction as any
// other change (ProductUpdated). Queues product.updated when anything
// changed. Errors: CodeInvalid with fields; CodeConflict on "sku";
// CodeNotFound.
func (s *Service) Patch(ctx context.Context, actor model.Actor, companyID, id string, in ProductPatch) (model.Product, error) {
	var p model.Product
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Product(ctx, companyID, id)
		if err != nil {
			return err
		}
		form := InputOf(before)
		for _, f := range []struct {
			src *string
			dst *string
		}{{in.Name, &form.Name}, {in.SKU, &form.SKU}, {in.Description, &form.Description}, {in.Category, &form.Category},
			{in.Unit, &form.Unit}, {in.Price, &form.Price}, {in.Stock, &form.Stock}} {
			if f.src != nil {
				*f.dst = *f.src
			}
		}
		if in.Active != nil {
			form.Active = *in.Active
		}
		var next model.Product
		if err := form.apply(&next); err != nil {
			return err
		}
		fields := before
		fields.Name, fields.SKU, fields.Description, fields.Category = next.Name, next.SKU, next.Description, next.Category
		fields.Unit, fields.Price, fields.Active = next.Unit, next.Price, next.Active
		after := fields
		after.Stock = next.Stock
		if after == before {
			p = before
			return nil
		}
		after.UpdatedAt = tx.Now
		if err := tx.UpdateProduct(ctx, after); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return skuTaken()
			}
			return err
		}
		if fields != before {
			if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductUpdated",
				EntityType: "product", EntityID: id, Details: map[string]any{"before": viewOf(before), "after": viewOf(fields)}}); err != nil {
				return err
			}
		}
		if after.Stock != before.Stock {
			if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductStockAdjusted",
				EntityType: "product", EntityID: id, Details: map[string]any{"before": before.Stock, "after": after.Stock,
					"delta": after.Stock - before.Stock, "reason": "Set through the API"}}); err != nil {
				return err
			}
		}
		p = after
		return events.Webhook(ctx, tx, companyID, "product.updated", ProductPayload(after))
	})
	if err != nil {
		return model.Product{}, fmt.Errorf("patch product: %w", err)
	}
	return p, nil
}
