package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// registerSubmit creates the customer, signs them in and opens the catalog.
func (h *Handlers) registerSubmit(w http.ResponseWriter, r *http.Request, c model.Company) {
	_ = r.ParseForm()
	token, err := h.Customers.Register(r.Context(), c.ID, customer.RegisterInput{
		Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password")})
	if err != nil {
		if httpx.Status(err) >= 500 {
			h.fail(w, r, c, nil, err)
			return
		}
		v := view("Create account", "", c, nil)
		form := r.PostForm
		form.Del("password")
		v.FormError(err, form)
		h.Pages.Render(w, r, http.StatusUnprocessableEntity, "shop_register", v)
		return
	}
	h.setCookie(w, c, token)
	web.Redirect(w, r, "/store/"+c.Slug+"/catalog", "Welcome! Your account is ready.")
}
