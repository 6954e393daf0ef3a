package api

import "github.com/distribu/distribu/internal/catalog"

// productBody is the JSON of POST and PATCH /products.
type productBody struct {
	Name        optional[string] `json:"name"`
	SKU         optional[string] `json:"sku"`
	Description optional[string] `json:"description"`
	Category    optional[string] `json:"category"`
	Unit        optional[string] `json:"unit"`
	Price       optional[number] `json:"price"`
	Stock       optional[number] `json:"stock"`
	IsActive    optional[bool]   `json:"isActive"`
}

// patch is the body as a partial change; null clears the optional text
// fields and is refused by the required ones' rules.
func (b productBody) patch() catalog.ProductPatch {
	clearable := func(o optional[string]) *string {
		if o.Set && o.Null {
			return ptr("")
		}
		return o.text()
	}
	p := catalog.ProductPatch{Name: clearable(b.Name), SKU: clearable(b.SKU), Description: clearable(b.Description),
		Category: clearable(b.Category), Unit: clearable(b.Unit), Price: clearable(numText(b.Price)), Stock: clearable(numText(b.Stock))}
	if b.IsActive.Set && !b.IsActive.Null {
		p.Active = ptr(b.IsActive.V)
	}
	return p
}

// numText carries a number field as its digits.
func numText(o optional[number]) optional[string] {
	return optional[string]{Set: o.Set, Null: o.Null, V: o.V.String()}
}

// input is the body as a new product: absent fields take their defaults.
func (b productBody) input() catalog.ProductInput {
	in := catalog.ProductInput{Active: true}
	val := func(o optional[string]) string {
		if t := o.text(); t != nil {
			return *t
		}
		return ""
	}
	in.Name, in.SKU, in.Description, in.Category, in.Unit = val(b.Name), val(b.SKU), val(b.Description), val(b.Category), val(b.Unit)
	in.Price, in.Stock = val(numText(b.Price)), val(numText(b.Stock))
	if b.IsActive.Set && !b.IsActive.Null {
		in.Active = b.IsActive.V
	}
	return in
}
