package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/ordering"
)

// orderGet serves GET /api/v1/orders/{id}, with the shipping address copy.
func (s *Server) orderGet(w http.ResponseWriter, r *http.Request, c call) {
	o, err := s.Ordering.Get(r.Context(), c.company(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, ordering.OrderPayload(o))
}
