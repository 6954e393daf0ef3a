package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerContactDelete removes a contact; its orders stay on the account.
func (h *Handlers) customerContactDelete(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	if err := h.Customers.DeleteContact(r.Context(), s.Actor(), s.Company.ID, id, r.PathValue("contactId")); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/customers/"+id+"#contacts", "Contact removed.")
}
