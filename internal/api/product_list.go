package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
)

// productList serves GET /api/v1/products: filters category (exact),
// search (name, SKU, category) and active (true/false).
func (s *Server) productList(w http.ResponseWriter, r *http.Request, c call) {
	k, err := keyset(r)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	q := r.URL.Query()
	f := model.ProductFilter{Query: q.Get("search"), Category: q.Get("category")}
	switch q.Get("active") {
	case "":
	case "true":
		f.Active = ptr(true)
	case "false":
		f.Active = ptr(false)
	default:
		writeError(w, r, s.Log, invalid("active", "active must be true or false."))
		return
	}
	ps, err := s.Catalog.ListAfter(r.Context(), c.company(), f, k)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writePage(w, k, ps, func(p model.Product) string { return p.ID }, func(p model.Product) any { return catalog.ProductPayload(p) })
}

func ptr[T any](v T) *T { return &v }
