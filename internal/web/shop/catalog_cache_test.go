package shop_test

import (
	"context"
	"net/http"
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

// catalogProduct returns the catalog page's row of the product with this
// id ("" when the page does not list it).
func catalogProduct(body, productID string) string {
	i := strings.Index(body, `data-product="`+productID+`"`)
	if i < 0 {
		return ""
	}
	row := body[i:]
	if j := strings.Index(row, "</li>"); j >= 0 {
		row = row[:j]
	}
	return row
}

// catalogList returns the catalog page's list: search form, pills,
// products and pager (not the flash message above it nor the cart).
func catalogList(body string) string {
	i, j := strings.Index(body, "<section>"), strings.Index(body, "</section>")
	if i < 0 || j < i {
		return ""
	}
	return body[i:j]
}

// TestCatalogCacheFollowsChanges changes, one kind after another, what the
// catalog page shows, and checks that the next page (served from the
// catalog cache whenever nothing changed) shows the change: price override
// set, changed and removed, product renamed, repriced, deactivated and
// reactivated, stock taken to 0 by an order, a product import, a product
// deleted. Another customer of the store never sees the override, and a
// VIEWER contact (same prices, no cart) never gets the buyer's + Add
// buttons.
func TestCatalogCacheFollowsChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		ctx := context.Background()
		app := w.srv.App
		if _, err := app.Customers.Register(ctx, w.company.ID, customer.RegisterInput{Name: "Other Buyer", Email: "other@example.com", Password: password}); err != nil {
			t.Fatal(err)
		}
		other := w.signIn(t, "other@example.com")
		primary, viewer := w.people[model.ShopperPrimary], w.people[model.ShopperViewer]
		w.addAddress(t, primary)
		p := w.product
		owner := model.SystemActor()
		update := func(change func(in *catalog.ProductInput)) {
			t.Helper()
			cur, err := app.Catalog.Get(ctx, w.company.ID, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			in := catalog.InputOf(cur)
			change(&in)
			if _, err := app.Catalog.Update(ctx, owner, w.company.ID, p.ID, in, catalog.ImageChange{}); err != nil {
				t.Fatal(err)
			}
		}
		// page fetches the catalog twice: the second answer must come from
		// the cache and show the same list.
		page := func(c *apptest.Client, who string) string {
			t.Helper()
			first := c.Get(w.base + "/catalog")
			if first.Status != http.StatusOK {
				t.Fatalf("%s catalog: %d", who, first.Status)
			}
			hits := app.CatalogCache.Stats().Hits
			again := c.Get(w.base + "/catalog")
			if app.CatalogCache.Stats().Hits <= hits {
				t.Errorf("%s: an unchanged catalog was not served from the cache", who)
			}
			if catalogList(again.Body) != catalogList(first.Body) {
				t.Errorf("%s: the cached list differs from the fresh one:\n%s\n---\n%s", who, apptest.Text(first.Body), apptest.Text(again.Body))
			}
			return first.Body
		}
		// Prime the cache for everyone.
		for who, c := range map[string]*apptest.Client{"primary": primary, "viewer": viewer, "other": other} {
			if row := catalogProduct(page(c, who), p.ID); !strings.Contains(row, "20.00") {
				t.Fatalf("%s before any change: %q", who, row)
			}
		}
		steps := []struct {
			name   string
			change func()
			// want and wantNot are checked in the primary's and viewer's
			// row; otherWant and otherNot in the other customer's row.
			want, wantNot, otherWant, otherNot string
		}{
			{name: "override set", want: "17.35", wantNot: "20.00", otherWant: "20.00", otherNot: "17.35",
				change: func() {
					if _, err := app.Customers.SetPrice(ctx, owner, w.company.ID, w.customer.ID, p.ID, "17.35"); err != nil {
						t.Fatal(err)
					}
				}},
			{name: "override changed", want: "16.10", wantNot: "17.35", otherWant: "20.00", otherNot: "16.10",
				change: func() {
					if _, err := app.Customers.SetPrice(ctx, owner, w.company.ID, w.customer.ID, p.ID, "16.10"); err != nil {
						t.Fatal(err)
					}
				}},
			{name: "override removed", want: "20.00", wantNot: "16.10", otherWant: "20.00",
				change: func() {
					if err := app.Customers.DeletePrice(ctx, owner, w.company.ID, w.customer.ID, p.ID); err != nil {
						t.Fatal(err)
					}
				}},
			{name: "product renamed", want: "Kitchen Towels", wantNot: "Paper Towels", otherWant: "Kitchen Towels",
				change: func() { update(func(in *catalog.ProductInput) { in.Name = "Kitchen Towels" }) }},
			{name: "price changed", want: "22.40", wantNot: "20.00", otherWant: "22.40",
				change: func() { update(func(in *catalog.ProductInput) { in.Price = "22.40" }) }},
			{name: "stock taken to 0 by an order", want: "Out of stock", wantNot: "+ Add", otherWant: "Out of stock",
				change: func() {
					if r := primary.Post(w.base+"/cart", url.Values{"productId": {p.ID}, "quantity": {"50"}}); r.Status != http.StatusSeeOther {
						t.Fatalf("cart: %d\n%s", r.Status, apptest.Text(r.Body))
					}
					if r := primary.Post(w.base+"/orders", url.Values{"poNumber": {"PO-1"}}); r.Status != http.StatusSeeOther {
						t.Fatalf("order: %d\n%s", r.Status, apptest.Text(r.Body))
					}
				}},
			{name: "deactivated", otherNot: "Kitchen Towels",
				change: func() {
					if _, err := app.Catalog.SetActive(ctx, owner, w.company.ID, p.ID, false); err != nil {
						t.Fatal(err)
					}
				}},
			{name: "reactivated with stock", want: "12 in stock", otherWant: "12 in stock",
				change: func() {
					if _, err := app.Catalog.SetActive(ctx, owner, w.company.ID, p.ID, true); err != nil {
						t.Fatal(err)
					}
					if _, err := app.Catalog.AdjustStock(ctx, owner, w.company.ID, p.ID, "12", "recount"); err != nil {
						t.Fatal(err)
					}
				}},
			{name: "product import", want: "Imported Towels", otherWant: "Imported Towels",
				change: func() {
					csv := "sku,name,category,unit,price,stock\nPT-1,Imported Towels,Paper,case,21.00,9\n"
					res, err := app.Catalog.ImportProducts(ctx, owner, w.company.ID, strings.NewReader(csv), catalog.ImportOptions{})
					if err != nil || len(res.Errors) > 0 {
						t.Fatalf("import: %v %+v", err, res.Errors)
					}
				}},
		}
		for _, st := range steps {
			st.change()
			for who, c := range map[string]*apptest.Client{"primary": primary, "viewer": viewer} {
				row := catalogProduct(page(c, who), p.ID)
				if st.want == "" && row != "" {
					t.Errorf("after %s, %s still sees the product", st.name, who)
				}
				if st.want != "" && !strings.Contains(row, st.want) {
					t.Errorf("after %s, %s's row lacks %q: %q", st.name, who, st.want, row)
				}
				if st.wantNot != "" && strings.Contains(row, st.wantNot) {
					t.Errorf("after %s, %s's row still has %q: %q", st.name, who, st.wantNot, row)
				}
				if who == "viewer" && strings.Contains(row, "+ Add") {
					t.Errorf("after %s, the VIEWER sees + Add", st.name)
				}
			}
			row := catalogProduct(page(other, "other"), p.ID)
			if st.otherWant != "" && !strings.Contains(row, st.otherWant) {
				t.Errorf("after %s, the other customer's row lacks %q: %q", st.name, st.otherWant, row)
			}
			if st.otherNot != "" && strings.Contains(row, st.otherNot) {
				t.Errorf("after %s, the other customer's row has %q: %q", st.name, st.otherNot, row)
			}
		}
		if err := app.Catalog.Delete(ctx, owner, w.company.ID, p.ID); err != nil && !model.IsCode(err, model.CodeRule) {
			t.Fatal(err)
		} else if err == nil {
			if body := page(primary, "primary"); catalogProduct(body, p.ID) != "" || !strings.Contains(body, "No products") {
				t.Error("a deleted product is still listed")
			}
		}
	})
}

