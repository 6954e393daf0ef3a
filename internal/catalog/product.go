package catalog

import (
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/model"
)

// Units offered by the product form; CSV and API accept any text.
func Units() []string {
	return []string{"each", "case", "pallet", "box", "bag", "roll", "sheet", "lb", "oz", "kg", "L", "mL"}
}

// ProductInput is a product form or API body as typed.
type ProductInput struct {
	Name        string
	SKU         string
	Description string
	Category    string
	Unit        string
	Price       string
	Stock       string
	Active      bool
}

// InputOf returns the form values that show p as it is.
func InputOf(p model.Product) ProductInput {
	return ProductInput{Name: p.Name, SKU: p.SKU, Description: p.Description, Category: p.Category, Unit: p.Unit,
		Price: p.Price.String(), Stock: strconv.Itoa(p.Stock), Active: p.Active}
}

// apply validates in and writes the values into p. Errors: CodeInvalid with
// the fields name, sku, description, category, unit, price, stock.
func (in ProductInput) apply(p *model.Product) error {
	var v model.Validation
	name := strings.TrimSpace(in.Name)
	switch n := len([]rune(name)); {
	case n == 0:
		v.Add("name", "Name is required.")
	case n > 200:
		v.Add("name", "Name must be at most 200 characters.")
	}
	sku := strings.TrimSpace(in.SKU)
	if len([]rune(sku)) > 100 {
		v.Add("sku", "SKU must be at most 100 characters.")
	}
	desc := strings.TrimSpace(in.Description)
	if len([]rune(desc)) > 2000 {
		v.Add("description", "Description must be at most 2000 characters.")
	}
	cat := strings.TrimSpace(in.Category)
	if len([]rune(cat)) > 100 {
		v.Add("category", "Category must be at most 100 characters.")
	}
	unit := strings.TrimSpace(in.Unit)
	if unit == "" {
		unit = "each"
	}
	if len([]rune(unit)) > 20 {
		v.Add("unit", "Unit must be at most 20 characters.")
	}
	price, err := model.ParseMoney(in.Price)
	switch {
	case strings.TrimSpace(in.Price) == "":
		v.Add("price", "Price is required.")
	case err == model.ErrNegative:
		v.Add("price", "Price must not be negative.")
	case err == model.ErrTooPrecise:
		v.Add("price", "Price must have at most 2 decimal places.")
	case err != nil:
		v.Add("price", "Price must be an amount like 12.50.")
	}
	stock, err := strconv.Atoi(strings.TrimSpace(in.Stock))
	if strings.TrimSpace(in.Stock) == "" {
		stock, err = 0, nil
	}
	if err != nil || stock < 0 || stock > model.MaxStock {
		v.Add("stock", "Stock must be a whole number from 0 to 1000000000.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	p.Name, p.SKU, p.Description, p.Category, p.Unit = name, sku, desc, cat, unit
	p.Price, p.Stock, p.Active = price, stock, in.Active
	return nil
}

// productView is the audited and exported form of a product.
type productView struct {
	Name        string  `json:"name"`
	SKU         string  `json:"sku,omitempty"`
	Description string  `json:"description,omitempty"`
	Category    string  `json:"category,omitempty"`
	Unit        string  `json:"unit"`
	Price       float64 `json:"price"`
	Stock       int     `json:"stock"`
	Active      bool    `json:"isActive"`
	Image       string  `json:"imageUrl,omitempty"`
}

func viewOf(p model.Product) productView {
	return productView{Name: p.Name, SKU: p.SKU, Description: p.Description, Category: p.Category, Unit: p.Unit,
		Price: p.Price.Float(), Stock: p.Stock, Active: p.Active, Image: p.ImageURL()}
}

func skuTaken() error {
	return &model.Error{Code: model.CodeConflict, Message: "Another product already uses this SKU.",
		Fields: []model.FieldError{{Field: "sku", Message: "Another product already uses this SKU."}}}
}
