package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestBadRequestsAnswerTheSpecsErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		pid := env.product(k, "Olive oil", "OIL", 12.5, 3)
		cid := env.customer(k, "buyer@harbor.example", nil)
		products, customers := env.count("products"), env.count("customers")
		for _, tc := range []struct {
			name, method, path string
			body               any
			status             int
			msg                string
			field              string
		}{
			{"malformed JSON", "POST", "/api/v1/products", `{"name": "Tea",`, 400, "Invalid JSON body.", ""},
			{"not an object", "POST", "/api/v1/products", `[1,2]`, 400, "Invalid JSON body.", ""},
			{"trailing data", "POST", "/api/v1/products", `{"name":"Tea","price":1} {}`, 400, "Invalid JSON body.", ""},
			{"unknown field", "POST", "/api/v1/products", map[string]any{"name": "Tea", "price": 1, "prise": 2}, 400, "Validation failed.", "prise"},
			{"unknown nested field", "POST", "/api/v1/orders", map[string]any{"customerId": cid, "items": []any{map[string]any{"productId": pid, "qty": 1}}}, 400, "Validation failed.", "qty"},
			{"wrong type", "POST", "/api/v1/products", map[string]any{"name": "Tea", "price": "cheap"}, 400, "Validation failed.", "price"},
			{"missing required", "POST", "/api/v1/products", map[string]any{"sku": "X"}, 400, "Validation failed.", "name"},
			{"three decimals", "POST", "/api/v1/products", map[string]any{"name": "Tea", "price": 1.005}, 400, "Validation failed.", "price"},
			{"negative stock", "POST", "/api/v1/products", map[string]any{"name": "Tea", "price": 1, "stock": -1}, 400, "Validation failed.", "stock"},
			{"duplicate SKU", "POST", "/api/v1/products", map[string]any{"name": "Tea", "sku": "OIL", "price": 1}, 409, "Another product already uses this SKU.", "sku"},
			{"duplicate e-mail", "POST", "/api/v1/customers", map[string]any{"email": "  BUYER@harbor.example "}, 409, "A customer or contact with this email already exists.", "email"},
			{"bad e-mail", "POST", "/api/v1/customers", map[string]any{"email": "bob@example"}, 400, "Validation failed.", "email"},
			{"tax over 0.3", "POST", "/api/v1/customers", map[string]any{"email": "t@x.example", "taxRateOverride": 0.31}, 400, "Validation failed.", "taxRateOverride"},
			{"too much stock", "POST", "/api/v1/orders", map[string]any{"customerId": cid, "items": []any{map[string]any{"productId": pid, "quantity": 4}}}, 422, "Not enough stock for Olive oil. Only 3 available.", ""},
			{"zero quantity", "POST", "/api/v1/orders", map[string]any{"customerId": cid, "items": []any{map[string]any{"productId": pid, "quantity": 0}}}, 400, "Validation failed.", "items[0].quantity"},
			{"no items", "POST", "/api/v1/orders", map[string]any{"customerId": cid, "items": []any{}}, 400, "Validation failed.", "items"},
			{"unknown customer", "POST", "/api/v1/orders", map[string]any{"customerId": "01J0000000000000000000000", "items": []any{map[string]any{"productId": pid, "quantity": 1}}}, 404, "Customer not found.", ""},
			{"unknown product", "GET", "/api/v1/products/nope", nil, 404, "Product not found.", ""},
			{"unknown route", "GET", "/api/v1/nothing", nil, 404, "Not found.", ""},
			{"bad status filter", "GET", "/api/v1/orders?status=LOST", nil, 400, "Validation failed.", "status"},
			{"bad since", "GET", "/api/v1/orders?since=yesterday", nil, 400, "Validation failed.", "since"},
			{"bad cursor", "GET", "/api/v1/customers?cursor=../../x", nil, 400, "Validation failed.", "cursor"},
			{"null stock", "PATCH", "/api/v1/products/" + pid, map[string]any{"stock": nil}, 400, "Validation failed.", "stock"},
			{"null isActive", "PATCH", "/api/v1/products/" + pid, map[string]any{"isActive": nil}, 400, "Validation failed.", "isActive"},
			{"null name", "PATCH", "/api/v1/products/" + pid, map[string]any{"name": nil}, 400, "Validation failed.", "name"},
			{"bad preset", "GET", "/api/v1/reports/sales?preset=decade", nil, 400, "Validation failed.", "preset"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := env.call(tc.method, tc.path, k, tc.body).want(t, tc.status)
				if got := r.Error(t); got != tc.msg {
					t.Fatalf("error %q, want %q", got, tc.msg)
				}
				if tc.field != "" {
					details, _ := r.JSON(t)["details"].([]any)
					found := false
					for _, d := range details {
						found = found || d.(map[string]any)["field"] == tc.field
					}
					if !found {
						t.Fatalf("details do not name %q: %s", tc.field, r.Body)
					}
				}
			})
		}
		if env.count("products") != products || env.count("customers") != customers || env.count("orders") != 0 {
			t.Fatal("a refused request wrote something")
		}
		if p := env.call("GET", "/api/v1/products/"+pid, k, nil).Data(t); p["stock"] != float64(3) {
			t.Fatalf("stock changed: %v", p["stock"])
		}
	})
}

