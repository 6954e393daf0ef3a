package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

var customerLink = regexp.MustCompile(`href="/dashboard/customers/([0-9a-z]{26})"`)

// importCustomers uploads a customers CSV through the dashboard and applies it.
func importCustomers(t *testing.T, c *apptest.Client, name string, content []byte) {
	t.Helper()
	r := uploadCSV(t, c, "/dashboard/customers/import", name, content)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("upload %s: %d\n%s", name, r.Status, apptest.Text(r.Body))
	}
	if a := c.Post(r.Location+"/apply", url.Values{}); a.Status != http.StatusSeeOther || a.Location != "/dashboard/customers" {
		t.Fatalf("apply %s: %d %s\n%s", name, a.Status, a.Location, apptest.Text(c.Get(a.Location).Body))
	}
}

func customerID(t *testing.T, srv *apptest.Server, slug, email string) string {
	t.Helper()
	c, err := srv.App.Store.CustomerByEmail(context.Background(), companyID(t, srv, slug), email)
	if err != nil {
		t.Fatalf("customer %s: %v", email, err)
	}
	return c.ID
}

// TestSeedDocument walks the Customers section of the user docs line by
// line against the running product.
func TestSeedDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		owner := srv.Signup(t, "Seed Co", "Sam", "sam@seed.example", "password123")
		crm, _ := os.ReadFile("../../csvio/testdata/customers-crm-export.csv")
		importCustomers(t, owner, "crm.csv", crm)

		// "You'll find the list at /dashboard/customers. Click any row to open
		// the full customer profile."
		list := owner.Get("/dashboard/customers")
		if list.Status != 200 {
			t.Fatalf("list %d", list.Status)
		}
		ids := customerLink.FindAllStringSubmatch(list.Body, -1)
		if len(ids) != 3 {
			t.Fatalf("list links %d rows to profiles, want 3", len(ids))
		}
		// "No 'Add customer' button … the list page only offers Import CSV and
		// Export CSV."
		text := apptest.Text(list.Body)
		if strings.Contains(strings.ToLower(text), "add customer") || !strings.Contains(text, "Import CSV") || !strings.Contains(text, "Export CSV") {
			t.Fatalf("list actions: %s", text)
		}
		if r := owner.Get("/dashboard/customers/new"); r.Status != http.StatusNotFound {
			t.Fatalf("/dashboard/customers/new answered %d; there is no manual creation", r.Status)
		}

		id := customerID(t, srv, "seed-co", "buyer@acmerestaurants.com")
		page := owner.Get("/dashboard/customers/" + id)
		text = apptest.Text(page.Body)
		// Header with name, email, status badge, join date, and a toggle.
		for _, want := range []string{"Acme Restaurant Group", "buyer@acmerestaurants.com", "ACTIVE", "joined " + time.Now().UTC().Format("Jan 2, 2006"), "Block",
			// Stats — total orders, total spent, average order, credit limit.
			"Total orders 0", "Total spent 0.00", "Average order —", "Credit limit 5000.00",
			// Edit form — notes and credit limit; custom pricing; contacts;
			// shipping addresses; order history.
			"Internal notes", "Weekly delivery, dock B", "Custom pricing", "+ Add price", "Contacts", "Add contact",
			"Shipping addresses", "Order history", "No orders yet."} {
			if !strings.Contains(text, want) {
				t.Errorf("profile lacks %q", want)
			}
		}
		// "Everything here is edit-in-place. Changes write a CustomerUpdated,
		// CustomerStatusChanged, PriceOverrideSet, or similar entry."
		if r := owner.Post("/dashboard/customers/"+id, url.Values{"name": {"Acme Restaurant Group"}, "notes": {"Dock C now"}, "creditLimit": {"7500"}, "taxRateOverride": {""}}); r.Status != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", r.Status, apptest.Text(r.Body))
		}
		if r := owner.Post("/dashboard/customers/"+id+"/status", url.Values{"status": {"BLOCKED"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("block: %d", r.Status)
		}
		pr := postMultipart(t, owner, "/dashboard/inventory", productFields("Paper Towels", "PT-1", "20.00", "50"), nil, "")
		productID := strings.TrimSuffix(strings.TrimPrefix(pr.Location, "/dashboard/inventory/"), "/edit")
		if r := owner.Post("/dashboard/customers/"+id+"/prices", url.Values{"productId": {productID}, "price": {"17.00"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("price: %d %s", r.Status, apptest.Text(r.Body))
		}
		text = apptest.Text(owner.Get("/dashboard/customers/" + id).Body)
		for _, want := range []string{"BLOCKED", "Activate", "Credit limit 7500.00", "Dock C now", "Paper Towels", "20.00", "-15.0%"} {
			if !strings.Contains(text, want) {
				t.Errorf("after edits the profile lacks %q", want)
			}
		}
		audit := apptest.Text(owner.Get("/dashboard/settings/audit?entity=customer").Body)
		for _, want := range []string{"CustomerUpdated", "CustomerStatusChanged", "PriceOverrideSet", "CustomerCreated"} {
			if !strings.Contains(audit, want) {
				t.Errorf("audit log lacks %s", want)
			}
		}
	})
}

func TestCustomerFormsKeepTypedValuesOnError(t *testing.T) {
	srv := apptest.Start(t, store.SQLite)
	owner := srv.Signup(t, "Form Co", "F", "f@form.example", "password123")
	importCustomers(t, owner, "c.csv", []byte("email,name\nform@example.com,Form Shop\n"))
	id := customerID(t, srv, "form-co", "form@example.com")
	r := owner.Post("/dashboard/customers/"+id, url.Values{"name": {"Typed Name"}, "notes": {"typed notes"}, "creditLimit": {"1,000"}, "taxRateOverride": {"8"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Credit limit must be an amount like 5000 or 2500.50.") ||
		!strings.Contains(r.Body, `value="Typed Name"`) || !strings.Contains(r.Body, "typed notes") || !strings.Contains(r.Body, `value="1,000"`) {
		t.Fatalf("bad credit limit: %d\n%s", r.Status, apptest.Text(r.Body))
	}
	if c, _ := srv.App.Store.CustomerByEmail(context.Background(), companyID(t, srv, "form-co"), "form@example.com"); c.Name != "Form Shop" {
		t.Fatal("bad input changed the customer")
	}
	r = owner.Post("/dashboard/customers/"+id+"/contacts", url.Values{"email": {"form@example.com"}, "name": {"Dup"}, "role": {"BUYER"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(apptest.Text(r.Body), "already signs in at your store") || !strings.Contains(r.Body, `value="Dup"`) {
		t.Fatalf("duplicate contact: %d\n%s", r.Status, apptest.Text(r.Body))
	}
	r = owner.Post("/dashboard/customers/"+id+"/prices", url.Values{"productId": {""}, "price": {"-3"}})
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad price: %d", r.Status)
	}
}

func TestCustomerTenancy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		a := srv.Signup(t, "Alpha Cust", "A", "a@alpha-cust.example", "password123")
		b := srv.Signup(t, "Beta Cust", "B", "b@beta-cust.example", "password123")
		importCustomers(t, a, "a.csv", []byte("email,name\nsecret@alpha.example,Alpha Secret\n"))
		id := customerID(t, srv, "alpha-cust", "secret@alpha.example")
		ctx := context.Background()
		alpha := companyID(t, srv, "alpha-cust")
		contact, err := srv.App.Customers.AddContact(ctx, model.SystemActor(), alpha, id, customerContact("helper@alpha.example"))
		if err != nil {
			t.Fatal(err)
		}
		pr := postMultipart(t, a, "/dashboard/inventory", productFields("Alpha Towels", "AT-1", "10", "10"), nil, "")
		productID := strings.TrimSuffix(strings.TrimPrefix(pr.Location, "/dashboard/inventory/"), "/edit")
		if r := a.Post("/dashboard/customers/"+id+"/prices", url.Values{"productId": {productID}, "price": {"9"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("price %d", r.Status)
		}
		up := uploadCSV(t, a, "/dashboard/customers/import", "a2.csv", []byte("email\nnew@alpha.example\n"))
		for _, req := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/dashboard/customers/" + id, nil},
			{"POST", "/dashboard/customers/" + id, url.Values{"name": {"hijack"}}},
			{"POST", "/dashboard/customers/" + id + "/status", url.Values{"status": {"BLOCKED"}}},
			{"POST", "/dashboard/customers/" + id + "/prices", url.Values{"productId": {productID}, "price": {"1"}}},
			{"POST", "/dashboard/customers/" + id + "/prices/" + productID + "/delete", url.Values{}},
			{"POST", "/dashboard/customers/" + id + "/contacts", url.Values{"email": {"x@beta.example"}, "role": {"BUYER"}}},
			{"POST", "/dashboard/customers/" + id + "/contacts/" + contact.ID, url.Values{"role": {"ADMIN"}, "active": {"false"}}},
			{"POST", "/dashboard/customers/" + id + "/contacts/" + contact.ID + "/delete", url.Values{}},
			{"POST", "/dashboard/customers/" + id + "/setup-link", url.Values{"contactId": {""}}},
			{"GET", up.Location, nil},
			{"POST", up.Location + "/apply", url.Values{}},
			{"POST", up.Location + "/mapping", url.Values{"col-0": {"email"}}},
		} {
			if r := b.Do(req.method, req.path, req.form); r.Status != http.StatusNotFound {
				t.Errorf("%s %s by another company: %d, want 404", req.method, req.path, r.Status)
			}
		}
		// B's own lists and exports never show A's customers.
		if s := apptest.Text(b.Get("/dashboard/customers?q=secret").Body); strings.Contains(s, "Alpha Secret") {
			t.Error("B's list shows A's customer")
		}
		if exp := b.Get("/dashboard/customers/export"); strings.Contains(exp.Body, "alpha") {
			t.Error("B's export has A's customers")
		}
		c, _ := srv.App.Store.Customer(ctx, alpha, id)
		overrides, _ := srv.App.Store.PriceOverrides(ctx, alpha, id)
		contacts, _ := srv.App.Store.Contacts(ctx, alpha, id)
		pending, _ := srv.App.Store.PendingSetupLinks(ctx, alpha, id, srv.App.Store.Now())
		if c.Name != "Alpha Secret" || c.Status != model.CustomerActive || len(overrides) != 1 || overrides[0].Price != 900 ||
			len(contacts) != 1 || contacts[0].Role != model.ContactBuyer || !contacts[0].Active || len(pending) != 0 {
			t.Fatalf("A's data changed: %+v %+v %+v %v", c, overrides, contacts, pending)
		}
		if n, _ := srv.App.Store.CountCustomers(ctx, alpha); n != 1 {
			t.Fatalf("A has %d customers; B's apply of A's upload must do nothing", n)
		}
	})
}

func TestCustomerExport(t *testing.T) {
	srv := apptest.Start(t, store.SQLite)
	owner := srv.Signup(t, "Export Co", "E", "e@export.example", "password123")
	importCustomers(t, owner, "c.csv", []byte("email,name,status,notes,creditLimit\na@x.example,=cmd(),ACTIVE,\"+1, -2\",10\nb@x.example,Bee,BLOCKED,@home,\nc@y.example,See,ACTIVE,,\n"))
	r := owner.Get("/dashboard/customers/export?q=x.example&status=ACTIVE")
	if r.Status != 200 || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		r.Header.Get("Content-Disposition") != `attachment; filename="customers-`+time.Now().UTC().Format("2006-01-02")+`.csv"` {
		t.Fatalf("export headers: %d %v", r.Status, r.Header)
	}
	want := "email,name,status,notes,creditLimit\na@x.example,'=cmd(),ACTIVE,\"'+1, -2\",10.00\n"
	if r.Body != want {
		t.Fatalf("export:\n%q\nwant\n%q", r.Body, want)
	}
	all := owner.Get("/dashboard/customers/export")
	// Newest first, and the round trip is exact: re-importing changes nothing.
	up := uploadCSV(t, owner, "/dashboard/customers/import", "round.csv", []byte(all.Body))
	if text := apptest.Text(owner.Get(up.Location).Body); !strings.Contains(text, "Unchanged 3") || !strings.Contains(text, "To update 0") || !strings.Contains(text, "To create 0") {
		t.Fatalf("round trip preview:\n%s", text)
	}
	if !strings.Contains(apptest.Text(owner.Get("/dashboard/settings/audit").Body), "CustomersExported") {
		t.Fatal("CustomersExported not audited")
	}
}
