package staff_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/webhook"
)

// orderFixture is a company with a customer (with an address) and a
// product, and a way to place orders through the real placement.
type orderFixture struct {
	srv      *apptest.Server
	owner    *apptest.Client
	company  string
	customer model.Customer
	product  model.Product
}

func newOrderFixture(t *testing.T, e store.Engine, slug, name string) orderFixture {
	t.Helper()
	ctx := context.Background()
	srv := apptest.Start(t, e)
	owner := srv.Signup(t, name, "Owner", "owner@"+slug+".example", "password123")
	co := companyID(t, srv, slug)
	// A webhook listening to everything, so the outbox keeps every event.
	if _, _, err := srv.App.Webhooks.Create(ctx, model.SystemActor(), co, webhook.Input{URL: "https://hooks.example/all", Events: model.WebhookEvents()}); err != nil {
		t.Fatal(err)
	}
	p, err := srv.App.Catalog.Create(ctx, model.SystemActor(), co, catalog.ProductInput{Name: "Paper Towels", SKU: "PT-1", Price: "20.00", Stock: "500", Unit: "case", Active: true}, catalog.ImageChange{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.App.Customers.Register(ctx, co, customer.RegisterInput{Name: "Harbor Grill", Email: "grill@" + slug + ".example", Password: "password123"}); err != nil {
		t.Fatal(err)
	}
	c, _ := srv.App.Store.CustomerByEmail(ctx, co, "grill@"+slug+".example")
	sh := &model.Shopper{Company: model.Company{ID: co}, Customer: c, Role: model.ShopperPrimary}
	if _, err := srv.App.Customers.AddAddress(ctx, sh, customer.AddressInput{Line1: "1 Harbor St", City: "Portland", Region: "OR", Country: "US"}); err != nil {
		t.Fatal(err)
	}
	return orderFixture{srv: srv, owner: owner, company: co, customer: c, product: p}
}

func (f orderFixture) place(t *testing.T, qty int, po string) model.Order {
	t.Helper()
	o, err := f.srv.App.Ordering.Place(context.Background(), ordering.PlaceInput{CompanyID: f.company, CustomerID: f.customer.ID,
		Lines: []ordering.LineInput{{ProductID: f.product.ID, Quantity: qty}}, PONumber: po, Webhook: true,
		PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: f.customer.ID, Label: f.customer.Email},
		Actor:    model.Actor{Type: model.ActorCustomer, ID: f.customer.ID, Label: f.customer.Email}})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestStatusWorkflow tries every pair of statuses through the dashboard's
// form post: the table of 05-orders.md allows exactly its moves.
func TestStatusWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		f := newOrderFixture(t, e, "flow-co", "Flow Co")
		allowed := map[[2]model.OrderStatus]bool{
			{model.OrderSubmitted, model.OrderConfirmed}: true, {model.OrderSubmitted, model.OrderCancelled}: true,
			{model.OrderConfirmed, model.OrderShipped}: true, {model.OrderConfirmed, model.OrderCancelled}: true,
			{model.OrderShipped, model.OrderDelivered}: true,
		}
		// The way to reach each status from SUBMITTED.
		path := map[model.OrderStatus][]model.OrderStatus{
			model.OrderSubmitted: nil, model.OrderConfirmed: {model.OrderConfirmed},
			model.OrderShipped:   {model.OrderConfirmed, model.OrderShipped},
			model.OrderDelivered: {model.OrderConfirmed, model.OrderShipped, model.OrderDelivered},
			model.OrderCancelled: {model.OrderCancelled},
		}
		for _, from := range model.OrderStatuses() {
			for _, to := range model.OrderStatuses() {
				o := f.place(t, 1, "")
				for _, step := range path[from] {
					if r := f.owner.Post("/dashboard/orders/"+o.ID+"/status", url.Values{"status": {string(step)}}); r.Status != http.StatusSeeOther {
						t.Fatalf("reach %s: %d", from, r.Status)
					}
				}
				r := f.owner.Post("/dashboard/orders/"+o.ID+"/status", url.Values{"status": {string(to)}})
				got, _ := f.srv.App.Ordering.Get(context.Background(), f.company, o.ID)
				if allowed[[2]model.OrderStatus{from, to}] {
					if r.Status != http.StatusSeeOther || got.Status != to {
						t.Errorf("%s → %s refused: %d", from, to, r.Status)
					}
					continue
				}
				want := "Cannot change order status from " + string(from) + " to " + string(to) + "."
				if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, want) || got.Status != from {
					t.Errorf("%s → %s: %d, status now %s; want 422 with %q", from, to, r.Status, got.Status, want)
				}
			}
		}
		// A made-up status is refused the same way.
		o := f.place(t, 1, "")
		if r := f.owner.Post("/dashboard/orders/"+o.ID+"/status", url.Values{"status": {"LOST"}}); r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("made-up status: %d", r.Status)
		}
		// Each change is audited and queued for webhooks.
		events, _ := f.srv.App.Store.OutboxEvents(context.Background(), f.company)
		kinds := map[string]int{}
		for _, ev := range events {
			kinds[ev.Event]++
		}
		if kinds["order.status_changed"] == 0 || kinds["order.shipped"] == 0 || kinds["order.cancelled"] == 0 {
			t.Fatalf("outbox %v", kinds)
		}
		if !strings.Contains(apptest.Text(f.owner.Get("/dashboard/settings/audit?action=OrderStatusChanged").Body), "OrderStatusChanged") {
			t.Fatal("OrderStatusChanged not audited")
		}
	})
}

