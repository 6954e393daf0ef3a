package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/report"
)

// reportSales serves GET /api/v1/reports/sales: preset
// today/week/month/quarter/year/all (calendar periods so far, UTC) or
// from/to; revenue counts orders that are not cancelled.
func (s *Server) reportSales(w http.ResponseWriter, r *http.Request, c call) {
	q := r.URL.Query()
	p, err := report.ParsePeriod(q.Get("preset"), q.Get("from"), q.Get("to"), s.Accounts.Store.Now())
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	sales, err := s.Reports.Sales(r.Context(), c.company(), p)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	byStatus := make([]map[string]any, len(sales.ByStatus))
	for i, row := range sales.ByStatus {
		byStatus[i] = map[string]any{"status": row.Key, "orders": row.Orders, "total": row.Total.Float()}
	}
	byDay := make([]map[string]any, len(sales.ByDay))
	for i, row := range sales.ByDay {
		byDay[i] = map[string]any{"date": row.Key, "orders": row.Orders, "revenue": row.Total.Float()}
	}
	var avg any
	if a, ok := sales.Average(); ok {
		avg = a.Float()
	}
	writeData(w, http.StatusOK, map[string]any{
		"preset": nullable(p.Preset), "from": timeOrNil(p.From), "to": timeOrNil(p.To),
		"orders": sales.Orders, "subtotal": sales.Subtotal.Float(), "tax": sales.Tax.Float(), "shipping": sales.Shipping.Float(),
		"revenue": sales.Revenue.Float(), "averageOrder": avg, "byStatus": byStatus, "byDay": byDay,
	})
}
