// Package catalog holds products, stock and product images, and the
// products CSV import and export.
package catalog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/upload"
)

// Service runs the catalog use cases. Each change is one transaction with
// its audit entry.
type Service struct {
	Store        *store.Store
	Images       ImageStore
	UploadLimits upload.Limits
	Log          *slog.Logger
}

// New returns a Service storing images under imagesDir.
func New(s *store.Store, imagesDir string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{Store: s, Images: ImageStore{Dir: imagesDir}, Log: log,
		UploadLimits: upload.DefaultLimits()}
}

// ImageChange says what to do with a product's image on save.
type ImageChange struct {
	Upload []byte // new image content; nil for none
	Remove bool   // remove the current image
}

// List returns one page of a company's products.
func (s *Service) List(ctx context.Context, companyID string, f model.ProductFilter) (model.ProductPage, error) {
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	return s.Store.Products(ctx, companyID, f)
}

// Get returns one product. Errors: CodeNotFound (also for another
// company's product).
func (s *Service) Get(ctx context.Context, companyID, id string) (model.Product, error) {
	return s.Store.Product(ctx, companyID, id)
}

// Categories lists the company's categories.
func (s *Service) Categories(ctx context.Context, companyID string) ([]string, error) {
	return s.Store.ProductCategories(ctx, companyID, false)
}

// Create validates and adds a product with an optional image and writes
// ProductCreated. Errors: CodeInvalid with field messages; CodeConflict on
// "sku"; CodeRule at the company's product limit.
func (s *Service) Create(ctx context.Context, actor model.Actor, companyID string, in ProductInput, img ImageChange) (model.Product, error) {
	p := model.Product{ID: model.NewID(), CompanyID: companyID}
	if err := in.apply(&p); err != nil {
		return p, err
	}
	newImage, err := s.saveUpload(img)
	if err != nil {
		return p, err
	}
	p.Image = newImage
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := checkProductLimit(ctx, tx, companyID, 1); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = tx.Now, tx.Now
		if err := tx.CreateProduct(ctx, p); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return skuTaken()
			}
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductCreated",
			EntityType: "product", EntityID: p.ID, Details: map[string]any{"after": viewOf(p)}})
	})
	if err != nil {
		s.dropIfUnused(ctx, newImage)
		return p, fmt.Errorf("create product: %w", err)
	}
	return p, nil
}

// Update validates and saves a product's fields (not its stock, which
// changes through AdjustStock) and its image, and writes ProductUpdated with
// before and after values. The replaced image file is
// deleted only after the change commits. Errors as Create, plus
// CodeNotFound.
func (s *Service) Update(ctx context.Context, actor model.Actor, companyID, id string, in ProductInput, img ImageChange) (model.Product, error) {
	var p model.Product
	if err := in.apply(&p); err != nil {
		return p, err
	}
	newImage, err := s.saveUpload(img)
	if err != nil {
		return p, err
	}
	var before model.Product
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if before, err = tx.Locking().Product(ctx, companyID, id); err != nil {
			return err
		}
		// Stock changes only through AdjustStock (with a reason) and orders,
		// never by saving the form: a stale form must not undo them.
		after := before
		after.Name, after.SKU, after.Description, after.Category = p.Name, p.SKU, p.Description, p.Category
		after.Unit, after.Price, after.Active = p.Unit, p.Price, p.Active
		switch {
		case newImage != "":
			after.Image = newImage
		case img.Remove:
			after.Image = ""
		}
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
		p = after
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductUpdated",
			EntityType: "product", EntityID: id, Details: map[string]any{"before": viewOf(before), "after": viewOf(after)}}); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "product.updated", ProductPayload(after))
	})
	if err != nil {
		s.dropIfUnused(ctx, newImage)
		return p, fmt.Errorf("update product: %w", err)
	}
	if before.Image != "" && before.Image != p.Image {
		s.dropIfUnused(ctx, before.Image)
	}
	return p, nil
}

// SetActive turns a product on or off and writes ProductUpdated. Inactive
// products leave the storefront at once. Errors: CodeNotFound.
func (s *Service) SetActive(ctx context.Context, actor model.Actor, companyID, id string, active bool) (model.Product, error) {
	var p model.Product
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Product(ctx, companyID, id)
		if err != nil {
			return err
		}
		p = before
		if before.Active == active {
			return nil
		}
		if err := tx.SetProductActive(ctx, companyID, id, active, tx.Now); err != nil {
			return err
		}
		p.Active, p.UpdatedAt = active, tx.Now
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductUpdated",
			EntityType: "product", EntityID: id, Details: map[string]any{
				"before": map[string]any{"isActive": before.Active}, "after": map[string]any{"isActive": active}}}); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "product.updated", ProductPayload(p))
	})
	return p, err
}