func TestOrderPagesListExportInvoice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		f := newOrderFixture(t, e, "list-co", "List Co")
		ctx := context.Background()
		a := f.place(t, 2, "PO-ALPHA")
		b := f.place(t, 30, "PO-BETA")
		f.owner.Post("/dashboard/orders/"+b.ID+"/status", url.Values{"status": {"CANCELLED"}})
		list := func(q string) string { return apptest.Text(f.owner.Get("/dashboard/orders" + q).Body) }
		if s := list(""); !strings.Contains(s, "2 orders") || !strings.Contains(s, "#1001") || !strings.Contains(s, "#1002") {
			t.Fatalf("list: %s", s)
		}
		if s := list("?q=po-alpha"); !strings.Contains(s, "#1001") || strings.Contains(s, "#1002") {
			t.Fatalf("search by PO: %s", s)
		}
		if s := list("?q=%231002"); !strings.Contains(s, "#1002") || strings.Contains(s, "#1001") {
			t.Fatalf("search by number: %s", s)
		}
		// E-mail and name, any part, any case; through the trigram index
		// (3 characters or more) and the scan (fewer), with the total shown.
		for _, q := range []string{"GRILL@list", "harbor g", "Gri", "rb"} {
			if s := list("?q=" + url.QueryEscape(q)); !strings.Contains(s, "2 orders") || !strings.Contains(s, "#1001") || !strings.Contains(s, "#1002") {
				t.Fatalf("search %q: %s", q, s)
			}
		}
		if s := list("?q=grill%40other"); !strings.Contains(s, "0 orders") {
			t.Fatalf("search matching nothing: %s", s)
		}
		if s := list("?status=CANCELLED"); !strings.Contains(s, "1 order") || !strings.Contains(s, "#1002") {
			t.Fatalf("status filter: %s", s)
		}
		if s := list("?min=100"); !strings.Contains(s, "#1002") || strings.Contains(s, "#1001") {
			t.Fatalf("min total: %s", s)
		}
		if s := list("?sort=total_asc"); strings.Index(s, "#1001") > strings.Index(s, "#1002") {
			t.Fatalf("sort by total: %s", s)
		}
		if s := list("?min=abc"); !strings.Contains(s, "The min total must be an amount") {
			t.Fatalf("bad min: %s", s)
		}
		page := apptest.Text(f.owner.Get("/dashboard/orders/" + a.ID).Body)
		for _, want := range []string{"Order #1001", "SUBMITTED", "Confirm", "Cancel order", "PO PO-ALPHA", "Paper Towels", "1 Harbor St"} {
			if !strings.Contains(page, want) {
				t.Errorf("order page lacks %q", want)
			}
		}
		inv := f.owner.Get("/dashboard/orders/" + a.ID + "/invoice")
		if inv.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(inv.Body, "%PDF") ||
			inv.Header.Get("Content-Disposition") != `attachment; filename="invoice-1001.pdf"` {
			t.Fatalf("invoice %v", inv.Header)
		}
		// Frozen copies: renaming the product and changing prices and tax
		// changes nothing on the order or its export.
		_, _ = f.srv.App.Catalog.Update(ctx, model.SystemActor(), f.company, f.product.ID, catalog.ProductInput{Name: "Renamed Towels", SKU: "PT-9", Price: "99.00", Unit: "case", Active: true}, catalog.ImageChange{})
		sum := f.owner.Get("/dashboard/orders/export?mode=summary")
		rows, err := csv.NewReader(strings.NewReader(sum.Body)).ReadAll()
		if err != nil || len(rows) != 3 || strings.Join(rows[0], ",") != "orderNumber,createdAt,status,subtotal,tax,shipping,total,itemCount,customerEmail,customerName,poNumber,notes,shippingCity,shippingRegion,shippingCountry" {
			t.Fatalf("summary export: %v %q", err, sum.Body)
		}
		if rows[1][0] != "1001" || rows[1][3] != "40.00" || rows[1][10] != "PO-ALPHA" || rows[2][2] != "CANCELLED" || rows[1][12] != "Portland" {
			t.Fatalf("summary rows %v", rows)
		}
		lines := f.owner.Get("/dashboard/orders/export?mode=lines")
		lrows, _ := csv.NewReader(strings.NewReader(lines.Body)).ReadAll()
		if len(lrows) != 3 || strings.Join(lrows[0], ",") != "orderNumber,createdAt,status,customerEmail,productSku,productName,quantity,unitPrice,lineTotal" ||
			lrows[1][4] != "PT-1" || lrows[1][5] != "Paper Towels" || lrows[1][7] != "20.00" {
			t.Fatalf("lines export %v", lrows)
		}
		if r := f.owner.Get("/dashboard/orders/export?mode=rows"); r.Status != http.StatusBadRequest {
			t.Fatalf("bad mode: %d", r.Status)
		}
		// Cancelled orders leave the customer's totals.
		c, _ := f.srv.App.Store.Customer(ctx, f.company, f.customer.ID)
		if c.OrderCount != 1 || c.TotalSpent != a.Total {
			t.Fatalf("stats after cancel: %d %d", c.OrderCount, c.TotalSpent)
		}
	})
}

func TestOrderTenancy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		f := newOrderFixture(t, e, "mine-co", "Mine Co")
		o := f.place(t, 1, "SECRET-PO")
		other := f.srv.Signup(t, "Theirs Co", "T", "t@theirs.example", "password123")
		for _, req := range []struct{ method, path string }{
			{"GET", "/dashboard/orders/" + o.ID}, {"GET", "/dashboard/orders/" + o.ID + "/invoice"}, {"POST", "/dashboard/orders/" + o.ID + "/status"},
		} {
			if r := other.Do(req.method, req.path, url.Values{"status": {"CANCELLED"}}); r.Status != http.StatusNotFound {
				t.Errorf("%s %s by another company: %d", req.method, req.path, r.Status)
			}
		}
		if s := apptest.Text(other.Get("/dashboard/orders?q=secret").Body) + other.Get("/dashboard/orders/export").Body; strings.Contains(s, "SECRET-PO") {
			t.Error("another company sees the order")
		}
		got, _ := f.srv.App.Ordering.Get(context.Background(), f.company, o.ID)
		if got.Status != model.OrderSubmitted {
			t.Fatalf("status changed by another company: %s", got.Status)
		}
	})
}
