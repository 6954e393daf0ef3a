package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productEdit renders the form of one product. The route is
// /dashboard/inventory/{id}/{page} so it does not collide with
// /dashboard/inventory/import/{importId}; only page "edit" exists.
func (h *Handlers) productEdit(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if r.PathValue("page") != "edit" {
		h.fail(w, r, model.NotFound("Page"))
		return
	}
	p, err := h.Catalog.Get(r.Context(), s.Company.ID, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "product_form", &web.View{Title: p.Name, Nav: "inventory", Session: s,
		Data: productFormData{Product: p, Units: catalog.Units()}})
}
