package browsertest_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// shopStaff is the actor of the changes the tests make behind the
// storefront, as the distributor's staff would in the dashboard.
var shopStaff = model.Actor{Type: model.ActorUser, ID: "staff", Label: "maya@harborfoods.example"}

// The products of the storefront tests. Saffron has only 3 in stock, so
// the cart's stepper stops there; olive oil is sold out; the discontinued
// crate is inactive and never shown.
const (
	saffron  = "Saffron Threads (1 oz)"
	towels   = "Paper Towels (12 rolls)"
	dishSoap = "Dish Soap 5L"
	oliveOil = "Olive Oil 3L"
	oldCrate = "Discontinued Crate"
)

// shopFixture is a distributor with products, seeded through the services.
type shopFixture struct {
	srv      *apptest.Server
	company  model.Company
	base     string // "/store/{slug}"
	products map[string]model.Product
}

// seedShop signs Harbor Foods up, sets an 8.875 % tax rate and a 12.50
// shipping fee, and adds the products above through the catalog service.
func seedShop(t *testing.T, srv *apptest.Server) shopFixture {
	t.Helper()
	ctx := context.Background()
	srv.Signup(t, "Harbor Foods", "Maya Lin", "maya@harborfoods.example", "correct horse battery")
	company, err := srv.App.Store.CompanyBySlug(ctx, "harbor-foods")
	if err != nil {
		t.Fatalf("company of the sign-up: %v", err)
	}
	company, err = srv.App.Accounts.UpdateSettings(ctx, shopStaff, company.ID, account.SettingsInput{
		Name: company.Name, Slug: company.Slug, TaxRate: "8.875", ShippingFee: "12.50", ReturnWindowDays: "30"})
	if err != nil {
		t.Fatalf("company settings: %v", err)
	}
	f := shopFixture{srv: srv, company: company, base: "/store/" + company.Slug, products: map[string]model.Product{}}
	for _, in := range []catalog.ProductInput{
		{Name: saffron, SKU: "SAF-1", Category: "Spices", Unit: "jar", Price: "24.50", Stock: "3", Active: true,
			Description: "Hand-picked Spanish saffron threads, grade I."},
		{Name: towels, SKU: "PT-12", Category: "Paper", Unit: "case", Price: "20.00", Stock: "40", Active: true},
		{Name: dishSoap, SKU: "DS-5", Category: "Cleaning", Unit: "each", Price: "12.75", Stock: "100", Active: true},
		{Name: oliveOil, SKU: "OO-3", Category: "Pantry", Unit: "each", Price: "31.00", Stock: "0", Active: true},
		{Name: oldCrate, SKU: "OLD-1", Category: "Pantry", Unit: "each", Price: "5.00", Stock: "10", Active: false},
	} {
		p, err := srv.App.Catalog.Create(ctx, shopStaff, company.ID, in, catalog.ImageChange{})
		if err != nil {
			t.Fatalf("create product %s: %v", in.Name, err)
		}
		f.products[in.Name] = p
	}
	return f
}

// productRow is an XPath selector for the catalog entry of the named
// product.
func productRow(name string) string {
	return `//ul[@class="products"]/li[@class="product"][.//div[@class="product-name"][normalize-space()="` + name + `"]]`
}

// addButton is the "+ Add" button of the named product's entry.
func addButton(name string) string {
	return productRow(name) + `//button[normalize-space()="+ Add"]`
}

// cartLine is an XPath selector for the cart line of the named product.
func cartLine(name string) string {
	return `//aside[@id="cart"]//ul[@class="cart-lines"]/li[.//div[@class="cart-name"][starts-with(normalize-space(), "` + name + `")]]`
}

// stepper returns the "−" or "+" button of a cart line.
func stepper(name, sign string) string {
	what := "One more "
	if sign == "−" {
		what = "One less "
	}
	return cartLine(name) + `//button[@aria-label="` + what + name + `"]`
}

// orderPath is the address of one storefront order.
var orderPath = regexp.MustCompile(`^/store/[^/]+/orders/[^/]+$`)

