package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerContactUpdate changes a contact's name, role and active flag.
func (h *Handlers) customerContactUpdate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id, contactID := r.PathValue("id"), r.PathValue("sub")
	_ = r.ParseForm()
	c, err := h.Customers.UpdateContact(r.Context(), s.Actor(), s.Company.ID, id, contactID, customer.ContactInput{
		Name: r.PostForm.Get("name"), Role: r.PostForm.Get("role"), Active: r.PostForm.Get("active") == "true"})
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "contact-"+contactID)
		return
	}
	msg := c.Email + " saved."
	if !c.Active {
		msg = c.Email + " is deactivated and signed out."
	}
	web.Redirect(w, r, "/dashboard/customers/"+id+"#contacts", msg)
}