func TestOrderStatusWorkflowIs422(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		env.listenAll(k)
		pid := env.product(k, "Olive oil", "OIL", 12.5, 30)
		cid := env.customer(k, "buyer@harbor.example", nil)
		id := env.order(k, cid, pid, 1)["id"].(string)
		path := "/api/v1/orders/" + id
		r := env.call("PATCH", path, k, map[string]any{"status": "DELIVERED"}).want(t, 422)
		if r.Error(t) != "Cannot change order status from SUBMITTED to DELIVERED." {
			t.Fatalf("message %q", r.Error(t))
		}
		for _, st := range []string{"CONFIRMED", "SHIPPED", "DELIVERED"} {
			if got := env.call("PATCH", path, k, map[string]any{"status": st}).want(t, 200).Data(t)["status"]; got != st {
				t.Fatalf("status %v, want %s", got, st)
			}
		}
		env.call("PATCH", path, k, map[string]any{"status": "CANCELLED"}).want(t, 422)
		if n := env.count("webhook_outbox"); n < 1+3+1 {
			t.Fatalf("outbox rows %d: order.created, three status changes and order.shipped expected", n)
		}
	})
}

func TestPaginationLimitsAndCursors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		var ids []string
		for i := range 120 {
			ids = append(ids, env.product(k, fmt.Sprintf("Product %03d", i), fmt.Sprintf("P%03d", i), 1, 1))
		}
		for _, tc := range []struct {
			limit string
			want  int
		}{{"", 50}, {"0", 1}, {"-5", 1}, {"7", 7}, {"500", 100}, {"abc", 50}, {"1.5", 50}} {
			r := env.call("GET", "/api/v1/products?limit="+tc.limit, k, nil).want(t, 200)
			if got := len(r.List(t)); got != tc.want {
				t.Fatalf("limit=%q gave %d items, want %d", tc.limit, got, tc.want)
			}
		}
		// Walking the cursors returns every product once, newest first.
		var seen []string
		cursor := ""
		for pages := 0; ; pages++ {
			r := env.call("GET", "/api/v1/products?limit=50&cursor="+cursor, k, nil).want(t, 200)
			for _, p := range r.List(t) {
				seen = append(seen, p["id"].(string))
			}
			pg := r.JSON(t)["pagination"].(map[string]any)
			if pg["hasMore"] != true {
				if pg["nextCursor"] != nil {
					t.Fatalf("last page has a next cursor: %v", pg)
				}
				break
			}
			cursor = pg["nextCursor"].(string)
			if cursor != seen[len(seen)-1] {
				t.Fatalf("next cursor %s is not the last id of the page", cursor)
			}
			if pages > 5 {
				t.Fatal("too many pages")
			}
		}
		if len(seen) != len(ids) {
			t.Fatalf("walked %d products, want %d", len(seen), len(ids))
		}
		for i, id := range seen {
			if id != ids[len(ids)-1-i] {
				t.Fatalf("item %d is %s, want %s (newest first)", i, id, ids[len(ids)-1-i])
			}
		}
		// Filters keep working with cursors.
		r := env.call("GET", "/api/v1/products?search=product%2001&limit=5", k, nil).want(t, 200)
		if got := len(r.List(t)); got != 5 {
			t.Fatalf("search page has %d", got)
		}
	})
}

