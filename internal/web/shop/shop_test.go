package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/web/shop"
)

// shopWorld is a distributor with products and an account whose people
// (primary holder and one contact per role) can all sign in.
type shopWorld struct {
	srv      *apptest.Server
	company  model.Company
	base     string
	product  model.Product
	primary  *apptest.Client
	people   map[model.ShopperRole]*apptest.Client
	customer model.Customer
	contacts map[model.ShopperRole]model.Contact
}

const password = "shop password 1"

func newShopWorld(t *testing.T, e store.Engine) shopWorld {
	t.Helper()
	ctx := context.Background()
	srv := apptest.Start(t, e)
	srv.Signup(t, "Shop Co", "Owner", "owner@shop.example", "password123")
	c, err := srv.App.Store.CompanyBySlug(ctx, "shop-co")
	if err != nil {
		t.Fatal(err)
	}
	p, err := srv.App.Catalog.Create(ctx, model.SystemActor(), c.ID, catalog.ProductInput{Name: "Paper Towels", SKU: "PT-1", Price: "20.00", Stock: "50", Unit: "case", Category: "Paper", Active: true}, catalog.ImageChange{})
	if err != nil {
		t.Fatal(err)
	}
	w := shopWorld{srv: srv, company: c, base: "/store/shop-co", product: p, people: map[model.ShopperRole]*apptest.Client{}, contacts: map[model.ShopperRole]model.Contact{}}
	if _, err := srv.App.Customers.Register(ctx, c.ID, customer.RegisterInput{Name: "Harbor Grill", Email: "grill@example.com", Password: password}); err != nil {
		t.Fatal(err)
	}
	if w.customer, err = srv.App.Store.CustomerByEmail(ctx, c.ID, "grill@example.com"); err != nil {
		t.Fatal(err)
	}
	w.people[model.ShopperPrimary] = w.signIn(t, "grill@example.com")
	for _, role := range []model.ShopperRole{model.ShopperAdmin, model.ShopperBuyer, model.ShopperViewer} {
		email := strings.ToLower(string(role)) + "@grill.example"
		ct := w.contact(t, w.customer.ID, email, string(role))
		w.contacts[role] = ct
		w.people[role] = w.signIn(t, email)
	}
	return w
}

