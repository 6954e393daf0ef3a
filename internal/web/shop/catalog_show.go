package shop

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// catalogPage is the data of the catalog-and-cart page.
type catalogPage struct {
	Page                model.ShopPage // loaded only to build List
	List                template.HTML  // the search form, pills, products and pager
	CartHTML            template.HTML  // the cart beside the list
	Q, Category, Sort   string
	CanOrder, CanManage bool
	slug                string
	query               url.Values
}

func (p catalogPage) url(q url.Values) string {
	if len(q) == 0 {
		return "/store/" + p.slug + "/catalog"
	}
	return "/store/" + p.slug + "/catalog?" + q.Encode()
}

func (p catalogPage) with(key, value string) url.Values {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Del("page")
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	return q
}

// Slug is the store's slug.
func (p catalogPage) Slug() string { return p.slug }

// PageURL returns the catalog URL for page n with the current filters.
func (p catalogPage) PageURL(n int) string {
	q := p.with("page", "")
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	return p.url(q)
}

// PillURL selects a category; clicking the active pill clears it.
func (p catalogPage) PillURL(category string) string {
	if category == p.Category {
		return p.url(p.with("category", ""))
	}
	return p.url(p.with("category", category))
}

// Back is where cart changes return: this page with its filters.
func (p catalogPage) Back() string { return p.url(p.query) }

// Showing is "Showing 1–24 of 87 products".
func (p catalogPage) Showing() string {
	if p.Page.Total == 0 {
		return "No products"
	}
	first := (p.Page.Page-1)*p.Page.PerPage + 1
	last := min(first+len(p.Page.Products)-1, p.Page.Total)
	if len(p.Page.Products) == 0 {
		first, last = 0, 0
	}
	noun := "products"
	if p.Page.Total == 1 {
		noun = "product"
	}
	return "Showing " + strconv.Itoa(first) + "–" + strconv.Itoa(last) + " of " + strconv.Itoa(p.Page.Total) + " " + noun
}

// catalogShow renders the catalog with the customer's prices and, for
// those who may order, the cart beside it.
func (h *Handlers) catalogShow(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	h.renderCatalog(w, r, sh, http.StatusOK, nil)
}

func (h *Handlers) renderCatalog(w http.ResponseWriter, r *http.Request, sh *model.Shopper, status int, formErr error) {
	q := r.URL.Query()
	if back := r.PostFormValue("back"); back != "" {
		if u, err := url.Parse(back); err == nil {
			q = u.Query()
		}
	}
	f := model.ShopFilter{Query: q.Get("q"), Category: q.Get("category"), Sort: q.Get("sort"), PerPage: 24}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	d := catalogPage{Q: f.Query, Category: f.Category, Sort: f.Sort, CanOrder: sh.Role.CanOrder(),
		CanManage: sh.Role.CanManage(), slug: sh.Company.Slug, query: q}
	list, err := h.catalogList(r.Context(), sh, d, f)
	if err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	v := view("Catalog", "catalog", sh.Company, sh)
	if formErr != nil {
		v.FormError(formErr, r.PostForm)
	}
	var cart ordering.Cart
	if d.CanOrder {
		var addrs []model.Address
		if cart, addrs, err = h.cartData(r.Context(), sh); err != nil {
			h.fail(w, r, sh.Company, sh, err)
			return
		}
		cv := newCartView(d.slug, d.Back(), d.CanManage, cart, addrs)
		cv.Form, cv.Errors = v.Form, v.Errors
		if d.CartHTML, err = h.cartHTML(cv); err != nil {
			h.fail(w, r, sh.Company, sh, err)
			return
		}
	}
	if d.List, err = h.catalogHTML(list, cart); err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	v.Data = d
	h.Pages.Render(w, r, status, "shop_catalog", v)
}

// cartData returns the shopper's cart and (when it is not empty) the
// customer's addresses: from the cache when they were read before under
// the same shopper and catalog versions, tax rate and shipping fee (all
// read with the session at the start of this request), else from the
// database. An entry is stored under the versions read before its data,
// so a change committed meanwhile makes it one no later request asks for.
func (h *Handlers) cartData(ctx context.Context, sh *model.Shopper) (ordering.Cart, []model.Address, error) {
	key := cartDataKey{companyID: sh.Company.ID, customerID: sh.Customer.ID, holder: sh.Holder(),
		shopperVersion: sh.ShopperVersion, catalogVersion: sh.CatalogVersion,
		taxRate: ordering.TaxRateFor(sh.Company, &sh.Customer), shipping: sh.Company.ShippingFee}
	if d, ok := h.CatalogCache.data(key); ok {
		return d.cart, d.addrs, nil
	}
	cart, err := h.Ordering.CartOf(ctx, sh)
	if err != nil {
		return cart, nil, err
	}
	// An empty cart shows no address choice: skip the query.
	var addrs []model.Address
	if len(cart.Lines) > 0 {
		if addrs, err = h.Customers.Addresses(ctx, sh); err != nil {
			return cart, nil, err
		}
	}
	h.CatalogCache.putData(key, &cartData{cart: cart, addrs: addrs})
	return cart, addrs, nil
}
