package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerPriceSet adds or changes a price override (productId, price).
func (h *Handlers) customerPriceSet(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	o, err := h.Customers.SetPrice(r.Context(), s.Actor(), s.Company.ID, id, r.PostFormValue("productId"), r.PostFormValue("price"))
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "prices")
		return
	}
	web.Redirect(w, r, "/dashboard/customers/"+id+"#pricing", "Custom price for "+o.ProductName+" set to "+o.Price.String()+".")
}
