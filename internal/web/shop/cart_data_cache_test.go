package shop_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestCartDataCacheFollowsChanges checks that the cart beside the catalog,
// whose data (lines, prices, addresses) is kept across requests under the
// customer's shopper version and the catalog version, shows every change
// on the next page: lines added, changed and removed, an order placed (the
// cart emptied), addresses added, edited, made the default and deleted, a
// price override, the store's tax and shipping, the customer's tax
// override. The primary holder and a contact of the same customer never see
// each other's cart, and an unchanged cart is served from the cache.
func TestCartDataCacheFollowsChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		ctx := context.Background()
		app := w.srv.App
		owner := model.SystemActor()
		text := apptest.Text
		primary, buyer := w.people[model.ShopperPrimary], w.people[model.ShopperBuyer]
		// cartOf returns the cart part of the holder's catalog page (HTML).
		cartOf := func(who string) string {
			t.Helper()
			client := primary
			if who == "buyer" {
				client = buyer
			}
			body := client.Get(w.base + "/catalog").Body
			i := strings.Index(body, `id="cart"`)
			if i < 0 {
				t.Fatalf("%s: no cart on the page", who)
			}
			return body[i:]
		}
		post := func(who, path string, form url.Values) {
			t.Helper()
			client := primary
			if who == "buyer" {
				client = buyer
			}
			if r := client.Post(w.base+path, form); r.Status != 303 {
				t.Fatalf("%s post %s: %d\n%s", who, path, r.Status, text(r.Body))
			}
		}
		addrID := func(line1 string) string {
			t.Helper()
			as, err := app.Store.Addresses(ctx, w.company.ID, w.customer.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				if a.Line1 == line1 {
					return a.ID
				}
			}
			t.Fatalf("no address %q", line1)
			return ""
		}
		settings := func(tax, shipping string) {
			t.Helper()
			c, err := app.Store.CompanyBySlug(ctx, "shop-co")
			if err != nil {
				t.Fatal(err)
			}
			in := account.SettingsInputOf(c)
			in.TaxRate, in.ShippingFee = tax, shipping
			if _, err := app.Accounts.UpdateSettings(ctx, owner, w.company.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		p := w.product.ID
		steps := []struct {
			name   string
			change func()
			// want and wantNot are checked in the primary's cart (HTML and
			// text), buyerWant in the buyer's.
			want, wantNot []string
			buyerWant     string
		}{
			{name: "empty carts", change: func() {},
				want: []string{"Your cart is empty"}, buyerWant: "Your cart is empty"},
			{name: "buyer adds", change: func() { post("buyer", "/cart", url.Values{"productId": {p}, "quantity": {"1"}}) },
				want: []string{"Your cart is empty"}, buyerWant: "− 1 + 20.00"},
			{name: "primary adds", change: func() { post("primary", "/cart", url.Values{"productId": {p}, "quantity": {"3"}}) },
				want: []string{"− 3 + 60.00", "Subtotal 60.00"}, buyerWant: "− 1 + 20.00"},
			{name: "quantity changed", change: func() { post("primary", "/cart", url.Values{"productId": {p}, "quantity": {"2"}}) },
				want: []string{"− 2 + 40.00", "Subtotal 40.00"}, wantNot: []string{"60.00"}, buyerWant: "− 1 + 20.00"},
			{name: "address added", change: func() { w.addAddress(t, primary) },
				want: []string{"Main — 1 Harbor St, Portland"}, buyerWant: "− 1 + 20.00"},
			{name: "second address added", change: func() {
				post("primary", "/account/addresses", url.Values{"label": {"Dock"}, "line1": {"2 Dock Rd"}, "city": {"Salem"}, "country": {"US"}})
			}, want: []string{"Main — 1 Harbor St, Portland", "Dock — 2 Dock Rd, Salem"}, buyerWant: "Dock — 2 Dock Rd, Salem"},
			{name: "address edited", change: func() {
				post("primary", "/account/addresses/"+addrID("1 Harbor St"), url.Values{"label": {"Main"}, "line1": {"5 Pier Ave"},
					"city": {"Portland"}, "region": {"OR"}, "postalCode": {"97205"}, "country": {"US"}})
			}, want: []string{"Main — 5 Pier Ave, Portland"}, wantNot: []string{"1 Harbor St"}, buyerWant: "Main — 5 Pier Ave, Portland"},
			{name: "default changed", change: func() {
				post("primary", "/account/addresses/"+addrID("2 Dock Rd")+"/default", url.Values{})
			}, want: []string{`selected>Dock — 2 Dock Rd`}, wantNot: []string{`selected>Main`}},
			{name: "address deleted", change: func() {
				post("primary", "/account/addresses/"+addrID("5 Pier Ave")+"/delete", url.Values{})
			}, want: []string{"Dock — 2 Dock Rd, Salem"}, wantNot: []string{"5 Pier Ave"}, buyerWant: "− 1 + 20.00"},
			{name: "override set", change: func() {
				if _, err := app.Customers.SetPrice(ctx, owner, w.company.ID, w.customer.ID, p, "15.00"); err != nil {
					t.Fatal(err)
				}
			}, want: []string{"15.00 /case − 2 + 30.00", "Subtotal 30.00"}, buyerWant: "− 1 + 15.00"},
			{name: "store tax and shipping", change: func() { settings("10", "7.50") },
				want: []string{"Tax (10 %) 3.00", "Shipping 7.50", "Total 40.50"}, buyerWant: "Tax (10 %) 1.50"},
			{name: "customer tax override", change: func() {
				in := customer.InputOf(w.customer)
				in.TaxRateOverride = "5"
				if _, err := app.Customers.Update(ctx, owner, w.company.ID, w.customer.ID, in); err != nil {
					t.Fatal(err)
				}
			}, want: []string{"Tax (5 %) 1.50", "Total 39.00"}, wantNot: []string{"Tax (10 %)"}, buyerWant: "Tax (5 %) 0.75"},
			{name: "line removed", change: func() { post("primary", "/cart", url.Values{"productId": {p}, "quantity": {"0"}}) },
				want: []string{"Your cart is empty"}, buyerWant: "− 1 + 15.00"},
			{name: "added again", change: func() { post("primary", "/cart", url.Values{"productId": {p}, "quantity": {"4"}}) },
				want: []string{"− 4 + 60.00"}, buyerWant: "− 1 + 15.00"},
			{name: "order placed", change: func() { post("primary", "/orders", url.Values{"poNumber": {"PO-1"}}) },
				want: []string{"Your cart is empty"}, buyerWant: "− 1 + 15.00"},
			{name: "buyer orders", change: func() { post("buyer", "/orders", url.Values{}) },
				want: []string{"Your cart is empty"}, buyerWant: "Your cart is empty"},
		}
		for _, st := range steps {
			st.change()
			for i := 0; i < 2; i++ { // the second page's cart data comes from the cache
				hits := app.CatalogCache.Stats().DataHits
				html := cartOf("primary")
				if i == 1 && app.CatalogCache.Stats().DataHits != hits+1 {
					t.Errorf("after %s: the unchanged cart data was not served from the cache", st.name)
				}
				got := html + "\n" + text(html)
				for _, want := range st.want {
					if !strings.Contains(got, want) {
						t.Errorf("after %s (page %d), the primary's cart lacks %q:\n%s", st.name, i+1, want, text(html))
					}
				}
				for _, not := range st.wantNot {
					if strings.Contains(got, not) {
						t.Errorf("after %s (page %d), the primary's cart still shows %q:\n%s", st.name, i+1, not, text(html))
					}
				}
				if st.buyerWant != "" {
					if b := cartOf("buyer"); !strings.Contains(b+"\n"+text(b), st.buyerWant) {
						t.Errorf("after %s (page %d), the buyer's cart lacks %q:\n%s", st.name, i+1, st.buyerWant, text(b))
					}
				}
			}
		}
	})
}

