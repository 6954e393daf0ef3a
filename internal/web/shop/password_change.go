package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// passwordChange changes the signed-in person's password; their other
// sessions end.
func (h *Handlers) passwordChange(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	_ = r.ParseForm()
	f := r.PostForm
	if err := h.Customers.ChangePassword(r.Context(), sh, f.Get("current"), f.Get("password"), f.Get("confirm")); err != nil {
		f.Del("current")
		f.Del("password")
		f.Del("confirm")
		h.accountFailed(w, r, sh, err, "password")
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/account", "Your password has been changed.")
}
