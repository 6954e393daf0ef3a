package browsertest_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// The product and the customer of the dashboard order tests.
const (
	beans         = "Espresso Beans 1kg"
	beansSKU      = "ESP-1"
	buyerName     = "Pier 9 Café"
	buyerEmail    = "buying@pier9.example"
	buyerPassword = "steamed milk 42"
)

// dashOrderPath is the address of one order in the dashboard.
var dashOrderPath = regexp.MustCompile(`^/dashboard/orders/[0-9a-z]{26}$`)

// ordersFixture is a distributor signed up in the browser, with one product
// and one registered customer (with an address and its own price).
type ordersFixture struct {
	srv      *apptest.Server
	company  model.Company
	base     string // "/store/{slug}"
	product  model.Product
	customer model.Customer
}

// seedOrders signs Harbor Foods up in b, then adds through the services a
// product at 20.00 (50 in stock) and a customer registered with a password,
// with a shipping address and a 15.00 price for the product.
func seedOrders(t *testing.T, srv *apptest.Server, b *browsertest.Browser) ordersFixture {
	t.Helper()
	ctx := context.Background()
	signUp(t, b)
	company, err := srv.App.Store.CompanyBySlug(ctx, "harbor-foods")
	if err != nil {
		t.Fatalf("company of the sign-up: %v", err)
	}
	p, err := srv.App.Catalog.Create(ctx, shopStaff, company.ID, catalog.ProductInput{Name: beans, SKU: beansSKU, Category: "Coffee",
		Unit: "bag", Price: "20.00", Stock: "50", Active: true}, catalog.ImageChange{})
	if err != nil {
		t.Fatalf("create product: %v", err)
	}
	if _, err := srv.App.Customers.Register(ctx, company.ID, customer.RegisterInput{Name: buyerName, Email: buyerEmail, Password: buyerPassword}); err != nil {
		t.Fatalf("register the customer: %v", err)
	}
	c, err := srv.App.Store.CustomerByEmail(ctx, company.ID, buyerEmail)
	if err != nil {
		t.Fatalf("registered customer: %v", err)
	}
	sh := &model.Shopper{Company: model.Company{ID: company.ID}, Customer: c, Role: model.ShopperPrimary}
	if _, err := srv.App.Customers.AddAddress(ctx, sh, customer.AddressInput{Label: "Café", Line1: "9 Pier Road", City: "Portland",
		Region: "ME", PostalCode: "04101", Country: "US"}); err != nil {
		t.Fatalf("add address: %v", err)
	}
	if _, err := srv.App.Customers.SetPrice(ctx, shopStaff, company.ID, c.ID, p.ID, "15.00"); err != nil {
		t.Fatalf("price override: %v", err)
	}
	return ordersFixture{srv: srv, company: company, base: "/store/" + company.Slug, product: p, customer: c}
}

// browserRow is an XPath selector for the new-order page's product browser
// row of the named product.
func browserRow(name string) string {
	return `//table[@id="browser"]//tr[td[1][starts-with(normalize-space(), "` + name + `")]]`
}

// draftLine is an XPath selector for the line of the named product in the
// order being built.
func draftLine(name string) string {
	return `//aside[contains(@class, "cart")]//ul[@class="cart-lines"]/li[.//div[@class="cart-name"][starts-with(normalize-space(), "` + name + `")]]`
}

// statusButtons returns the ids of the status buttons the dashboard's
// order page offers, in page order.
func statusButtons(b *browsertest.Browser) []string {
	return strings.Fields(evalString(b, `Array.from(document.querySelectorAll('form[action$="/status"] button, [id^="status-"]'), e => e.id).join(" ")`))
}