// contact adds a contact with a password set through a setup link.
func (w shopWorld) contact(t *testing.T, customerID, email, role string) model.Contact {
	t.Helper()
	ctx := context.Background()
	ct, err := w.srv.App.Customers.AddContact(ctx, model.SystemActor(), w.company.ID, customerID, customer.ContactInput{Email: email, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	link, err := w.srv.App.Customers.CreateSetupLink(ctx, model.SystemActor(), w.company.ID, customerID, ct.ID)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link.URL)
	if _, err := w.srv.App.Customers.SetPassword(ctx, w.company.ID, u.Query().Get("token"), password, password); err != nil {
		t.Fatal(err)
	}
	return ct
}

func (w shopWorld) signIn(t *testing.T, email string) *apptest.Client {
	t.Helper()
	c := w.srv.NewClient(t)
	r := c.Post(w.base+"/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther || r.Location != w.base+"/catalog" {
		t.Fatalf("sign in %s: %d %s\n%s", email, r.Status, r.Location, apptest.Text(r.Body))
	}
	return c
}

func (w shopWorld) addAddress(t *testing.T, c *apptest.Client) {
	t.Helper()
	r := c.Post(w.base+"/account/addresses", url.Values{"label": {"Main"}, "line1": {"1 Harbor St"}, "city": {"Portland"}, "region": {"OR"}, "postalCode": {"97205"}, "country": {"US"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("address: %d\n%s", r.Status, apptest.Text(r.Body))
	}
}

// TestRoleTable checks the role table of 03-customers.md on every
// storefront route for the primary holder and each contact role.
func TestRoleTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		w.addAddress(t, w.people[model.ShopperPrimary])
		type can struct{ browse, orders, order, addresses, contacts bool }
		table := map[model.ShopperRole]can{
			model.ShopperPrimary: {true, true, true, true, true},
			model.ShopperAdmin:   {true, true, true, true, true},
			model.ShopperBuyer:   {true, true, true, false, false},
			model.ShopperViewer:  {true, true, false, false, false},
		}
		for role, want := range table {
			c := w.people[role]
			// Browse the catalog and see prices.
			cat := c.Get(w.base + "/catalog")
			if (cat.Status == 200 && strings.Contains(cat.Body, "20.00")) != want.browse {
				t.Errorf("%s browse: %d", role, cat.Status)
			}
			if hasCart := strings.Contains(cat.Body, `id="cart"`); hasCart != want.order {
				t.Errorf("%s cart shown: %v", role, hasCart)
			}
			// Place orders: the cart post and the order post.
			r := c.Post(w.base+"/cart", url.Values{"productId": {w.product.ID}, "quantity": {"1"}})
			if ok := r.Status == http.StatusSeeOther; ok != want.order || (!want.order && r.Status != http.StatusForbidden) {
				t.Errorf("%s cart post: %d", role, r.Status)
			}
			r = c.Post(w.base+"/orders", url.Values{"poNumber": {string(role)}})
			if ok := r.Status == http.StatusSeeOther; ok != want.order || (!want.order && r.Status != http.StatusForbidden) {
				t.Errorf("%s place order: %d %s", role, r.Status, apptest.Text(r.Body))
			}
			// See the account's orders.
			list := c.Get(w.base + "/orders")
			if (list.Status == 200) != want.orders {
				t.Errorf("%s orders: %d", role, list.Status)
			}
			// Manage addresses.
			r = c.Post(w.base+"/account/addresses", url.Values{"line1": {"2 Dock Rd"}, "city": {"Salem"}, "country": {"US"}})
			if ok := r.Status == http.StatusSeeOther; ok != want.addresses || (!want.addresses && r.Status != http.StatusForbidden) {
				t.Errorf("%s add address: %d", role, r.Status)
			}
			// Manage contacts.
			r = c.Post(w.base+"/account/contacts", url.Values{"email": {"new-" + strings.ToLower(string(role)) + "@grill.example"}, "role": {"VIEWER"}})
			if ok := r.Status == http.StatusSeeOther; ok != want.contacts || (!want.contacts && r.Status != http.StatusForbidden) {
				t.Errorf("%s add contact: %d", role, r.Status)
			}
			acct := c.Get(w.base + "/account")
			if shown := strings.Contains(acct.Body, `id="contacts"`); shown != want.contacts {
				t.Errorf("%s sees contacts section: %v", role, shown)
			}
		}
		// Every order of the account is listed for everyone on it.
		list := apptest.Text(w.people[model.ShopperViewer].Get(w.base + "/orders").Body)
		for _, placer := range []string{"grill@example.com", "admin@grill.example", "buyer@grill.example"} {
			if !strings.Contains(list, placer) {
				t.Errorf("the viewer's order list lacks the order placed by %s", placer)
			}
		}
		// A contact can never change its own access.
		admin := w.contacts[model.ShopperAdmin]
		r := w.people[model.ShopperAdmin].Post(w.base+"/account/contacts/"+admin.ID, url.Values{"role": {"ADMIN"}, "active": {"false"}})
		if r.Status != http.StatusForbidden {
			t.Errorf("an admin contact changed itself: %d", r.Status)
		}
	})
}

