package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// reportInventory serves GET /api/v1/reports/inventory: per product its
// stock × price, keyset pages newest first, and the totals over every
// product.
func (s *Server) reportInventory(w http.ResponseWriter, r *http.Request, c call) {
	k, err := keyset(r)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	inv, err := s.Reports.Inventory(r.Context(), c.company(), k)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	items, p := trim(k, inv.Products, func(p model.Product) string { return p.ID })
	data := make([]map[string]any, len(items))
	for i, pr := range items {
		data[i] = map[string]any{"productId": pr.ID, "sku": nullable(pr.SKU), "name": pr.Name, "isActive": pr.Active,
			"stock": pr.Stock, "price": pr.Price.Float(), "value": (model.Money(int64(pr.Price) * int64(pr.Stock))).Float()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "pagination": p,
		"totals": map[string]any{"products": inv.Count, "units": inv.Units, "value": inv.Value.Float()}})
}
