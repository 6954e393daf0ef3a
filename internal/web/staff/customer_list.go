package staff

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customersPage is the data of the customer list.
type customersPage struct {
	model.CustomerPage
	Q, Status, Sort string
	query           url.Values
}

// PageURL returns the list URL for page n with the current filters.
func (p customersPage) PageURL(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Del("page")
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/dashboard/customers"
	}
	return "/dashboard/customers?" + q.Encode()
}

// ExportURL returns the export link honouring the current q and status.
func (p customersPage) ExportURL() string {
	q := url.Values{}
	if p.Q != "" {
		q.Set("q", p.Q)
	}
	if p.Status != "" {
		q.Set("status", p.Status)
	}
	if len(q) == 0 {
		return "/dashboard/customers/export"
	}
	return "/dashboard/customers/export?" + q.Encode()
}

// customerFilter reads q, status, sort and page from a URL.
func customerFilter(q url.Values) model.CustomerFilter {
	f := model.CustomerFilter{Query: q.Get("q"), Sort: q.Get("sort")}
	if s := model.CustomerStatus(q.Get("status")); s == model.CustomerActive || s == model.CustomerBlocked {
		f.Status = s
	}
	switch f.Sort {
	case "newest", "oldest", "name", "email", "spent", "orders", "last_order":
	default:
		f.Sort = "newest"
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	return f
}

// customerList renders /dashboard/customers: search, status filter, seven
// sorts, 50 a page with the total, all done in SQL and kept in the URL.
func (h *Handlers) customerList(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	q := r.URL.Query()
	f := customerFilter(q)
	page, err := h.Customers.List(r.Context(), s.Company.ID, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := customersPage{CustomerPage: page, Q: f.Query, Status: string(f.Status), Sort: f.Sort, query: q}
	h.Pages.Render(w, r, http.StatusOK, "customer_list", &web.View{Title: "Customers", Nav: "customers", Session: s, Data: d})
}