func TestIdempotencyKeyReplaysTheFirstResponse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		pid := env.product(k, "Olive oil", "OIL", 12.5, 30)
		cid := env.customer(k, "buyer@harbor.example", nil)
		body := map[string]any{"customerId": cid, "items": []any{map[string]any{"productId": pid, "quantity": 2}}, "poNumber": "PO-7"}
		first := env.call("POST", "/api/v1/orders", k, body, "Idempotency-Key", "order-7").want(t, 201)
		again := env.call("POST", "/api/v1/orders", k, body, "Idempotency-Key", "order-7").want(t, 201)
		if string(first.Body) != string(again.Body) {
			t.Fatalf("replay differs:\n%s\n%s", first.Body, again.Body)
		}
		if again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatal("replay not marked")
		}
		if n := env.count("orders"); n != 1 {
			t.Fatalf("%d orders, want 1", n)
		}
		if p := env.call("GET", "/api/v1/products/"+pid, k, nil).Data(t); p["stock"] != float64(28) {
			t.Fatalf("stock %v, want 28", p["stock"])
		}
		body["poNumber"] = "PO-8"
		r := env.call("POST", "/api/v1/orders", k, body, "Idempotency-Key", "order-7").want(t, 422)
		if !strings.Contains(r.Error(t), "different request") {
			t.Fatalf("message %q", r.Error(t))
		}
		// Concurrent first requests with one key: one runs, none doubles.
		var wg sync.WaitGroup
		body["poNumber"] = "PO-9"
		statuses := make([]int, 8)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = env.send("POST", "/api/v1/orders", k, body, "Idempotency-Key", "order-9")
			}()
		}
		wg.Wait()
		for _, s := range statuses {
			if s != 201 && s != 409 {
				t.Fatalf("statuses %v", statuses)
			}
		}
		if n := env.count("orders"); n != 2 {
			t.Fatalf("%d orders after concurrent retries, want 2", n)
		}
		// A failed validation is replayed too; another key is independent.
		env.call("POST", "/api/v1/customers", k, map[string]any{"email": "bad"}, "Idempotency-Key", "c-1").want(t, 400)
		env.call("POST", "/api/v1/customers", k, map[string]any{"email": "bad"}, "Idempotency-Key", "c-1").want(t, 400)
		env.call("POST", "/api/v1/customers", k, map[string]any{"email": "ok@x.example"}, "Idempotency-Key", "c-2").want(t, 201)
	})
}

// TestRateLimitHoldsAcrossProcesses: two servers on one database share
// each key's count; the request over the limit gets 429 with retryAfter
// and Retry-After; another key is not affected.
func TestRateLimitHoldsAcrossProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		dsn := storetest.DSN(t, e)
		limit := func(c *config.Config) { c.APIRateLimit = 10 }
		one := envOn(t, apptest.StartDSN(t, dsn, limit), "Acme Supply")
		two := one.on(apptest.StartDSN(t, dsn, limit))
		k := one.key("limited", "products:read")
		other := one.key("other", "products:read")
		var last reply
		for i := range 11 {
			srv := one
			if i%2 == 1 {
				srv = two
			}
			last = srv.call("GET", "/api/v1/products", k, nil)
			if i < 10 && last.Status != 200 {
				if last.Status == 429 && i > 0 {
					t.Skipf("the minute turned over during the test (request %d)", i)
				}
				t.Fatalf("request %d: %d %s", i, last.Status, last.Body)
			}
		}
		last.want(t, http.StatusTooManyRequests)
		ra := last.JSON(t)["retryAfter"]
		if n, ok := ra.(float64); !ok || n < 1 || n > 60 || last.Header.Get("Retry-After") != fmt.Sprint(int(n)) {
			t.Fatalf("retryAfter %v, header %q", ra, last.Header.Get("Retry-After"))
		}
		two.call("GET", "/api/v1/products", other, nil).want(t, 200)
	})
}
