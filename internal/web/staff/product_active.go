package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productActive turns a product on or off (field active: true/false) and
// returns to where the toggle was pressed.
func (h *Handlers) productActive(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	active := r.PostFormValue("active") == "true"
	p, err := h.Catalog.SetActive(r.Context(), s.Actor(), s.Company.ID, r.PathValue("id"), active)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := p.Name + " is now hidden from the storefront."
	if p.Active {
		msg = p.Name + " is now active."
	}
	web.Redirect(w, r, backTo(r, "/dashboard/inventory"), msg)
}
