package ordering

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// LineInput is one requested line: a product and a quantity.
type LineInput struct {
	ProductID string
	Quantity  int
}

// PlaceInput is everything an order is placed from: the storefront's cart,
// a dashboard order or an API call all come here.
type PlaceInput struct {
	CompanyID  string
	CustomerID string // "" for a dashboard order without a customer
	PlacedBy   model.PlacedBy
	Actor      model.Actor
	Lines      []LineInput
	AddressID  string // "" uses the customer's default address
	PONumber   string
	Notes      string
	// CartHolder, when set, empties that person's cart in the same
	// transaction ("" for the primary holder; nil for no cart).
	CartHolder *string
	// Webhook queues order.created (storefront and API, not dashboard).
	Webhook bool
}

// Place places an order in one transaction: it re-reads and locks every
// product, refuses missing or inactive products and any line over the
// stock ("Not enough stock for {name}. Only {n} available.", nothing
// written), prices each line at the customer's price now, computes tax
// (customer override or company rate, half-up) and the flat shipping,
// takes the stock with a conditional decrement (racing buyers can never
// both succeed beyond the stock), creates the order SUBMITTED with frozen
// copies of the address, e-mail, names, SKUs and prices, empties the cart,
// updates the customer's statistics, and writes OrderPlaced, the staff
// notifications (order placed; low stock when products end at 1–5 or 0),
// and the webhook outbox rows — all or nothing.
func (s *Service) Place(ctx context.Context, in PlaceInput) (model.Order, error) {
	var v model.Validation
	in.PONumber, in.Notes = strings.TrimSpace(in.PONumber), strings.TrimSpace(in.Notes)
	if len([]rune(in.PONumber)) > 50 {
		v.Add("poNumber", "PO number must be at most 50 characters.")
	}
	if len([]rune(in.Notes)) > 2000 {
		v.Add("notes", "Notes must be at most 2000 characters.")
	}
	lines := mergeLines(in.Lines)
	if len(lines) == 0 {
		v.Add("items", "The order has no products.")
	}
	for _, l := range lines {
		if l.Quantity <= 0 {
			v.Add("items", "Every quantity must be at least 1.")
		}
	}
	if err := v.Err(); err != nil {
		return model.Order{}, err
	}
	var order model.Order
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		company, err := tx.Company(ctx, in.CompanyID)
		if err != nil {
			return err
		}
		var cust *model.Customer
		if in.CustomerID != "" {
			c, err := tx.Locking().Customer(ctx, in.CompanyID, in.CustomerID)
			if err != nil {
				return err
			}
			if c.Status != model.CustomerActive {
				return &model.Error{Code: model.CodeRule, Message: "This customer is blocked and cannot order."}
			}
			cust = &c
		}
		if err := checkMonthlyLimit(ctx, tx, company); err != nil {
			return err
		}
		ids := make([]string, len(lines))
		for i, l := range lines {
			ids[i] = l.ProductID
		}
		customerID := ""
		if cust != nil {
			customerID = cust.ID
		}
		products, err := tx.Locking().ShopProductsByID(ctx, in.CompanyID, customerID, ids)
		if err != nil {
			return err
		}
		o := model.Order{ID: model.NewID(), CompanyID: in.CompanyID, Status: model.OrderSubmitted, PlacedBy: in.PlacedBy,
			PONumber: in.PONumber, Notes: in.Notes, TaxRate: TaxRateFor(company, cust), Shipping: company.ShippingFee,
			CreatedAt: tx.Now, UpdatedAt: tx.Now}
		if cust != nil {
			o.CustomerID, o.CustomerEmail, o.CustomerName = cust.ID, cust.Email, cust.Name
			addr, err := chooseAddress(ctx, tx, in.CompanyID, cust.ID, in.AddressID)
			if err != nil {
				return err
			}
			o.ShippingAddress = addr
		}
		var low []model.Product
		for _, l := range lines {
			p, ok := products[l.ProductID]
			if !ok {
				return &model.Error{Code: model.CodeRule, Message: "A product in the order no longer exists."}
			}
			if !p.Active {
				return &model.Error{Code: model.CodeRule, Message: fmt.Sprintf("%s is no longer available.", p.Name)}
			}
			if l.Quantity > p.Stock {
				return stockError(p.Product)
			}
			took, err := tx.TakeStock(ctx, in.CompanyID, p.ID, l.Quantity, tx.Now)
			if err != nil {
				return err
			}
			if !took {
				return stockError(p.Product)
			}
			if left := p.Stock - l.Quantity; left <= model.LowStockMax {
				after := p.Product
				after.Stock = left
				low = append(low, after)
			}
			price := p.CustomerPrice
			o.Items = append(o.Items, model.OrderItem{ID: model.NewID(), OrderID: o.ID, ProductID: p.ID, ProductName: p.Name,
				ProductSKU: p.SKU, Quantity: l.Quantity, UnitPrice: price, LineTotal: price * model.Money(l.Quantity)})
			o.Subtotal += price * model.Money(l.Quantity)
		}
		o.Tax = o.TaxRate.Apply(o.Subtotal)
		o.Total = o.Subtotal + o.Tax + o.Shipping
		if o.Number, err = tx.NextOrderNumber(ctx, in.CompanyID); err != nil {
			return err
		}
		if err := tx.CreateOrder(ctx, o); err != nil {
			return err
		}
		if cust != nil {
			if err := tx.RecomputeCustomerStats(ctx, in.CompanyID, cust.ID); err != nil {
				return err
			}
			if in.CartHolder != nil {
				if err := tx.ClearCart(ctx, in.CompanyID, cust.ID, *in.CartHolder); err != nil {
					return err
				}
			}
		}
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: in.CompanyID, Actor: in.Actor, Action: "OrderPlaced",
			EntityType: "order", EntityID: o.ID, Details: map[string]any{"number": o.Number, "customerId": o.CustomerID,
				"placedBy": in.PlacedBy.Type, "items": len(o.Items), "total": o.Total.Float()}}); err != nil {
			return err
		}
		who := "A dashboard order"
		if cust != nil {
			who = cust.DisplayName()
		}
		if err := events.Notify(ctx, tx, in.CompanyID, events.AllStaff, "ORDER_PLACED", fmt.Sprintf("New order #%d", o.Number),
			fmt.Sprintf("%s placed order #%d for %s.", who, o.Number, o.Total), "/dashboard/orders/"+o.ID); err != nil {
			return err
		}
		if in.Webhook {
			if err := events.Webhook(ctx, tx, in.CompanyID, "order.created", OrderPayload(o)); err != nil {
				return err
			}
		}
		if len(low) > 0 {
			if err := lowStock(ctx, tx, in.CompanyID, low); err != nil {
				return err
			}
		}
		order = o
		return nil
	})
	if err != nil {
		return model.Order{}, fmt.Errorf("place order: %w", err)
	}
	return order, nil
}