// fetched is what a fetch from inside the page saw.
type fetched struct {
	Status      int    `json:"status"`
	ContentType string `json:"contentType"`
	Disposition string `json:"disposition"`
	Magic       string `json:"magic"`
	Size        int    `json:"size"`
}

// fetchInPage fetches path from inside the page, with the browser's
// cookies, and returns the status, the headers that matter and the first
// bytes of the body.
func fetchInPage(b *browsertest.Browser, path string, init string) fetched {
	if init == "" {
		init = "{}"
	}
	js := `fetch(` + jsQuote(path) + `, Object.assign({credentials: "same-origin", redirect: "manual"}, ` + init + `)).then(async r => {
		const buf = new Uint8Array(await r.arrayBuffer());
		return {status: r.status, contentType: r.headers.get("content-type") || "",
			disposition: r.headers.get("content-disposition") || "",
			magic: String.fromCharCode(...buf.slice(0, 5)), size: buf.length};
	})`
	var got fetched
	b.Do(func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		var err error
		got, err = chromedp.Evaluate[fetched](js, chromedp.EvalAwaitPromise)(ctx, t)
		return chromedp.Void{}, err
	})
	return got
}

// evalString evaluates a JavaScript expression in the page.
func evalString(b *browsertest.Browser, js string) string {
	var s string
	b.Do(func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		var err error
		s, err = chromedp.Evaluate[string](js)(ctx, t)
		return chromedp.Void{}, err
	})
	return s
}

func jsQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// TestStorefrontRegisterOrderInvoice is a new customer's first order, as a
// person does it: register from the landing page, search, fill the cart with
// the stepper, add a shipping address, place the order with a PO number,
// find it under My orders and download its invoice.
func TestStorefrontRegisterOrderInvoice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		ctx := context.Background()
		srv := apptest.Start(t, e)
		f := seedShop(t, srv)
		b := browsertest.New(t, srv.URL)

		// Landing page → Create account.
		if status := b.Visit(f.base); status != http.StatusOK {
			t.Fatalf("GET %s answered %d", f.base, status)
		}
		b.See("Harbor Foods", "Sign in", "Create account")
		if got := b.Text(".shop-brand .tile"); got != "H" {
			t.Errorf("brand tile %q, want H", got)
		}
		b.Click(browsertest.Link("Create account"))
		if got := b.Path(); got != f.base+"/register" {
			t.Fatalf("after Create account: path %q, want %s/register", got, f.base)
		}
		b.Fill("#name", "Corner Bakery")
		b.Fill("#email", "Orders@CornerBakery.example")
		b.Fill("#password", "flour and water")
		b.Click(browsertest.Button("Create account"))
		if got := b.Path(); got != f.base+"/catalog" {
			t.Fatalf("after registering: path %q, want %s/catalog\n%s", got, f.base, b.BodyText())
		}
		if got := b.Text(".flash"); got != "Welcome! Your account is ready." {
			t.Errorf("flash %q after registering, want the welcome", got)
		}
		if got := b.Text(".shop-who"); got != "Corner Bakery" {
			t.Errorf("header names %q, want Corner Bakery", got)
		}
		// Active products only, in category order; the sold-out one cannot
		// be added; the empty cart says how to fill it.
		if got := b.Text("#showing"); got != "Showing 1–4 of 4 products" {
			t.Errorf("catalog count %q, want Showing 1–4 of 4 products", got)
		}
		names := b.Texts(`ul.products .product-name`)
		if want := []string{dishSoap, oliveOil, towels, saffron}; strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("catalog lists %q, want %q (category, then name)", names, want)
		}
		b.NotSee(oldCrate)
		if got := b.Text(productRow(oliveOil) + `//span[contains(@class, "badge-bad")]`); got != "Out of stock" {
			t.Errorf("olive oil badge %q, want Out of stock", got)
		}
		if n := b.Count(addButton(oliveOil)); n != 0 {
			t.Errorf("the sold-out product has %d + Add buttons, want none", n)
		}
		if got := b.Text(productRow(saffron) + `//span[contains(@class, "badge-warn")]`); got != "Only 3 left" {
			t.Errorf("saffron stock badge %q, want Only 3 left", got)
		}
		b.See("Your cart is empty.")
		if got := b.Texts(`nav.pills a`); len(got) != 4 {
			t.Errorf("category pills %q, want the 4 categories of active products", got)
		}

		// The store gives this customer its own price for paper towels; the
		// catalog shows it on the next load.
		cust, err := srv.App.Store.CustomerByEmail(ctx, f.company.ID, "orders@cornerbakery.example")
		if err != nil {
			t.Fatalf("registered customer: %v", err)
		}
		if cust.Status != model.CustomerActive || !cust.EmailVerified || cust.Name != "Corner Bakery" {
			t.Errorf("registered customer %+v, want ACTIVE, verified, named Corner Bakery", cust)
		}
		if _, err := srv.App.Customers.SetPrice(ctx, shopStaff, f.company.ID, cust.ID, f.products[towels].ID, "17.00"); err != nil {
			t.Fatalf("price override: %v", err)
		}

		// Search.
		b.Fill(`.shop-search input[name="q"]`, "SAFFRON")
		b.Submit(`.shop-search input[name="q"]`)
		if got := b.URL().Query().Get("q"); got != "SAFFRON" {
			t.Fatalf("after searching: URL %s, want q=SAFFRON", b.URL())
		}
		if got := b.Text("#showing"); got != "Showing 1–1 of 1 product" {
			t.Errorf("search count %q, want Showing 1–1 of 1 product", got)
		}
		if got := b.Texts(`ul.products .product-name`); len(got) != 1 || got[0] != saffron {
			t.Fatalf("search for SAFFRON lists %q, want just %s", got, saffron)
		}
		if got := b.Value(`.shop-search input[name="q"]`); got != "SAFFRON" {
			t.Errorf("search box shows %q after searching, want SAFFRON", got)
		}

		// + Add, then the stepper up to the stock and back. These forms are
		// sent in the background and the page is swapped in place.
		b.MarkPage()
		b.ClickInPlace(addButton(saffron))
		b.WaitText(cartLine(saffron)+`//span[@class="qty"]`, "1")
		b.WaitText(productRow(saffron)+`//div[contains(@class, "in-cart")]`, "1 in cart")
		if got := b.Text("#cart-subtotal"); got != "24.50" {
			t.Errorf("subtotal %q with one saffron, want 24.50", got)
		}
		inPlace := b.SamePage()
		b.ClickInPlace(stepper(saffron, "+"))
		b.WaitText(cartLine(saffron)+`//span[@class="qty"]`, "2")
		b.ClickInPlace(stepper(saffron, "+"))
		b.WaitText(cartLine(saffron)+`//span[@class="qty"]`, "3")
		b.WaitText("#cart-subtotal", "73.50")
		// At the stock: neither the stepper nor + Add can go further.
		if n := b.Count(stepper(saffron, "+") + `[@disabled]`); n != 1 {
			t.Errorf("the + of saffron is not disabled at its stock of 3")
		}
		if n := b.Count(addButton(saffron) + `[@disabled]`); n != 1 {
			t.Errorf("+ Add of saffron is not disabled with all 3 in the cart")
		}
		b.ClickInPlace(stepper(saffron, "−"))
		b.WaitText("#cart-subtotal", "49.00")
		if got := b.Text(cartLine(saffron) + `//span[@class="qty"]`); got != "2" {
			t.Errorf("saffron quantity %q after −, want 2", got)
		}
		if n := b.Count(stepper(saffron, "+") + `[@disabled]`); n != 0 {
			t.Errorf("the + of saffron is still disabled at 2 of 3")
		}
		inPlace = inPlace && b.SamePage()
		if !inPlace {
			t.Errorf("a cart change loaded a new page; want the data-inplace swap (app.js swaps main.content, the storefront layout has main.shop-main)")
		}
		if got := b.URL().Query().Get("q"); got != "SAFFRON" {
			t.Errorf("after the cart changes: URL %s, want the search kept", b.URL())
		}
		// No address yet: the cart says where to add one.
		b.See("No shipping address yet.")

		// Clear the search; add paper towels at the customer's price.
		b.Click(`//header//a[normalize-space()="Catalog"]`)
		if got := b.Text(productRow(towels) + `//div[@class="price"]`); got != "17.00" {
			t.Errorf("paper towels price %q, want the customer's 17.00", got)
		}
		b.ClickInPlace(addButton(towels))
		b.WaitText(cartLine(towels)+`//span[@class="qty"]`, "1")
		b.WaitText("#cart-subtotal", "66.00")
		for sel, want := range map[string]string{"#cart-tax": "5.86", "#cart-shipping": "12.50", "#cart-total": "84.36"} {
			if got := b.Text(sel); got != want {
				t.Errorf("cart %s %q, want %q", sel, got, want)
			}
		}

		// Account → Add address.
		b.Click(`//header//a[normalize-space()="Account"]`)
		if got := b.Path(); got != f.base+"/account" {
			t.Fatalf("after the Account link: path %q, want %s/account", got, f.base)
		}
		b.See("No addresses yet.", "Corner Bakery", "orders@cornerbakery.example")
		b.ClickInPlace(`//details[contains(@class, "add-address")]/summary`)
		form := `details.add-address form `
		b.WaitVisible(form + `input[name="line1"]`)
		b.Fill(form+`input[name="label"]`, "Bakery")
		b.Fill(form+`input[name="country"]`, "US")
		b.Fill(form+`input[name="line1"]`, "12 Harbor Street")
		b.Fill(form+`input[name="city"]`, "Portland")
		b.Fill(form+`input[name="region"]`, "ME")
		b.Fill(form+`input[name="postalCode"]`, "04101")
		b.Click(`//details[contains(@class, "add-address")]//button[normalize-space()="Save address"]`)
		if got := b.Path(); got != f.base+"/account" {
			t.Fatalf("after saving the address: path %q, want %s/account\n%s", got, f.base, b.BodyText())
		}
		if got := b.Text(".flash"); got != "Address added." {
			t.Errorf("flash %q, want Address added.", got)
		}
		addr := b.Text("#addresses .address")
		for _, want := range []string{"Bakery", "default", "12 Harbor Street", "Portland, ME 04101", "US"} {
			if !strings.Contains(addr, want) {
				t.Errorf("address entry %q lacks %q", addr, want)
			}
		}

		// Back to the catalog: the cart is still there, the address is
		// chosen; place the order with a PO number.
		b.Click(`//header//a[normalize-space()="Catalog"]`)
		if got := b.Text(cartLine(saffron) + `//span[@class="qty"]`); got != "2" {
			t.Errorf("saffron quantity %q after coming back, want 2", got)
		}
		if got := evalString(b, `document.getElementById("addressId").selectedOptions[0].text`); got != "Bakery — 12 Harbor Street, Portland" {
			t.Errorf("chosen address %q, want Bakery — 12 Harbor Street, Portland", got)
		}
		b.Fill("#poNumber", "PO-7781")
		b.Fill("#notes", "Back door, before 7am.")
		b.Screenshot("catalog-with-cart")
		b.Click("#place-order")
		orderURL := b.Path()
		if !orderPath.MatchString(orderURL) || !strings.HasPrefix(orderURL, f.base+"/orders/") {
			t.Fatalf("after placing the order: path %q, want %s/orders/{id}\n%s", orderURL, f.base, b.BodyText())
		}
		if got := b.Text(".flash"); got != "Thank you! Your order #1001 has been placed." {
			t.Errorf("flash %q, want Thank you! Your order #1001 has been placed.", got)
		}
		b.See("Order #1001", "SUBMITTED", "PO PO-7781", "orders@cornerbakery.example",
			"SAF-1", saffron, "PT-12", towels, "12 Harbor Street", "Portland, ME 04101", "Back door, before 7am.")
		if got := b.Text("#order-total"); got != "84.36" {
			t.Errorf("order total %q, want 84.36", got)
		}
		b.Screenshot("order")

		// The stock went down and the cart is empty.
		if p, err := srv.App.Catalog.Get(ctx, f.company.ID, f.products[saffron].ID); err != nil || p.Stock != 1 {
			t.Errorf("saffron stock after the order: %d (%v), want 1", p.Stock, err)
		}

		// My orders lists it; the order opens from there.
		b.Click(`//header//a[normalize-space()="My orders"]`)
		if got := b.Path(); got != f.base+"/orders" {
			t.Fatalf("after My orders: path %q, want %s/orders", got, f.base)
		}
		rows := b.Texts("#orders tbody tr")
		if len(rows) != 1 {
			t.Fatalf("My orders rows %q, want one", rows)
		}
		for _, want := range []string{"#1001", "SUBMITTED", "84.36", "orders@cornerbakery.example"} {
			if !strings.Contains(rows[0], want) {
				t.Errorf("My orders row %q lacks %q", rows[0], want)
			}
		}
		b.Click(`//table[@id="orders"]` + browsertest.Link("#1001"))
		if got := b.Path(); got != orderURL {
			t.Fatalf("the #1001 link opened %q, want %q", got, orderURL)
		}

		// The invoice: a PDF, fetched with the browser's session.
		href := evalString(b, `document.getElementById("invoice-link").getAttribute("href")`)
		if href != orderURL+"/invoice" {
			t.Errorf("invoice link %q, want %s/invoice", href, orderURL)
		}
		pdf := fetchInPage(b, href, "")
		if pdf.Status != http.StatusOK || pdf.ContentType != "application/pdf" || pdf.Magic != "%PDF-" || pdf.Size < 500 {
			t.Errorf("invoice: %+v, want 200 application/pdf starting %%PDF-", pdf)
		}
		if !strings.Contains(pdf.Disposition, `filename="invoice-1001.pdf"`) {
			t.Errorf("invoice Content-Disposition %q, want filename invoice-1001.pdf", pdf.Disposition)
		}
		// Signed out, the invoice is not served.
		b.Click(browsertest.Button("Sign out"))
		if got := b.Path(); got != f.base+"/login" {
			t.Errorf("after signing out: path %q, want %s/login", got, f.base)
		}
		if got := fetchInPage(b, href, ""); got.ContentType == "application/pdf" {
			t.Errorf("invoice served after signing out: %+v", got)
		}
		noConsoleErrors(t, b)
	})
}

