package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerImportMap saves the user's column mapping of an upload.
func (h *Handlers) customerImportMap(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("importId")
	_ = r.ParseForm()
	if err := h.Customers.MapCustomers(r.Context(), s.Company.ID, id, parseMapping(r, customer.CustomersSchema().Names())); err != nil {
		if model.IsCode(err, model.CodeInvalid) {
			web.Redirect(w, r, "/dashboard/customers/import/"+id, model.ErrorMessage(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/customers/import/"+id, "Column mapping updated.")
}
