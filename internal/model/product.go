package model

import "time"

// Product is one catalog item of a company.
type Product struct {
	ID          string
	CompanyID   string
	Name        string
	SKU         string // "" when unset
	Description string
	Category    string
	Unit        string
	Price       Money
	Stock       int
	Active      bool
	Image       string // content-derived file name under the images directory; "" when none
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// LowStockMax is the highest stock that counts as "low" (1–5 units).
const LowStockMax = 5

// MaxStock is the largest stock a product can hold.
const MaxStock = 1_000_000_000

// ImageURL returns the stable URL of the product's image, or "".
func (p Product) ImageURL() string {
	if p.Image == "" {
		return ""
	}
	return "/media/images/" + p.Image
}

// StockLevel is "out" at 0, "low" at 1–5 and "ok" above.
func (p Product) StockLevel() string {
	switch {
	case p.Stock <= 0:
		return "out"
	case p.Stock <= LowStockMax:
		return "low"
	}
	return "ok"
}

// ProductFilter narrows and orders the product list.
type ProductFilter struct {
	Query    string // substring of name, SKU or category, any case
	Category string // exact
	Active   *bool
	Stock    string // "low" (1–5) or "out" (0)
	Sort     string // name, price, stock, newest (default name)
	Page     int    // 1-based
	PerPage  int
}

// ProductPage is one page of products with the total that match.
type ProductPage struct {
	Products []Product
	Total    int
	Page     int
	PerPage  int
}

// Pages returns the number of pages.
func (p ProductPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}
