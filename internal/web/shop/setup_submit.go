package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// setupSubmit sets the first password from a setup link and signs the
// person in.
func (h *Handlers) setupSubmit(w http.ResponseWriter, r *http.Request, c model.Company) {
	_ = r.ParseForm()
	f := r.PostForm
	token := f.Get("token")
	session, err := h.Customers.SetPassword(r.Context(), c.ID, token, f.Get("password"), f.Get("confirm"))
	if err != nil {
		if httpx.Status(err) >= 500 {
			h.fail(w, r, c, nil, err)
			return
		}
		v := view("Set your password", "", c, nil)
		if model.IsCode(err, model.CodeInvalid) {
			if acct, aerr := h.Customers.SetupLinkAccount(r.Context(), c.ID, token); aerr == nil {
				v.Data = acct.Email
			}
		}
		form := f
		form.Del("password")
		form.Del("confirm")
		v.FormError(err, form)
		h.Pages.Render(w, r, formStatus(err), "shop_setup", v)
		return
	}
	h.setCookie(w, c, session)
	web.Redirect(w, r, "/store/"+c.Slug+"/catalog", "Your password is set. Welcome!")
}
