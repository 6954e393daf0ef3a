package api

import "net/http"

// productDelete serves DELETE /api/v1/products/{id}: 204, or 422 when the
// product is on an order.
func (s *Server) productDelete(w http.ResponseWriter, r *http.Request, c call) {
	if err := s.Catalog.Delete(r.Context(), c.actor, c.company(), r.PathValue("id")); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
