package shop_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/web/shop"
)

// The size of the catalog benchmark's store and the load it puts on it.
const (
	benchProducts  = 10_000 // active products of the company
	benchOverrides = 1_000  // price overrides of the benchmark customer
	benchWorkers   = 8      // concurrent clients of the load phases
	serialRequests = 50     // requests of the serial phase, per iteration
	appRequests    = 1_000  // requests to the application, per iteration
	memRequests    = 5_000  // requests to the in-memory server, per iteration
	warmupRequests = 20     // untimed requests before each phase
	targetRatio    = 0.25   // wanted application rps / in-memory rps
)

var (
	benchCategories = []string{"Bakery", "Beverages", "Cleaning", "Dairy", "Disposables", "Dry Goods", "Frozen",
		"Kitchenware", "Meat", "Oils & Vinegars", "Pantry", "Paper", "Produce", "Seafood", "Snacks", "Spices"}
	benchAdjectives = []string{"Organic", "Premium", "Classic", "Bulk", "Artisan", "Everyday", "Chef's", "Golden",
		"Smoked", "Fresh", "Extra Virgin", "Stone-Ground", "Unsalted", "Wild", "House", "Heritage"}
	benchNouns = []string{"Flour", "Olive Oil", "Paper Towels", "Cheddar", "Coffee Beans", "Dish Soap", "Salmon",
		"Tortilla Chips", "Sea Salt", "Napkins", "Butter", "Basmati Rice", "Tomato Paste", "Cocoa", "Lemonade",
		"Trash Bags", "Peppercorns", "Yogurt", "Chicken Thighs", "Baguettes"}
	benchUnits = []string{"each", "case", "box", "bag", "lb", "kg", "L"}
)

