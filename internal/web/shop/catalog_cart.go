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
	Slug      string
	Back      string
	CanManage bool
	Cart      ordering.Cart
	Addresses []model.Address
	Form      url.Values        `json:",omitempty"` // what the user typed, after a failed post
	Errors    map[string]string `json:",omitempty"` // field name → message
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
