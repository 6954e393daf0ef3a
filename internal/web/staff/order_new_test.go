package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestNewDashboardOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		f := newOrderFixture(t, e, "desk-co", "Desk Co")
		ctx := context.Background()
		scarce, err := f.srv.App.Catalog.Create(ctx, model.SystemActor(), f.company, catalog.ProductInput{Name: "Saffron", SKU: "SAF", Price: "30.00", Stock: "2", Unit: "each", Active: true}, catalog.ImageChange{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.srv.App.Customers.SetPrice(ctx, model.SystemActor(), f.company, f.customer.ID, f.product.ID, "15.00"); err != nil {
			t.Fatal(err)
		}
		page := f.owner.Get("/dashboard/orders/new")
		if page.Status != 200 || !strings.Contains(page.Body, "Saffron") || !strings.Contains(page.Body, "Paper Towels") {
			t.Fatalf("new order page: %d", page.Status)
		}
		form := url.Values{"customer": {f.customer.Email}, "op": {"add:" + f.product.ID}}
		r := f.owner.Post("/dashboard/orders/new", form)
		if !strings.Contains(apptest.Text(r.Body), "their prices and tax rate apply") || !strings.Contains(r.Body, `name="line.`+f.product.ID+`" value="1"`) {
			t.Fatalf("after add:\n%s", apptest.Text(r.Body))
		}
		// The stepper stops at the stock.
		form = url.Values{"customer": {f.customer.Email}, "line." + f.product.ID: {"3"}, "line." + scarce.ID: {"2"}, "op": {"inc:" + scarce.ID}}
		r = f.owner.Post("/dashboard/orders/new", form)
		if !strings.Contains(r.Body, `name="line.`+scarce.ID+`" value="2"`) {
			t.Fatalf("stepper went past the stock:\n%s", apptest.Text(r.Body))
		}
		// An unknown customer e-mail is a clear error that keeps the lines.
		bad := url.Values{"customer": {"nobody@example.com"}, "line." + f.product.ID: {"3"}, "op": {"customer"}}
		r = f.owner.Post("/dashboard/orders/new", bad)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "No customer has that e-mail.") || !strings.Contains(r.Body, `value="nobody@example.com"`) {
			t.Fatalf("unknown customer: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		form = url.Values{"customer": {f.customer.Email}, "line." + f.product.ID: {"3"}, "line." + scarce.ID: {"2"}, "op": {"place"}, "poNumber": {"DESK-1"}}
		r = f.owner.Post("/dashboard/orders/new", form)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/dashboard/orders/") {
			t.Fatalf("place: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		id := strings.TrimPrefix(r.Location, "/dashboard/orders/")
		o, _ := f.srv.App.Ordering.Get(ctx, f.company, id)
		// 3 × 15.00 (the customer's price) + 2 × 30.00 = 105.00, no tax, no shipping in this company.
		if o.PlacedBy.Type != "STAFF" || o.CustomerID != f.customer.ID || o.Subtotal != 10500 || o.PONumber != "DESK-1" || o.ShippingAddress.City != "Portland" {
			t.Fatalf("order %+v", o)
		}
		p, _ := f.srv.App.Catalog.Get(ctx, f.company, scarce.ID)
		if p.Stock != 0 {
			t.Fatalf("stock %d", p.Stock)
		}
		events, _ := f.srv.App.Store.OutboxEvents(ctx, f.company)
		for _, ev := range events {
			if ev.Event == "order.created" {
				t.Fatal("a dashboard order queued order.created")
			}
		}
		c, _ := f.srv.App.Store.Customer(ctx, f.company, f.customer.ID)
		if c.OrderCount != 1 {
			t.Fatal("the order did not join the customer's history")
		}
		// Without a customer: catalog prices, no address.
		r = f.owner.Post("/dashboard/orders/new", url.Values{"line." + f.product.ID: {"1"}, "op": {"place"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("walk-in order: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		walk, _ := f.srv.App.Ordering.Get(ctx, f.company, strings.TrimPrefix(r.Location, "/dashboard/orders/"))
		if walk.CustomerID != "" || walk.Subtotal != 2000 {
			t.Fatalf("walk-in %+v", walk)
		}
	})
}