// TestCatalogCacheCartQuantities checks that the cached list shows each
// person's own cart: the row of a product in the cart says how many, and
// the same list for another person of the account says nothing; and that
// the cart beside the list follows quantities, prices and addresses.
func TestCatalogCacheCartQuantities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		primary, buyer := w.people[model.ShopperPrimary], w.people[model.ShopperBuyer]
		for _, c := range []*apptest.Client{primary, buyer} {
			if row := catalogProduct(c.Get(w.base+"/catalog").Body, w.product.ID); strings.Contains(row, "in cart") {
				t.Fatalf("an empty cart shows a quantity: %q", row)
			}
		}
		primary.Post(w.base+"/cart", url.Values{"productId": {w.product.ID}, "quantity": {"3"}})
		if row := catalogProduct(primary.Get(w.base+"/catalog").Body, w.product.ID); !strings.Contains(row, "3 in cart") ||
			!strings.Contains(row, `name="quantity" value="4"`) {
			t.Errorf("the primary's row does not show its cart: %q", row)
		}
		if row := catalogProduct(buyer.Get(w.base+"/catalog").Body, w.product.ID); strings.Contains(row, "in cart") {
			t.Errorf("the buyer sees the primary's cart: %q", row)
		}
		// Several products of the page in the cart: each row once, in
		// order, with its own quantity.
		ctx := context.Background()
		admin := w.people[model.ShopperAdmin]
		var ids []string
		for _, name := range []string{"Paper Cups", "Paper Plates"} {
			p, err := w.srv.App.Catalog.Create(ctx, model.SystemActor(), w.company.ID, catalog.ProductInput{Name: name, Price: "5.00",
				Stock: "40", Unit: "box", Category: "Paper", Active: true}, catalog.ImageChange{})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		admin.Get(w.base + "/catalog") // cached with the new products, empty cart
		admin.Post(w.base+"/cart", url.Values{"productId": {ids[0]}, "quantity": {"1"}})
		admin.Post(w.base+"/cart", url.Values{"productId": {ids[1]}, "quantity": {"2"}})
		body := admin.Get(w.base + "/catalog").Body
		list := catalogList(body)
		if strings.Count(list, `class="product"`) != 3 {
			t.Errorf("the list has %d rows, want 3", strings.Count(list, `class="product"`))
		}
		cups, plates, towels := strings.Index(list, ids[0]), strings.Index(list, ids[1]), strings.Index(list, w.product.ID)
		if cups < 0 || cups > plates || plates > towels {
			t.Errorf("rows out of order: cups %d, plates %d, towels %d", cups, plates, towels)
		}
		for id, want := range map[string]string{ids[0]: "1 in cart", ids[1]: "2 in cart", w.product.ID: ""} {
			row := catalogProduct(body, id)
			if want == "" && strings.Contains(row, "in cart") || want != "" && !strings.Contains(row, want) {
				t.Errorf("row %s: want %q: %q", id, want, row)
			}
		}
		// The cart beside the list (cached by what it shows) follows the
		// cart, the prices and the addresses.
		cart := func(c *apptest.Client) string {
			t.Helper()
			body := c.Get(w.base + "/catalog").Body
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
			{"cart as it is", func() {}, "Paper Towels 20.00 /case − 3 + 60.00 Subtotal 60.00"},
			{"quantity changed", func() {
				primary.Post(w.base+"/cart", url.Values{"productId": {w.product.ID}, "quantity": {"2"}})
			}, "− 2 + 40.00 Subtotal 40.00"},
			{"override set", func() {
				if _, err := w.srv.App.Customers.SetPrice(context.Background(), model.SystemActor(), w.company.ID, w.customer.ID, w.product.ID, "15.00"); err != nil {
					t.Fatal(err)
				}
			}, "Paper Towels 15.00 /case − 2 + 30.00 Subtotal 30.00"},
			{"address added", func() { w.addAddress(t, primary) }, "Main — 1 Harbor St, Portland"},
		}
		for _, st := range steps {
			st.change()
			for i := 0; i < 2; i++ { // the second page's cart comes from the cache
				if got := cart(primary); !strings.Contains(got, st.want) {
					t.Errorf("after %s (page %d), the cart lacks %q:\n%s", st.name, i+1, st.want, got)
				}
			}
		}
		if w.srv.App.CatalogCache.Stats().CartHits == 0 {
			t.Error("no cart was served from the cache")
		}
		if got := cart(buyer); !strings.Contains(got, "Your cart is empty") {
			t.Errorf("the buyer sees another cart:\n%s", got)
		}
	})
}

