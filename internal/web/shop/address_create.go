package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// addressCreate adds a shipping address (primary holder and ADMIN only).
func (h *Handlers) addressCreate(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	if _, err := h.Customers.AddAddress(r.Context(), sh, addressInput(r)); err != nil {
		h.accountFailed(w, r, sh, err, "new-address")
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account#addresses", "Address added.")
}
