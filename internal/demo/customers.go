package demo

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// demoBusinesses are the demo customers: restaurants, shops and hotels.
func demoBusinesses() []string {
	return []string{
		"Harbor Grill & Bar", "La Petite Boulangerie", "Green Leaf Market", "Sakura Kitchen", "Blue Plate Diner",
		"Hotel Marisol", "Acme Restaurant Group", "Corner Coffee Co", "Trattoria Da Luca", "The Noodle House",
		"Sunrise Bakery", "Metro Deli", "Pine Street Cafe", "Golden Dragon", "Casa Oaxaca",
		"The Daily Grind", "Riverside Bistro", "Fresh & Co Grocers", "Olive & Thyme", "Burger Barn",
		"Seaside Fish Market", "Maple Leaf Inn", "Spice Route", "Little Italy Pizzeria", "The Vegan Table",
		"Uptown Juice Bar", "Bayview Hotel", "Campus Dining Services", "Kettle & Crumb", "Smokehouse BBQ",
		"Tokyo Ramen Bar", "Le Petit Paris", "Farm to Fork", "City Hospital Cafeteria", "Brew Brothers Taproom",
		"Mountain View Lodge", "Taco Fiesta", "The Salad Bowl", "Parkside Catering", "Nordic Kitchen",
		"Saffron Indian Cuisine", "Main Street Market", "The Oyster Bar", "Cloud Nine Desserts", "Gourmet Express",
		"Lakeside Resort", "Bella Vista Ristorante", "The Breakfast Club", "Urban Eats Food Truck", "Evergreen Senior Living",
	}
}

func emailOf(name string) string {
	slug := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return -1
	}, name)
	return "orders@" + slug + ".example"
}

// seedCustomers imports the 50 demo customers through the real import, then
// gives them contacts in every role, addresses, custom prices and a few
// months of orders in every status.
func seedCustomers(ctx context.Context, st *store.Store, svc *customer.Service, companyID string, products []model.Product, now time.Time) error {
	rng := rand.New(rand.NewPCG(42, 2026))
	var buf bytes.Buffer
	w := csvio.NewWriter(&buf)
	_ = w.Write(customer.CustomersSchema().Names())
	notes := []string{"Deliveries before 7am, use the back door.", "Net 30 terms agreed.", "Prefers Tuesday delivery.",
		"Call before substituting items.", "", "", "Seasonal: busier in summer."}
	for i, name := range demoBusinesses() {
		status := "ACTIVE"
		if i%12 == 11 {
			status = "BLOCKED"
		}
		credit := ""
		if i%3 != 2 {
			credit = fmt.Sprintf("%d", 1000*(1+rng.IntN(20)))
		}
		_ = w.Write([]string{emailOf(name), name, status, notes[i%len(notes)], credit})
	}
	_ = w.Flush()
	res, err := svc.ImportCustomers(ctx, model.SystemActor(), companyID, &buf, customer.ImportOptions{FileName: "demo-customers.csv"})
	if err != nil {
		return err
	}
	if !res.OK() {
		return fmt.Errorf("demo customers: %v", res.Errors)
	}
	page, err := svc.List(ctx, companyID, model.CustomerFilter{Sort: "oldest", PerPage: 100})
	if err != nil {
		return err
	}
	// Customers joined over the months before the demo's orders start.
	err = st.InTx(ctx, func(tx *store.Tx) error {
		for i, c := range page.Customers {
			joined := now.Add(-time.Duration(200-i*2) * 24 * time.Hour).Truncate(time.Hour)
			if err := tx.SetCustomerCreatedAt(ctx, companyID, c.ID, joined); err != nil {
				return err
			}
			page.Customers[i].CreatedAt = joined
		}
		return nil
	})
	if err != nil {
		return err
	}
	sys := model.SystemActor()
	roles := []string{"ADMIN", "BUYER", "VIEWER"}
	firstNames := []string{"Ana", "Ben", "Chloe", "Dev", "Elena", "Felix", "Grace", "Hiro"}
	cities := []struct{ city, region, postal, country string }{
		{"Portland", "OR", "97205", "US"}, {"Seattle", "WA", "98101", "US"}, {"Austin", "TX", "78701", "US"},
		{"Toronto", "ON", "M5V 2T6", "CA"}, {"Lyon", "", "69002", "FR"}, {"Barcelona", "", "08001", "ES"},
	}
	for i, c := range page.Customers {
		// Contacts in all three roles for every third customer.
		if i%3 == 0 {
			for k, role := range roles[:1+i%3+1] {
				first := firstNames[(i+k)%len(firstNames)]
				domain := strings.TrimPrefix(c.Email, "orders@")
				if _, err := svc.AddContact(ctx, sys, companyID, c.ID, customer.ContactInput{
					Email: strings.ToLower(first) + "@" + domain, Name: first + " " + string(rune('A'+k)) + ".", Role: role}); err != nil {
					return err
				}
			}
			if i%2 == 0 {
				if _, err := svc.AddContact(ctx, sys, companyID, c.ID, customer.ContactInput{
					Email: "viewer@" + strings.TrimPrefix(c.Email, "orders@"), Name: "Accounts", Role: "VIEWER"}); err != nil {
					return err
				}
			}
		}
		// Addresses: one or two, the first default.
		if err := seedAddresses(ctx, st, companyID, c, cities[i%len(cities)], i); err != nil {
			return err
		}
		// Custom prices for some customers.
		if i%4 == 0 {
			for k := 0; k < 3; k++ {
				p := products[(i*7+k*13)%len(products)]
				if !p.Active {
					continue
				}
				price := p.Price * model.Money(85+rng.IntN(25)) / 100
				if _, err := svc.SetPrice(ctx, sys, companyID, c.ID, p.ID, price.String()); err != nil {
					return err
				}
			}
		}
	}
	return seedOrders(ctx, st, companyID, page.Customers, products, now, rng)
}