// AdjustStock adds delta (may be negative) to a product's stock with a
// reason and writes ProductStockAdjusted (before, after, reason). Stock
// never goes below zero. Errors: CodeInvalid on delta or reason; CodeRule
// when the result would be negative; CodeNotFound.
func (s *Service) AdjustStock(ctx context.Context, actor model.Actor, companyID, id, deltaText, reason string) (model.Product, error) {
	var v model.Validation
	delta, err := parseDelta(deltaText)
	if err != nil {
		v.Add("delta", "Change must be a whole number like 12 or -3, and not 0.")
	}
	reason = strings.TrimSpace(reason)
	switch n := len([]rune(reason)); {
	case n == 0:
		v.Add("reason", "Give a reason for the adjustment.")
	case n > 200:
		v.Add("reason", "Reason must be at most 200 characters.")
	}
	if err := v.Err(); err != nil {
		return model.Product{}, err
	}
	var p model.Product
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Product(ctx, companyID, id)
		if err != nil {
			return err
		}
		ok, err := tx.AdjustProductStock(ctx, companyID, id, delta, tx.Now)
		if err != nil {
			return err
		}
		if !ok && before.Stock+delta > model.MaxStock {
			msg := fmt.Sprintf("Stock can't go above %d.", model.MaxStock)
			return &model.Error{Code: model.CodeRule, Message: msg, Fields: []model.FieldError{{Field: "delta", Message: msg}}}
		}
		if !ok {
			msg := fmt.Sprintf("Stock can't go below zero: %s has %d in stock.", before.Name, before.Stock)
			return &model.Error{Code: model.CodeRule, Message: msg, Fields: []model.FieldError{{Field: "delta", Message: msg}}}
		}
		p = before
		p.Stock, p.UpdatedAt = before.Stock+delta, tx.Now
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductStockAdjusted",
			EntityType: "product", EntityID: id, Details: map[string]any{
				"before": before.Stock, "after": p.Stock, "delta": delta, "reason": reason}}); err != nil {
			return err
		}
		return events.Webhook(ctx, tx, companyID, "product.updated", ProductPayload(p))
	})
	return p, err
}

func parseDelta(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil || n == 0 || n > 1_000_000_000 || n < -1_000_000_000 || strings.HasPrefix(s, "+-") {
		return 0, errors.New("not a whole number in range")
	}
	return n, nil
}

// Delete removes a product that is on no order and writes ProductDeleted.
// Errors: CodeRule "This product is on existing orders; deactivate it
// instead."; CodeNotFound.
func (s *Service) Delete(ctx context.Context, actor model.Actor, companyID, id string) error {
	var before model.Product
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if before, err = tx.Locking().Product(ctx, companyID, id); err != nil {
			return err
		}
		if err := tx.DeleteProduct(ctx, companyID, id); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return &model.Error{Code: model.CodeRule, Message: "This product is on existing orders; deactivate it instead."}
			}
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductDeleted",
			EntityType: "product", EntityID: id, Details: map[string]any{"before": viewOf(before)}})
	})
	if err != nil {
		return fmt.Errorf("delete product: %w", err)
	}
	if before.Image != "" {
		s.dropIfUnused(ctx, before.Image)
	}
	return nil
}

// checkProductLimit refuses adding n products beyond the company's limit.
func checkProductLimit(ctx context.Context, tx *store.Tx, companyID string, n int) error {
	// Locking the company row serialises concurrent creates at the limit.
	c, err := tx.Locking().Company(ctx, companyID)
	if err != nil {
		return err
	}
	if c.Limits.Products == nil {
		return nil
	}
	have, err := tx.CountProducts(ctx, companyID)
	if err != nil {
		return err
	}
	if have+n > *c.Limits.Products {
		return &model.Error{Code: model.CodeRule, Message: fmt.Sprintf(
			"Your company's limit is %d products; this would bring it to %d. Nothing was saved. Contact your Distribu operator to raise the limit.",
			*c.Limits.Products, have+n)}
	}
	return nil
}

func (s *Service) saveUpload(img ImageChange) (string, error) {
	if img.Upload == nil {
		return "", nil
	}
	return s.Images.Save(img.Upload)
}

// dropIfUnused deletes an image file once no product refers to it. It runs
// after commits (and after failed transactions, for a file saved for them).
func (s *Service) dropIfUnused(ctx context.Context, name string) {
	if name == "" {
		return
	}
	used, err := s.Store.ImageInUse(ctx, name)
	if err != nil {
		s.Log.Warn("image check", "image", name, "error", err)
		return
	}
	if !used {
		if err := s.Images.Remove(name); err != nil {
			s.Log.Warn("image remove", "image", name, "error", err)
		}
	}
}
