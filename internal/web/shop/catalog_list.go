package shop

import (
	"context"
	"html/template"
	"strings"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// catalogRow is what the catalog_row template renders: one product for the
// shopper, and how many of it are in their cart.
type catalogRow struct {
	P        model.ShopProduct
	InCart   int
	CanOrder bool
	Slug     string
	Back     string
}

// entryOverhead approximates the memory of an entry beside its HTML.
const entryOverhead = 512

// catalogList returns the rendered catalog list for the page d describes:
// the cached one when it was built at the company's current catalog
// version, else it loads the page, renders it with empty cart quantities
// and caches it. The version was read with the session, before the data,
// so a change that commits in between makes the entry stale at once, never
// wrong for long.
func (h *Handlers) catalogList(ctx context.Context, sh *model.Shopper, d catalogPage, f model.ShopFilter) (*catalogEntry, error) {
	version := sh.CatalogVersion
	var err error
	key := catalogKey{companyID: sh.Company.ID, customerID: sh.Customer.ID, slug: sh.Company.Slug, query: d.query.Encode(),
		canOrder: d.CanOrder}
	if e, ok := h.CatalogCache.get(key, version); ok {
		return e, nil
	}
	if d.Page, err = h.Customers.Catalog(ctx, sh, f); err != nil {
		return nil, err
	}
	e := &catalogEntry{key: key, version: version, rows: make([]catalogRowSpan, len(d.Page.Products))}
	var b strings.Builder
	if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_head", d); err != nil {
		return nil, err
	}
	back := d.Back()
	for i, p := range d.Page.Products {
		row := catalogRowSpan{row: catalogRow{P: p, CanOrder: d.CanOrder, Slug: d.slug, Back: back}, start: b.Len()}
		if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_row", row.row); err != nil {
			return nil, err
		}
		row.end = b.Len()
		e.rows[i] = row
		e.size += len(p.Name) + len(p.Description) + len(back) + entryOverhead
	}
	if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_tail", d); err != nil {
		return nil, err
	}
	e.html = b.String()
	e.size += len(e.html) + len(key.query) + entryOverhead
	h.CatalogCache.put(e)
	return e, nil
}

// catalogHTML puts the list together for the shopper: the cached list as
// it is when none of its products is in the cart, else with the rows of
// those products rendered again with their quantities.
func (h *Handlers) catalogHTML(e *catalogEntry, cart ordering.Cart) (template.HTML, error) {
	var b strings.Builder
	done := 0 // e.html[:done] is written (or, while b is empty, needs no copy)
	for _, r := range e.rows {
		in := cart.Quantity(r.row.P.ID)
		if in == 0 {
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(e.html) + 512)
		}
		b.WriteString(e.html[done:r.start])
		row := r.row
		row.InCart = in
		if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_row", row); err != nil {
			return "", err
		}
		done = r.end
	}
	if b.Cap() == 0 {
		return template.HTML(e.html), nil
	}
	b.WriteString(e.html[done:])
	return template.HTML(b.String()), nil
}
