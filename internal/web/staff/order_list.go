package staff

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/web"
)

// ordersPage is the data of the dashboard's order list.
type ordersPage struct {
	Orders               []model.Order
	Total, Page, PerPage int
	// Capped: a broad search matched more than Total orders; it is paged
	// with Previous and Next through its first Listed matches only.
	Capped, More                            bool
	Listed                                  int
	Q, Status, Customer, From, To, Min, Max string
	Sort, Problem                           string
	Statuses                                []model.OrderStatus
	query                                   url.Values
}

// Pages returns the number of pages.
func (p ordersPage) Pages() int {
	if p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// PrevPage returns the page a capped list's Previous link goes to: the one
// before, or the deepest shown page when the page is past it.
func (p ordersPage) PrevPage() int { return min(p.Page-1, max((p.Listed+p.PerPage-1)/p.PerPage, 1)) }

// PageURL returns the list URL for page n with the current filters.
func (p ordersPage) PageURL(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Del("page")
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/dashboard/orders"
	}
	return "/dashboard/orders?" + q.Encode()
}

// ExportURL returns the export link for the current date range.
func (p ordersPage) ExportURL(mode string) string {
	q := url.Values{"mode": {mode}}
	if p.From != "" {
		q.Set("from", p.From)
	}
	if p.To != "" {
		q.Set("to", p.To)
	}
	return "/dashboard/orders/export?" + q.Encode()
}

// orderFilter reads the list's query parameters; problems are reported
// in the returned message and the bad value is ignored.
func orderFilter(q url.Values) (ordering.Filter, string) {
	f := ordering.Filter{Query: q.Get("q"), CustomerID: q.Get("customer"), Sort: q.Get("sort")}
	var problems []string
	if s := model.OrderStatus(q.Get("status")); s != "" {
		for _, st := range model.OrderStatuses() {
			if st == s {
				f.Status = s
			}
		}
	}
	if v := q.Get("from"); v != "" {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			f.From = t
		} else {
			problems = append(problems, "From must be a date like 2026-04-16.")
		}
	}
	if v := q.Get("to"); v != "" {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			f.To = t.Add(24 * time.Hour)
		} else {
			problems = append(problems, "To must be a date like 2026-04-16.")
		}
	}
	for _, m := range []struct {
		key string
		dst **model.Money
	}{{"min", &f.Min}, {"max", &f.Max}} {
		if v := q.Get(m.key); v != "" {
			if amount, err := model.ParseMoney(v); err == nil {
				*m.dst = &amount
			} else {
				problems = append(problems, "The "+m.key+" total must be an amount like 100 or 99.50.")
			}
		}
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	return f, strings.Join(problems, " ")
}

// orderList renders /dashboard/orders with its filters, sorts and pages,
// all done in SQL and kept in the URL.
func (h *Handlers) orderList(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	q := r.URL.Query()
	f, problem := orderFilter(q)
	f.PerPage = 50
	page, err := h.Orders.List(r.Context(), s.Company.ID, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := ordersPage{Orders: page.Orders, Total: page.Total, Capped: page.Capped, More: page.More, Listed: page.Listed, Page: max(f.Page, 1), PerPage: f.PerPage, Q: q.Get("q"), Status: string(f.Status),
		Customer: f.CustomerID, From: q.Get("from"), To: q.Get("to"), Min: q.Get("min"), Max: q.Get("max"), Sort: q.Get("sort"),
		Problem: problem, Statuses: model.OrderStatuses(), query: q}
	h.Pages.Render(w, r, http.StatusOK, "order_list", &web.View{Title: "Orders", Nav: "orders", Session: s, Data: d})
}