// textOf returns the visible text of the first element sel (CSS, or XPath
// when it starts with "/" or "(") finds, trimmed, read with JavaScript.
// Browser.Text reads through a DOM node id, which can go stale when Chromium
// sends the document again just after a load ("No node with given id
// found"); a script cannot.
func textOf(b *browsertest.Browser, sel string) string {
	find := `document.querySelector(` + jsQuote(sel) + `)`
	if strings.HasPrefix(sel, "/") || strings.HasPrefix(sel, "(") {
		find = `document.evaluate(` + jsQuote(sel) + `, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue`
	}
	return evalString(b, `(() => { const e = `+find+`; return e ? e.innerText.trim() : "(nothing matches "+`+jsQuote(sel)+`+")"; })()`)
}

// seeAll waits until the page shows every one of texts, as Browser.See
// checks, without reading through DOM node ids (see textOf).
func seeAll(b *browsertest.Browser, texts ...string) {
	for _, s := range texts {
		b.WaitText("body", s)
	}
}

// shopSignIn signs the customer in to the storefront in s.
func shopSignIn(t *testing.T, s *browsertest.Browser, base string) {
	t.Helper()
	s.Visit(base + "/login")
	s.Fill("#email", buyerEmail)
	s.Fill("#password", buyerPassword)
	s.Click(browsertest.Button("Sign in"))
	if got := s.Path(); got != base+"/catalog" {
		t.Fatalf("storefront sign-in: path %q, want %s/catalog\n%s", got, base, textOf(s, "body"))
	}
}

// shopSees checks, in the customer's storefront browser, that My orders
// lists order #number with status, and that the order's own page shows it.
func shopSees(t *testing.T, s *browsertest.Browser, base, orderID, number, status string) {
	t.Helper()
	s.Visit(base + "/orders")
	row := `//table[@id="orders"]//tr[td[1][normalize-space()="#` + number + `"]]`
	if n := s.Count(row); n != 1 {
		t.Fatalf("storefront My orders has %d rows for #%s, want 1:\n%s", n, number, textOf(s, "#orders"))
	}
	if got := textOf(s, row+`//span[contains(@class, "badge")]`); got != status {
		t.Errorf("storefront My orders shows #%s as %q, want %s", number, got, status)
	}
	if href := evalString(s, `document.evaluate('`+row+`//a', document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.getAttribute("href")`); href != base+"/orders/"+orderID {
		t.Errorf("storefront link of #%s is %q, want %s/orders/%s", number, href, base, orderID)
	}
	s.Visit(base + "/orders/" + orderID)
	if got := textOf(s, "#order-status"); got != status {
		t.Errorf("storefront order page of #%s shows %q, want %s", number, got, status)
	}
}

