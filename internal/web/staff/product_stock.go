package staff

import (
	"fmt"
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productStock adjusts stock by delta with a reason.
func (h *Handlers) productStock(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	p, err := h.Catalog.AdjustStock(r.Context(), s.Actor(), s.Company.ID, id, r.PostFormValue("delta"), r.PostFormValue("reason"))
	if err != nil {
		if httpx.Status(err) >= 500 || model.IsCode(err, model.CodeNotFound) {
			h.fail(w, r, err)
			return
		}
		current, gerr := h.Catalog.Get(r.Context(), s.Company.ID, id)
		if gerr != nil {
			h.fail(w, r, gerr)
			return
		}
		v := &web.View{Title: current.Name, Nav: "inventory", Session: s, Data: productFormData{Product: current, Units: catalog.Units()}}
		v.FormError(err, r.PostForm)
		h.Pages.Render(w, r, http.StatusUnprocessableEntity, "product_form", v)
		return
	}
	web.Redirect(w, r, "/dashboard/inventory/"+p.ID+"/edit", fmt.Sprintf("Stock of %s is now %d.", p.Name, p.Stock))
}
