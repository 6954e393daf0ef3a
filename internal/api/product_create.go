package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
)

// productCreate serves POST /api/v1/products: the dashboard's rules; 201.
func (s *Server) productCreate(w http.ResponseWriter, r *http.Request, c call) {
	var b productBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	p, err := s.Catalog.Create(r.Context(), c.actor, c.company(), b.input(), catalog.ImageChange{})
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusCreated, catalog.ProductPayload(p))
}
