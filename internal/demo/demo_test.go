package demo_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/demo"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestSeedMakesALivingCompanyOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		res, err := demo.Seed(ctx, srv.App.Accounts, srv.App.Catalog, log)
		if err != nil || !res.Seeded || res.OwnerPassword == "" {
			t.Fatalf("seed: %+v %v", res, err)
		}
		c, err := srv.App.Store.CompanyBySlug(ctx, demo.CompanySlug)
		if err != nil || c.Name != demo.CompanyName {
			t.Fatalf("company: %+v %v", c, err)
		}
		n, _ := srv.App.Store.CountProducts(ctx, c.ID)
		if n < 150 || n > 250 {
			t.Fatalf("%d demo products, want about 200", n)
		}
		cats, _ := srv.App.Store.ProductCategories(ctx, c.ID, false)
		if len(cats) < 5 {
			t.Fatalf("categories %v", cats)
		}
		low, _ := srv.App.Catalog.List(ctx, c.ID, model.ProductFilter{Stock: "low"})
		out, _ := srv.App.Catalog.List(ctx, c.ID, model.ProductFilter{Stock: "out"})
		if low.Total == 0 || out.Total == 0 {
			t.Fatalf("low %d, out %d: the demo needs both", low.Total, out.Total)
		}
		if _, err := srv.App.Accounts.Login(ctx, demo.OwnerEmail, res.OwnerPassword); err != nil {
			t.Fatalf("owner cannot sign in with the printed password: %v", err)
		}
		again, err := demo.Seed(ctx, srv.App.Accounts, srv.App.Catalog, log)
		if err != nil || again.Seeded {
			t.Fatalf("second seed must do nothing: %+v %v", again, err)
		}
	})
}
