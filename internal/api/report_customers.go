package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// reportCustomers serves GET /api/v1/reports/customers: per customer its
// orders, revenue (both without cancelled orders) and last order; keyset
// pages, newest customer first.
func (s *Server) reportCustomers(w http.ResponseWriter, r *http.Request, c call) {
	k, err := keyset(r)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	cs, err := s.Reports.Customers(r.Context(), c.company(), k)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writePage(w, k, cs, func(c model.Customer) string { return c.ID }, func(c model.Customer) any {
		return map[string]any{"customerId": c.ID, "email": c.Email, "name": nullable(c.Name), "orders": c.OrderCount,
			"revenue": c.TotalSpent.Float(), "lastOrderAt": timeOrNil(c.LastOrderAt)}
	})
}