// seedCatalog inserts benchProducts active products with varied names,
// categories, SKUs, descriptions, prices and stock (some low, some sold
// out), and gives the customer benchOverrides custom prices, in one
// transaction; then it refreshes the planner statistics.
func seedCatalog(b *testing.B, srv *apptest.Server, companyID, customerID string) []model.Product {
	b.Helper()
	ctx := context.Background()
	st := srv.App.Store
	products := make([]model.Product, benchProducts)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range products {
		at := base.Add(time.Duration(i) * time.Minute)
		adj, noun := benchAdjectives[(i/7)%len(benchAdjectives)], benchNouns[i%len(benchNouns)]
		stock := 5 + (i*37)%400
		switch {
		case i%53 == 0:
			stock = 0
		case i%17 == 0:
			stock = 1 + i%5
		}
		desc := ""
		if i%3 != 0 {
			desc = fmt.Sprintf("%s %s for professional kitchens. Lot %d, packed for wholesale; %s.", adj, strings.ToLower(noun), i,
				strings.Repeat("Store in a cool, dry place. ", 1+i%4))
		}
		products[i] = model.Product{ID: model.NewIDAt(at), CompanyID: companyID,
			Name:     fmt.Sprintf("%s %s %d", adj, noun, i),
			SKU:      fmt.Sprintf("%s-%05d", strings.ToUpper(noun[:3]), i),
			Category: benchCategories[(i*7+i/13)%len(benchCategories)], Description: desc,
			Unit: benchUnits[i%len(benchUnits)], Price: model.Money(199 + (i*7919)%25000), Stock: stock, Active: true,
			CreatedAt: at, UpdatedAt: at}
	}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateProducts(ctx, products); err != nil {
			return err
		}
		for i := 0; i < benchOverrides; i++ {
			p := products[(i*10+3)%len(products)]
			if err := tx.SetPriceOverride(ctx, companyID, customerID, p.ID, p.Price*9/10, tx.Now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatalf("seed the catalog: %v", err)
	}
	if err := st.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	return products
}

// signIn signs the customer in through the storefront form and returns its
// session cookie.
func signIn(b *testing.B, srv *apptest.Server, slug, email, password string) *http.Cookie {
	b.Helper()
	c := srv.NewClient(b)
	res, err := c.PostForm(srv.URL+"/store/"+slug+"/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/store/"+slug+"/catalog" {
		b.Fatalf("storefront sign-in: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	for _, ck := range res.Cookies() {
		if ck.Name == shop.SessionCookie && ck.Value != "" {
			if ck.Path != "/store/"+slug {
				b.Errorf("session cookie path %q, want /store/%s", ck.Path, slug)
			}
			return ck
		}
	}
	b.Fatalf("storefront sign-in set no %s cookie", shop.SessionCookie)
	return nil
}

// loadResult is one load phase: throughput and latency.
type loadResult struct {
	rps      float64
	p50, p99 time.Duration
	bytes    int64
}

// runLoad sends total GETs of target with workers concurrent clients (one
// keep-alive connection each) and measures them. Every answer must be 200
// with want bytes.
func runLoad(b *testing.B, target, cookie string, workers, total int, want int) loadResult {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func() (int, int64, error) {
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			return 0, 0, err
		}
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		res, err := client.Do(req)
		if err != nil {
			return 0, 0, err
		}
		defer res.Body.Close()
		n, err := io.Copy(io.Discard, res.Body)
		return res.StatusCode, n, err
	}
	// Warm the connections (and the server) up, untimed.
	for i := 0; i < warmupRequests; i++ {
		if status, _, err := get(); err != nil || status != http.StatusOK {
			b.Fatalf("warm-up GET %s: %d %v", target, status, err)
		}
	}
	lat := make([]time.Duration, total)
	var next, bytes atomic.Int64
	var fail atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= total || fail.Load() != nil {
					return
				}
				t0 := time.Now()
				status, n, err := get()
				lat[i] = time.Since(t0)
				if err == nil && (status != http.StatusOK || int(n) != want) {
					err = fmt.Errorf("status %d, %d bytes (want 200, %d bytes)", status, n, want)
				}
				if err != nil {
					fail.CompareAndSwap(nil, err)
					return
				}
				bytes.Add(n)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, _ := fail.Load().(error); err != nil {
		b.Fatalf("GET %s under load: %v", target, err)
	}
	slices.Sort(lat)
	return loadResult{rps: float64(total) / elapsed.Seconds(), p50: lat[total/2], p99: lat[(total*99)/100], bytes: bytes.Load()}
}

// BenchmarkCatalogPage measures the storefront catalog page
// (GET /store/{slug}/catalog: session check, catalog version, the cached
// or freshly rendered product list, the cart and addresses, the template) for a customer with
// benchOverrides custom prices in a store of benchProducts products:
//
//   - ms/page: serial requests through the application's handler, no network
//     (the catalog cache warm: its hit cost);
//   - miss-ms/page: the same with the catalog cache emptied before each
//     request (its miss cost);
//   - cpu-ms/page, miss-cpu-ms/page: the process's CPU time over those
//     serial requests, per request (less disturbed by other work on the
//     machine than wall time);
//   - app-rps, app-p50-ms, app-p99-ms: benchWorkers concurrent clients over
//     loopback HTTP against the running application;
//   - mem-rps, mem-p99-ms: the same page's bytes served from memory by a
//     trivial handler, with the same clients, in the same run;
//   - rps-ratio: app-rps / mem-rps (the target is ≥ 0.25).
//
// Each iteration is a bounded amount of work, so -benchtime 1x is a full
// run. PostgreSQL runs when DISTRIBU_TEST_POSTGRES is set.
func BenchmarkCatalogPage(b *testing.B) {
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			if e == store.Postgres && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("set DISTRIBU_TEST_POSTGRES to benchmark PostgreSQL")
			}
			ctx := context.Background()
			srv := apptest.Start(b, e)
			srv.Signup(b, "Bench Foods", "Bea Bench", "bea@benchfoods.example", "correct horse battery")
			company, err := srv.App.Store.CompanyBySlug(ctx, "bench-foods")
			if err != nil {
				b.Fatal(err)
			}
			const email, password = "buyer@cornerbakery.example", "flour and water"
			token, err := srv.App.Customers.Register(ctx, company.ID, customer.RegisterInput{Name: "Corner Bakery", Email: email, Password: password})
			if err != nil {
				b.Fatal(err)
			}
			cust, err := srv.App.Store.CustomerByEmail(ctx, company.ID, email)
			if err != nil {
				b.Fatal(err)
			}
			products := seedCatalog(b, srv, company.ID, cust.ID)

			// A customer mid-order: three lines in the cart and a default
			// shipping address, so the cart beside the list is filled.
			sh, err := srv.App.Customers.Shopper(ctx, company, token)
			if err != nil {
				b.Fatal(err)
			}
			for i, p := range []model.Product{products[1], products[3], products[42]} {
				if err := srv.App.Ordering.SetCartQuantity(ctx, sh, p.ID, fmt.Sprint(i+1)); err != nil {
					b.Fatalf("cart: %v", err)
				}
			}
			if _, err := srv.App.Customers.AddAddress(ctx, sh, customer.AddressInput{Label: "Bakery", Line1: "12 Harbor Street",
				City: "Portland", Region: "ME", PostalCode: "04101", Country: "US"}); err != nil {
				b.Fatalf("address: %v", err)
			}

			cookie := signIn(b, srv, company.Slug, email, password)
			path := "/store/" + company.Slug + "/catalog"
			handler := srv.App.Handler()
			serve := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.AddCookie(cookie)
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, req)
				return rec
			}
			first := serve()
			page := first.Body.Bytes()
			if first.Code != http.StatusOK {
				b.Fatalf("GET %s: %d\n%s", path, first.Code, page)
			}
			for _, want := range []string{fmt.Sprintf("Showing 1–24 of %d products", benchProducts), "Your order",
				"12 Harbor Street", "Place order"} {
				if !strings.Contains(string(page), want) {
					b.Fatalf("the catalog page lacks %q", want)
				}
			}
			contentType := first.Header().Get("Content-Type")
			mem := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", contentType)
				_, _ = w.Write(page)
			}))
			defer mem.Close()
			cookieHeader := cookie.Name + "=" + cookie.Value

			var serial, missed, serialCPU, missedCPU time.Duration
			var app, inMemory loadResult
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				// (a) Serial, through the handler.
				for i := 0; i < warmupRequests; i++ {
					serve()
				}
				start, cpu := time.Now(), processCPU()
				for i := 0; i < serialRequests; i++ {
					if rec := serve(); rec.Code != http.StatusOK || rec.Body.Len() != len(page) {
						b.Fatalf("GET %s: %d, %d bytes", path, rec.Code, rec.Body.Len())
					}
				}
				serial, serialCPU = serial+time.Since(start), serialCPU+processCPU()-cpu
				// (a') Serial, with the catalog cache emptied before each
				// request: the cost of a miss.
				start, cpu = time.Now(), processCPU()
				for i := 0; i < serialRequests; i++ {
					srv.App.CatalogCache.Clear()
					if rec := serve(); rec.Code != http.StatusOK || rec.Body.Len() != len(page) {
						b.Fatalf("GET %s (cache miss): %d, %d bytes", path, rec.Code, rec.Body.Len())
					}
				}
				missed, missedCPU = missed+time.Since(start), missedCPU+processCPU()-cpu
				// (b) Concurrent, over loopback HTTP.
				r := runLoad(b, srv.URL+path, cookieHeader, benchWorkers, appRequests, len(page))
				app.rps += r.rps
				app.p50, app.p99 = max(app.p50, r.p50), max(app.p99, r.p99)
				// (c) The same bytes from memory, same clients.
				r = runLoad(b, mem.URL+path, "", benchWorkers, memRequests, len(page))
				inMemory.rps += r.rps
				inMemory.p50, inMemory.p99 = max(inMemory.p50, r.p50), max(inMemory.p99, r.p99)
			}
			b.StopTimer()
			app.rps /= float64(b.N)
			inMemory.rps /= float64(b.N)
			ratio := app.rps / inMemory.rps
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(serial)/float64(b.N*serialRequests), "ms/page")
			b.ReportMetric(ms(serialCPU)/float64(b.N*serialRequests), "cpu-ms/page")
			b.ReportMetric(ms(missed)/float64(b.N*serialRequests), "miss-ms/page")
			b.ReportMetric(ms(missedCPU)/float64(b.N*serialRequests), "miss-cpu-ms/page")
			b.ReportMetric(float64(len(page))/1024, "KB/page")
			b.ReportMetric(app.rps, "app-rps")
			b.ReportMetric(ms(app.p50), "app-p50-ms")
			b.ReportMetric(ms(app.p99), "app-p99-ms")
			b.ReportMetric(inMemory.rps, "mem-rps")
			b.ReportMetric(ms(inMemory.p99), "mem-p99-ms")
			b.ReportMetric(ratio, "rps-ratio")
			if ratio < targetRatio {
				b.Logf("%s: app %.0f rps / in-memory %.0f rps = %.3f, below the %.2f target", e, app.rps, inMemory.rps, ratio, targetRatio)
			}
		})
	}
}
