package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// benchRows is the file size of the import benchmark; DISTRIBU_BENCH_ROWS
// changes it.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("DISTRIBU_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// productsCSV makes a products file of n rows shaped like an ERP export.
func productsCSV(n int) []byte {
	var buf bytes.Buffer
	w := csvio.NewWriter(&buf)
	_ = w.Write([]string{"Item Code", "Product Name", "Description", "Category", "UOM", "Unit Price", "Qty On Hand", "Active"})
	for i := 0; i < n; i++ {
		_ = w.Write([]string{fmt.Sprintf("SKU-%07d", i), fmt.Sprintf("Product %d, assorted", i), "Soft, strong, two-ply\nIndividually wrapped",
			fmt.Sprintf("Category %d", i%40), "case", fmt.Sprintf("%d.%02d", i%500, i%100), strconv.Itoa(i % 300), "yes"})
	}
	_ = w.Flush()
	return buf.Bytes()
}

// BenchmarkImportProducts imports benchRows() rows through the real import
// path (CSV reader, validation, lookups, inserts, one audit entry per
// product, one transaction) and, in the same run, inserts the same rows with
// a bare prepared-statement loop in one transaction (the floor). Both report
// rows/s; compare them in docs/BENCHMARKS.md.
func BenchmarkImportProducts(b *testing.B) {
	n := benchRows()
	file := productsCSV(n)
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e)+"/floor", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, co := benchStore(b, e)
				ps := make([]model.Product, n)
				now := time.Now().UTC()
				for j := range ps {
					ps[j] = model.Product{ID: model.NewID(), CompanyID: co, Name: fmt.Sprintf("Product %d, assorted", j), SKU: fmt.Sprintf("SKU-%07d", j),
						Description: "Soft, strong, two-ply\nIndividually wrapped", Category: fmt.Sprintf("Category %d", j%40), Unit: "case",
						Price: model.Money(j % 50000), Stock: j % 300, Active: true, CreatedAt: now, UpdatedAt: now}
				}
				b.StartTimer()
				start := time.Now()
				err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.InsertProductsOneByOne(context.Background(), ps) })
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
			}
		})
		b.Run(string(e)+"/import", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, co := benchStore(b, e)
				svc := catalog.New(s, b.TempDir(), nil)
				b.StartTimer()
				start := time.Now()
				res, err := svc.ImportProducts(context.Background(), actor, co, bytes.NewReader(file), catalog.ImportOptions{FileName: "bench.csv"})
				if err != nil || !res.Applied || res.Created != n {
					b.Fatalf("import: %v %+v", err, res.Errors)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
			}
		})
	}
}

func benchStore(b *testing.B, e store.Engine) (*store.Store, string) {
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
