package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
)

// productGet serves GET /api/v1/products/{id}.
func (s *Server) productGet(w http.ResponseWriter, r *http.Request, c call) {
	p, err := s.Catalog.Get(r.Context(), c.company(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, catalog.ProductPayload(p))
}
