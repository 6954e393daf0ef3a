package csvio

import (
	"bytes"
	"io"
	"testing"
)

// customersCSV returns a customers CSV with n data rows.
func customersCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("email,name,status,notes,creditLimit\n")
	for i := 1; i <= n; i++ {
		writeCustomerLine(&b, i)
	}
	return b.Bytes()
}

func BenchmarkReader(b *testing.B) {
	const n = 100_000
	data := customersCSV(n)
	s := customersSchema()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			for _, c := range customerCols {
				row.Get(c)
			}
			rows++
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWriter(b *testing.B) {
	rec := []string{"buyer1@example.com", "Customer 1 Ltd", "ACTIVE", "Deliver to dock 3, ring twice", "=1000.50"}
	b.ReportAllocs()
	w := NewWriter(io.Discard)
	rows := 0
	for b.Loop() {
		if err := w.Write(rec); err != nil {
			b.Fatal(err)
		}
		rows++
	}
	_ = w.Flush()
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
