package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/web"
)

// signupShow renders the distributor sign-up form.
func (h *Handlers) signupShow(w http.ResponseWriter, r *http.Request) {
	h.Pages.Render(w, r, http.StatusOK, "signup", &web.View{Title: "Create your account"})
}
