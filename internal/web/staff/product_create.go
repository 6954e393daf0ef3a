package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productCreate adds a product from the multipart form.
func (h *Handlers) productCreate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	in, img, err := parseProductForm(w, r)
	if err == nil {
		var p model.Product
		if p, err = h.Catalog.Create(r.Context(), s.Actor(), s.Company.ID, in, img); err == nil {
			web.Redirect(w, r, "/dashboard/inventory/"+p.ID+"/edit", "Product "+p.Name+" added.")
			return
		}
	}
	if httpx.Status(err) >= 500 {
		h.fail(w, r, err)
		return
	}
	v := &web.View{Title: "Add product", Nav: "inventory", Session: s,
		Data: productFormData{IsNew: true, Units: catalog.Units(), Product: model.Product{Unit: "each"}}}
	v.FormError(err, r.PostForm)
	h.Pages.Render(w, r, http.StatusUnprocessableEntity, "product_form", v)
}