// TestCatalogCacheAcrossProcesses runs two application instances on one
// database, as several server processes share one PostgreSQL: a change made
// through one instance shows on the next page of the other, whose cache
// held the page from before.
func TestCatalogCacheAcrossProcesses(t *testing.T) {
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
		cust, err := a.App.Store.CustomerByEmail(ctx, c.ID, "bistro@example.com")
		if err != nil {
			t.Fatal(err)
		}
		base := "/store/twin-foods"
		ca := a.NewClient(t)
		if r := ca.Post(base+"/login", url.Values{"email": {"bistro@example.com"}, "password": {password}}); r.Status != http.StatusSeeOther {
			t.Fatalf("sign in: %d", r.Status)
		}
		// The session lives in the database: the same cookie works on b.
		cb := b.NewClient(t)
		cb.Jar.SetCookies(mustURL(b.URL+base), ca.Jar.Cookies(mustURL(a.URL+base)))
		row := func(c *apptest.Client, who string) string {
			t.Helper()
			r := c.Get(base + "/catalog")
			if r.Status != http.StatusOK {
				t.Fatalf("%s catalog: %d", who, r.Status)
			}
			return catalogProduct(r.Body, p.ID)
		}
		for who, c := range map[string]*apptest.Client{"a": ca, "b": cb} {
			if got := row(c, who); !strings.Contains(got, "4.00") {
				t.Fatalf("%s before: %q", who, got)
			}
		}
		// Both instances now hold the page.
		for who, srv := range map[string]*apptest.Server{"a": a, "b": b} {
			c := map[string]*apptest.Client{"a": ca, "b": cb}[who]
			hits := srv.App.CatalogCache.Stats().Hits
			row(c, who)
			if srv.App.CatalogCache.Stats().Hits != hits+1 {
				t.Fatalf("%s did not serve the unchanged page from its cache", who)
			}
		}
		if _, err := a.App.Customers.SetPrice(ctx, model.SystemActor(), c.ID, cust.ID, p.ID, "3.15"); err != nil {
			t.Fatal(err)
		}
		if got := row(cb, "b"); !strings.Contains(got, "3.15") {
			t.Errorf("b after a set an override: %q", got)
		}
		in := catalog.InputOf(p)
		in.Name = "Flaky Sea Salt"
		if _, err := b.App.Catalog.Update(ctx, model.SystemActor(), c.ID, p.ID, in, catalog.ImageChange{}); err != nil {
			t.Fatal(err)
		}
		if got := row(ca, "a"); !strings.Contains(got, "Flaky Sea Salt") || !strings.Contains(got, "3.15") {
			t.Errorf("a after b renamed the product: %q", got)
		}
	})
}

