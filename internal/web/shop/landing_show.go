package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// landingShow sends signed-in people to the catalog and shows everyone
// else the store's landing page with Sign in and Create account.
func (h *Handlers) landingShow(w http.ResponseWriter, r *http.Request, c model.Company) {
	if _, err := h.Customers.Shopper(r.Context(), c, h.token(r)); err == nil {
		http.Redirect(w, r, "/store/"+c.Slug+"/catalog", http.StatusSeeOther)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "shop_landing", view(c.Name, "", c, nil))
}
