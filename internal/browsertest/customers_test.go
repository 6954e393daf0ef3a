package browsertest_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// crmExport is a customers file shaped like a CRM export: extra columns
// that map to nothing, CRM header names, and a quoted comment with a comma.
const crmExport = "Email,First Name,Last Name,Company Name,Lifecycle Stage,Credit Line,Comments,Phone\r\n" +
	"orders@northwind.example,Anna,Berg,Northwind Deli,customer,2500,\"Pays net 30, ships Tuesdays\",+1 555 0101\r\n" +
	"buying@bluefin.example,Ravi,Shah,Bluefin Grill,lead,,Prefers e-mail,+1 555 0102\r\n" +
	"office@cornerbakery.example,Jo,Kim,Corner Bakery,customer,$750.50,,+1 555 0103\r\n"

// customerPath is the address of one customer's page.
var customerPath = regexp.MustCompile(`^/dashboard/customers/[^/]+$`)

// TestCustomersImportPreviewApply imports a CRM export through the preview
// and finds the customers in the list.
func TestCustomersImportPreviewApply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)
		signUp(t, b)

		b.Click("//aside" + browsertest.Link("Customers"))
		if got := b.Path(); got != "/dashboard/customers" {
			t.Fatalf("after the Customers link: path %q, want /dashboard/customers", got)
		}
		b.See("No customers yet.")
		b.Click(browsertest.Link("Import CSV"))
		if got := b.Path(); got != "/dashboard/customers/import" {
			t.Fatalf("after Import CSV: path %q, want /dashboard/customers/import", got)
		}
		b.See("Import customers from CSV")

		file := filepath.Join(t.TempDir(), "HubSpot contacts.csv")
		if err := os.WriteFile(file, []byte(crmExport), 0o644); err != nil {
			t.Fatal(err)
		}
		b.Do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
		b.Click(browsertest.Button("Upload and preview"))
		if got := b.Path(); !strings.HasPrefix(got, "/dashboard/customers/import/") {
			t.Fatalf("after upload: path %q, want the preview under /dashboard/customers/import/", got)
		}
		b.See("Import preview", "HubSpot contacts.csv", "Northwind Deli", "Bluefin Grill", "Corner Bakery",
			"Pays net 30, ships Tuesdays")
		for sel, want := range map[string]string{"#count-create": "3", "#count-update": "0", "#count-unchanged": "0", "#count-errors": "0"} {
			if got := b.Text(sel); got != want {
				t.Errorf("preview %s: %q, want %q", sel, got, want)
			}
		}
		// The CRM's headers are recognised; the rest are ignored.
		for header, want := range map[string]string{
			"Email": "email", "Company Name": "name", "Credit Line": "creditLimit", "Comments": "notes",
			"First Name": "", "Last Name": "", "Lifecycle Stage": "", "Phone": "",
		} {
			if got := b.Value(`//select[@aria-label="Column for ` + header + `"]`); got != want {
				t.Errorf("mapping of %q: %q, want %q", header, got, want)
			}
		}
		b.Screenshot("customers-import-preview")

		b.Click("#apply-import")
		if got := b.Path(); got != "/dashboard/customers" {
			t.Fatalf("after apply: path %q, want /dashboard/customers", got)
		}
		if got := b.Text(".flash"); got != "Import applied: 3 created, 0 updated, 0 unchanged." {
			t.Errorf("flash %q, want %q", got, "Import applied: 3 created, 0 updated, 0 unchanged.")
		}
		b.See("Northwind Deli", "orders@northwind.example", "Bluefin Grill", "buying@bluefin.example",
			"Corner Bakery", "office@cornerbakery.example")
		if got := b.Text("#customer-total"); got != "3" {
			t.Errorf("customer total %q, want 3", got)
		}
		if got := b.Count("#customers tbody .badge-ok"); got != 3 {
			t.Errorf("%d ACTIVE badges in the list, want 3", got)
		}
		b.Screenshot("customers-list")

		// The comment with a comma arrived whole, and the credit line with it.
		openCustomer(t, b, "Northwind Deli")
		if got := b.Value("#notes"); got != "Pays net 30, ships Tuesdays" {
			t.Errorf("notes %q, want %q", got, "Pays net 30, ships Tuesdays")
		}
		if got := b.Text("#stat-credit"); got != "2500.00" {
			t.Errorf("credit limit stat %q, want 2500.00", got)
		}
		noConsoleErrors(t, b)
	})
}

