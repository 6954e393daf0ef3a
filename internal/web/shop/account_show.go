package shop

import (
	"net/http"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// accountPage is the data of the account page.
type accountPage struct {
	Customer  model.Customer
	Addresses []model.Address
	Contacts  []model.Contact
	CanManage bool
	SelfID    string // the signed-in contact, who cannot change itself
	Section   string // the form that failed
	NewLink   *customer.CreatedLink
}

// FailedSection names the form whose post failed.
func (p accountPage) FailedSection() string { return p.Section }

// setupLinkCookie carries a new contact's setup link to the account page
// once.
const setupLinkCookie = "setup_link"

// accountShow renders the profile, addresses and, for the primary holder
// and ADMIN contacts, the people on the account.
func (h *Handlers) accountShow(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	var link *customer.CreatedLink
	if v := web.TakeOnce(w, r, setupLinkCookie, "/store/"+sh.Company.Slug+"/account"); v != "" {
		if parts := strings.SplitN(v, "\n", 3); len(parts) == 3 {
			exp, _ := time.Parse(time.RFC3339, parts[1])
			link = &customer.CreatedLink{Email: parts[0], ExpiresAt: exp, URL: parts[2]}
		}
	}
	h.renderAccount(w, r, sh, http.StatusOK, nil, "", link)
}

func (h *Handlers) renderAccount(w http.ResponseWriter, r *http.Request, sh *model.Shopper, status int, formErr error, section string, link *customer.CreatedLink) {
	d := accountPage{Customer: sh.Customer, CanManage: sh.Role.CanManage(), Section: section, NewLink: link}
	if sh.Contact != nil {
		d.SelfID = sh.Contact.ID
	}
	var err error
	if d.Addresses, err = h.Customers.Addresses(r.Context(), sh); err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	if d.CanManage {
		if d.Contacts, err = h.Customers.AccountContacts(r.Context(), sh); err != nil {
			h.fail(w, r, sh.Company, sh, err)
			return
		}
	}
	v := view("Account", "account", sh.Company, sh)
	v.Data = d
	if formErr != nil {
		v.FormError(formErr, r.PostForm)
	}
	h.Pages.Render(w, r, status, "shop_account", v)
}

// accountFailed re-renders the account page with a form's error, or the
// error page for refusals and internal errors.
func (h *Handlers) accountFailed(w http.ResponseWriter, r *http.Request, sh *model.Shopper, err error, section string) {
	switch {
	case model.IsCode(err, model.CodeInvalid), model.IsCode(err, model.CodeConflict), model.IsCode(err, model.CodeRule):
		h.renderAccount(w, r, sh, http.StatusUnprocessableEntity, err, section, nil)
	default:
		h.fail(w, r, sh.Company, sh, err)
	}
}
