package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// addressDelete removes a shipping address; past orders keep their copies.
func (h *Handlers) addressDelete(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	if err := h.Customers.DeleteAddress(r.Context(), sh, r.PathValue("id")); err != nil {
		h.accountFailed(w, r, sh, err, "")
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account#addresses", "Address deleted.")
}