func seedAddresses(ctx context.Context, st *store.Store, companyID string, c model.Customer, loc struct{ city, region, postal, country string }, i int) error {
	return st.InTx(ctx, func(tx *store.Tx) error {
		labels := []string{"Main kitchen", "Warehouse"}
		n := 1 + i%2
		for k := 0; k < n; k++ {
			a := model.Address{ID: model.NewID(), CompanyID: companyID, CustomerID: c.ID, Label: labels[k],
				Line1: fmt.Sprintf("%d %s", 100+i*7+k, []string{"Harbor St", "Market Ave", "Pine St", "Oak Blvd"}[(i+k)%4]),
				City:  loc.city, Region: loc.region, PostalCode: loc.postal, Country: loc.country, IsDefault: k == 0,
				CreatedAt: tx.Now, UpdatedAt: tx.Now}
			if k == 1 {
				a.Line2 = "Dock 3"
			}
			if err := tx.CreateAddress(ctx, a); err != nil {
				return err
			}
			if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: model.SystemActor(), Action: "CustomerAddressCreated",
				EntityType: "customer", EntityID: c.ID, Details: map[string]any{"addressId": a.ID, "label": a.Label, "city": a.City}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// seedOrders writes about four months of orders in every status, priced
// with each customer's prices and the company's tax and shipping, numbered
// in the order they were placed.
func seedOrders(ctx context.Context, st *store.Store, companyID string, customers []model.Customer, products []model.Product, now time.Time, rng *rand.Rand) error {
	company, err := st.Company(ctx, companyID)
	if err != nil {
		return err
	}
	statuses := []model.OrderStatus{model.OrderDelivered, model.OrderDelivered, model.OrderDelivered, model.OrderShipped,
		model.OrderConfirmed, model.OrderSubmitted, model.OrderCancelled}
	var active []model.Product
	for _, p := range products {
		if p.Active {
			active = append(active, p)
		}
	}
	var orders []model.Order
	for i, c := range customers {
		if i%10 == 9 {
			continue // a few customers have not ordered yet
		}
		overrides, err := st.PriceOverrides(ctx, companyID, c.ID)
		if err != nil {
			return err
		}
		addrs, err := st.Addresses(ctx, companyID, c.ID)
		if err != nil {
			return err
		}
		prices := map[string]model.Money{}
		for _, o := range overrides {
			prices[o.ProductID] = o.Price
		}
		maxHours := min(120*24, int(now.Sub(c.CreatedAt).Hours())-24)
		for k, n := 0, 1+rng.IntN(6); k < n && maxHours > 0; k++ {
			age := time.Duration(rng.IntN(maxHours)) * time.Hour
			at := now.Add(-age).Truncate(time.Second)
			status := statuses[(i+k)%len(statuses)]
			if age < 72*time.Hour {
				status = model.OrderSubmitted
			}
			o := model.Order{ID: model.NewIDAt(at), CompanyID: companyID, Status: status, CustomerID: c.ID,
				CustomerEmail: c.Email, CustomerName: c.Name, PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: c.ID, Label: c.Email},
				TaxRate: company.TaxRate, Shipping: company.ShippingFee, CreatedAt: at, UpdatedAt: at}
			if len(addrs) > 0 {
				a := addrs[0]
				o.ShippingAddress = model.ShippingAddress{Label: a.Label, Line1: a.Line1, Line2: a.Line2, City: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country}
			}
			used := map[string]bool{}
			for l, lines := 0, 1+rng.IntN(4); l < lines; l++ {
				p := active[rng.IntN(len(active))]
				if used[p.ID] {
					continue
				}
				used[p.ID] = true
				price := p.Price
				if op, ok := prices[p.ID]; ok {
					price = op
				}
				qty := 1 + rng.IntN(12)
				o.Items = append(o.Items, model.OrderItem{ID: model.NewID(), ProductID: p.ID, ProductName: p.Name, ProductSKU: p.SKU,
					Quantity: qty, UnitPrice: price, LineTotal: price * model.Money(qty)})
				o.Subtotal += price * model.Money(qty)
			}
			o.Tax = o.TaxRate.Apply(o.Subtotal)
			o.Total = o.Subtotal + o.Tax + o.Shipping
			orders = append(orders, o)
		}
	}
	sort.Slice(orders, func(i, j int) bool { return orders[i].CreatedAt.Before(orders[j].CreatedAt) })
	return st.InTx(ctx, func(tx *store.Tx) error {
		for _, o := range orders {
			num, err := tx.NextOrderNumber(ctx, companyID)
			if err != nil {
				return err
			}
			o.Number = num
			if err := tx.CreateOrder(ctx, o); err != nil {
				return err
			}
			if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: model.Actor{Type: model.ActorCustomer, ID: o.CustomerID, Label: o.CustomerEmail},
				Action: "OrderPlaced", EntityType: "order", EntityID: o.ID, Details: map[string]any{"number": o.Number, "total": o.Total.Float(), "demo": true}}); err != nil {
				return err
			}
		}
		return tx.RecomputeAllCustomerStats(ctx, companyID)
	})
}
