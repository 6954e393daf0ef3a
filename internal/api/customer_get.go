package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
)

// customerGet serves GET /api/v1/customers/{id}.
func (s *Server) customerGet(w http.ResponseWriter, r *http.Request, c call) {
	cu, err := s.Customers.Get(r.Context(), c.company(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, customer.Payload(cu))
}