// TestOrdersDashboardWorkflow has staff enter an order for a customer on
// the dashboard (the customer's price applies), then move it through the
// whole workflow, while the customer watches it in the storefront; a second
// order is cancelled after the confirm dialog.
func TestOrdersDashboardWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		ctx := context.Background()
		srv := apptest.Start(t, e)
		b := browsertest.New(t, srv.URL)
		f := seedOrders(t, srv, b)
		shop := browsertest.New(t, srv.URL)
		shopSignIn(t, shop, f.base)
		shop.Visit(f.base + "/orders")
		seeAll(shop, "No orders yet.")

		// Sidebar → Orders → + New order.
		b.Click("//aside" + browsertest.Link("Orders"))
		if got := b.Path(); got != "/dashboard/orders" {
			t.Fatalf("after the Orders link: path %q, want /dashboard/orders", got)
		}
		seeAll(b, "No orders match.")
		b.Click(browsertest.Link("+ New order"))
		if got := b.Path(); got != "/dashboard/orders/new" {
			t.Fatalf("after + New order: path %q, want /dashboard/orders/new", got)
		}
		if got := textOf(b, browserRow(beans)+`/td[3]`); got != "20.00" {
			t.Errorf("price without a customer %q, want the catalog's 20.00", got)
		}

		// The customer: its price applies.
		b.Fill("#customer", buyerEmail)
		b.Click(browsertest.Button("Use"))
		seeAll(b, "For "+buyerName+": their prices and tax rate apply.")
		if got := evalString(b, `document.getElementById("customer").value`); got != buyerEmail {
			t.Errorf("customer field %q after Use, want %s", got, buyerEmail)
		}
		if got := textOf(b, browserRow(beans)+`/td[3]`); !strings.HasPrefix(got, "15.00") || !strings.Contains(got, "catalog 20.00") {
			t.Errorf("price for the customer %q, want 15.00 (catalog 20.00)", got)
		}

		// + Add, then + to 3.
		b.Click(browserRow(beans) + `//button[normalize-space()="+ Add"]`)
		if got := textOf(b, draftLine(beans)+`//span[@class="qty"]`); got != "1" {
			t.Fatalf("quantity %q after + Add, want 1", got)
		}
		if got := evalString(b, `document.getElementById("customer").value`); got != buyerEmail {
			t.Errorf("customer field %q after + Add, want it kept", got)
		}
		for want := 2; want <= 3; want++ {
			b.Click(draftLine(beans) + `//button[@aria-label="One more"]`)
			if got := textOf(b, draftLine(beans)+`//span[@class="qty"]`); got != strconv.Itoa(want) {
				t.Fatalf("quantity %q after +, want %d", got, want)
			}
		}
		if got := textOf(b, draftLine(beans)+`/div[@class="num"]`); got != "45.00" {
			t.Errorf("line total %q, want 45.00 (3 × 15.00)", got)
		}
		if got := evalString(b, `document.getElementById("addressId").selectedOptions[0].text`); got != "Café — 9 Pier Road, Portland" {
			t.Errorf("ship-to %q, want the customer's address", got)
		}
		b.Fill("#poNumber", "PIER-77")
		b.Screenshot("new-order")

		// Place order.
		b.Click("#place-order")
		orderURL := b.Path()
		if !dashOrderPath.MatchString(orderURL) {
			t.Fatalf("after Place order: path %q, want /dashboard/orders/{id}\n%s", orderURL, textOf(b, "body"))
		}
		orderID := strings.TrimPrefix(orderURL, "/dashboard/orders/")
		if got := textOf(b, ".flash"); got != "Order #1001 placed." {
			t.Errorf("flash %q, want Order #1001 placed.", got)
		}
		if got := textOf(b, "#order-status"); got != "SUBMITTED" {
			t.Errorf("status badge %q, want SUBMITTED", got)
		}
		lines := b.Texts(".grid-main table tbody tr")
		if len(lines) != 1 {
			t.Fatalf("order lines %q, want one", lines)
		}
		if cells := strings.Split(lines[0], "\t"); len(cells) != 5 || cells[0] != beansSKU || cells[1] != beans ||
			cells[2] != "3" || cells[3] != "15.00" || cells[4] != "45.00" {
			t.Errorf("order line %q, want %s | %s | 3 | 15.00 | 45.00", lines[0], beansSKU, beans)
		}
		seeAll(b, "PO PIER-77", buyerEmail, "9 Pier Road", "Placed", "(STAFF)")
		if got := statusButtons(b); strings.Join(got, " ") != "status-CONFIRMED status-CANCELLED" {
			t.Errorf("status buttons at SUBMITTED %q, want Confirm and Cancel order", got)
		}
		b.Screenshot("submitted")
		if p, err := srv.App.Catalog.Get(ctx, f.company.ID, f.product.ID); err != nil || p.Stock != 47 {
			t.Errorf("stock after the order: %d (%v), want 47", p.Stock, err)
		}
		shopSees(t, shop, f.base, orderID, "1001", "SUBMITTED")
		seeAll(shop, "PIER-77", "15.00", "45.00")

		// Confirm, Mark shipped, Mark delivered.
		for _, step := range []struct {
			status, verb string
			next         []string
		}{
			{"CONFIRMED", "Confirm", []string{"status-SHIPPED", "status-CANCELLED"}},
			{"SHIPPED", "Mark shipped", []string{"status-DELIVERED"}},
			{"DELIVERED", "Mark delivered", nil},
		} {
			btn := "#status-" + step.status
			if got := textOf(b, btn); got != step.verb {
				t.Errorf("button %s says %q, want %q", btn, got, step.verb)
			}
			b.Click(btn)
			if got := b.Path(); got != orderURL {
				t.Fatalf("after %s: path %q, want %s\n%s", step.verb, got, orderURL, textOf(b, "body"))
			}
			if got := textOf(b, "#order-status"); got != step.status {
				t.Errorf("status badge %q after %s, want %s", got, step.verb, step.status)
			}
			if got := textOf(b, ".flash"); got != "Order #1001 is now "+step.status+"." {
				t.Errorf("flash %q after %s", got, step.verb)
			}
			if got := statusButtons(b); strings.Join(got, " ") != strings.Join(step.next, " ") {
				t.Errorf("status buttons at %s %q, want %q", step.status, got, step.next)
			}
			shopSees(t, shop, f.base, orderID, "1001", step.status)
		}
		b.Screenshot("delivered")
		if n := b.Count(`//header[contains(@class, "page-head")]//button`); n != 0 {
			t.Errorf("the DELIVERED order offers %d buttons, want none", n)
		}
		seeAll(b, "Invoice (PDF)")
		if d := b.Dialogs(); len(d) != 0 {
			t.Errorf("dialogs %q on Confirm/Mark shipped/Mark delivered, want none", d)
		}

		// A second order, cancelled from SUBMITTED after the confirm dialog.
		o2, err := srv.App.Ordering.Place(ctx, ordering.PlaceInput{CompanyID: f.company.ID, CustomerID: f.customer.ID,
			Lines:    []ordering.LineInput{{ProductID: f.product.ID, Quantity: 2}},
			PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: f.customer.ID, Label: f.customer.Email},
			Actor:    model.Actor{Type: model.ActorCustomer, ID: f.customer.ID, Label: f.customer.Email}})
		if err != nil {
			t.Fatalf("place the second order: %v", err)
		}
		if o2.Number != 1002 {
			t.Errorf("second order number %d, want 1002", o2.Number)
		}
		shopSees(t, shop, f.base, o2.ID, "1002", "SUBMITTED")
		b.Click("//aside" + browsertest.Link("Orders"))
		if rows := b.Texts("#orders tbody tr"); len(rows) != 2 || !strings.Contains(rows[0], "#1002") || !strings.Contains(rows[1], "#1001") {
			t.Errorf("dashboard order list %q, want #1002 then #1001", rows)
		}
		b.Click(`//table[@id="orders"]` + browsertest.Link("#1002"))
		if got := b.Path(); got != "/dashboard/orders/"+o2.ID {
			t.Fatalf("the #1002 link opened %q", got)
		}
		if got := textOf(b, "#order-status"); got != "SUBMITTED" {
			t.Errorf("status badge of #1002 %q, want SUBMITTED", got)
		}
		b.Click("#status-CANCELLED")
		want := "Cancel order #1002? Stock is not put back automatically."
		if d := b.Dialogs(); len(d) != 1 || d[0] != want {
			t.Errorf("dialogs %q, want just %q", d, want)
		}
		if got := textOf(b, "#order-status"); got != "CANCELLED" {
			t.Errorf("status badge %q after the cancel, want CANCELLED", got)
		}
		if got := textOf(b, ".flash"); got != "Order #1002 is now CANCELLED." {
			t.Errorf("flash %q after the cancel", got)
		}
		if got := statusButtons(b); len(got) != 0 {
			t.Errorf("status buttons at CANCELLED %q, want none", got)
		}
		b.Screenshot("cancelled")
		if p, err := srv.App.Catalog.Get(ctx, f.company.ID, f.product.ID); err != nil || p.Stock != 45 {
			t.Errorf("stock after the cancel: %d (%v), want 45 (not put back)", p.Stock, err)
		}
		shopSees(t, shop, f.base, o2.ID, "1002", "CANCELLED")
		shopSees(t, shop, f.base, orderID, "1001", "DELIVERED")

		noConsoleErrors(t, b)
		noConsoleErrors(t, shop)
	})
}
