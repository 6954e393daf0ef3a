package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
)

// productUpdate serves PATCH /api/v1/products/{id}: the named fields only;
// a new stock is recorded as a stock adjustment.
func (s *Server) productUpdate(w http.ResponseWriter, r *http.Request, c call) {
	var b productBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	var v model.Validation
	if b.Stock.Set && b.Stock.Null {
		v.Add("stock", "stock must be a whole number from 0 to 1000000000.")
	}
	if b.IsActive.Set && b.IsActive.Null {
		v.Add("isActive", "isActive must be true or false.")
	}
	if err := v.Err(); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	p, err := s.Catalog.Patch(r.Context(), c.actor, c.company(), r.PathValue("id"), b.patch())
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, catalog.ProductPayload(p))
}
