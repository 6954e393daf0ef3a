package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productUpdate saves the multipart product form.
func (h *Handlers) productUpdate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	in, img, err := parseProductForm(w, r)
	if err == nil {
		var p model.Product
		if p, err = h.Catalog.Update(r.Context(), s.Actor(), s.Company.ID, id, in, img); err == nil {
			web.Redirect(w, r, "/dashboard/inventory/"+p.ID+"/edit", "Product saved.")
			return
		}
	}
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
}
