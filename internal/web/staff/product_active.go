package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productActive turns a product on or off (field active: true/false) and
// returns to where the toggle was pressed.
func (h *Handlers) productActive(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	v := r.PostFormValue("active")
	if v != "true" && v != "false" {
		http.Error(w, `Field "active" must be true or false.`, http.StatusBadRequest)
		return
	}
	active := v == "true"
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
