package shop_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// cartWriteLines is how many lines BenchmarkCartWrites puts in the cart
// before each order.
const cartWriteLines = 10

// BenchmarkCartWrites measures the writes the shopper version's triggers
// (migration 0009) add to: setting a cart line's quantity, and placing an
// order that empties a cart of cartWriteLines lines. One iteration fills
// the cart line by line and places the order; cart-ms/set and
// order-ms/order are the wall times of each.
func BenchmarkCartWrites(b *testing.B) {
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			if e == store.Postgres && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("set DISTRIBU_TEST_POSTGRES to benchmark PostgreSQL")
			}
			ctx := context.Background()
			srv := apptest.Start(b, e)
			srv.Signup(b, "Write Foods", "Wes Write", "wes@writefoods.example", "correct horse battery")
			company, err := srv.App.Store.CompanyBySlug(ctx, "write-foods")
			if err != nil {
				b.Fatal(err)
			}
			token, err := srv.App.Customers.Register(ctx, company.ID, customer.RegisterInput{Name: "Corner Cafe",
				Email: "cafe@example.com", Password: "flour and water"})
			if err != nil {
				b.Fatal(err)
			}
			sh, err := srv.App.Customers.Shopper(ctx, company, token)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := srv.App.Customers.AddAddress(ctx, sh, customer.AddressInput{Label: "Cafe", Line1: "1 Main St",
				City: "Portland", Country: "US"}); err != nil {
				b.Fatal(err)
			}
			var products []model.Product
			for i := 0; i < cartWriteLines; i++ {
				p, err := srv.App.Catalog.Create(ctx, model.SystemActor(), company.ID, catalog.ProductInput{Name: fmt.Sprintf("Item %d", i),
					Price: "1.00", Stock: "900000", Unit: "each", Active: true}, catalog.ImageChange{})
				if err != nil {
					b.Fatal(err)
				}
				products = append(products, p)
			}
			holder := ""
			var setTime, placeTime time.Duration
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				start := time.Now()
				lines := make([]ordering.LineInput, len(products))
				for i, p := range products {
					if err := srv.App.Ordering.SetCartQuantity(ctx, sh, p.ID, "2"); err != nil {
						b.Fatal(err)
					}
					lines[i] = ordering.LineInput{ProductID: p.ID, Quantity: 2}
				}
				setTime += time.Since(start)
				start = time.Now()
				if _, err := srv.App.Ordering.Place(ctx, ordering.PlaceInput{CompanyID: company.ID, CustomerID: sh.Customer.ID,
					PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: sh.Customer.ID, Label: "cafe@example.com"}, Actor: sh.Actor(),
					Lines: lines, CartHolder: &holder, Webhook: true}); err != nil {
					b.Fatal(err)
				}
				placeTime += time.Since(start)
			}
			b.ReportMetric(float64(setTime.Microseconds())/1000/float64(b.N*len(products)), "cart-ms/set")
			b.ReportMetric(float64(placeTime.Microseconds())/1000/float64(b.N), "order-ms/order")
		})
	}
}
