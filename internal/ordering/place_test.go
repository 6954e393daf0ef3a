package ordering_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

type world struct {
	s       *store.Store
	svc     *ordering.Service
	company model.Company
}

func newWorld(t *testing.T, s *store.Store, tax model.Rate, shipping model.Money) world {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	c := model.Company{ID: model.NewID(), Name: "Order Co", Slug: storetest.Name("order"), TaxRate: tax, ShippingFee: shipping, ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateCompany(ctx, c) }); err != nil {
		t.Fatal(err)
	}
	return world{s: s, svc: ordering.New(s, nil), company: c}
}

func (w world) product(t *testing.T, name string, price model.Money, stock int) model.Product {
	t.Helper()
	ctx := context.Background()
	p := model.Product{ID: model.NewID(), CompanyID: w.company.ID, Name: name, SKU: strings.ToUpper(name[:3]) + model.NewID()[20:], Unit: "case", Price: price, Stock: stock, Active: true}
	if err := w.s.InTx(ctx, func(tx *store.Tx) error {
		p.CreatedAt, p.UpdatedAt = tx.Now, tx.Now
		return tx.CreateProduct(ctx, p)
	}); err != nil {
		t.Fatal(err)
	}
	return p
}

func (w world) customer(t *testing.T, email string, override *model.Rate) model.Customer {
	t.Helper()
	ctx := context.Background()
	c := model.Customer{ID: model.NewID(), CompanyID: w.company.ID, Email: email, Name: "Buyer " + email, Status: model.CustomerActive, TaxRateOverride: override}
	if err := w.s.InTx(ctx, func(tx *store.Tx) error {
		c.CreatedAt, c.UpdatedAt = tx.Now, tx.Now
		if err := tx.CreateCustomer(ctx, c); err != nil {
			return err
		}
		return tx.CreateAddress(ctx, model.Address{ID: model.NewID(), CompanyID: w.company.ID, CustomerID: c.ID, Label: "Main", Line1: "1 Main St",
			City: "Portland", Region: "OR", PostalCode: "97205", Country: "US", IsDefault: true, CreatedAt: tx.Now, UpdatedAt: tx.Now})
	}); err != nil {
		t.Fatal(err)
	}
	return c
}

func placeFor(c model.Customer, lines ...ordering.LineInput) ordering.PlaceInput {
	return ordering.PlaceInput{CompanyID: c.CompanyID, CustomerID: c.ID, Lines: lines, Webhook: true,
		PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: c.ID, Label: c.Email}, Actor: model.Actor{Type: model.ActorCustomer, ID: c.ID, Label: c.Email}}
}

func TestPlaceComputesTotalsAndFreezesCopies(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, 8875, 1500) // 8.875 %, 15.00 shipping
		listenAll(t, s, w.company.ID)
		towels := w.product(t, "Towels", 1840, 100)
		soap := w.product(t, "Soap", 725, 6)
		c := w.customer(t, "buyer@example.com", nil)
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.SetPriceOverride(ctx, w.company.ID, c.ID, towels.ID, 1700, tx.Now)
		}); err != nil {
			t.Fatal(err)
		}
		o, err := w.svc.Place(ctx, placeFor(c, ordering.LineInput{ProductID: towels.ID, Quantity: 3}, ordering.LineInput{ProductID: soap.ID, Quantity: 2}))
		if err != nil {
			t.Fatal(err)
		}
		// 3 × 17.00 (override) + 2 × 7.25 = 65.50; tax 8.875 % = 5.813… → 5.81; + 15.00
		if o.Number != 1001 || o.Subtotal != 6550 || o.Tax != 581 || o.Shipping != 1500 || o.Total != 6550+581+1500 || o.Status != model.OrderSubmitted {
			t.Fatalf("order %+v", o)
		}
		if o.ShippingAddress.City != "Portland" || o.CustomerEmail != "buyer@example.com" || o.Items[0].UnitPrice != 1700 || o.Items[0].ProductName != "Towels" {
			t.Fatalf("copies %+v", o)
		}
		// Later changes change nothing on the order.
		_ = s.InTx(ctx, func(tx *store.Tx) error {
			renamed := towels
			renamed.Name, renamed.Price, renamed.UpdatedAt = "Renamed", 9999, tx.Now
			if err := tx.UpdateProduct(ctx, renamed); err != nil {
				return err
			}
			return tx.DeletePriceOverride(ctx, w.company.ID, c.ID, towels.ID)
		})
		stored, _ := s.Order(ctx, w.company.ID, o.ID)
		if stored.Items[0].ProductName != "Towels" || stored.Items[0].UnitPrice != 1700 || stored.Total != o.Total {
			t.Fatalf("stored order changed: %+v", stored.Items[0])
		}
		p, _ := s.Product(ctx, w.company.ID, soap.ID)
		if p.Stock != 4 {
			t.Fatalf("soap stock %d, want 4", p.Stock)
		}
		// The customer's own rate wins over the company's.
		ten := model.Rate(10000)
		c2 := w.customer(t, "override@example.com", &ten)
		o2, err := w.svc.Place(ctx, placeFor(c2, ordering.LineInput{ProductID: towels.ID, Quantity: 1}))
		if err != nil || o2.Tax != 1000 || o2.Number != 1002 {
			t.Fatalf("override tax %+v %v", o2, err)
		}
		// Audit, notifications and the outbox are written with the order.
		page, _ := audit.Reader{Store: s}.List(ctx, w.company.ID, model.AuditFilter{Action: "OrderPlaced"})
		events, _ := s.OutboxEvents(ctx, w.company.ID)
		var names []string
		for _, e := range events {
			names = append(names, e.Event)
		}
		if len(page.Entries) != 2 || strings.Join(names, ",") != "order.created,product.low_stock,order.created" {
			t.Fatalf("audit %d, outbox %v", len(page.Entries), names)
		}
		cs, _ := s.Customer(ctx, w.company.ID, c.ID)
		if cs.OrderCount != 1 || cs.TotalSpent != o.Total {
			t.Fatalf("stats %+v", cs)
		}
	})
}

func TestPlaceRefusesAndWritesNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, 0, 0)
		other := newWorld(t, s, 0, 0)
		p := w.product(t, "Gloves", 999, 3)
		foreign := other.product(t, "Foreign", 100, 100)
		c := w.customer(t, "buyer@example.com", nil)
		cases := []struct {
			in   ordering.PlaceInput
			want string
		}{
			{placeFor(c, ordering.LineInput{ProductID: p.ID, Quantity: 4}), "Not enough stock for Gloves. Only 3 available."},
			{placeFor(c, ordering.LineInput{ProductID: p.ID, Quantity: 1}, ordering.LineInput{ProductID: foreign.ID, Quantity: 1}), "no longer exists"},
			{placeFor(c), "The order has no products."},
		}
		for _, tc := range cases {
			if _, err := w.svc.Place(ctx, tc.in); !strings.Contains(model.ErrorMessage(err), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		}
		got, _ := s.Product(ctx, w.company.ID, p.ID)
		if got.Stock != 3 {
			t.Fatalf("stock %d after refused orders", got.Stock)
		}
		if n, _ := s.CountOrdersSince(ctx, w.company.ID, time.Time{}); n != 0 {
			t.Fatalf("%d orders written", n)
		}
	})
}

// Fifty buyers race for the last ten units: exactly the orders that fit
// succeed, the rest get the stock message, and stock ends at 0.
func TestRaceForTheLastUnits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, 0, 0)
		p := w.product(t, "Last Units", 500, 10)
		const buyers = 50
		customers := make([]model.Customer, buyers)
		for i := range customers {
			customers[i] = w.customer(t, fmt.Sprintf("b%02d@example.com", i), nil)
		}
		var wg sync.WaitGroup
		errs := make([]error, buyers)
		for i := range customers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = w.svc.Place(ctx, placeFor(customers[i], ordering.LineInput{ProductID: p.ID, Quantity: 1}))
			}()
		}
		wg.Wait()
		sold, refused := 0, 0
		for i, err := range errs {
			switch {
			case err == nil:
				sold++
			case model.ErrorMessage(err) == "Not enough stock for Last Units. Only 0 available.":
				refused++
			default:
				t.Fatalf("buyer %d: %v", i, err)
			}
		}
		got, _ := s.Product(ctx, w.company.ID, p.ID)
		if sold != 10 || refused != 40 || got.Stock != 0 {
			t.Fatalf("sold %d, refused %d, stock left %d; want 10, 40, 0", sold, refused, got.Stock)
		}
		if n, _ := s.CountOrdersSince(ctx, w.company.ID, time.Time{}); n != 10 {
			t.Fatalf("%d orders stored, want 10", n)
		}
	})
}

// listenAll registers a webhook subscribed to every event, so changes of
// the company store their outbox events (an event nobody listens to is not
// stored).
func listenAll(t *testing.T, s *store.Store, companyID string) {
	t.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *store.Tx) error {
		return tx.CreateWebhook(ctx, model.Webhook{ID: model.NewID(), CompanyID: companyID, URL: "https://hooks.example/all",
			Events: model.WebhookEvents(), IsActive: true, Secret: "whsec_test", CreatedAt: tx.Now, UpdatedAt: tx.Now})
	})
	if err != nil {
		t.Fatal(err)
	}
}
