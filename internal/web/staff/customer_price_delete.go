package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerPriceDelete removes a price override.
func (h *Handlers) customerPriceDelete(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	if err := h.Customers.DeletePrice(r.Context(), s.Actor(), s.Company.ID, id, r.PathValue("productId")); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/customers/"+id+"#pricing", "Custom price removed; the catalog price applies again.")
}
