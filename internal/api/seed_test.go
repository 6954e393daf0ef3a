package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// product creates a product through the API and returns its id.
func (e *env) product(key, name, sku string, price float64, stock int) string {
	e.t.Helper()
	r := e.call("POST", "/api/v1/products", key, map[string]any{"name": name, "sku": sku, "price": price, "stock": stock})
	r.want(e.t, http.StatusCreated)
	return r.Data(e.t)["id"].(string)
}

// customer creates a customer through the API, gives it a default
// shipping address, and returns its id.
func (e *env) customer(key, email string, fields map[string]any) string {
	e.t.Helper()
	body := map[string]any{"email": email}
	for k, v := range fields {
		body[k] = v
	}
	r := e.call("POST", "/api/v1/customers", key, body)
	r.want(e.t, http.StatusCreated)
	id := r.Data(e.t)["id"].(string)
	ctx := context.Background()
	err := e.srv.App.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.CreateAddress(ctx, model.Address{ID: model.NewID(), CompanyID: e.company.ID, CustomerID: id, Label: "Main",
			Line1: "1 Harbor Way", City: "Portland", Region: "OR", PostalCode: "97201", Country: "US", IsDefault: true,
			CreatedAt: tx.Now, UpdatedAt: tx.Now})
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// order places an order through the API and returns it.
func (e *env) order(key, customerID string, lines ...any) map[string]any {
	e.t.Helper()
	var items []map[string]any
	for i := 0; i+1 < len(lines); i += 2 {
		items = append(items, map[string]any{"productId": lines[i], "quantity": lines[i+1]})
	}
	r := e.call("POST", "/api/v1/orders", key, map[string]any{"customerId": customerID, "items": items})
	r.want(e.t, http.StatusCreated)
	return r.Data(e.t)
}

// count returns a row count of a table for the env's company.
func (e *env) count(table string) int {
	e.t.Helper()
	n, err := e.srv.App.Store.CountRows(context.Background(), table, e.company.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// fatalIf stops the test on an error.
func fatalIf(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// listenAll registers, through the API, a webhook subscribed to every
// event, so that events are queued in the outbox (an event nobody listens
// to is not stored). It returns the webhook's id.
func (e *env) listenAll(key string) string {
	e.t.Helper()
	r := e.call("POST", "/api/v1/webhooks", key, map[string]any{"url": "https://receiver.example/hooks", "events": model.WebhookEvents()})
	r.want(e.t, http.StatusCreated)
	return r.Data(e.t)["id"].(string)
}
