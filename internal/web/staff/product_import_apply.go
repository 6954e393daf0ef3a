package staff

import (
	"fmt"
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productImportApply applies an upload in one transaction. With row errors
// nothing is written and the preview shows them again.
func (h *Handlers) productImportApply(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("importId")
	res, err := h.Catalog.ApplyProducts(r.Context(), s.Actor(), s.Company.ID, id)
	if err != nil {
		if model.IsCode(err, model.CodeConflict) || model.IsCode(err, model.CodeRule) {
			web.Redirect(w, r, "/dashboard/inventory/import/"+id, model.ErrorMessage(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	if !res.Applied {
		web.Redirect(w, r, "/dashboard/inventory/import/"+id, "Nothing was imported: fix the problems below and upload the file again.")
		return
	}
	web.Redirect(w, r, "/dashboard/inventory", fmt.Sprintf("Import applied: %d created, %d updated, %d unchanged.", res.Created, res.Updated, res.Unchanged))
}