// TestCartDataCacheAcrossProcesses runs two application instances on one
// database: a cart or address change made through one shows in the cart on
// the next page of the other, whose cache held the cart from before.
func TestCartDataCacheAcrossProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		ctx := context.Background()
		dsn := storetest.DSN(t, e)
		a := apptest.StartDSN(t, dsn)
		b := apptest.StartDSN(t, dsn)
		a.Signup(t, "Twin Foods", "Owner", "owner@twin.example", "password123")
		c, err := a.App.Store.CompanyBySlug(ctx, "twin-foods")
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.App.Catalog.Create(ctx, model.SystemActor(), c.ID, catalog.ProductInput{Name: "Sea Salt", SKU: "SS-1", Price: "4.00",
			Stock: "10", Unit: "kg", Active: true}, catalog.ImageChange{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.App.Customers.Register(ctx, c.ID, customer.RegisterInput{Name: "Bistro", Email: "bistro@example.com", Password: password}); err != nil {
			t.Fatal(err)
		}
		base := "/store/twin-foods"
		ca := a.NewClient(t)
		if r := ca.Post(base+"/login", url.Values{"email": {"bistro@example.com"}, "password": {password}}); r.Status != 303 {
			t.Fatalf("sign in: %d", r.Status)
		}
		cb := b.NewClient(t)
		cb.Jar.SetCookies(mustURL(b.URL+base), ca.Jar.Cookies(mustURL(a.URL+base)))
		cart := func(c *apptest.Client) string {
			t.Helper()
			body := c.Get(base + "/catalog").Body
			i := strings.Index(body, `id="cart"`)
			if i < 0 {
				t.Fatal("no cart on the page")
			}
			return apptest.Text(body[i:])
		}
		steps := []struct {
			name   string
			change func()
			want   string
		}{
			{"nothing yet", func() {}, "Your cart is empty"},
			{"added through a", func() { ca.Post(base+"/cart", url.Values{"productId": {p.ID}, "quantity": {"2"}}) }, "− 2 + 8.00"},
			{"changed through b", func() { cb.Post(base+"/cart", url.Values{"productId": {p.ID}, "quantity": {"3"}}) }, "− 3 + 12.00"},
			{"address through a", func() {
				ca.Post(base+"/account/addresses", url.Values{"label": {"Kitchen"}, "line1": {"9 Quay"}, "city": {"Bath"}, "country": {"US"}})
			}, "Kitchen — 9 Quay, Bath"},
			{"removed through b", func() { cb.Post(base+"/cart", url.Values{"productId": {p.ID}, "quantity": {"0"}}) }, "Your cart is empty"},
		}
		for _, st := range steps {
			st.change()
			for i := 0; i < 2; i++ { // both instances, twice: the second from their caches
				for who, c := range map[string]*apptest.Client{"a": ca, "b": cb} {
					if got := cart(c); !strings.Contains(got, st.want) {
						t.Errorf("after %s, %s's cart (page %d) lacks %q:\n%s", st.name, who, i+1, st.want, got)
					}
				}
			}
		}
		if a.App.CatalogCache.Stats().DataHits == 0 || b.App.CatalogCache.Stats().DataHits == 0 {
			t.Error("an unchanged cart was not served from the cache")
		}
	})
}
