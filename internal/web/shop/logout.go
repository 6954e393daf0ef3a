package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// logout ends the storefront session.
func (h *Handlers) logout(w http.ResponseWriter, r *http.Request, c model.Company) {
	if t := h.token(r); t != "" {
		if err := h.Customers.SignOut(r.Context(), c.ID, t); err != nil {
			h.fail(w, r, c, nil, err)
			return
		}
	}
	h.clearCookie(w, c)
	web.Redirect(w, r, "/store/"+c.Slug+"/login", "You have signed out.")
}
