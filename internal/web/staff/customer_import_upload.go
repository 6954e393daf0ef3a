package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerImportUpload keeps an uploaded customers CSV and opens its preview.
func (h *Handlers) customerImportUpload(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	name, data, err := readUpload(w, r, h.Customers.UploadLimits.MaxBytes)
	if err == nil {
		var u model.ImportUpload
		if u, err = h.Customers.UploadCustomers(r.Context(), s.Actor(), s.Company.ID, name, data); err == nil {
			http.Redirect(w, r, "/dashboard/customers/import/"+u.ID, http.StatusSeeOther)
			return
		}
	}
	if httpx.Status(err) >= 500 {
		h.fail(w, r, err)
		return
	}
	v := &web.View{Title: "Import customers", Nav: "customers", Session: s, Data: h.customersImportView()}
	v.FormError(err, nil)
	h.Pages.Render(w, r, http.StatusUnprocessableEntity, "import_upload", v)
}
