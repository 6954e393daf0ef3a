package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
)

// loginSubmit signs a customer or contact in at this store.
func (h *Handlers) loginSubmit(w http.ResponseWriter, r *http.Request, c model.Company) {
	_ = r.ParseForm()
	token, err := h.Customers.SignIn(r.Context(), c.ID, r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		status := httpx.Status(err)
		if status >= 500 {
			h.fail(w, r, c, nil, err)
			return
		}
		form := r.PostForm
		form.Del("password")
		v := view("Sign in", "", c, nil)
		v.Form, v.Error = form, model.ErrorMessage(err)
		h.Pages.Render(w, r, status, "shop_login", v)
		return
	}
	if old := h.token(r); old != "" {
		_ = h.Customers.SignOut(r.Context(), c.ID, old)
	}
	h.setCookie(w, c, token)
	http.Redirect(w, r, "/store/"+c.Slug+"/catalog", http.StatusSeeOther)
}
