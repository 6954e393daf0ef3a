package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// contactSetupLink makes a new setup link for a person without a password.
func (h *Handlers) contactSetupLink(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	link, err := h.Customers.ShopSetupLink(r.Context(), sh, r.PathValue("id"))
	if err != nil {
		h.accountFailed(w, r, sh, err, "contacts")
		return
	}
	h.showLinkOnce(w, r, sh, link)
}
