package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// customerSetupLink creates a setup link (contactId empty for the primary
// account) and shows it once, on the page that answers the post.
func (h *Handlers) customerSetupLink(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	link, err := h.Customers.CreateSetupLink(r.Context(), s.Actor(), s.Company.ID, id, r.PostFormValue("contactId"))
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "access")
		return
	}
	h.renderCustomer(w, r, s, http.StatusOK, id, nil, "", &link)
}
