package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestAPIOrderHasTheStorefrontsSemantics: the customer's override price,
// its tax override, the flat shipping, frozen copies, order.created, and
// the audit entry naming the key.
func TestAPIOrderHasTheStorefrontsSemantics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		ctx := context.Background()
		r := env.owner.Post("/dashboard/settings/company", settings(env.company.Name, env.company.Slug, "8", "15", "30"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("settings: %d", r.Status)
		}
		env.listenAll(k)
		oil := env.product(k, "Olive oil", "OIL", 12.50, 100)
		salt := env.product(k, "Sea salt", "SALT", 4.00, 100)
		cid := env.customer(k, "chef@harbor.example", map[string]any{"name": "Harbor Grill", "taxRateOverride": 0.05})
		_, err := env.srv.App.Customers.SetPrice(ctx, model.SystemActor(), env.company.ID, cid, oil, "10.00")
		fatalIf(t, err)

		o := env.order(k, cid, oil, 3, salt, 2)
		// 3 × 10.00 + 2 × 4.00 = 38.00; tax 5 % = 1.90; shipping 15.
		for field, want := range map[string]float64{"subtotal": 38, "tax": 1.9, "shipping": 15, "total": 54.9} {
			if o[field] != want {
				t.Fatalf("%s = %v, want %v (%v)", field, o[field], want, o)
			}
		}
		if pb := o["placedBy"].(map[string]any); pb["type"] != "API" || !strings.Contains(pb["label"].(string), "all scopes") {
			t.Fatalf("placedBy %v", pb)
		}
		if o["customerEmail"] != "chef@harbor.example" {
			t.Fatalf("customerEmail %v", o["customerEmail"])
		}
		// Later changes leave the order as it was.
		env.call("PATCH", "/api/v1/products/"+oil, k, map[string]any{"name": "Renamed oil", "price": 99}).want(t, 200)
		env.call("PATCH", "/api/v1/customers/"+cid, k, map[string]any{"taxRateOverride": nil}).want(t, 200)
		got := env.call("GET", "/api/v1/orders/"+o["id"].(string), k, nil).want(t, 200).Data(t)
		item := got["items"].([]any)[0].(map[string]any)
		if item["productName"] != "Olive oil" || item["unitPrice"] != float64(10) || got["total"] != 54.9 {
			t.Fatalf("order changed after placement: %v", got)
		}
		if got["shippingAddress"].(map[string]any)["city"] != "Portland" {
			t.Fatalf("shippingAddress %v", got["shippingAddress"])
		}
		// order.created in the outbox; the stock was taken.
		events, err := env.srv.App.Store.OutboxEvents(ctx, env.company.ID)
		fatalIf(t, err)
		created := 0
		for _, ev := range events {
			if ev.Event == "order.created" && strings.Contains(ev.Payload, o["id"].(string)) {
				created++
			}
		}
		if created != 1 {
			t.Fatalf("order.created rows: %d", created)
		}
		if p := env.call("GET", "/api/v1/products/"+salt, k, nil).Data(t); p["stock"] != float64(98) {
			t.Fatalf("stock %v", p["stock"])
		}
		// Audited as the key's creator, with the key named.
		page, err := audit.Reader{Store: env.srv.App.Store}.List(ctx, env.company.ID, model.AuditFilter{Action: "OrderPlaced"})
		fatalIf(t, err)
		if len(page.Entries) != 1 {
			t.Fatalf("OrderPlaced entries: %d", len(page.Entries))
		}
		a := page.Entries[0]
		var details map[string]any
		fatalIf(t, json.Unmarshal(a.Details, &details))
		key, _ := details["apiKey"].(map[string]any)
		if a.Actor.Type != model.ActorUser || !strings.Contains(a.Actor.Label, "Olivia Owner") || !strings.Contains(a.Actor.Label, "all scopes") ||
			key["name"] != "all scopes" {
			t.Fatalf("audit entry %+v details %s", a.Actor, a.Details)
		}
	})
}

func settings(name, slug, tax, fee, days string) map[string][]string {
	return map[string][]string{"name": {name}, "slug": {slug}, "taxRate": {tax}, "shippingFee": {fee}, "returnWindowDays": {days}}
}

