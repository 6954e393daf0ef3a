package customer_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

var staff = model.Actor{Type: model.ActorUser, ID: "u1", Label: "Sam Staff"}

type fixture struct {
	s       *store.Store
	svc     *customer.Service
	cat     *catalog.Service
	company model.Company
}

func newFixture(t *testing.T, s *store.Store) fixture {
	t.Helper()
	now := time.Now().UTC()
	c := model.Company{ID: model.NewID(), Name: "Acme Distributors", Slug: storetest.Name("acme"), ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateCompany(context.Background(), c) }); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	return fixture{s: s, svc: customer.New(s, nil, "http://shop.example", quiet), cat: catalog.New(s, t.TempDir(), quiet), company: c}
}

// importCSV imports a customers file and fails the test on an error.
func (f fixture) importCSV(t *testing.T, csv string) {
	t.Helper()
	res, err := f.svc.ImportCustomers(context.Background(), staff, f.company.ID, strings.NewReader(csv), customer.ImportOptions{})
	if err != nil || !res.Applied {
		t.Fatalf("import: %v %+v", err, res.Errors)
	}
}

func (f fixture) customer(t *testing.T, email string) model.Customer {
	t.Helper()
	c, err := f.s.CustomerByEmail(context.Background(), f.company.ID, email)
	if err != nil {
		t.Fatalf("customer %s: %v", email, err)
	}
	return c
}

func (f fixture) product(t *testing.T, name, sku, price string, active bool) model.Product {
	t.Helper()
	p, err := f.cat.Create(context.Background(), staff, f.company.ID, catalog.ProductInput{Name: name, SKU: sku, Price: price, Stock: "100", Unit: "case", Active: active}, catalog.ImageChange{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// order inserts an order for a customer through the store, as placement
// will, and keeps the customer's stats in step.
func (f fixture) order(t *testing.T, c model.Customer, p model.Product, qty int, status model.OrderStatus, at time.Time) model.Order {
	t.Helper()
	ctx := context.Background()
	var o model.Order
	err := f.s.InTx(ctx, func(tx *store.Tx) error {
		n, err := tx.NextOrderNumber(ctx, f.company.ID)
		if err != nil {
			return err
		}
		line := model.Money(qty) * p.Price
		o = model.Order{ID: model.NewID(), CompanyID: f.company.ID, Number: n, Status: status, CustomerID: c.ID,
			CustomerEmail: c.Email, CustomerName: c.Name, PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: c.ID, Label: c.Email},
			Subtotal: line, Total: line, CreatedAt: at, UpdatedAt: at,
			Items: []model.OrderItem{{ID: model.NewID(), ProductID: p.ID, ProductName: p.Name, ProductSKU: p.SKU, Quantity: qty, UnitPrice: p.Price, LineTotal: line}}}
		if err := tx.CreateOrder(ctx, o); err != nil {
			return err
		}
		return tx.RecomputeCustomerStats(ctx, f.company.ID, c.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func asErr(err error) *model.Error {
	for e := err; e != nil; {
		if m, ok := e.(*model.Error); ok {
			return m
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return nil
		}
		e = u.Unwrap()
	}
	return nil
}
