package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
)

// customerCreate serves POST /api/v1/customers: 201, 409 on an e-mail
// already in use at this store.
func (s *Server) customerCreate(w http.ResponseWriter, r *http.Request, c call) {
	var b customerBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	cu, err := s.Customers.Create(r.Context(), c.actor, c.company(), b.input())
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusCreated, customer.Payload(cu))
}
