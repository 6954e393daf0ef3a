package api

import (
	"net/http"
	"strings"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
)

// customerList serves GET /api/v1/customers: filters status and search
// (e-mail or name).
func (s *Server) customerList(w http.ResponseWriter, r *http.Request, c call) {
	k, err := keyset(r)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	q := r.URL.Query()
	f := model.CustomerFilter{Query: q.Get("search")}
	switch st := model.CustomerStatus(strings.ToUpper(q.Get("status"))); st {
	case "":
	case model.CustomerActive, model.CustomerBlocked:
		f.Status = st
	default:
		writeError(w, r, s.Log, invalid("status", "status must be ACTIVE or BLOCKED."))
		return
	}
	cs, err := s.Customers.ListAfter(r.Context(), c.company(), f, k)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writePage(w, k, cs, func(c model.Customer) string { return c.ID }, func(c model.Customer) any { return customer.Payload(c) })
}
