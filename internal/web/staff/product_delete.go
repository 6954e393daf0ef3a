package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productDelete removes a product that is on no order.
func (h *Handlers) productDelete(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	if err := h.Catalog.Delete(r.Context(), s.Actor(), s.Company.ID, id); err != nil {
		if model.IsCode(err, model.CodeRule) {
			web.Redirect(w, r, "/dashboard/inventory/"+id+"/edit", model.ErrorMessage(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/inventory", "Product deleted.")
}
