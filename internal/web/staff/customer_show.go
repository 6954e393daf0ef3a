package staff

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerPage is the data of the customer detail page.
type customerPage struct {
	customer.Detail
	Picks       []model.Product
	PickQuery   string
	Form        customer.UpdateInput
	NewLink     *customer.CreatedLink
	ContactForm url.Values
	Section     string // the form that failed, for error display
}

// HasPassword reports whether an account ("" primary, else a contact id)
// has set its password.
func (p customerPage) HasPassword(contactID string) bool {
	if contactID == "" {
		return p.Customer.PasswordHash != ""
	}
	for _, c := range p.Contacts {
		if c.ID == contactID {
			return c.PasswordHash != ""
		}
	}
	return false
}

// LinkPending reports whether an account has a live setup link.
func (p customerPage) LinkPending(contactID string) bool {
	_, ok := p.PendingLinks[contactID]
	return ok
}

// customerShow renders the customer page; an optional pick query filters
// the price picker.
func (h *Handlers) customerShow(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	var link *customer.CreatedLink
	if v := web.TakeOnce(w, r, setupLinkCookie, "/dashboard/customers/"+id); v != "" {
		if parts := strings.SplitN(v, "\n", 3); len(parts) == 3 {
			exp, _ := time.Parse(timeLayout, parts[1])
			link = &customer.CreatedLink{Email: parts[0], ExpiresAt: exp, URL: parts[2]}
		}
	}
	h.renderCustomer(w, r, s, http.StatusOK, id, nil, "", link)
}

// timeLayout carries times through the one-time cookie.
const timeLayout = time.RFC3339

// renderCustomer renders the customer page with an optional failed form
// (its section, error and typed values) and a just-created setup link.
func (h *Handlers) renderCustomer(w http.ResponseWriter, r *http.Request, s *model.StaffSession, status int, id string, formErr error, section string, link *customer.CreatedLink) {
	d, err := h.Customers.Profile(r.Context(), s.Company.ID, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := customerPage{Detail: d, Form: customer.InputOf(d.Customer), NewLink: link, Section: section, PickQuery: r.URL.Query().Get("pick")}
	if p.Picks, err = h.Customers.Picks(r.Context(), s.Company.ID, id, p.PickQuery); err != nil {
		h.fail(w, r, err)
		return
	}
	v := &web.View{Title: d.Customer.DisplayName(), Nav: "customers", Session: s, Data: p}
	if formErr != nil {
		v.FormError(formErr, r.PostForm)
	}
	h.Pages.Render(w, r, status, "customer_show", v)
}
