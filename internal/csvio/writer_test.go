package csvio

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"
)

func TestEscapeFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-x": "'-x", "@me": "'@me",
		"": "", "plain": "plain", "'=x": "'=x", " =x": " =x", "a=b": "a=b", "\t=x": "\t=x",
	} {
		if got := EscapeFormula(in); got != want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", in, got, want)
		}
		if in != "'=x" {
			if back := UnescapeFormula(EscapeFormula(in)); back != in {
				t.Errorf("UnescapeFormula(EscapeFormula(%q)) = %q", in, back)
			}
		}
	}
	for in, want := range map[string]string{"'": "'", "'a": "'a", "''=": "''=", "'-": "-", "x'=": "x'="} {
		if got := UnescapeFormula(in); got != want {
			t.Errorf("UnescapeFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriterOutput(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	if err := w.WriteBOM(); err != nil {
		t.Fatal(err)
	}
	fields := []string{"=SUM(A1)", "a,b", `say "hi"`, "two\nlines", "", "-5"}
	if err := w.Write(fields); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF'=SUM(A1),\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,'-5\n"
	if b.String() != want {
		t.Errorf("output %q, want %q", b.String(), want)
	}
	if fields[0] != "=SUM(A1)" {
		t.Errorf("Write modified its argument: %q", fields)
	}
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestWriterError(t *testing.T) {
	w := NewWriter(errWriter{})
	_ = w.Write([]string{"a"})
	if err := w.Flush(); err == nil || err.Error() != "pipe closed" {
		t.Errorf("Flush = %v", err)
	}
}

// roundTrip writes the header and records with a Writer and reads them back
// with a Reader over a schema of the header's columns.
func roundTrip(t testing.TB, header []string, records [][]string) ([]Row, *Reader) {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b)
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	for _, rec := range records {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	var s Schema
	for _, h := range header {
		s.Columns = append(s.Columns, Column{Name: h})
	}
	r, err := NewReader(&b, s, Options{})
	if err != nil {
		t.Fatalf("NewReader: %v\n%q", err, b.String())
	}
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows, r
		}
		if err != nil {
			t.Fatalf("Next: %v\n%q", err, b.String())
		}
		rows = append(rows, row)
	}
}

func TestRoundTrip(t *testing.T) {
	header := customerCols
	cells := []string{
		"=SUM(A1)", "+1", "-x", "@me", "-5", "=", "'quoted'", "it's",
		"a,b", `"`, `say "hi"`, `""`, "two\nlines", "cr\rinside", "semi;colon", "tab\there",
		"Crème brûlée", "東京", "emoji 🍞", "ß", "\\.", "#4411", "a'=b", "",
	}
	var records [][]string
	for i, v := range cells {
		records = append(records, []string{"c" + itoa(i) + "@x.com", v, v, v, v})
	}
	rows, r := roundTrip(t, header, records)
	if !slices.Equal(r.Mapping(), header) {
		t.Errorf("Mapping = %q", r.Mapping())
	}
	if len(rows) != len(records) {
		t.Fatalf("%d rows, want %d", len(rows), len(records))
	}
	for i, row := range rows {
		if row.Num != i+2 {
			t.Errorf("Num = %d, want %d", row.Num, i+2)
		}
		if got := values(row, header...); !slices.Equal(got, records[i]) {
			t.Errorf("row %d = %q, want %q", row.Num, got, records[i])
		}
	}
}

func TestRoundTripExport(t *testing.T) {
	// An export with a BOM reads back exactly, header included.
	var b bytes.Buffer
	w := NewWriter(&b)
	_ = w.WriteBOM()
	_ = w.Write(customerCols)
	_ = w.Write([]string{"bob@acme.com", "=cmd|' /C calc'!A0", "BLOCKED", "+ notes -", "1000.50"})
	_ = w.Flush()
	r, err := NewReader(&b, customersSchema(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Header(), customerCols) || !slices.Equal(r.Mapping(), customerCols) {
		t.Errorf("Header %q Mapping %q", r.Header(), r.Mapping())
	}
	row, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got := values(row, customerCols...); !slices.Equal(got, []string{"bob@acme.com", "=cmd|' /C calc'!A0", "BLOCKED", "+ notes -", "1000.50"}) {
		t.Errorf("row = %q", got)
	}
}
