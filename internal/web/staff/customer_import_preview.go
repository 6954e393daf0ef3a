package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerImportPreview shows what applying an upload would do.
func (h *Handlers) customerImportPreview(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	u, res, err := h.Customers.PreviewCustomers(r.Context(), s.Actor(), s.Company.ID, r.PathValue("importId"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "import_preview", &web.View{Title: "Import preview", Nav: "customers", Session: s,
		Data: h.customersImportView().withResult(u, res, customer.SampleHeader())})
}
