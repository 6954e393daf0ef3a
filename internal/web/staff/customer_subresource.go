package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// customerSubresource dispatches the five-segment posts under
// /dashboard/customers. The spec's routes
// /dashboard/customers/import/{importId}/apply and
// /dashboard/customers/{id}/contacts/{contactId} overlap as mux patterns
// (neither is more specific), so one pattern serves both.
func (h *Handlers) customerSubresource(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id, section, sub := r.PathValue("id"), r.PathValue("section"), r.PathValue("sub")
	switch {
	case id == "import" && sub == "apply":
		r.SetPathValue("importId", section)
		h.customerImportApply(w, r, s)
	case id == "import" && sub == "mapping":
		r.SetPathValue("importId", section)
		h.customerImportMap(w, r, s)
	case section == "contacts":
		h.customerContactUpdate(w, r, s)
	default:
		h.fail(w, r, model.NotFound("Page"))
	}
}