// TestCustomerBlockAndActivate blocks a customer after the confirmation and
// activates it again, both in place.
func TestCustomerBlockAndActivate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)
		signUp(t, b)
		importCustomers(t, b)
		path := openCustomer(t, b, "Northwind Deli")

		if got := b.Text("#status-badge"); got != "ACTIVE" {
			t.Fatalf("status badge %q before blocking, want ACTIVE", got)
		}
		if got := b.Text("#toggle-status"); got != "Block" {
			t.Fatalf("status button %q, want Block", got)
		}
		b.MarkPage()
		b.ClickAndWaitText("#toggle-status", "BLOCKED")
		b.WaitText("#status-badge", "BLOCKED")
		if got := b.Dialogs(); len(got) != 1 || !strings.HasPrefix(got[0], "Block Northwind Deli?") {
			t.Fatalf("dialogs %q, want one confirmation starting %q", got, "Block Northwind Deli?")
		}
		if got := b.Text(".flash"); !strings.Contains(got, "blocked") {
			t.Errorf("flash %q, want it to say the customer is blocked", got)
		}
		if got := b.Path(); got != path {
			t.Errorf("after blocking in place: path %q, want %q", got, path)
		}
		if !b.SamePage() {
			t.Errorf("blocking loaded a new page; want the in-place swap")
		}
		b.Screenshot("customer-blocked")

		if got := b.Text("#toggle-status"); got != "Activate" {
			t.Fatalf("status button %q after blocking, want Activate", got)
		}
		b.ClickInPlace("#toggle-status")
		b.WaitText("#status-badge", "ACTIVE")
		if got := b.Text(".flash"); !strings.Contains(got, "active again") {
			t.Errorf("flash %q, want it to say the customer is active again", got)
		}
		if got := b.Text("#toggle-status"); got != "Block" {
			t.Errorf("status button %q after activating, want Block", got)
		}
		if got := b.Dialogs(); len(got) != 1 {
			t.Errorf("activating asked for confirmation: dialogs %q", got)
		}
		if got := b.Path(); got != path {
			t.Errorf("after activating in place: path %q, want %q", got, path)
		}
		if !b.SamePage() {
			t.Errorf("activating loaded a new page; want the in-place swap")
		}

		// The list agrees.
		b.Visit("/dashboard/customers?status=BLOCKED")
		b.See("No customers match.")
		noConsoleErrors(t, b)
	})
}

// TestCustomerPriceOverride adds a custom price from the catalog price,
// changes it inline and removes it, all in place.
func TestCustomerPriceOverride(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)
		signUp(t, b)

		b.Visit("/dashboard/inventory/new")
		b.Fill("#name", "Paper Towels (12 rolls)")
		b.Fill("#sku", "PT-12")
		b.Fill("#price", "20.00")
		b.Fill("#stock", "40")
		b.Click(browsertest.Button("Add product"))
		b.See("Paper Towels (12 rolls)")

		importCustomers(t, b)
		path := openCustomer(t, b, "Northwind Deli")
		b.See("No custom prices")
		b.MarkPage()

		b.ClickInPlace(`//summary[normalize-space()="+ Add price"]`)
		b.WaitVisible("#new-price")
		if got := b.Value("#new-price"); got != "20.00" {
			t.Errorf("new price starts at %q, want the catalog price 20.00", got)
		}
		b.Select("#productId", "Paper Towels (12 rolls) (PT-12) — 20.00")
		b.Fill("#new-price", "17.00")
		b.ClickInPlace(browsertest.Button("Add price"))
		b.WaitText("#overrides", "-15.0%")
		row := overrideRow(t, b)
		for _, want := range []string{"Paper Towels (12 rolls)", "PT-12", "20.00", "-15.0%"} {
			if !strings.Contains(row, want) {
				t.Errorf("override row %q lacks %q", row, want)
			}
		}
		if got := b.Value("#overrides input[name=price]"); got != "17.00" {
			t.Errorf("custom price field %q, want 17.00", got)
		}
		if got := b.Texts("#overrides .diff-down"); !slices.Equal(got, []string{"-15.0%"}) {
			t.Errorf("discount (diff-down) cells %q, want just -15.0%%", got)
		}
		// The product has its price now, so the picker has nothing left
		// (the closed "+ Add price" holds no form).
		if got := b.Count("#add-price-form"); got != 0 {
			t.Errorf("the add-price form is still offered with every product priced")
		}
		b.Screenshot("customer-price-added")

		// Inline edit: type the new price and press Enter.
		b.Fill("#overrides input[name=price]", "23.00")
		b.SubmitInPlace("#overrides input[name=price]")
		b.WaitText("#overrides", "+15.0%")
		if got := b.Texts("#overrides .diff-up"); !slices.Equal(got, []string{"+15.0%"}) {
			t.Errorf("markup (diff-up) cells %q, want just +15.0%%", got)
		}
		if got := b.Count("#overrides .diff-down"); got != 0 {
			t.Errorf("%d diff-down cells after the markup, want 0", got)
		}
		if got := b.Value("#overrides input[name=price]"); got != "23.00" {
			t.Errorf("custom price field %q after the edit, want 23.00", got)
		}

		b.ClickInPlace(`//table[@id="overrides"]//button[normalize-space()="Remove"]`)
		b.WaitText("#overrides", "No custom prices")
		b.WaitGone("#overrides input[name=price]")
		if got := b.Path(); got != path {
			t.Errorf("after the in-place changes: path %q, want %q", got, path)
		}
		if !b.SamePage() {
			t.Errorf("a price change loaded a new page; want the in-place swaps")
		}

		// A fresh load agrees: no override, and the product can be picked
		// again.
		b.Visit(path)
		b.See("No custom prices")
		if got := b.Count("#productId option"); got != 1 {
			t.Errorf("picker lists %d products after the removal, want 1", got)
		}
		noConsoleErrors(t, b)
	})
}

