package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// loginSubmit signs a staff member in and rotates the session cookie.
func (h *Handlers) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	token, err := h.Accounts.Login(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		status := httpx.Status(err)
		if status >= 500 {
			h.fail(w, r, err)
			return
		}
		form := r.PostForm
		form.Del("password")
		v := &web.View{Title: "Sign in", Form: form, Error: model.ErrorMessage(err)}
		h.Pages.Render(w, r, status, "login", v)
		return
	}
	if old, err := r.Cookie(SessionCookie); err == nil && old.Value != "" {
		_ = h.Accounts.Logout(r.Context(), old.Value)
	}
	web.SetSessionCookie(w, SessionCookie, token, account.SessionTTL, h.SecureCookies)
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}
