package shop

import (
	"net/http"
	"net/url"

	"github.com/distribu/distribu/internal/model"
)

// setupShow shows the account of a setup link and asks for the password;
// a bad link gets the spec's message.
func (h *Handlers) setupShow(w http.ResponseWriter, r *http.Request, c model.Company) {
	token := r.URL.Query().Get("token")
	v := view("Set your password", "", c, nil)
	if token == "" {
		h.Pages.Render(w, r, http.StatusOK, "shop_setup", v)
		return
	}
	acct, err := h.Customers.SetupLinkAccount(r.Context(), c.ID, token)
	if err != nil {
		if !model.IsCode(err, model.CodeNotFound) {
			h.fail(w, r, c, nil, err)
			return
		}
		v.Error = model.ErrorMessage(err)
		h.Pages.Render(w, r, http.StatusNotFound, "shop_setup", v)
		return
	}
	v.Data, v.Form = acct.Email, url.Values{"token": {token}}
	h.Pages.Render(w, r, http.StatusOK, "shop_setup", v)
}