// TestCustomerContactSetupLink adds a contact and creates its setup link,
// which is shown once.
func TestCustomerContactSetupLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)
		signUp(t, b)
		storefront := b.Text("main .page-head code") // "/store/{slug}"
		if !strings.HasPrefix(storefront, "/store/") {
			t.Fatalf("dashboard shows the storefront at %q, want /store/{slug}", storefront)
		}
		importCustomers(t, b)
		path := openCustomer(t, b, "Northwind Deli")
		b.MarkPage()

		b.ClickInPlace(`//summary[normalize-space()="Add contact"]`)
		b.WaitVisible("#contact-email")
		b.Fill("#contact-email", "lee@northwind.example")
		b.Fill("#contact-name", "Lee Park")
		b.Select("#contact-role", "VIEWER")
		b.ClickInPlace(browsertest.Button("Add contact"))
		b.WaitText("#contacts", "lee@northwind.example")
		contact := `//section[@id="contacts"]//li[.//strong[normalize-space()="lee@northwind.example"]]`
		got := b.Text(contact)
		for _, want := range []string{"VIEWER", "Lee Park", "password pending"} {
			if !strings.Contains(got, want) {
				t.Errorf("contact entry %q lacks %q", got, want)
			}
		}
		if got := b.Path(); got != path {
			t.Errorf("after adding the contact in place: path %q, want %q", got, path)
		}
		if !b.SamePage() {
			t.Errorf("adding the contact loaded a new page; want the in-place swap")
		}

		b.Click(contact + `//button[normalize-space()="Create setup link"]`)
		b.WaitVisible("#new-link")
		if got := b.Text("#new-link h2"); got != "Setup link for lee@northwind.example" {
			t.Errorf("link card title %q, want it to name the contact", got)
		}
		link := b.Value("#setup-link-url")
		prefix := "http://localhost:8080" + storefront + "/setup-password?token="
		if !strings.HasPrefix(link, prefix) || len(link) == len(prefix) {
			t.Fatalf("setup link %q, want %s followed by a token", link, prefix)
		}
		b.Screenshot("customer-setup-link")
		b.ClickInPlace(`//button[@data-copy="#setup-link-url"]`)
		b.WaitText(`//button[@data-copy="#setup-link-url"]`, "Copied")

		// Shown once: the customer's page no longer has it.
		b.Visit(path)
		if n := b.Count("#new-link"); n != 0 {
			t.Fatalf("the setup link is shown again on a fresh load")
		}
		b.NotSee(strings.TrimPrefix(link, "http://localhost:8080"))
		if got := b.Text(contact + `//form[contains(@action, "/setup-link")]/button`); !strings.Contains(got, "Create new setup link") {
			t.Errorf("contact button %q after a link was made, want Create new setup link", got)
		}
		b.Screenshot("customer-page")
		noConsoleErrors(t, b)
	})
}

// importCustomers imports crmExport through the dashboard and lands on the
// customers list.
func importCustomers(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "customers.csv")
	if err := os.WriteFile(file, []byte(crmExport), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Visit("/dashboard/customers/import")
	b.Do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	b.Click(browsertest.Button("Upload and preview"))
	b.Click("#apply-import")
	if got := b.Path(); got != "/dashboard/customers" {
		t.Fatalf("after applying the import: path %q, want /dashboard/customers\n%s", got, b.BodyText())
	}
	b.See("Import applied: 3 created")
}

// openCustomer clicks the customer named name in the list (opening the list
// first when the browser is elsewhere) and returns the customer page's path.
func openCustomer(t *testing.T, b *browsertest.Browser, name string) string {
	t.Helper()
	if b.Path() != "/dashboard/customers" {
		b.Visit("/dashboard/customers")
	}
	b.Click(`//table[@id="customers"]` + browsertest.Link(name))
	path := b.Path()
	if !customerPath.MatchString(path) {
		t.Fatalf("after clicking %s: path %q, want /dashboard/customers/{id}", name, path)
	}
	if got := b.Text("h1"); !strings.HasPrefix(got, name) {
		t.Fatalf("customer page heading %q, want %s", got, name)
	}
	return path
}

// overrideRow returns the text of the only row of the custom pricing table.
func overrideRow(t *testing.T, b *browsertest.Browser) string {
	t.Helper()
	rows := b.Texts("#overrides tbody tr")
	if len(rows) != 1 {
		t.Fatalf("custom pricing rows %q, want one", rows)
	}
	return rows[0]
}

func noConsoleErrors(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("browser console errors:\n%s", strings.Join(errs, "\n"))
	}
}
