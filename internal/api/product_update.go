package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
)

// productUpdate serves PATCH /api/v1/products/{id}: the named fields only;
// a new stock is recorded as a stock adjustment.
func (s *Server) productUpdate(w http.ResponseWriter, r *http.Request, c call) {
	var b productBody
	if err := decode(r, &b); err != nil {
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
