// Package api serves the REST API v1 under /api/v1: key authentication,
// scopes, per-key rate limits, idempotent POSTs, JSON errors, keyset
// pagination and the OpenAPI document. Handlers call the domain services;
// none touches the store.
package api

import (
	"log/slog"
	"net/http"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/report"
	"github.com/distribu/distribu/internal/webhook"
)

// DefaultRateLimit is the requests a key may make a minute unless the
// operator configures another limit.
const DefaultRateLimit = 600

// Server holds what the API's handlers need.
type Server struct {
	Accounts  *account.Service
	Catalog   *catalog.Service
	Customers *customer.Service
	Ordering  *ordering.Service
	Reports   *report.Service
	Webhooks  *webhook.Service
	// RateLimit is the requests a key may make a minute (0: unlimited).
	RateLimit int
	Log       *slog.Logger
}

// call is one authenticated request: the key, the company and who the
// change is audited as.
type call struct {
	key   model.APIKey
	actor model.Actor
}

func (c call) company() string { return c.key.CompanyID }

// handlerFunc is an API handler after authentication and the scope check.
type handlerFunc func(w http.ResponseWriter, r *http.Request, c call)

// route is one endpoint of the API and the scope it needs.
type route struct {
	pattern string
	scope   model.Scope
	h       handlerFunc
}

func (s *Server) routes() []route {
	return []route{
		{"GET /api/v1/products", model.ScopeProductsRead, s.productList},
		{"GET /api/v1/products/{id}", model.ScopeProductsRead, s.productGet},
		{"POST /api/v1/products", model.ScopeProductsWrite, s.productCreate},
		{"PATCH /api/v1/products/{id}", model.ScopeProductsWrite, s.productUpdate},
		{"DELETE /api/v1/products/{id}", model.ScopeProductsWrite, s.productDelete},
		{"GET /api/v1/orders", model.ScopeOrdersRead, s.orderList},
		{"GET /api/v1/orders/{id}", model.ScopeOrdersRead, s.orderGet},
		{"POST /api/v1/orders", model.ScopeOrdersWrite, s.orderCreate},
		{"PATCH /api/v1/orders/{id}", model.ScopeOrdersWrite, s.orderUpdate},
		{"GET /api/v1/customers", model.ScopeCustomersRead, s.customerList},
		{"GET /api/v1/customers/{id}", model.ScopeCustomersRead, s.customerGet},
		{"POST /api/v1/customers", model.ScopeCustomersWrite, s.customerCreate},
		{"PATCH /api/v1/customers/{id}", model.ScopeCustomersWrite, s.customerUpdate},
		{"POST /api/v1/customers/import", model.ScopeCustomersWrite, s.customerImport},
		{"GET /api/v1/reports/sales", model.ScopeReportsRead, s.reportSales},
		{"GET /api/v1/reports/customers", model.ScopeReportsRead, s.reportCustomers},
		{"GET /api/v1/reports/inventory", model.ScopeReportsRead, s.reportInventory},
		{"GET /api/v1/webhooks", model.ScopeWebhooksRead, s.webhookList},
		{"GET /api/v1/webhooks/{id}", model.ScopeWebhooksRead, s.webhookGet},
		{"POST /api/v1/webhooks", model.ScopeWebhooksWrite, s.webhookCreate},
		{"PATCH /api/v1/webhooks/{id}", model.ScopeWebhooksWrite, s.webhookUpdate},
		{"DELETE /api/v1/webhooks/{id}", model.ScopeWebhooksWrite, s.webhookDelete},
	}
}

// Mount adds the API's routes to mux.
func (s *Server) Mount(mux *http.ServeMux) {
	if s.Log == nil {
		s.Log = slog.Default()
	}
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.authenticated(rt.scope, rt.h))
	}
	mux.HandleFunc("GET /api/v1/openapi.json", s.openAPI)
	mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, s.Log, &model.Error{Code: model.CodeNotFound, Message: "Not found."})
	})
}
