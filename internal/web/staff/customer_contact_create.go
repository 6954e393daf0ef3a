package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerContactCreate adds a contact (email, name, role).
func (h *Handlers) customerContactCreate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	_ = r.ParseForm()
	c, err := h.Customers.AddContact(r.Context(), s.Actor(), s.Company.ID, id, customer.ContactInput{
		Email: r.PostForm.Get("email"), Name: r.PostForm.Get("name"), Role: r.PostForm.Get("role")})
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "contacts")
		return
	}
	web.Redirect(w, r, "/dashboard/customers/"+id+"#contacts", c.Email+" added as "+string(c.Role)+". Create a setup link so they can set a password.")
}
