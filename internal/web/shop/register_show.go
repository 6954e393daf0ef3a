package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// registerShow renders the storefront sign-up form.
func (h *Handlers) registerShow(w http.ResponseWriter, r *http.Request, c model.Company) {
	h.Pages.Render(w, r, http.StatusOK, "shop_register", view("Create account", "", c, nil))
}