// TestAPIOrdersRaceForTheLastUnits: 30 concurrent API orders for the last
// 10 units: exactly 10 succeed, the rest get 422, stock ends at 0.
func TestAPIOrdersRaceForTheLastUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		pid := env.product(k, "Saffron", "SAF", 30, 10)
		var customers []string
		for i := range 5 {
			customers = append(customers, env.customer(k, fmt.Sprintf("buyer%d@race.example", i), nil))
		}
		statuses := make([]int, 30)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = env.send("POST", "/api/v1/orders", k, map[string]any{"customerId": customers[i%5],
					"items": []any{map[string]any{"productId": pid, "quantity": 1}}})
			}()
		}
		wg.Wait()
		ok, refused := 0, 0
		for _, s := range statuses {
			switch s {
			case 201:
				ok++
			case 422:
				refused++
			default:
				t.Fatalf("statuses %v", statuses)
			}
		}
		if ok != 10 || refused != 20 {
			t.Fatalf("%d placed, %d refused; want 10 and 20", ok, refused)
		}
		if p := env.call("GET", "/api/v1/products/"+pid, k, nil).Data(t); p["stock"] != float64(0) {
			t.Fatalf("stock %v", p["stock"])
		}
	})
}

func TestAPICustomers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		env.listenAll(k)
		r := env.call("POST", "/api/v1/customers", k, map[string]any{"email": " Chef@Harbor.Example ", "name": "Harbor Grill",
			"notes": "Back door", "creditLimit": 5000, "taxRateOverride": 0.0825}).want(t, 201)
		c := r.Data(t)
		if c["email"] != "chef@harbor.example" || c["status"] != "ACTIVE" || c["creditLimit"] != float64(5000) ||
			c["taxRateOverride"] != 0.0825 || c["emailVerified"] != false {
			t.Fatalf("created %v", c)
		}
		id := c["id"].(string)
		// null clears; absent fields stay.
		c = env.call("PATCH", "/api/v1/customers/"+id, k, map[string]any{"notes": nil, "creditLimit": nil, "name": "Harbor Grill & Bar"}).want(t, 200).Data(t)
		if c["notes"] != nil || c["creditLimit"] != nil || c["name"] != "Harbor Grill & Bar" || c["taxRateOverride"] != 0.0825 {
			t.Fatalf("patched %v", c)
		}
		env.call("PATCH", "/api/v1/customers/"+id, k, map[string]any{"creditLimit": 10.001}).want(t, 400)
		env.call("POST", "/api/v1/customers", k, map[string]any{"email": "other@x.example"}).want(t, 201)
		env.call("PATCH", "/api/v1/customers/"+id, k, map[string]any{"email": "other@x.example"}).want(t, 409)
		// Blocking through the API behaves as on the dashboard.
		c = env.call("PATCH", "/api/v1/customers/"+id, k, map[string]any{"status": "BLOCKED"}).want(t, 200).Data(t)
		if c["status"] != "BLOCKED" {
			t.Fatalf("status %v", c["status"])
		}
		page, err := audit.Reader{Store: env.srv.App.Store}.List(context.Background(), env.company.ID, model.AuditFilter{Action: "CustomerStatusChanged"})
		fatalIf(t, err)
		if len(page.Entries) != 1 || !strings.Contains(string(page.Entries[0].Details), `"to":"BLOCKED"`) {
			t.Fatalf("CustomerStatusChanged entries: %+v", page.Entries)
		}
		list := env.call("GET", "/api/v1/customers?status=BLOCKED", k, nil).want(t, 200).List(t)
		if len(list) != 1 || list[0]["id"] != id {
			t.Fatalf("blocked list %v", list)
		}
		if got := env.call("GET", "/api/v1/customers?search=GRILL", k, nil).want(t, 200).List(t); len(got) != 1 {
			t.Fatalf("search %v", got)
		}
		events, err := env.srv.App.Store.OutboxEvents(context.Background(), env.company.ID)
		fatalIf(t, err)
		kinds := map[string]int{}
		for _, ev := range events {
			kinds[ev.Event]++
		}
		if kinds["customer.created"] != 2 || kinds["customer.updated"] != 2 {
			t.Fatalf("outbox %v", kinds)
		}
	})
}

func TestAPICustomersImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		good := "Email,Name,Status\nann@shop.example,Ann's Deli,ACTIVE\nbob@shop.example,Bob's Bar,\n"
		r := env.call("POST", "/api/v1/customers/import?dryRun=true", k, good, "Content-Type", "text/csv").want(t, 200)
		if m := r.JSON(t); m["created"] != float64(2) || m["applied"] != false {
			t.Fatalf("dry run %s", r.Body)
		}
		if n := env.count("customers"); n != 0 {
			t.Fatalf("dry run wrote %d customers", n)
		}
		bad := "email,name\ncat@shop.example,Cat\nnot-an-email,Dog\n"
		r = env.call("POST", "/api/v1/customers/import", k, bad, "Content-Type", "text/csv").want(t, 422)
		m := r.JSON(t)
		errs := m["errors"].([]any)
		if m["applied"] != false || len(errs) != 1 || errs[0].(map[string]any)["row"] != float64(3) || errs[0].(map[string]any)["column"] != "email" {
			t.Fatalf("bad file %s", r.Body)
		}
		if n := env.count("customers"); n != 0 {
			t.Fatalf("a failed import wrote %d customers", n)
		}
		r = env.call("POST", "/api/v1/customers/import", k, good, "Content-Type", "text/csv").want(t, 200)
		if m := r.JSON(t); m["created"] != float64(2) || m["applied"] != true {
			t.Fatalf("import %s", r.Body)
		}
		r = env.call("POST", "/api/v1/customers/import", k, good, "Content-Type", "text/csv").want(t, 200)
		if m := r.JSON(t); m["unchanged"] != float64(2) || m["created"] != float64(0) {
			t.Fatalf("second import %s", r.Body)
		}
		env.call("POST", "/api/v1/customers/import", k, map[string]any{"email": "x"}).want(t, 400)
	})
}

func TestAPIReports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		oil := env.product(k, "Olive oil", "OIL", 10, 20)
		env.product(k, "Salt", "SALT", 2.5, 4)
		a := env.customer(k, "a@shop.example", nil)
		b := env.customer(k, "b@shop.example", nil)
		env.order(k, a, oil, 2)
		env.order(k, a, oil, 1)
		cancel := env.order(k, b, oil, 5)["id"].(string)
		env.call("PATCH", "/api/v1/orders/"+cancel, k, map[string]any{"status": "CANCELLED"}).want(t, 200)

		s := env.call("GET", "/api/v1/reports/sales?preset=all", k, nil).want(t, 200).Data(t)
		if s["orders"] != float64(2) || s["revenue"] != float64(30) || s["averageOrder"] != float64(15) {
			t.Fatalf("sales %v", s)
		}
		if len(s["byStatus"].([]any)) != 2 || len(s["byDay"].([]any)) != 1 {
			t.Fatalf("groups %v", s)
		}
		today := env.call("GET", "/api/v1/reports/sales?preset=today", k, nil).want(t, 200).Data(t)
		if today["orders"] != float64(2) {
			t.Fatalf("today %v", today)
		}
		past := env.call("GET", "/api/v1/reports/sales?from=2020-01-01&to=2020-12-31", k, nil).want(t, 200).Data(t)
		if past["orders"] != float64(0) || past["averageOrder"] != nil {
			t.Fatalf("2020 %v", past)
		}
		env.call("GET", "/api/v1/reports/sales?from=2021-01-01&to=2020-01-01", k, nil).want(t, 400)

		rows := env.call("GET", "/api/v1/reports/customers", k, nil).want(t, 200).List(t)
		byID := map[string]map[string]any{}
		for _, r := range rows {
			byID[r["customerId"].(string)] = r
		}
		if byID[a]["orders"] != float64(2) || byID[a]["revenue"] != float64(30) || byID[a]["lastOrderAt"] == nil ||
			byID[b]["orders"] != float64(0) || byID[b]["revenue"] != float64(0) {
			t.Fatalf("customer report %v", rows)
		}
		inv := env.call("GET", "/api/v1/reports/inventory", k, nil).want(t, 200).JSON(t)
		// Olive oil: 20 − 8 taken (cancelling does not restock) = 12 × 10; salt 4 × 2.5.
		totals := inv["totals"].(map[string]any)
		if totals["value"] != float64(130) || totals["units"] != float64(16) || totals["products"] != float64(2) {
			t.Fatalf("inventory totals %v", totals)
		}
	})
}
