package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestAuthenticationMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		key := env.key("reader", model.ScopeProductsRead)
		const missing = "Missing or invalid Authorization header. Use: Bearer <api_key>"
		const invalidKey = "Invalid, expired, or revoked API key."
		for _, tc := range []struct {
			name, header, want string
		}{
			{"no header", "", missing},
			{"basic scheme", "Basic " + key, missing},
			{"bearer without key", "Bearer ", missing},
			{"lower-case scheme", "bearer " + key, missing},
			{"unknown key", "Bearer dk_" + strings.Repeat("A", 43), invalidKey},
			{"key with a changed letter", "Bearer " + key[:len(key)-1] + "x", invalidKey},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var r reply
				if tc.header == "" {
					r = env.call("GET", "/api/v1/products", "", nil)
				} else {
					r = env.call("GET", "/api/v1/products", "", nil, "Authorization", tc.header)
				}
				r.want(t, http.StatusUnauthorized)
				if got := r.Error(t); got != tc.want {
					t.Fatalf("error %q, want %q", got, tc.want)
				}
				if !strings.Contains(string(r.Body), tc.want) {
					t.Fatalf("the raw body does not read %q: %s", tc.want, r.Body)
				}
			})
		}
		env.call("GET", "/api/v1/products", key, nil).want(t, http.StatusOK)
	})
}

func TestRevokedAndExpiredKeysStopAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		key := env.key("to revoke", model.ScopeProductsRead)
		env.call("GET", "/api/v1/products", key, nil).want(t, http.StatusOK)
		keys, err := env.srv.App.Accounts.APIKeys(context.Background(), env.company.ID)
		fatalIf(t, err)
		if len(keys) != 1 || keys[0].LastUsedAt == nil {
			t.Fatalf("last used not recorded: %+v", keys)
		}
		r := env.owner.Post("/dashboard/settings/api-keys/"+keys[0].ID+"/revoke", nil)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("revoke: %d %s", r.Status, r.Body)
		}
		r2 := env.call("GET", "/api/v1/products", key, nil).want(t, http.StatusUnauthorized)
		if r2.Error(t) != account.MsgInvalidKey {
			t.Fatalf("revoked: %q", r2.Error(t))
		}
		page := env.owner.Get("/dashboard/settings/api-keys")
		if !strings.Contains(page.Body, "Revoked") {
			t.Fatal("the list does not show the key as Revoked")
		}

		// A key whose expiry has passed.
		secret := account.NewAPIKeySecret()
		past := time.Now().Add(-time.Minute)
		ctx := context.Background()
		err = env.srv.App.Store.InTx(ctx, func(tx *store.Tx) error {
			return tx.CreateAPIKey(ctx, model.APIKey{ID: model.NewID(), CompanyID: env.company.ID, Name: "old", Prefix: secret[:12],
				Hash: account.HashToken(secret), Scopes: []model.Scope{model.ScopeProductsRead}, CreatedBy: keys[0].CreatedBy,
				CreatorName: "Olivia Owner", CreatedAt: past.Add(-time.Hour), ExpiresAt: &past})
		})
		fatalIf(t, err)
		env.call("GET", "/api/v1/products", secret, nil).want(t, http.StatusUnauthorized)
		if page := env.owner.Get("/dashboard/settings/api-keys"); !strings.Contains(page.Body, "Expired") {
			t.Fatal("the list does not show the key as Expired")
		}
	})
}

// endpoint is one route of the API with a request that succeeds for a key
// holding its scope.
type endpoint struct {
	scope  model.Scope
	method string
	path   func(w *world) string
	body   func(w *world) any
	ok     int
}

// world is data of one company for the endpoint table.
type world struct {
	env                        *env
	admin                      string
	productID, customerID, oid string
	webhookID                  string
	n                          int
}

// fresh returns a new unique number, for unique SKUs and e-mails.
func (w *world) fresh() int { w.n++; return w.n }

