package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customersImportView is the base view of the customers import pages.
func (h *Handlers) customersImportView() importView {
	l := h.Customers.UploadLimits
	return importView{Kind: "customers", Base: "/dashboard/customers", Back: "Customers",
		Columns: customer.CustomersSchema().Names(), Required: []string{"email"},
		MaxBytes: humanSize(l.MaxBytes), MaxRows: l.MaxRows}
}

// customerImportForm renders the customers CSV upload page.
func (h *Handlers) customerImportForm(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	h.Pages.Render(w, r, http.StatusOK, "import_upload", &web.View{Title: "Import customers", Nav: "customers", Session: s, Data: h.customersImportView()})
}