// TestBlockingEndsStorefrontSessions blocks a customer and deactivates a
// contact in the dashboard; their next storefront request lands on the
// sign-in page.
func TestBlockingEndsStorefrontSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		owner := w.srv.NewClient(t)
		if r := owner.Post("/login", url.Values{"email": {"owner@shop.example"}, "password": {"password123"}}); r.Status != http.StatusSeeOther {
			t.Fatal("owner sign in")
		}
		// Deactivating a contact ends that contact's session only.
		buyer := w.contacts[model.ShopperBuyer]
		r := owner.Post("/dashboard/customers/"+w.customer.ID+"/contacts/"+buyer.ID, url.Values{"role": {"BUYER"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("deactivate: %d", r.Status)
		}
		if r := w.people[model.ShopperBuyer].Get(w.base + "/catalog"); r.Status != http.StatusSeeOther || r.Location != w.base+"/login" {
			t.Fatalf("deactivated contact: %d %s", r.Status, r.Location)
		}
		if r := w.people[model.ShopperAdmin].Get(w.base + "/catalog"); r.Status != 200 {
			t.Fatalf("another contact lost its session: %d", r.Status)
		}
		// An inactive contact cannot sign in (generic message).
		c := w.srv.NewClient(t)
		r = c.Post(w.base+"/login", url.Values{"email": {buyer.Email}, "password": {password}})
		if !strings.Contains(r.Body, "Invalid email or password.") {
			t.Fatalf("inactive contact sign-in: %s", apptest.Text(r.Body))
		}
		// Blocking ends every session of the account at once.
		if r := owner.Post("/dashboard/customers/"+w.customer.ID+"/status", url.Values{"status": {"BLOCKED"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("block: %d", r.Status)
		}
		for _, role := range []model.ShopperRole{model.ShopperPrimary, model.ShopperAdmin, model.ShopperViewer} {
			r := w.people[role].Get(w.base + "/catalog")
			if r.Status != http.StatusSeeOther || r.Location != w.base+"/login" {
				t.Fatalf("%s after block: %d %s", role, r.Status, r.Location)
			}
			page := w.people[role].Get(w.base + "/login")
			if role == model.ShopperPrimary && !strings.Contains(page.Body, "Your account has been suspended. Please contact the store for details.") {
				t.Errorf("no suspended message after the block:\n%s", apptest.Text(page.Body))
			}
		}
		for _, email := range []string{"grill@example.com", "admin@grill.example"} {
			r := w.srv.NewClient(t).Post(w.base+"/login", url.Values{"email": {email}, "password": {password}})
			if !strings.Contains(r.Body, "Your account has been suspended. Please contact the store for details.") {
				t.Errorf("%s signing in while blocked: %s", email, apptest.Text(r.Body))
			}
		}
		// Activating restores access with the same password.
		owner.Post("/dashboard/customers/"+w.customer.ID+"/status", url.Values{"status": {"ACTIVE"}})
		w.signIn(t, "grill@example.com")
	})
}

// TestSessionsAndOrdersStayInTheirStore: a session of store A is useless
// at store B, and another account's order or invoice is 404.
func TestSessionsAndOrdersStayInTheirStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		ctx := context.Background()
		w.srv.Signup(t, "Other Store", "O", "owner@other.example", "password123")
		other, _ := w.srv.App.Store.CompanyBySlug(ctx, "other-store")
		if _, err := w.srv.App.Customers.Register(ctx, other.ID, customer.RegisterInput{Name: "Same Person", Email: "grill@example.com", Password: password}); err != nil {
			t.Fatal(err)
		}
		primary := w.people[model.ShopperPrimary]
		// The cookie is scoped to /store/shop-co; even sent by hand to the
		// other store it names no session there.
		var cookie *http.Cookie
		for _, ck := range primary.Jar.Cookies(mustURL(w.srv.URL + w.base + "/catalog")) {
			if ck.Name == "customer_session" {
				cookie = ck
			}
		}
		if cookie == nil {
			t.Fatal("no customer_session cookie")
		}
		req, _ := http.NewRequest("GET", w.srv.URL+"/store/other-store/catalog", nil)
		req.AddCookie(cookie)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/store/other-store/login" {
			t.Fatalf("store A's session at store B: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// Staff sessions do not open the storefront and the reverse.
		if r := primary.Get("/dashboard"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Fatalf("storefront session opened the dashboard: %d", r.Status)
		}
		// Another account's order and invoice are 404.
		w.addAddress(t, primary)
		primary.Post(w.base+"/cart", url.Values{"productId": {w.product.ID}, "quantity": {"2"}})
		r := primary.Post(w.base+"/orders", url.Values{})
		orderPath := r.Location
		if !strings.HasPrefix(orderPath, w.base+"/orders/") {
			t.Fatalf("place: %d %s", r.Status, apptest.Text(r.Body))
		}
		if _, err := w.srv.App.Customers.Register(ctx, w.company.ID, customer.RegisterInput{Name: "Stranger", Email: "stranger@example.com", Password: password}); err != nil {
			t.Fatal(err)
		}
		stranger := w.signIn(t, "stranger@example.com")
		for _, p := range []string{orderPath, orderPath + "/invoice"} {
			if r := stranger.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("another account's %s: %d", p, r.Status)
			}
			if r := primary.Get(p); r.Status != 200 {
				t.Errorf("own %s: %d", p, r.Status)
			}
		}
		inv := primary.Get(orderPath + "/invoice")
		if inv.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(inv.Body, "%PDF") ||
			!strings.HasPrefix(inv.Header.Get("Content-Disposition"), `attachment; filename="invoice-1001.pdf"`) {
			t.Fatalf("invoice: %v", inv.Header)
		}
		// Unknown store is 404.
		if r := primary.Get("/store/nope/catalog"); r.Status != http.StatusNotFound {
			t.Fatalf("unknown store: %d", r.Status)
		}
	})
}

