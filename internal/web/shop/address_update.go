package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// addressUpdate edits a shipping address; past orders keep their copies.
func (h *Handlers) addressUpdate(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	id := r.PathValue("id")
	if _, err := h.Customers.UpdateAddress(r.Context(), sh, id, addressInput(r)); err != nil {
		h.accountFailed(w, r, sh, err, id)
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account#addresses", "Address saved.")
}
