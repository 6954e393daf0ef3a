package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
)

// customerUpdate serves PATCH /api/v1/customers/{id}: the named fields;
// null clears an optional one; a status change acts as on the dashboard.
func (s *Server) customerUpdate(w http.ResponseWriter, r *http.Request, c call) {
	var b customerBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	cu, err := s.Customers.Patch(r.Context(), c.actor, c.company(), r.PathValue("id"), b.input())
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, customer.Payload(cu))
}
