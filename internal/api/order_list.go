package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/report"
)

// orderList serves GET /api/v1/orders: filters status, customerId, since
// and until (RFC 3339 or a date; a date until includes that day).
func (s *Server) orderList(w http.ResponseWriter, r *http.Request, c call) {
	k, err := keyset(r)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	q := r.URL.Query()
	f := ordering.KeysetFilter{CustomerID: q.Get("customerId")}
	var v model.Validation
	if st := strings.ToUpper(q.Get("status")); st != "" {
		if !slices.Contains(model.OrderStatuses(), model.OrderStatus(st)) {
			v.Add("status", "status must be one of SUBMITTED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED.")
		}
		f.Status = model.OrderStatus(st)
	}
	if t := q.Get("since"); t != "" {
		var ok bool
		if f.Since, ok = report.ParseTime(t, false); !ok {
			v.Add("since", "since must be an RFC 3339 time or a date (2026-04-01).")
		}
	}
	if t := q.Get("until"); t != "" {
		var ok bool
		if f.Until, ok = report.ParseTime(t, true); !ok {
			v.Add("until", "until must be an RFC 3339 time or a date (2026-04-30).")
		}
	}
	if err := v.Err(); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	os, err := s.Ordering.ListAfter(r.Context(), c.company(), f, k)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writePage(w, k, os, func(o model.Order) string { return o.ID }, func(o model.Order) any { return orderSummary(o) })
}

// orderSummary is an order in a list: everything but the address copy,
// which GET /orders/{id} adds.
func orderSummary(o model.Order) map[string]any {
	m := ordering.OrderPayload(o)
	delete(m, "shippingAddress")
	return m
}
