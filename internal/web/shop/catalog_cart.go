package shop

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// cartView is everything the catalog_cart template shows: the cart beside
// the catalog list. The template sees nothing else, so the JSON encoding of
// a cartView names its rendering exactly and serves as its cache key.
type cartView struct {
	Slug                           string
	Back                           string
	CanManage                      bool
	Lines                          []cartLineView
	Subtotal, Tax, Shipping, Total model.Money
	TaxRate                        model.Rate
	Addresses                      []cartAddressView
	Form                           url.Values        `json:",omitempty"` // what the user typed, after a failed post
	Errors                         map[string]string `json:",omitempty"` // field name → message
}

// cartLineView is what the cart shows of a line.
type cartLineView struct {
	ID, Name, Unit   string
	Price, LineTotal model.Money
	Stock, Quantity  int
}

// cartAddressView is what the cart's address choice shows of an address.
type cartAddressView struct {
	ID, Label, Line1, City string
	IsDefault              bool
}

// newCartView returns the cart view of a cart and the account's addresses.
func newCartView(slug, back string, canManage bool, cart ordering.Cart, addrs []model.Address) cartView {
	v := cartView{Slug: slug, Back: back, CanManage: canManage, Subtotal: cart.Subtotal, Tax: cart.Tax, Shipping: cart.Shipping,
		Total: cart.Total, TaxRate: cart.TaxRate, Lines: make([]cartLineView, len(cart.Lines)), Addresses: make([]cartAddressView, len(addrs))}
	for i, l := range cart.Lines {
		v.Lines[i] = cartLineView{ID: l.Product.ID, Name: l.Product.Name, Unit: l.Product.Unit, Price: l.Product.CustomerPrice,
			LineTotal: l.LineTotal, Stock: l.Product.Stock, Quantity: l.Quantity}
	}
	for i, a := range addrs {
		v.Addresses[i] = cartAddressView{ID: a.ID, Label: a.Label, Line1: a.Line1, City: a.City, IsDefault: a.IsDefault}
	}
	return v
}

// Value returns the typed value of a form field, or def when the form was
// not posted.
func (v cartView) Value(field, def string) string {
	if v.Form != nil {
		if _, ok := v.Form[field]; ok {
			return v.Form.Get(field)
		}
	}
	return def
}

// Err returns a field's error message.
func (v cartView) Err(field string) string { return v.Errors[field] }

// cartHTML renders the cart, or takes it from the cache when the same data
// was rendered before. Carts of failed posts (with what the user typed) are
// rendered but not cached.
func (h *Handlers) cartHTML(v cartView) (template.HTML, error) {
	var key string
	if v.Form == nil {
		b, err := json.Marshal(v)
		if err != nil {
			return "", fmt.Errorf("cart cache key: %w", err)
		}
		key = string(b)
		if html, ok := h.CatalogCache.cart(key); ok {
			return template.HTML(html), nil
		}
	}
	var b strings.Builder
	if err := h.Pages.Fragment(&b, "shop_catalog", "catalog_cart", v); err != nil {
		return "", err
	}
	if key != "" {
		h.CatalogCache.putCart(key, b.String())
	}
	return template.HTML(b.String()), nil
}