func endpoints() []endpoint {
	static := func(p string) func(*world) string { return func(*world) string { return p } }
	return []endpoint{
		{model.ScopeProductsRead, "GET", static("/api/v1/products"), nil, 200},
		{model.ScopeProductsRead, "GET", func(w *world) string { return "/api/v1/products/" + w.productID }, nil, 200},
		{model.ScopeProductsWrite, "POST", static("/api/v1/products"), func(w *world) any {
			return map[string]any{"name": "Tea", "sku": fmt.Sprintf("TEA-%d", w.fresh()), "price": 3}
		}, 201},
		{model.ScopeProductsWrite, "PATCH", func(w *world) string { return "/api/v1/products/" + w.productID }, func(*world) any {
			return map[string]any{"description": "Fresh"}
		}, 200},
		{model.ScopeProductsWrite, "DELETE", func(w *world) string {
			return "/api/v1/products/" + w.env.product(w.admin, "Spare", fmt.Sprintf("SP-%d", w.fresh()), 1, 0)
		}, nil, 204},
		{model.ScopeOrdersRead, "GET", static("/api/v1/orders"), nil, 200},
		{model.ScopeOrdersRead, "GET", func(w *world) string { return "/api/v1/orders/" + w.oid }, nil, 200},
		{model.ScopeOrdersWrite, "POST", static("/api/v1/orders"), func(w *world) any {
			return map[string]any{"customerId": w.customerID, "items": []any{map[string]any{"productId": w.productID, "quantity": 1}}}
		}, 201},
		{model.ScopeOrdersWrite, "PATCH", func(w *world) string {
			return "/api/v1/orders/" + w.env.order(w.admin, w.customerID, w.productID, 1)["id"].(string)
		}, func(*world) any { return map[string]any{"status": "CONFIRMED"} }, 200},
		{model.ScopeCustomersRead, "GET", static("/api/v1/customers"), nil, 200},
		{model.ScopeCustomersRead, "GET", func(w *world) string { return "/api/v1/customers/" + w.customerID }, nil, 200},
		{model.ScopeCustomersWrite, "POST", static("/api/v1/customers"), func(w *world) any {
			return map[string]any{"email": fmt.Sprintf("new%d@buyer.example", w.fresh())}
		}, 201},
		{model.ScopeCustomersWrite, "PATCH", func(w *world) string { return "/api/v1/customers/" + w.customerID }, func(*world) any {
			return map[string]any{"notes": "Pays on time"}
		}, 200},
		{model.ScopeCustomersWrite, "POST", static("/api/v1/customers/import?dryRun=true"), func(*world) any { return "csv" }, 200},
		{model.ScopeReportsRead, "GET", static("/api/v1/reports/sales?preset=all"), nil, 200},
		{model.ScopeReportsRead, "GET", static("/api/v1/reports/customers"), nil, 200},
		{model.ScopeReportsRead, "GET", static("/api/v1/reports/inventory"), nil, 200},
		{model.ScopeWebhooksRead, "GET", static("/api/v1/webhooks"), nil, 200},
		{model.ScopeWebhooksRead, "GET", func(w *world) string { return "/api/v1/webhooks/" + w.webhookID }, nil, 200},
		{model.ScopeWebhooksWrite, "POST", static("/api/v1/webhooks"), func(w *world) any {
			return map[string]any{"url": fmt.Sprintf("https://hooks%d.example/in", w.fresh()), "events": []string{"order.created"}}
		}, 201},
		{model.ScopeWebhooksWrite, "PATCH", func(w *world) string { return "/api/v1/webhooks/" + w.webhookID }, func(*world) any {
			return map[string]any{"isActive": false}
		}, 200},
		{model.ScopeWebhooksWrite, "DELETE", func(w *world) string { return "/api/v1/webhooks/" + w.env.listenAll(w.admin) }, nil, 204},
	}
}

// TestEveryEndpointNeedsItsScope: for every endpoint, a key with its scope
// passes and a key with any other single scope gets 403 with the exact
// message (a write scope does not imply read, nor the reverse).
func TestEveryEndpointNeedsItsScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		w := &world{env: env, admin: env.allKey()}
		keys := map[model.Scope]string{}
		for _, s := range model.AllScopes() {
			keys[s] = env.key(string(s), s)
		}
		w.productID = env.product(w.admin, "Olive oil", "OIL", 12.5, 1000)
		w.customerID = env.customer(w.admin, "buyer@harbor.example", nil)
		w.oid = env.order(w.admin, w.customerID, w.productID, 2)["id"].(string)
		w.webhookID = env.listenAll(w.admin)
		for _, ep := range endpoints() {
			path := ep.path(w)
			name := ep.method + " " + strings.SplitN(path, "?", 2)[0]
			t.Run(name, func(t *testing.T) {
				before := [3]int{env.count("products"), env.count("customers"), env.count("orders")}
				for _, s := range model.AllScopes() {
					if s == ep.scope {
						continue
					}
					r := env.call(ep.method, path, keys[s], body(ep, w))
					r.want(t, http.StatusForbidden)
					want := `Insufficient permissions. This key lacks the "` + string(ep.scope) + `" scope.`
					if r.Error(t) != want {
						t.Fatalf("with %s: %q, want %q", s, r.Error(t), want)
					}
				}
				if after := [3]int{env.count("products"), env.count("customers"), env.count("orders")}; after != before {
					t.Fatalf("refused requests changed data: %v → %v", before, after)
				}
				b := body(ep, w)
				var r reply
				if s, ok := b.(string); ok && s == "csv" {
					r = env.call(ep.method, path, keys[ep.scope], "email,name\nnew@import.example,New\n", "Content-Type", "text/csv")
				} else {
					r = env.call(ep.method, path, keys[ep.scope], b)
				}
				r.want(t, ep.ok)
			})
		}
	})
}

func body(ep endpoint, w *world) any {
	if ep.body == nil {
		return nil
	}
	return ep.body(w)
}