// TestCatalogCacheCompanySettings checks that store settings shown on the
// catalog page (its name in the page top, tax and shipping in the cart)
// show on the next page, whose list, cart and top were cached before.
func TestCatalogCacheCompanySettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		ctx := context.Background()
		primary := w.people[model.ShopperPrimary]
		primary.Post(w.base+"/cart", url.Values{"productId": {w.product.ID}, "quantity": {"2"}})
		for i := 0; i < 2; i++ {
			if text := apptest.Text(primary.Get(w.base + "/catalog").Body); !strings.Contains(text, "Shop Co") ||
				!strings.Contains(text, "Tax (0 %) 0.00") {
				t.Fatalf("before: %s", text)
			}
		}
		in := account.SettingsInputOf(w.company)
		in.Name, in.TaxRate, in.ShippingFee = "Shop Company", "10", "7.50"
		if _, err := w.srv.App.Accounts.UpdateSettings(ctx, model.SystemActor(), w.company.ID, in); err != nil {
			t.Fatal(err)
		}
		text := apptest.Text(primary.Get(w.base + "/catalog").Body)
		for _, want := range []string{"Catalog · Shop Company", "Tax (10 %) 4.00", "Shipping 7.50", "Total 51.50"} {
			if !strings.Contains(text, want) {
				t.Errorf("after the settings changed, the page lacks %q:\n%s", want, text)
			}
		}
	})
}
