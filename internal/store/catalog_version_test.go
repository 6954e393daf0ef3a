package store_test

import (
	"context"
	"testing"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestCatalogVersionBumps checks that every change to what the catalog
// shows moves the company's catalog version on, once per transaction, and
// leaves other companies' versions alone; a rolled-back change moves
// nothing.
func TestCatalogVersionBumps(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := s.Now()
		a, b := newCompany("ver-a", now), newCompany("ver-b", now)
		cust := model.Customer{ID: model.NewID(), CompanyID: a.ID, Email: "c@ver.example", Name: "C", Status: model.CustomerActive,
			CreatedAt: now, UpdatedAt: now}
		p := model.Product{ID: model.NewID(), CompanyID: a.ID, Name: "Flour", SKU: "FL-1", Unit: "bag", Price: 500, Stock: 3,
			Active: true, CreatedAt: now, UpdatedAt: now}
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			for _, c := range []model.Company{a, b} {
				if err := tx.CreateCompany(ctx, c); err != nil {
					return err
				}
			}
			return tx.CreateCustomer(ctx, cust)
		}); err != nil {
			t.Fatal(err)
		}
		version := func(companyID string) int64 {
			t.Helper()
			v, err := s.CatalogVersion(ctx, companyID)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		vb := version(b.ID)
		steps := []struct {
			name string
			fn   func(tx *store.Tx) error
		}{
			{"create product", func(tx *store.Tx) error { return tx.CreateProduct(ctx, p) }},
			{"rename product", func(tx *store.Tx) error { p.Name = "Rye Flour"; return tx.UpdateProduct(ctx, p) }},
			{"deactivate product", func(tx *store.Tx) error { return tx.SetProductActive(ctx, a.ID, p.ID, false, tx.Now) }},
			{"take stock", func(tx *store.Tx) error { _, err := tx.TakeStock(ctx, a.ID, p.ID, 1, tx.Now); return err }},
			{"adjust stock", func(tx *store.Tx) error { _, err := tx.AdjustProductStock(ctx, a.ID, p.ID, 1, tx.Now); return err }},
			{"set override", func(tx *store.Tx) error { return tx.SetPriceOverride(ctx, a.ID, cust.ID, p.ID, 450, tx.Now) }},
			{"change override", func(tx *store.Tx) error { return tx.SetPriceOverride(ctx, a.ID, cust.ID, p.ID, 420, tx.Now) }},
			{"remove override", func(tx *store.Tx) error { return tx.DeletePriceOverride(ctx, a.ID, cust.ID, p.ID) }},
			{"many changes, one transaction", func(tx *store.Tx) error {
				for i := 0; i < 5; i++ {
					if _, err := tx.AdjustProductStock(ctx, a.ID, p.ID, 1, tx.Now); err != nil {
						return err
					}
				}
				return tx.SetPriceOverride(ctx, a.ID, cust.ID, p.ID, 400, tx.Now)
			}},
			{"delete product", func(tx *store.Tx) error { return tx.DeleteProduct(ctx, a.ID, p.ID) }},
		}
		for _, st := range steps {
			before := version(a.ID)
			if err := s.InTx(ctx, st.fn); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if after := version(a.ID); after <= before {
				t.Errorf("%s: catalog version %d → %d, want it moved on", st.name, before, after)
			}
		}
		if got := version(b.ID); got != vb {
			t.Errorf("another company's changes moved B's version %d → %d", vb, got)
		}
		before := version(a.ID)
		_ = s.InTx(ctx, func(tx *store.Tx) error {
			p.ID, p.SKU = model.NewID(), "FL-2"
			if err := tx.CreateProduct(ctx, p); err != nil {
				return err
			}
			return context.Canceled
		})
		if got := version(a.ID); got != before {
			t.Errorf("a rolled-back change moved the version %d → %d", before, got)
		}
	})
}
