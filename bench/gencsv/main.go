// Command gencsv writes a products CSV of N data rows to standard output,
// shaped like an ERP export, for measuring `distribu import products`
// (docs/BENCHMARKS.md).
//
// Usage:
//
//	go run ./bench/gencsv -rows 1000000 > /tmp/products-1m.csv
//
// The header uses ERP-style names that the import maps by synonym:
//
//	Item Code,Product Name,Description,Category,UOM,Unit Price,Qty On Hand,Active
//
// Rows match the ones BenchmarkImportProducts builds in
// internal/catalog/import_bench_test.go: a unique SKU per row (SKU-0000000,
// SKU-0000001, …; -prefix changes "SKU"), a name containing a comma and a
// description containing a comma and a line break (so quoting and multi-line
// fields are exercised), 40 categories, prices with two decimals, whole
// stock numbers and "yes" for Active. The output is deterministic and is
// written in constant memory, so any size can be generated.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
)

func main() {
	rows := flag.Int("rows", 100_000, "number of data rows to write")
	prefix := flag.String("prefix", "SKU", "SKU prefix; use another one to make SKUs that do not collide with an earlier file")
	flag.Parse()
	if *rows < 0 || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gencsv [-rows N] [-prefix P] > products.csv")
		os.Exit(2)
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	if err := write(out, *rows, *prefix); err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
}

// write writes the header and n rows to w.
func write(w *bufio.Writer, n int, prefix string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"Item Code", "Product Name", "Description", "Category", "UOM", "Unit Price", "Qty On Hand", "Active"}); err != nil {
		return err
	}
	rec := make([]string, 8)
	for i := 0; i < n; i++ {
		rec[0] = fmt.Sprintf("%s-%07d", prefix, i)
		rec[1] = fmt.Sprintf("Product %d, assorted", i)
		rec[2] = "Soft, strong, two-ply\nIndividually wrapped"
		rec[3] = "Category " + strconv.Itoa(i%40)
		rec[4] = "case"
		rec[5] = fmt.Sprintf("%d.%02d", i%500, i%100)
		rec[6] = strconv.Itoa(i % 300)
		rec[7] = "yes"
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
