package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productImportMap saves the user's column mapping and shows the preview
// again.
func (h *Handlers) productImportMap(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("importId")
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	if err := h.Catalog.MapProducts(r.Context(), s.Company.ID, id, parseMapping(r, catalog.ProductsSchema().Names())); err != nil {
		if model.IsCode(err, model.CodeInvalid) {
			web.Redirect(w, r, "/dashboard/inventory/import/"+id, model.ErrorMessage(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/inventory/import/"+id, "Column mapping updated.")
}
