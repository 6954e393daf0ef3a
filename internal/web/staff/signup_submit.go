package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/web"
)

// signupSubmit creates the company, its owner and a session, then opens the
// dashboard. Bad input re-renders the form with what was typed.
func (h *Handlers) signupSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	token, err := h.Accounts.Signup(r.Context(), account.SignupInput{
		Company: r.PostForm.Get("company"), Name: r.PostForm.Get("name"),
		Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password"),
	})
	if err != nil {
		if httpx.Status(err) >= 500 {
			h.fail(w, r, err)
			return
		}
		v := &web.View{Title: "Create your account"}
		form := r.PostForm
		form.Del("password")
		v.FormError(err, form)
		h.Pages.Render(w, r, http.StatusUnprocessableEntity, "signup", v)
		return
	}
	web.SetSessionCookie(w, SessionCookie, token, account.SessionTTL, h.SecureCookies)
	web.Redirect(w, r, "/dashboard", "Welcome to Distribu! Your company is ready.")
}
