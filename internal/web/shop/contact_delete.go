package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// contactDelete removes a person from the account; their orders stay.
func (h *Handlers) contactDelete(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	if err := h.Customers.ShopDeleteContact(r.Context(), sh, r.PathValue("id")); err != nil {
		h.accountFailed(w, r, sh, err, "contacts")
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account#contacts", "Removed.")
}
