package staff

import "net/http"

// rootShow sends signed-in staff to the dashboard and everyone else to the
// sign-in page.
func (h *Handlers) rootShow(w http.ResponseWriter, r *http.Request) {
	if _, err := h.session(r); err == nil {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
