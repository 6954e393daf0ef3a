package staff

import (
	"fmt"
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerImportApply applies an upload in one transaction.
func (h *Handlers) customerImportApply(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("importId")
	res, err := h.Customers.ApplyCustomers(r.Context(), s.Actor(), s.Company.ID, id)
	if err != nil {
		if model.IsCode(err, model.CodeConflict) || model.IsCode(err, model.CodeRule) {
			web.Redirect(w, r, "/dashboard/customers/import/"+id, model.ErrorMessage(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	if !res.Applied {
		web.Redirect(w, r, "/dashboard/customers/import/"+id, "Nothing was imported: fix the problems below and upload the file again.")
		return
	}
	web.Redirect(w, r, "/dashboard/customers", fmt.Sprintf("Import applied: %d created, %d updated, %d unchanged.", res.Created, res.Updated, res.Unchanged))
}
