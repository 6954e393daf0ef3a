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
		res, err := demo.Seed(ctx, srv.App.Accounts, srv.App.Catalog, srv.App.Customers, log)
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
		customers, _ := srv.App.Customers.List(ctx, c.ID, model.CustomerFilter{PerPage: 100})
		if customers.Total != 50 {
			t.Fatalf("%d demo customers, want 50", customers.Total)
		}
		roles := map[model.ContactRole]int{}
		statuses := map[model.OrderStatus]int{}
		withAddress, withOverride, withNotes, withCredit := 0, 0, 0, 0
		for _, cu := range customers.Customers {
			d, err := srv.App.Customers.Profile(ctx, c.ID, cu.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, ct := range d.Contacts {
				roles[ct.Role]++
			}
			for _, o := range d.Orders {
				statuses[o.Status]++
			}
			if len(d.Addresses) > 0 {
				withAddress++
			}
			if len(d.Overrides) > 0 {
				withOverride++
			}
			if cu.Notes != "" {
				withNotes++
			}
			if cu.CreditLimit != nil {
				withCredit++
			}
		}
		if len(roles) != 3 || len(statuses) != 5 || withAddress == 0 || withOverride == 0 || withNotes == 0 || withCredit == 0 {
			t.Fatalf("demo customers lack variety: roles %v, statuses %v, addresses %d, overrides %d, notes %d, credit %d",
				roles, statuses, withAddress, withOverride, withNotes, withCredit)
		}
		if _, err := srv.App.Accounts.Login(ctx, demo.OwnerEmail, res.OwnerPassword); err != nil {
			t.Fatalf("owner cannot sign in with the printed password: %v", err)
		}
		if len(res.ShopLogins) < 4 || res.ShopPassword == "" {
			t.Fatalf("demo storefront logins: %+v", res.ShopLogins)
		}
		for _, l := range res.ShopLogins {
			if _, err := srv.App.Customers.SignIn(ctx, c.ID, l.Email, res.ShopPassword); err != nil {
				t.Fatalf("demo storefront login %s (%s): %v", l.Email, l.Role, err)
			}
		}
		again, err := demo.Seed(ctx, srv.App.Accounts, srv.App.Catalog, srv.App.Customers, log)
		if err != nil || again.Seeded {
			t.Fatalf("second seed must do nothing: %+v %v", again, err)
		}
	})
}
