package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// addressDefault makes an address the default.
func (h *Handlers) addressDefault(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	if err := h.Customers.SetDefaultAddress(r.Context(), sh, r.PathValue("id")); err != nil {
		h.accountFailed(w, r, sh, err, "")
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account#addresses", "Default address changed.")
}
