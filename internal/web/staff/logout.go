package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/web"
)

// logout ends the session and clears the cookie.
func (h *Handlers) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := h.Accounts.Logout(r.Context(), c.Value); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	web.ClearCookie(w, SessionCookie, h.SecureCookies)
	web.Redirect(w, r, "/login", "You have signed out.")
}
