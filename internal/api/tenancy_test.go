package api_test

import (
	"net/http"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestAnotherCompanysIDsAre404: a key of company B gets 404 for every
// record of company A and changes nothing; A's lists never show in B's.
func TestAnotherCompanysIDsAre404(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		a := envOn(t, srv, "Alpha Foods")
		b := envOn(t, srv, "Beta Foods")
		ka, kb := a.allKey(), b.allKey()
		pid := a.product(ka, "Alpha oil", "A-OIL", 10, 50)
		cid := a.customer(ka, "buyer@alpha.example", nil)
		oid := a.order(ka, cid, pid, 1)["id"].(string)
		b.product(kb, "Beta oil", "B-OIL", 10, 50)

		for _, tc := range []struct {
			method, path string
			body         any
		}{
			{"GET", "/api/v1/products/" + pid, nil},
			{"PATCH", "/api/v1/products/" + pid, map[string]any{"name": "Stolen"}},
			{"DELETE", "/api/v1/products/" + pid, nil},
			{"GET", "/api/v1/customers/" + cid, nil},
			{"PATCH", "/api/v1/customers/" + cid, map[string]any{"status": "BLOCKED"}},
			{"GET", "/api/v1/orders/" + oid, nil},
			{"PATCH", "/api/v1/orders/" + oid, map[string]any{"status": "CANCELLED"}},
			{"POST", "/api/v1/orders", map[string]any{"customerId": cid, "items": []any{map[string]any{"productId": pid, "quantity": 1}}}},
		} {
			t.Run(tc.method+" "+tc.path, func(t *testing.T) {
				b.call(tc.method, tc.path, kb, tc.body).want(t, http.StatusNotFound)
			})
		}
		p := a.call("GET", "/api/v1/products/"+pid, ka, nil).want(t, 200).Data(t)
		if p["name"] != "Alpha oil" || p["stock"] != float64(49) {
			t.Fatalf("product changed: %v", p)
		}
		if c := a.call("GET", "/api/v1/customers/"+cid, ka, nil).want(t, 200).Data(t); c["status"] != "ACTIVE" {
			t.Fatalf("customer changed: %v", c)
		}
		if o := a.call("GET", "/api/v1/orders/"+oid, ka, nil).want(t, 200).Data(t); o["status"] != "SUBMITTED" {
			t.Fatalf("order changed: %v", o)
		}
		if n := b.count("orders"); n != 0 {
			t.Fatalf("company B has %d orders", n)
		}
		for _, path := range []string{"/api/v1/products", "/api/v1/customers", "/api/v1/orders", "/api/v1/reports/customers", "/api/v1/reports/inventory"} {
			for _, item := range b.call("GET", path, kb, nil).want(t, 200).List(t) {
				for _, v := range item {
					if v == pid || v == cid || v == oid || v == "buyer@alpha.example" {
						t.Fatalf("%s of company B shows company A's record: %v", path, item)
					}
				}
			}
		}
		// A cursor taken from another company's list reveals nothing.
		if got := b.call("GET", "/api/v1/products?cursor="+pid, kb, nil).want(t, 200).List(t); len(got) > 1 {
			t.Fatalf("cursor of company A: %v", got)
		}
	})
}
