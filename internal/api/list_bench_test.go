package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// benchRows is the size of the API list benchmarks; DISTRIBU_BENCH_ROWS
// changes it.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("DISTRIBU_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// apiBench is a company with n customers and n orders and a key that may
// read both.
type apiBench struct {
	srv                 *apptest.Server
	key                 string
	customerIDs, orders []string // newest first
}

// seedAPIBench inserts n customers and n orders (one line each, spread over
// a year, time-ordered ids) in one transaction and makes a key.
func seedAPIBench(b *testing.B, e store.Engine, n int) apiBench {
	b.Helper()
	ctx := context.Background()
	// The key's requests are counted as always; the limit is set out of
	// reach so the benchmark measures serving, not refusing.
	srv := apptest.StartDSN(b, storetest.DSN(b, e), func(c *config.Config) { c.APIRateLimit = 1 << 30 })
	srv.Signup(b, "Bench API", "B", "b@benchapi.example", "password123")
	company, err := srv.App.Store.CompanyBySlug(ctx, "bench-api")
	if err != nil {
		b.Fatal(err)
	}
	users, err := srv.App.Store.StaffOfRoles(ctx, company.ID, model.RoleOwner)
	if err != nil || len(users) != 1 {
		b.Fatal(err)
	}
	start := time.Now()
	first := time.Now().UTC().Add(-365 * 24 * time.Hour)
	step := 365 * 24 * time.Hour / time.Duration(n)
	ab := apiBench{srv: srv}
	err = srv.App.Store.InTx(ctx, func(tx *store.Tx) error {
		p := model.Product{ID: model.NewID(), CompanyID: company.ID, Name: "Bench oil", SKU: "BO", Unit: "each", Price: 1250,
			Stock: 1_000_000, Active: true, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		if err := tx.CreateProduct(ctx, p); err != nil {
			return err
		}
		var cs []model.Customer
		for i := 0; i < n; i++ {
			at := first.Add(time.Duration(i) * step)
			c := model.Customer{ID: model.NewIDAt(at), CompanyID: company.ID, Email: fmt.Sprintf("buyer%06d@shop.example", i),
				Name: fmt.Sprintf("Shop %d", i), Status: model.CustomerActive, CreatedAt: at, UpdatedAt: at}
			cs = append(cs, c)
			ab.customerIDs = append(ab.customerIDs, c.ID)
		}
		if err := tx.CreateCustomers(ctx, cs); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			at := first.Add(time.Duration(i)*step + time.Millisecond)
			c := cs[(i*7919)%n]
			o := model.Order{ID: model.NewIDAt(at), CompanyID: company.ID, Number: 1001 + i, Status: model.OrderDelivered,
				CustomerID: c.ID, CustomerEmail: c.Email, CustomerName: c.Name, PlacedBy: model.PlacedBy{Type: "API", ID: "bench", Label: "bench"},
				ShippingAddress: model.ShippingAddress{Label: "Main", Line1: "1 Harbor Way", City: "Portland", Country: "US"},
				Subtotal:        2500, Shipping: 1000, Total: 3500, CreatedAt: at, UpdatedAt: at,
				Items: []model.OrderItem{{ID: model.NewIDAt(at), ProductID: p.ID, ProductName: p.Name, ProductSKU: p.SKU, Quantity: 2, UnitPrice: 1250, LineTotal: 2500}}}
			if err := tx.CreateOrder(ctx, o); err != nil {
				return err
			}
			ab.orders = append(ab.orders, o.ID)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	fatalIfB(b, srv.App.Store.Analyze(ctx))
	slices.Reverse(ab.customerIDs)
	slices.Reverse(ab.orders)
	_, ab.key, err = srv.App.Accounts.CreateAPIKey(ctx, model.Actor{Type: model.ActorUser, ID: users[0], Label: "B"}, company.ID,
		account.APIKeyInput{Name: "bench", Scopes: []string{"customers:read", "orders:read"}})
	fatalIfB(b, err)
	b.Logf("%s: seeded %d customers and %d orders in %s", e, n, n, time.Since(start).Round(time.Millisecond))
	return ab
}

func fatalIfB(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// get serves one API GET through the whole handler stack.
func (ab apiBench) get(w http.ResponseWriter, target string) {
	req := httptest.NewRequest("GET", target, nil)
	req.Header.Set("Authorization", "Bearer "+ab.key)
	ab.srv.App.Handler().ServeHTTP(w, req)
}

// BenchmarkAPIList serves GET /api/v1/customers and /api/v1/orders pages of
// 100 at depth 1 and at depth 1,000 (the cursor of the 999th page) over
// benchRows() rows of each, then measures sustained requests per second of
// a customers page from 8 concurrent clients over loopback HTTP.
func BenchmarkAPIList(b *testing.B) {
	n := benchRows()
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			if e == store.Postgres && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("set DISTRIBU_TEST_POSTGRES to benchmark PostgreSQL")
			}
			ab := seedAPIBench(b, e, n)
			depth := min(1000, n/100)
			for _, v := range []struct {
				name, path string
				ids        []string
			}{{"customers", "/api/v1/customers", ab.customerIDs}, {"orders", "/api/v1/orders", ab.orders}} {
				for _, d := range []int{1, depth} {
					target := v.path + "?limit=100"
					if d > 1 {
						target += "&cursor=" + v.ids[(d-1)*100-1]
					}
					b.Run(fmt.Sprintf("%s/depth_%d", v.name, d), func(b *testing.B) {
						for i := 0; i < b.N; i++ {
							rec := httptest.NewRecorder()
							ab.get(rec, target)
							if rec.Code != http.StatusOK {
								b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
							}
						}
						b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
						b.ReportMetric(0, "ns/op")
					})
				}
			}
			b.Run("customers/sustained", func(b *testing.B) {
				srv := httptest.NewServer(ab.srv.App.Handler())
				defer srv.Close()
				rps, p50, p99 := load(b, srv.URL+"/api/v1/customers?limit=50", ab.key, 8, 3*time.Second)
				b.ReportMetric(rps, "req/s")
				b.ReportMetric(p50, "p50_ms")
				b.ReportMetric(p99, "p99_ms")
				b.ReportMetric(0, "ns/op")
			})
		})
	}
}

// load sends GETs from clients goroutines for d and returns requests per
// second and the 50th and 99th percentile latencies in milliseconds.
func load(b *testing.B, url, key string, clients int, d time.Duration) (rps, p50, p99 float64) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	failed := 0
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("Authorization", "Bearer "+key)
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil || res.StatusCode != 200 {
					mu.Lock()
					failed++
					mu.Unlock()
					if res != nil {
						res.Body.Close()
					}
					continue
				}
				buf := make([]byte, 32<<10)
				for {
					if _, err := res.Body.Read(buf); err != nil {
						break
					}
				}
				res.Body.Close()
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if failed > 0 || len(lat) == 0 {
		b.Fatalf("%d failed requests, %d succeeded", failed, len(lat))
	}
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	return float64(len(lat)) / d.Seconds(), ms(0.50), ms(0.99)
}