// mergeLines adds up repeated products and orders lines by first
// appearance.
func mergeLines(in []LineInput) []LineInput {
	var out []LineInput
	pos := map[string]int{}
	for _, l := range in {
		if i, ok := pos[l.ProductID]; ok {
			out[i].Quantity += l.Quantity
			continue
		}
		pos[l.ProductID] = len(out)
		out = append(out, l)
	}
	return out
}

// chooseAddress copies the chosen address, or the default one.
func chooseAddress(ctx context.Context, tx *store.Tx, companyID, customerID, addressID string) (model.ShippingAddress, error) {
	addrs, err := tx.Addresses(ctx, companyID, customerID)
	if err != nil {
		return model.ShippingAddress{}, err
	}
	for _, a := range addrs {
		if (addressID == "" && a.IsDefault) || a.ID == addressID {
			return model.ShippingAddress{Label: a.Label, Line1: a.Line1, Line2: a.Line2, City: a.City, Region: a.Region,
				PostalCode: a.PostalCode, Country: a.Country}, nil
		}
	}
	if addressID != "" {
		return model.ShippingAddress{}, &model.Error{Code: model.CodeInvalid, Message: "Choose one of your shipping addresses.",
			Fields: []model.FieldError{{Field: "addressId", Message: "Choose one of your shipping addresses."}}}
	}
	return model.ShippingAddress{}, &model.Error{Code: model.CodeRule, Message: "Add a shipping address before placing the order.",
		Fields: []model.FieldError{{Field: "addressId", Message: "Add a shipping address before placing the order."}}}
}

// checkMonthlyLimit refuses an order beyond the company's orders-per-month
// limit.
func checkMonthlyLimit(ctx context.Context, tx *store.Tx, company model.Company) error {
	if company.Limits.OrdersPerMonth == nil {
		return nil
	}
	n, err := tx.CountOrdersSince(ctx, company.ID, monthStart(tx.Now))
	if err != nil {
		return err
	}
	if n >= *company.Limits.OrdersPerMonth {
		return &model.Error{Code: model.CodeRule, Message: "This store can't take more orders this month. Please contact the store directly."}
	}
	return nil
}

// lowStock notifies OWNER and ADMIN staff once, listing the products that
// the order left at 5 or fewer, and queues product.low_stock per product.
func lowStock(ctx context.Context, tx *store.Tx, companyID string, low []model.Product) error {
	sort.Slice(low, func(i, j int) bool { return low[i].Stock < low[j].Stock })
	var parts []string
	for _, p := range low {
		parts = append(parts, fmt.Sprintf("%s: %d left", p.Name, p.Stock))
	}
	if err := events.Notify(ctx, tx, companyID, events.Managers, "ORDER_LOW_STOCK", "Low stock", strings.Join(parts, "; "), "/dashboard/inventory?stock=low"); err != nil {
		return err
	}
	for _, p := range low {
		if err := events.Webhook(ctx, tx, companyID, "product.low_stock", map[string]any{"id": p.ID, "sku": p.SKU, "name": p.Name, "stock": p.Stock}); err != nil {
			return err
		}
	}
	return nil
}
