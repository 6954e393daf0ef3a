package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productImportUpload keeps an uploaded products CSV and opens its preview.
func (h *Handlers) productImportUpload(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	name, data, err := readUpload(w, r, h.Catalog.UploadLimits.MaxBytes)
	if err == nil {
		var u model.ImportUpload
		if u, err = h.Catalog.UploadProducts(r.Context(), s.Actor(), s.Company.ID, name, data); err == nil {
			http.Redirect(w, r, "/dashboard/inventory/import/"+u.ID, http.StatusSeeOther)
			return
		}
	}
	if httpx.Status(err) >= 500 {
		h.fail(w, r, err)
		return
	}
	v := &web.View{Title: "Import products", Nav: "inventory", Session: s, Data: h.productsImportView()}
	v.FormError(err, nil)
	h.Pages.Render(w, r, http.StatusUnprocessableEntity, "import_upload", v)
}