// TestStorefrontViewer sets a VIEWER contact's password through its setup
// link and checks that a VIEWER browses with prices but cannot order.
func TestStorefrontViewer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		ctx := context.Background()
		srv := apptest.Start(t, e)
		f := seedShop(t, srv)
		if _, err := srv.App.Customers.Register(ctx, f.company.ID, customer.RegisterInput{
			Name: "Northwind Deli", Email: "orders@northwind.example", Password: "pastrami on rye"}); err != nil {
			t.Fatalf("register the customer: %v", err)
		}
		cust, err := srv.App.Store.CustomerByEmail(ctx, f.company.ID, "orders@northwind.example")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.App.Customers.SetPrice(ctx, shopStaff, f.company.ID, cust.ID, f.products[towels].ID, "17.00"); err != nil {
			t.Fatalf("price override: %v", err)
		}
		ct, err := srv.App.Customers.AddContact(ctx, shopStaff, f.company.ID, cust.ID, customer.ContactInput{
			Email: "lee@northwind.example", Name: "Lee Park", Role: "VIEWER", Active: true})
		if err != nil {
			t.Fatalf("add the VIEWER contact: %v", err)
		}
		link, err := srv.App.Customers.CreateSetupLink(ctx, shopStaff, f.company.ID, cust.ID, ct.ID)
		if err != nil {
			t.Fatalf("setup link: %v", err)
		}
		u, err := url.Parse(link.URL)
		if err != nil || u.Path != f.base+"/setup-password" || u.Query().Get("token") == "" {
			t.Fatalf("setup link %q (%v), want %s/setup-password?token=…", link.URL, err, f.base)
		}

		b := browsertest.New(t, srv.URL)
		// The setup link: the contact's e-mail, two passwords, signed in.
		if status := b.Visit(u.RequestURI()); status != http.StatusOK {
			t.Fatalf("setup link answered %d", status)
		}
		b.See("Set your password", "lee@northwind.example", "Harbor Foods")
		b.Fill("#password", "viewer password 1")
		b.Fill("#confirm", "viewer password 2")
		// The dashboard's and the storefront's other forms answer 422 with
		// the form again; this one answers 400 (httpx.Status of CodeInvalid).
		if status := b.Click(browsertest.Button("Set password and sign in")); status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
			t.Errorf("mismatched passwords answered %d, want the form again with 422 (or 400)", status)
		}
		b.See("lee@northwind.example")
		if n := b.Count(".field-error"); n == 0 {
			t.Errorf("mismatched passwords show no field error:\n%s", b.BodyText())
		}
		b.Fill("#password", "viewer password 1")
		b.Fill("#confirm", "viewer password 1")
		b.Click(browsertest.Button("Set password and sign in"))
		if got := b.Path(); got != f.base+"/catalog" {
			t.Fatalf("after setting the password: path %q, want %s/catalog\n%s", got, f.base, b.BodyText())
		}
		if got := b.Text(".flash"); got != "Your password is set. Welcome!" {
			t.Errorf("flash %q, want Your password is set. Welcome!", got)
		}
		// The link works once.
		if status := b.Visit(u.RequestURI()); status != http.StatusNotFound {
			t.Errorf("a used setup link answered %d, want 404", status)
		}
		b.See("This setup link is invalid or has expired. Please ask the store for a new one.")

		// Sign out, and in again with the new password.
		b.Visit(f.base + "/catalog")
		b.Click(browsertest.Button("Sign out"))
		if got := b.Path(); got != f.base+"/login" {
			t.Fatalf("after signing out: path %q, want %s/login", got, f.base)
		}
		b.Fill("#email", "lee@northwind.example")
		b.Fill("#password", "viewer password 1")
		b.Click(browsertest.Button("Sign in"))
		if got := b.Path(); got != f.base+"/catalog" {
			t.Fatalf("after signing in: path %q, want %s/catalog\n%s", got, f.base, b.BodyText())
		}
		if got := b.Text(".shop-who"); got != "Lee Park · VIEWER" {
			t.Errorf("header names %q, want Lee Park · VIEWER", got)
		}

		// Prices, the customer's own included, but no cart and no ordering.
		if got := b.Texts(`ul.products .product-name`); len(got) != 4 {
			t.Errorf("VIEWER sees products %q, want the 4 active ones", got)
		}
		for name, want := range map[string]string{towels: "17.00", saffron: "24.50", dishSoap: "12.75"} {
			if got := b.Text(productRow(name) + `//div[@class="price"]`); got != want {
				t.Errorf("VIEWER sees %s at %q, want %q", name, got, want)
			}
		}
		if n := b.Count("#cart"); n != 0 {
			t.Errorf("VIEWER sees a cart")
		}
		if n := b.Count(`//button[normalize-space()="+ Add"]`); n != 0 {
			t.Errorf("VIEWER sees %d + Add buttons, want none", n)
		}
		if n := b.Count("#place-order"); n != 0 {
			t.Errorf("VIEWER sees a Place order button")
		}
		b.NotSee("Place order", "+ Add", "Your order", "Your cart is empty")
		b.Screenshot("viewer-catalog")

		// The cart and order routes refuse a VIEWER's posts.
		form := `{method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "productId=` + f.products[towels].ID + `&quantity=1"}`
		if got := fetchInPage(b, f.base+"/cart", form); got.Status != http.StatusForbidden {
			t.Errorf("VIEWER cart post answered %d, want 403", got.Status)
		}
		if got := fetchInPage(b, f.base+"/orders", `{method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "poNumber=X"}`); got.Status != http.StatusForbidden {
			t.Errorf("VIEWER order post answered %d, want 403", got.Status)
		}
		// The account page: no address or contact management.
		b.Click(`//header//a[normalize-space()="Account"]`)
		if n := b.Count("details.add-address"); n != 0 {
			t.Errorf("VIEWER is offered Add address")
		}
		if n := b.Count("#contacts"); n != 0 {
			t.Errorf("VIEWER is offered the account's contacts")
		}
		// The refused posts above are in the console as failed loads; nothing
		// else may be.
		var errs []string
		for _, e := range b.ConsoleErrors() {
			if !strings.Contains(e, "Failed to load resource: the server responded with a status of 4") {
				errs = append(errs, e)
			}
		}
		if len(errs) > 0 {
			t.Errorf("browser console errors:\n%s", strings.Join(errs, "\n"))
		}
	})
}
