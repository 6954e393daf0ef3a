package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// contactUpdate changes a person's name, role or active flag.
func (h *Handlers) contactUpdate(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	_ = r.ParseForm()
	f := r.PostForm
	_, err := h.Customers.ShopUpdateContact(r.Context(), sh, r.PathValue("id"), customer.ContactInput{Name: f.Get("name"), Role: f.Get("role"), Active: f.Get("active") == "true"})
	if err != nil {
		h.accountFailed(w, r, sh, err, "contacts")
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account#contacts", "Saved.")
}
