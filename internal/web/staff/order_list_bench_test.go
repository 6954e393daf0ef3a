package staff_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// benchOrders is the size of the order benchmarks; DISTRIBU_BENCH_ROWS
// changes it.
func benchOrders() int {
	if n, err := strconv.Atoi(os.Getenv("DISTRIBU_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 200_000
}

// benchOrderCustomers is how many customers the orders are spread over.
const benchOrderCustomers = 1000

// orderBench is a company seeded with benchOrders() orders, and what the
// variants need to build their queries.
type orderBench struct {
	srv        *apptest.Server
	cookies    []*http.Cookie
	n          int
	first      time.Time // the oldest order's time
	customerID string    // the customer of the customer filter
	seed       time.Duration
}

// benchOrderStatuses mixes the statuses as a year of trade leaves them:
// mostly delivered, some in flight, a tenth cancelled.
var benchOrderStatuses = []model.OrderStatus{
	model.OrderDelivered, model.OrderDelivered, model.OrderDelivered, model.OrderDelivered, model.OrderDelivered,
	model.OrderShipped, model.OrderConfirmed, model.OrderSubmitted, model.OrderSubmitted, model.OrderCancelled,
}

// seedOrderBench signs a company up and inserts, in one transaction, 1,000
// customers and n orders spread evenly over the past year (time-ordered
// ids), each with 1 to 3 lines, two in three with a PO number; then it
// brings the customer statistics and the planner's statistics up to date.
// Numbers are computed (1001…), not allocated one by one.
func seedOrderBench(b *testing.B, e store.Engine, n int) orderBench {
	b.Helper()
	ctx := context.Background()
	srv := apptest.Start(b, e)
	owner := srv.Signup(b, "Bench Orders", "B", "b@benchorders.example", "password123")
	companyID := companyIDB(b, srv, "bench-orders")
	st := srv.App.Store
	start := time.Now()
	now := time.Now().UTC().Truncate(time.Second)
	first := now.Add(-365 * 24 * time.Hour)
	step := 365 * 24 * time.Hour / time.Duration(n)
	var customers []model.Customer
	err := st.InTx(ctx, func(tx *store.Tx) error {
		var products []model.Product
		for i, price := range []model.Money{1250, 899, 4500, 2375, 150} {
			p := model.Product{ID: model.NewID(), CompanyID: companyID, Name: fmt.Sprintf("Bench Product %d", i), SKU: fmt.Sprintf("BP-%d", i),
				Unit: "each", Price: price, Stock: 1_000_000, Active: true, CreatedAt: tx.Now, UpdatedAt: tx.Now}
			if err := tx.CreateProduct(ctx, p); err != nil {
				return err
			}
			products = append(products, p)
		}
		for j := 0; j < benchOrderCustomers; j++ {
			at := first.Add(-time.Duration(benchOrderCustomers-j) * time.Hour)
			customers = append(customers, model.Customer{ID: model.NewIDAt(at), CompanyID: companyID,
				Email: fmt.Sprintf("buyer%04d@shop%03d.example", j, j%97), Name: fmt.Sprintf("%s Shop %d", []string{"Harbor", "Maple", "Corner", "Golden", "Urban"}[j%5], j),
				Status: model.CustomerActive, CreatedAt: at, UpdatedAt: at})
		}
		if err := tx.CreateCustomers(ctx, customers); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			at := first.Add(time.Duration(i)*step + time.Duration(i%7)*time.Millisecond)
			c := customers[(i*7919)%benchOrderCustomers]
			o := model.Order{ID: model.NewIDAt(at), CompanyID: companyID, Number: 1001 + i, Status: benchOrderStatuses[i%len(benchOrderStatuses)],
				CustomerID: c.ID, CustomerEmail: c.Email, CustomerName: c.Name,
				PlacedBy: model.PlacedBy{Type: "CUSTOMER", ID: c.ID, Label: c.Email},
				ShippingAddress: model.ShippingAddress{Label: "Main", Line1: fmt.Sprintf("%d Harbor Street", 1+i%300), City: []string{"Portland", "Boston", "Austin", "Denver"}[i%4],
					Region: []string{"ME", "MA", "TX", "CO"}[i%4], PostalCode: "04101", Country: "US"},
				Shipping: 1250, CreatedAt: at, UpdatedAt: at}
			if i%3 != 0 {
				o.PONumber = fmt.Sprintf("PO-%06d", i)
			}
			if i%11 == 0 {
				o.Notes = "Back door, before 7am."
			}
			for k := 0; k <= i%3; k++ {
				p := products[(i+k)%len(products)]
				qty := 1 + (i+k)%17
				line := p.Price * model.Money(qty)
				o.Items = append(o.Items, model.OrderItem{ID: model.NewIDAt(at), ProductID: p.ID, ProductName: p.Name, ProductSKU: p.SKU,
					Quantity: qty, UnitPrice: p.Price, LineTotal: line})
				o.Subtotal += line
			}
			o.Total = o.Subtotal + o.Shipping
			if err := tx.CreateOrder(ctx, o); err != nil {
				return err
			}
		}
		return tx.RecomputeAllCustomerStats(ctx, companyID)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	seed := time.Since(start)
	b.Logf("%s: seeded %d orders (%d customers) in %s", e, n, benchOrderCustomers, seed.Round(time.Millisecond))
	return orderBench{srv: srv, cookies: owner.Jar.Cookies(mustURL(srv.URL)), n: n, first: first, customerID: customers[421].ID, seed: seed}
}

// get serves one GET through the whole handler stack into w.
func (ob orderBench) get(w http.ResponseWriter, target string) {
	req := httptest.NewRequest("GET", target, nil)
	for _, c := range ob.cookies {
		req.AddCookie(c)
	}
	ob.srv.App.Handler().ServeHTTP(w, req)
}

var orderTotalRE = regexp.MustCompile(`(More than )?<span id="order-total">([\d,]+)</span>`)
var orderRowRE = regexp.MustCompile(`<a href="/dashboard/orders/[0-9a-z]{26}">#`)

// BenchmarkOrderList serves /dashboard/orders through the whole handler
// stack (session check, count, page query, template) over benchOrders()
// orders: the first and the deepest page of every sort, and every filter.
// Each sub-benchmark reports ms per page and how many orders matched
// ("capped" when the page says more than that many match).
func BenchmarkOrderList(b *testing.B) {
	n := benchOrders()
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			if e == store.Postgres && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("set DISTRIBU_TEST_POSTGRES to benchmark PostgreSQL")
			}
			ob := seedOrderBench(b, e, n)
			last := strconv.Itoa((n + 49) / 50)
			broadLast := strconv.Itoa(store.OrderBroadDepth / 50) // the deepest page of a broad search
			mid := ob.first.Add(182 * 24 * time.Hour)
			from, to := mid.Format("2006-01-02"), mid.Add(30*24*time.Hour).Format("2006-01-02")
			variants := []struct{ name, query string }{
				{"date", ""}, {"date_asc", "?sort=date_asc"}, {"status", "?sort=status"}, {"total", "?sort=total"}, {"total_asc", "?sort=total_asc"},
				{"deep_date", "?page=" + last}, {"deep_date_asc", "?sort=date_asc&page=" + last}, {"deep_status", "?sort=status&page=" + last},
				{"deep_total", "?sort=total&page=" + last}, {"deep_total_asc", "?sort=total_asc&page=" + last},
				{"q_po", "?q=PO-01234"}, {"q_number", "?q=%23" + strconv.Itoa(1001+n/2)}, {"q_email", "?q=buyer0421%40"},
				{"q_none", "?q=no-such-order"}, {"q_name", "?q=maple+shop+42"}, {"q_broad", "?q=shop"}, {"q_short", "?q=42"},
				{"q_broad_status", "?q=shop&sort=status"}, {"q_broad_total", "?q=shop&sort=total"}, {"q_broad_cancelled", "?q=shop&status=CANCELLED"},
				{"q_broad_deep", "?q=shop&page=" + broadLast}, {"q_short_total_asc", "?q=42&sort=total_asc"}, {"q_short_deep", "?q=42&page=" + broadLast},
				{"mid_date", "?page=" + strconv.Itoa((n/50)/2)}, {"mid_status", "?sort=status&page=" + strconv.Itoa((n/50)/2)},
				{"status_cancelled", "?status=CANCELLED"}, {"status_shipped_deep", "?status=SHIPPED&page=" + strconv.Itoa((n/10+49)/50)},
				{"customer", "?customer=" + ob.customerID}, {"customer_total", "?customer=" + ob.customerID + "&sort=total"},
				{"from_to", "?from=" + from + "&to=" + to}, {"from_to_total", "?from=" + from + "&to=" + to + "&sort=total"},
				{"from_to_deep", "?from=" + from + "&to=" + to + "&page=" + strconv.Itoa((n*30/365+49)/50)},
				{"min_max", "?min=200&max=210"}, {"min_high", "?min=2000"}, {"max_low", "?max=20"},
				{"combined", "?q=buyer04&status=DELIVERED&from=" + from + "&to=" + to + "&min=100&sort=total"},
			}
			for _, v := range variants {
				b.Run(v.name, func(b *testing.B) {
					target := "/dashboard/orders" + v.query
					var body []byte
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						rec := httptest.NewRecorder()
						ob.get(rec, target)
						if rec.Code != http.StatusOK {
							b.Fatalf("%s: %d", target, rec.Code)
						}
						body = rec.Body.Bytes()
					}
					b.StopTimer()
					b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
					m := orderTotalRE.FindSubmatch(body)
					if m == nil {
						b.Fatalf("%s: no order count on the page", target)
					}
					matched, _ := strconv.Atoi(strings.ReplaceAll(string(m[2]), ",", ""))
					b.ReportMetric(float64(matched), "matched")
					if len(m[1]) > 0 {
						b.ReportMetric(1, "capped")
					}
					b.ReportMetric(float64(len(orderRowRE.FindAll(body, -1))), "rows")
					if bytes.Contains(body, []byte(`class="alert"`)) {
						b.Fatalf("%s: the page reports a problem with the filter", target)
					}
				})
			}
		})
	}
}

