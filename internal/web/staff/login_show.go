package staff

import (
	"net/http"
	"net/url"

	"github.com/distribu/distribu/internal/web"
)

// loginShow renders the staff sign-in form; signed-in staff go straight on.
func (h *Handlers) loginShow(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if _, err := h.session(r); err == nil {
		http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "login", &web.View{Title: "Sign in", Form: url.Values{"next": {next}}})
}
