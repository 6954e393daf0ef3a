package staff_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// benchCustomers is the size of the list benchmark; DISTRIBU_BENCH_ROWS
// changes it.
func benchCustomers() int {
	if n, err := strconv.Atoi(os.Getenv("DISTRIBU_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// seedCustomers inserts n customers, and orders for a third of them, into
// the company, then brings the list statistics up to date.
func seedCustomers(b *testing.B, srv *apptest.Server, companyID string, n int) {
	b.Helper()
	ctx := context.Background()
	st := srv.App.Store
	p := model.Product{ID: model.NewID(), CompanyID: companyID, Name: "Bench Product", SKU: "BENCH", Unit: "each", Price: 1250, Stock: 1_000_000, Active: true}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := st.InTx(ctx, func(tx *store.Tx) error {
		p.CreatedAt, p.UpdatedAt = tx.Now, tx.Now
		if err := tx.CreateProduct(ctx, p); err != nil {
			return err
		}
		batch := make([]model.Customer, 0, 1000)
		for i := 0; i < n; i++ {
			at := base.Add(time.Duration(i) * time.Minute)
			c := model.Customer{ID: model.NewIDAt(at), CompanyID: companyID, Email: fmt.Sprintf("buyer%07d@shop%d.example", i, i%1000),
				Name: fmt.Sprintf("%s Shop %d", []string{"Harbor", "Maple", "Corner", "Golden", "Urban"}[i%5], i), Status: model.CustomerActive,
				CreatedAt: at, UpdatedAt: at}
			if i%10 == 0 {
				c.Status = model.CustomerBlocked
			}
			batch = append(batch, c)
			if len(batch) == cap(batch) {
				if err := tx.CreateCustomers(ctx, batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		if err := tx.CreateCustomers(ctx, batch); err != nil {
			return err
		}
		page, err := tx.Customers(ctx, companyID, model.CustomerFilter{Sort: "oldest", PerPage: n})
		if err != nil {
			return err
		}
		for i, c := range page.Customers {
			if i%3 != 0 {
				continue
			}
			num, err := tx.NextOrderNumber(ctx, companyID)
			if err != nil {
				return err
			}
			qty := 1 + i%17
			total := p.Price * model.Money(qty)
			at := c.CreatedAt.Add(time.Duration(i%500) * time.Hour)
			o := model.Order{ID: model.NewIDAt(at), CompanyID: companyID, Number: num, Status: model.OrderDelivered, CustomerID: c.ID,
				CustomerEmail: c.Email, PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: c.ID, Label: c.Email},
				Subtotal: total, Total: total, CreatedAt: at, UpdatedAt: at,
				Items: []model.OrderItem{{ID: model.NewID(), ProductID: p.ID, ProductName: p.Name, ProductSKU: p.SKU, Quantity: qty, UnitPrice: p.Price, LineTotal: total}}}
			if err := tx.CreateOrder(ctx, o); err != nil {
				return err
			}
		}
		return tx.RecomputeAllCustomerStats(ctx, companyID)
	})
	if err != nil {
		b.Fatal(err)
	}
	// Steady state: statistics and visibility as autovacuum leaves them.
	if err := st.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCustomerList serves /dashboard/customers through the whole
// handler stack (session check, SQL, template) over benchCustomers()
// customers: the first page of every sort, a search, the status filter and
// the deepest page. Each sub-benchmark reports ms per page (server time).
func BenchmarkCustomerList(b *testing.B) {
	n := benchCustomers()
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			if e == store.Postgres && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("set DISTRIBU_TEST_POSTGRES to benchmark PostgreSQL")
			}
			srv := apptest.Start(b, e)
			owner := srv.Signup(b, "Bench Co", "B", "b@bench.example", "password123")
			seedCustomers(b, srv, companyIDB(b, srv, "bench-co"), n)
			cookie := owner.Jar.Cookies(mustURL(srv.URL))
			handler := srv.App.Handler()
			last := (n + 49) / 50
			variants := []struct{ name, query string }{
				{"newest", ""}, {"oldest", "?sort=oldest"}, {"name", "?sort=name"}, {"email", "?sort=email"},
				{"spent", "?sort=spent"}, {"orders", "?sort=orders"}, {"last_order", "?sort=last_order"},
				{"search", "?q=maple+shop+9"}, {"status", "?status=BLOCKED"},
				{"deep_newest", "?page=" + strconv.Itoa(last)}, {"deep_name", "?sort=name&page=" + strconv.Itoa(last)},
				{"deep_spent", "?sort=spent&page=" + strconv.Itoa(last)},
			}
			for _, v := range variants {
				b.Run(v.name, func(b *testing.B) {
					req := httptest.NewRequest("GET", "/dashboard/customers"+v.query, nil)
					for _, c := range cookie {
						req.AddCookie(c)
					}
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						rec := httptest.NewRecorder()
						handler.ServeHTTP(rec, req)
						if rec.Code != http.StatusOK {
							b.Fatalf("%s: %d", v.query, rec.Code)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
				})
			}
		})
	}
}

func companyIDB(b *testing.B, srv *apptest.Server, slug string) string {
	b.Helper()
	c, err := srv.App.Store.CompanyBySlug(context.Background(), slug)
	if err != nil {
		b.Fatal(err)
	}
	return c.ID
}
