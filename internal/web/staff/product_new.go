package staff

import (
	"net/http"
	"net/url"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productNew renders the empty product form.
func (h *Handlers) productNew(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	v := &web.View{Title: "Add product", Nav: "inventory", Session: s,
		Data: productFormData{IsNew: true, Units: catalog.Units(), Product: model.Product{Unit: "each", Active: true}},
		Form: url.Values{"isActive": {"true"}}}
	h.Pages.Render(w, r, http.StatusOK, "product_form", v)
}
