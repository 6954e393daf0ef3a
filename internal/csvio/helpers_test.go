package csvio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// customersSchema is the customers CSV schema of 03-customers.md.
func customersSchema() Schema {
	return Schema{Columns: []Column{
		{Name: "email", Required: true, Synonyms: []string{"email", "emailaddress", "mail", "contactemail", "customeremail"}},
		{Name: "name", Synonyms: []string{"name", "fullname", "customername", "contactname", "companyname", "company", "businessname"}},
		{Name: "status", Synonyms: []string{"status", "state", "accountstatus"}},
		{Name: "notes", Synonyms: []string{"notes", "note", "comments", "comment", "remarks"}},
		{Name: "creditLimit", Synonyms: []string{"creditlimit", "credit", "limit", "creditline"}},
	}}
}

// productsSchema is the products CSV schema of 02-catalog.md.
func productsSchema() Schema {
	return Schema{Columns: []Column{
		{Name: "sku", Required: true, Synonyms: []string{"sku", "itemcode", "productcode", "itemnumber", "itemid", "partnumber", "partno"}},
		{Name: "name", Required: true, Synonyms: []string{"name", "productname", "title", "itemname", "product"}},
		{Name: "description", Synonyms: []string{"description", "desc", "productdescription", "longdescription", "details"}},
		{Name: "category", Synonyms: []string{"category", "cat", "productcategory", "group", "department"}},
		{Name: "unit", Synonyms: []string{"unit", "uom", "units", "unitofmeasure"}},
		{Name: "price", Required: true, Synonyms: []string{"price", "unitprice", "listprice", "sellprice", "msrp"}},
		{Name: "stock", Required: true, Synonyms: []string{"stock", "quantity", "qty", "onhand", "qtyonhand", "quantityonhand", "inventory", "available", "stocklevel"}},
		{Name: "isActive", Synonyms: []string{"isactive", "active", "enabled", "status"}},
	}}
}

func openSample(t *testing.T, name string, s Schema) *Reader {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := NewReader(f, s, Options{})
	if err != nil {
		t.Fatalf("NewReader(%s): %v", name, err)
	}
	return r
}

func newStringReader(t *testing.T, data string, s Schema, o Options) *Reader {
	t.Helper()
	r, err := NewReader(strings.NewReader(data), s, o)
	if err != nil {
		t.Fatalf("NewReader(%q): %v", data, err)
	}
	return r
}

// readAll reads every row; row errors are collected, a fatal error ends the
// test.
func readAll(t *testing.T, r *Reader) (rows []Row, rowErrs []*RowError) {
	t.Helper()
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows, rowErrs
		}
		var re *RowError
		if errors.As(err, &re) {
			if re.Row != row.Num {
				t.Fatalf("RowError.Row %d, Row.Num %d", re.Row, row.Num)
			}
			rowErrs = append(rowErrs, re)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, row)
	}
}

// values returns the row's values for the given columns, "<absent>" for
// columns not in the file.
func values(row Row, cols ...string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		v, ok := row.Get(c)
		if !ok {
			v = "<absent>"
		}
		out[i] = v
	}
	return out
}

var customerCols = []string{"email", "name", "status", "notes", "creditLimit"}

func itoa(n int) string { return strconv.Itoa(n) }

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// writeCustomerLine appends customer number i as a CSV line.
func writeCustomerLine(b *bytes.Buffer, i int) {
	fmt.Fprintf(b, "buyer%d@example-%d.com,Customer %d Ltd,ACTIVE,\"Deliver to dock %d, ring twice\",%d.50\n", i, i%97, i, i%9, i%10000)
}

func readTestdata(name string) ([]byte, error) { return os.ReadFile(filepath.Join("testdata", name)) }
