package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// loginShow renders the storefront sign-in form.
func (h *Handlers) loginShow(w http.ResponseWriter, r *http.Request, c model.Company) {
	if _, err := h.Customers.Shopper(r.Context(), c, h.token(r)); err == nil {
		http.Redirect(w, r, "/store/"+c.Slug+"/catalog", http.StatusSeeOther)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "shop_login", view("Sign in", "", c, nil))
}
