package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerStatus activates or blocks a customer (field status).
func (h *Handlers) customerStatus(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	c, err := h.Customers.SetStatus(r.Context(), s.Actor(), s.Company.ID, id, r.PostFormValue("status"))
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "status")
		return
	}
	msg := c.DisplayName() + " is active again and can sign in."
	if c.Status == model.CustomerBlocked {
		msg = c.DisplayName() + " is blocked: signed out everywhere and can no longer sign in."
	}
	web.Redirect(w, r, "/dashboard/customers/"+id, msg)
}
