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
	e := &catalogEntry{key: key, version: version, rows: make([]catalogRowHTML, len(d.Page.Products))}
	var b strings.Builder
	if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_head", d); err != nil {
		return nil, err
	}
	e.head = b.String()
	back := d.Back()
	for i, p := range d.Page.Products {
		b.Reset()
		row := catalogRow{P: p, CanOrder: d.CanOrder, Slug: d.slug, Back: back}
		if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_row", row); err != nil {
			return nil, err
		}
		e.rows[i] = catalogRowHTML{row: row, html: b.String()}
		e.size += len(e.rows[i].html) + len(p.Name) + len(p.Description) + len(back) + entryOverhead
	}
	b.Reset()
	if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_tail", d); err != nil {
		return nil, err
	}
	e.tail = b.String()
	e.listBytes = len(e.head) + len(e.tail)
	for _, r := range e.rows {
		e.listBytes += len(r.html)
	}
	e.size += len(e.head) + len(e.tail) + len(key.query) + entryOverhead
	h.CatalogCache.put(e)
	return e, nil
}

// html puts the list together for the shopper: the cached rows, except the
// rows of products in the cart, rendered again with their quantities.
func (h *Handlers) catalogHTML(e *catalogEntry, cart ordering.Cart) (template.HTML, error) {
	var b strings.Builder
	b.Grow(e.listBytes + 512)
	b.WriteString(e.head)
	for _, r := range e.rows {
		in := cart.Quantity(r.row.P.ID)
		if in == 0 {
			b.WriteString(r.html)
			continue
		}
		row := r.row
		row.InCart = in
		if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_row", row); err != nil {
			return "", err
		}
	}
	b.WriteString(e.tail)
	return template.HTML(b.String()), nil
}
