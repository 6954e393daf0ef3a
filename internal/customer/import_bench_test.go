package customer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("DISTRIBU_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// customersCSV makes a CRM-style customers file of n rows.
func customersCSV(n int) []byte {
	var buf bytes.Buffer
	w := csvio.NewWriter(&buf)
	_ = w.Write([]string{"E-mail Address", "Company Name", "Status", "Comments", "Credit Line"})
	for i := 0; i < n; i++ {
		status := "Active"
		if i%20 == 0 {
			status = "Blocked"
		}
		_ = w.Write([]string{fmt.Sprintf("buyer%07d@customer%d.example", i, i%997), fmt.Sprintf("Customer %d, Inc.", i), status,
			"Deliveries before 7am, back door", strconv.Itoa(1000 + i%50000)})
	}
	_ = w.Flush()
	return buf.Bytes()
}

func benchFixture(b *testing.B, e store.Engine) (*store.Store, string) {
	b.Helper()
	var s *store.Store
	if e == store.Postgres {
		s = storetest.OpenPostgres(b)
	} else {
		s = storetest.Open(b)
	}
	now := time.Now().UTC()
	c := model.Company{ID: model.NewID(), Name: "Bench", Slug: storetest.Name("bench"), ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateCompany(context.Background(), c) }); err != nil {
		b.Fatal(err)
	}
	return s, c.ID
}

// BenchmarkImportCustomers imports benchRows() customers through the real
// import path (CSV reader with header synonyms, validation, duplicate check,
// batched lookups, multi-row inserts of customers and sign-in identities, one
// CustomerCreated audit entry per customer, one transaction) and, in the same
// run, inserts the same customers with a bare prepared-statement loop in one
// transaction (the floor).
func BenchmarkImportCustomers(b *testing.B) {
	n := benchRows()
	file := customersCSV(n)
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e)+"/floor", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, co := benchFixture(b, e)
				cs := make([]model.Customer, n)
				now := time.Now().UTC()
				for j := range cs {
					m := model.Money(100000 + j%5000000)
					cs[j] = model.Customer{ID: model.NewID(), CompanyID: co, Email: fmt.Sprintf("buyer%07d@customer%d.example", j, j%997),
						Name: fmt.Sprintf("Customer %d, Inc.", j), Status: model.CustomerActive, Notes: "Deliveries before 7am, back door",
						CreditLimit: &m, CreatedAt: now, UpdatedAt: now}
				}
				b.StartTimer()
				start := time.Now()
				if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.InsertCustomersOneByOne(context.Background(), cs) }); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
			}
		})
		b.Run(string(e)+"/import", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, co := benchFixture(b, e)
				svc := customer.New(s, nil, "http://localhost", nil)
				b.StartTimer()
				start := time.Now()
				res, err := svc.ImportCustomers(context.Background(), staff, co, bytes.NewReader(file), customer.ImportOptions{FileName: "bench.csv"})
				if err != nil || !res.Applied || res.Created != n {
					b.Fatalf("import: %v %v", err, res.Errors)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
			}
		})
		b.Run(string(e)+"/export", func(b *testing.B) {
			s, co := benchFixture(b, e)
			svc := customer.New(s, nil, "http://localhost", nil)
			if _, err := svc.ImportCustomers(context.Background(), staff, co, bytes.NewReader(file), customer.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				var w countingWriter
				if err := svc.ExportCustomers(context.Background(), staff, co, model.CustomerFilter{}, &w); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
				b.SetBytes(w.n)
			}
		})
	}
}

// countingWriter discards what it is given and counts it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
