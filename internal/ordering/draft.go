package ordering

import (
	"context"
	"fmt"
	"sort"

	"github.com/distribu/distribu/internal/model"
)

// Draft is a dashboard order being put together: its lines priced for the
// chosen customer (or at catalog prices without one), and its totals.
type Draft struct {
	Customer  *model.Customer
	Addresses []model.Address
	Lines     []model.CartLine
	Subtotal  model.Money
	TaxRate   model.Rate
	Tax       model.Money
	Shipping  model.Money
	Total     model.Money
	Results   []model.ShopProduct // the product browser: active, in stock, matching the search
}

// DraftInput is the state of the new-order form.
type DraftInput struct {
	CustomerEmail string
	Quantities    map[string]int // product id → quantity
	Query         string
}

// BuildDraft prices a dashboard order for the form: it finds the customer
// by e-mail (Errors: CodeInvalid on "customer" when none matches), keeps
// only active products of the company, caps each quantity at the stock,
// and lists active, in-stock products matching the search.
func (s *Service) BuildDraft(ctx context.Context, company model.Company, in DraftInput) (Draft, error) {
	var d Draft
	customerID := ""
	if email := model.NormalizeEmail(in.CustomerEmail); email != "" {
		c, err := s.Store.CustomerByEmail(ctx, company.ID, email)
		if err != nil {
			if model.IsCode(err, model.CodeNotFound) {
				return d, &model.Error{Code: model.CodeInvalid, Message: "No customer has that e-mail.",
					Fields: []model.FieldError{{Field: "customer", Message: "No customer has that e-mail."}}}
			}
			return d, err
		}
		d.Customer, customerID = &c, c.ID
		if d.Addresses, err = s.Store.Addresses(ctx, company.ID, c.ID); err != nil {
			return d, err
		}
	}
	ids := make([]string, 0, len(in.Quantities))
	for id, q := range in.Quantities {
		if q > 0 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	products, err := s.Store.ShopProductsByID(ctx, company.ID, customerID, ids)
	if err != nil {
		return d, err
	}
	for _, id := range ids {
		p, ok := products[id]
		if !ok || !p.Active || p.Stock == 0 {
			continue
		}
		q := min(in.Quantities[id], p.Stock)
		line := model.CartLine{Product: p, Quantity: q, LineTotal: p.CustomerPrice * model.Money(q)}
		d.Lines = append(d.Lines, line)
		d.Subtotal += line.LineTotal
	}
	sort.Slice(d.Lines, func(i, j int) bool { return d.Lines[i].Product.Name < d.Lines[j].Product.Name })
	d.TaxRate = TaxRateFor(company, d.Customer)
	d.Tax = d.TaxRate.Apply(d.Subtotal)
	if len(d.Lines) > 0 {
		d.Shipping = company.ShippingFee
	}
	d.Total = d.Subtotal + d.Tax + d.Shipping
	page, err := s.Store.ShopProducts(ctx, company.ID, customerID, model.ShopFilter{Query: in.Query, Sort: "name", PerPage: 30})
	if err != nil {
		return d, fmt.Errorf("product browser: %w", err)
	}
	for _, p := range page.Products {
		if p.Stock > 0 {
			d.Results = append(d.Results, p)
		}
	}
	return d, nil
}

// PlaceDraft places a dashboard order (actor USER, placed by STAFF) through
// the same transaction as the storefront; with a customer its prices, tax
// rate and addresses apply and the order joins its history. No
// order.created webhook is queued for dashboard orders.
func (s *Service) PlaceDraft(ctx context.Context, actor model.Actor, company model.Company, d Draft, addressID, po, notes string) (model.Order, error) {
	lines := make([]LineInput, len(d.Lines))
	for i, l := range d.Lines {
		lines[i] = LineInput{ProductID: l.Product.ID, Quantity: l.Quantity}
	}
	in := PlaceInput{CompanyID: company.ID, Lines: lines, AddressID: addressID, PONumber: po, Notes: notes, Actor: actor,
		PlacedBy: model.PlacedBy{Type: "STAFF", ID: actor.ID, Label: actor.Label}}
	if d.Customer != nil {
		in.CustomerID = d.Customer.ID
	}
	return s.Place(ctx, in)
}