// countingWriter is a ResponseWriter that keeps nothing: it counts bytes
// and lines, and samples the heap now and then to find its peak.
type countingWriter struct {
	header       http.Header
	code         int
	bytes, lines int64
	writes       int
	peak         uint64
}

func (w *countingWriter) Header() http.Header { return w.header }

func (w *countingWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *countingWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	w.bytes += int64(len(p))
	w.lines += int64(bytes.Count(p, []byte{'\n'}))
	w.writes++
	if w.writes%64 == 0 {
		w.sample()
	}
	return len(p), nil
}

func (w *countingWriter) Flush() {}

func (w *countingWriter) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	w.peak = max(w.peak, m.HeapInuse)
}

// BenchmarkOrderExport streams the orders CSV of all benchOrders() orders
// (and of one month, for comparison) through the handler into a writer
// that keeps nothing, in summary and lines mode. It reports rows/s, and
// the heap in use (after a GC before the export; at the end, without GC;
// and the peak sampled while writing) to show memory does not grow with
// the count.
func BenchmarkOrderExport(b *testing.B) {
	n := benchOrders()
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			if e == store.Postgres && os.Getenv(storetest.EnvPostgres) == "" {
				b.Skip("set DISTRIBU_TEST_POSTGRES to benchmark PostgreSQL")
			}
			ob := seedOrderBench(b, e, n)
			mid := ob.first.Add(182 * 24 * time.Hour)
			month := "&from=" + mid.Format("2006-01-02") + "&to=" + mid.Add(30*24*time.Hour).Format("2006-01-02")
			for _, v := range []struct{ name, query string }{
				{"summary_all", "?mode=summary"}, {"lines_all", "?mode=lines"},
				{"summary_month", "?mode=summary" + month}, {"lines_month", "?mode=lines" + month},
			} {
				b.Run(v.name, func(b *testing.B) {
					target := "/dashboard/orders/export" + v.query
					var rows, size int64
					var growth, peakGrowth float64
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						b.StopTimer()
						runtime.GC()
						var before, after runtime.MemStats
						runtime.ReadMemStats(&before)
						w := &countingWriter{header: http.Header{}, peak: before.HeapInuse}
						b.StartTimer()
						ob.get(w, target)
						b.StopTimer()
						runtime.ReadMemStats(&after)
						w.peak = max(w.peak, after.HeapInuse)
						if w.code != http.StatusOK {
							b.Fatalf("%s: %d", target, w.code)
						}
						rows, size = w.lines-1, w.bytes
						growth = max(growth, (float64(after.HeapInuse)-float64(before.HeapInuse))/(1<<20))
						peakGrowth = max(peakGrowth, (float64(w.peak)-float64(before.HeapInuse))/(1<<20))
						b.StartTimer()
					}
					b.StopTimer()
					secs := b.Elapsed().Seconds() / float64(b.N)
					b.ReportMetric(float64(rows), "rows")
					b.ReportMetric(float64(rows)/secs, "rows/s")
					b.ReportMetric(float64(size)/(1<<20)/secs, "MB/s")
					b.ReportMetric(secs*1000, "ms/export")
					b.ReportMetric(growth, "heapMB-end")
					b.ReportMetric(peakGrowth, "heapMB-peak")
				})
			}
		})
	}
}
