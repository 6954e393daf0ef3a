package staff

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// inventoryPage is the data of the product list.
type inventoryPage struct {
	model.ProductPage
	Categories                       []string
	Q, Category, Active, Stock, Sort string
	query                            url.Values
}

// PageURL returns the list URL for page n with the current filters.
func (p inventoryPage) PageURL(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Del("page")
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/dashboard/inventory"
	}
	return "/dashboard/inventory?" + q.Encode()
}

// ExportURL returns the export link.
func (p inventoryPage) ExportURL() string { return "/dashboard/inventory/export" }

// inventoryList renders /dashboard/inventory with search, filters, sort and
// pages, all done in SQL and kept in the URL.
func (h *Handlers) inventoryList(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	q := r.URL.Query()
	d := inventoryPage{Q: q.Get("q"), Category: q.Get("category"), Active: q.Get("active"), Stock: q.Get("stock"), Sort: q.Get("sort"), query: q}
	f := model.ProductFilter{Query: d.Q, Category: d.Category, Sort: d.Sort}
	switch d.Active {
	case "true", "false":
		v := d.Active == "true"
		f.Active = &v
	default:
		d.Active = ""
	}
	if d.Stock == "low" || d.Stock == "out" {
		f.Stock = d.Stock
	} else {
		d.Stock = ""
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	page, err := h.Catalog.List(r.Context(), s.Company.ID, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.ProductPage = page
	if d.Categories, err = h.Catalog.Categories(r.Context(), s.Company.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "inventory_list", &web.View{Title: "Inventory", Nav: "inventory", Session: s, Data: d})
}