// TestOverridePricesOnlyForTheirCustomer: an override set in the dashboard
// shows to that customer and its contacts only, is frozen into the order
// line, and removing it restores the catalog price.
func TestOverridePricesOnlyForTheirCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		ctx := context.Background()
		if _, err := w.srv.App.Customers.Register(ctx, w.company.ID, customer.RegisterInput{Name: "Other Buyer", Email: "other@example.com", Password: password}); err != nil {
			t.Fatal(err)
		}
		other := w.signIn(t, "other@example.com")
		if _, err := w.srv.App.Customers.SetPrice(ctx, model.SystemActor(), w.company.ID, w.customer.ID, w.product.ID, "17.35"); err != nil {
			t.Fatal(err)
		}
		for role, c := range w.people {
			if body := c.Get(w.base + "/catalog").Body; !strings.Contains(body, "17.35") {
				t.Errorf("%s does not see the account's price", role)
			}
		}
		if body := other.Get(w.base + "/catalog").Body; strings.Contains(body, "17.35") || !strings.Contains(body, "20.00") {
			t.Error("another customer sees the override")
		}
		primary := w.people[model.ShopperPrimary]
		w.addAddress(t, primary)
		primary.Post(w.base+"/cart", url.Values{"productId": {w.product.ID}, "quantity": {"2"}})
		r := primary.Post(w.base+"/orders", url.Values{"poNumber": {"PO-77"}})
		order := primary.Get(r.Location)
		if !strings.Contains(apptest.Text(order.Body), "Paper Towels 2 17.35 34.70") {
			t.Fatalf("order line:\n%s", apptest.Text(order.Body))
		}
		if err := w.srv.App.Customers.DeletePrice(ctx, model.SystemActor(), w.company.ID, w.customer.ID, w.product.ID); err != nil {
			t.Fatal(err)
		}
		if body := primary.Get(w.base + "/catalog").Body; strings.Contains(body, "17.35") || !strings.Contains(body, "20.00") {
			t.Error("removing the override did not restore the catalog price")
		}
		if !strings.Contains(apptest.Text(primary.Get(r.Location).Body), "Paper Towels 2 17.35 34.70") {
			t.Error("the order changed after the override was removed")
		}
	})
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// TestSessionCookieAtOtherSlugs sends a live session's cookie by hand to
// paths it is not scoped to: the one-query session lookup finds the
// session and its company, but an unknown slug is still 404 and an
// earlier slug still redirects permanently to the current one.
func TestSessionCookieAtOtherSlugs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		w := newShopWorld(t, e)
		var cookie *http.Cookie
		for _, ck := range w.people[model.ShopperPrimary].Jar.Cookies(mustURL(w.srv.URL + w.base + "/catalog")) {
			if ck.Name == shop.SessionCookie {
				cookie = ck
			}
		}
		if cookie == nil {
			t.Fatal("no customer_session cookie")
		}
		get := func(path string) *http.Response {
			t.Helper()
			req, _ := http.NewRequest("GET", w.srv.URL+path, nil)
			req.AddCookie(cookie)
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		if res := get(w.base + "/catalog"); res.StatusCode != http.StatusOK {
			t.Fatalf("own store: %d", res.StatusCode)
		}
		if res := get("/store/nope/catalog"); res.StatusCode != http.StatusNotFound {
			t.Fatalf("unknown store with a live session: %d", res.StatusCode)
		}
		owner := w.srv.NewClient(t)
		if r := owner.Post("/login", url.Values{"email": {"owner@shop.example"}, "password": {"password123"}}); r.Status != http.StatusSeeOther {
			t.Fatal("owner sign in")
		}
		if r := owner.Post("/dashboard/settings/company", url.Values{"name": {"Shop Co"}, "slug": {"shop-co-new"},
			"taxRate": {"0"}, "shippingFee": {"0"}, "returnWindowDays": {"30"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("rename: %d %s", r.Status, apptest.Text(r.Body))
		}
		res := get(w.base + "/catalog?q=towels")
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/store/shop-co-new/catalog?q=towels" {
			t.Fatalf("earlier slug with a live session: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
	})
}
