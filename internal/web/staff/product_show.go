package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// productShow sends GET /dashboard/inventory/{id} (the address a failed
// save leaves in the browser) to the product's edit page.
func (h *Handlers) productShow(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if _, err := h.Catalog.Get(r.Context(), s.Company.ID, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboard/inventory/"+r.PathValue("id")+"/edit", http.StatusSeeOther)
}
