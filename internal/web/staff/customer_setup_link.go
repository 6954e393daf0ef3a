package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// setupLinkCookie carries a new setup link to the customer page once.
const setupLinkCookie = "setup_link"

// customerSetupLink creates a setup link (contactId empty for the primary
// account) and redirects to the customer page, which shows it once: the
// link travels in a one-minute cookie scoped to that page, so a reload
// neither shows it again nor creates another.
func (h *Handlers) customerSetupLink(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	link, err := h.Customers.CreateSetupLink(r.Context(), s.Actor(), s.Company.ID, id, r.PostFormValue("contactId"))
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "access")
		return
	}
	page := "/dashboard/customers/" + id
	web.SetOnce(w, r, setupLinkCookie, link.Email+"\n"+link.ExpiresAt.Format(timeLayout)+"\n"+link.URL, page)
	web.Redirect(w, r, page+"#new-link", "")
}
