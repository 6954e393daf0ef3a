package shop

import (
	"net/http"
	"time"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// contactCreate adds a person to the account and shows their setup link
// once on the account page.
func (h *Handlers) contactCreate(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	_ = r.ParseForm()
	f := r.PostForm
	link, err := h.Customers.ShopAddContact(r.Context(), sh, customer.ContactInput{Email: f.Get("email"), Name: f.Get("name"), Role: f.Get("role")})
	if err != nil {
		h.accountFailed(w, r, sh, err, "contacts")
		return
	}
	h.showLinkOnce(w, r, sh, link)
}

func (h *Handlers) showLinkOnce(w http.ResponseWriter, r *http.Request, sh *model.Shopper, link customer.CreatedLink) {
	page := "/store/" + sh.Company.Slug + "/account"
	web.SetOnce(w, r, setupLinkCookie, link.Email+"\n"+link.ExpiresAt.Format(time.RFC3339)+"\n"+link.URL, page)
	web.Redirect(w, r, page+"#new-link", "")
}
