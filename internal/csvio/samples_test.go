package csvio

import (
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/model"
)

func TestSampleExcelSemicolon(t *testing.T) {
	r := openSample(t, "customers-excel-semicolon.csv", customersSchema())
	if r.Delimiter() != ';' {
		t.Errorf("Delimiter = %q, want ';'", r.Delimiter())
	}
	if got, want := r.Header(), []string{"E-mail", "Company Name", "Status", "Notes", "Credit Limit"}; !slices.Equal(got, want) {
		t.Errorf("Header = %q, want %q (BOM stripped)", got, want)
	}
	if got := r.Mapping(); !slices.Equal(got, customerCols) {
		t.Errorf("Mapping = %q, want %q", got, customerCols)
	}
	if m := r.Missing(); m != nil {
		t.Errorf("Missing = %q", m)
	}
	rows, errs := readAll(t, r)
	if len(errs) != 0 {
		t.Fatalf("row errors: %v", errs)
	}
	want := []struct {
		num  int
		vals []string
	}{
		{2, []string{"orders@lapetiteboulangerie.fr", "La Petite Boulangerie", "Active", "Livraison avant 7h; porte arrière", "2500"}},
		{3, []string{"Purchasing@HarborGrill.com", "Harbor Grill & Bar", "active", "", "10000.50"}},
		{4, []string{"ap@greenleafmarket.com", "Green Leaf Market", "BLOCKED", "Account on hold\nuntil invoice #4411 is paid", "0"}},
		{5, []string{"chef@sakura-kitchen.jp", "Sakura Kitchen", "", "Prefers Tuesday delivery", ""}},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		if rows[i].Num != w.num {
			t.Errorf("row %d: Num = %d, want %d", i, rows[i].Num, w.num)
		}
		if got := values(rows[i], customerCols...); !slices.Equal(got, w.vals) {
			t.Errorf("row %d = %q, want %q", w.num, got, w.vals)
		}
	}
	// Decimal credit and e-mail normalisation through the parsers.
	if m, err := ParseMoneyCell(3, "creditLimit", "10000.50"); err != nil || m != 1000050 {
		t.Errorf("ParseMoneyCell = %v, %v", m, err)
	}
	if e, err := ParseEmailCell(3, "email", "Purchasing@HarborGrill.com"); err != nil || e != "purchasing@harborgrill.com" {
		t.Errorf("ParseEmailCell = %q, %v", e, err)
	}
}

func TestSampleCRMExport(t *testing.T) {
	r := openSample(t, "customers-crm-export.csv", customersSchema())
	if r.Delimiter() != ',' {
		t.Errorf("Delimiter = %q", r.Delimiter())
	}
	wantMap := []string{"email", "", "", "name", "", "creditLimit", "notes", ""}
	if got := r.Mapping(); !slices.Equal(got, wantMap) {
		t.Errorf("Mapping = %q, want %q", got, wantMap)
	}
	if r.Has("status") || !r.Has("creditLimit") {
		t.Errorf("Has(status)=%v Has(creditLimit)=%v", r.Has("status"), r.Has("creditLimit"))
	}
	rows, errs := readAll(t, r)
	if len(errs) != 0 {
		t.Fatalf("row errors: %v", errs)
	}
	want := [][]string{
		{"buyer@acmerestaurants.com", "Acme Restaurant Group", "<absent>", "Weekly delivery, dock B", "5000"},
		{"owner@bluepl8.com", "Blue Plate Diner", "<absent>", "", ""},
		// No leading apostrophe, so the formula-like cell is kept as is.
		{"frontdesk@hotelmarisol.es", "Hotel Marisol", "<absent>", `=HYPERLINK("http://example.com")`, "12000.00"},
	}
	for i, w := range want {
		if rows[i].Num != i+2 {
			t.Errorf("Num = %d, want %d", rows[i].Num, i+2)
		}
		if got := values(rows[i], customerCols...); !slices.Equal(got, w) {
			t.Errorf("row %d = %q, want %q", i+2, got, w)
		}
	}
	if raw := rows[0].Raw(); len(raw) != 8 || raw[1] != "Ana" || raw[7] != "+1 555 0100" {
		t.Errorf("Raw = %q", raw)
	}
	// The last row has 8 cells with an empty last one; row 3 is complete too.
	if raw := rows[2].Raw(); raw[7] != "" {
		t.Errorf("Raw = %q", raw)
	}
}

// importCustomers is a miniature of the customers import validation, to
// check the messages the parsers give on the bad-rows sample.
func importCustomers(t *testing.T, r *Reader) []string {
	t.Helper()
	var out []string
	seen := NewDupes()
	report := func(e *RowError) { out = append(out, e.Error()) }
	for {
		row, err := r.Next()
		if err == io.EOF {
			return out
		}
		if re, ok := err.(*RowError); ok {
			report(re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		v, _ := row.Get("email")
		email, e := ParseEmailCell(row.Num, "email", v)
		if e != nil {
			report(e)
			continue
		}
		if first, dup := seen.See(email, row.Num); dup {
			report(DuplicateError(row.Num, "email", email, first))
			continue
		}
		if v, ok := row.Get("name"); ok {
			if e := CheckLength(row.Num, "name", v, 100); e != nil {
				report(e)
			}
		}
		if v, ok := row.Get("status"); ok && v != "" {
			if _, e := ParseChoiceCell(row.Num, "status", v, "ACTIVE", "BLOCKED"); e != nil {
				report(e)
			}
		}
		if v, ok := row.Get("creditLimit"); ok && v != "" {
			if _, e := ParseMoneyCell(row.Num, "creditLimit", v); e != nil {
				report(e)
			}
		}
	}
}

func TestSampleBadRows(t *testing.T) {
	r := openSample(t, "customers-bad-rows.csv", customersSchema())
	got := importCustomers(t, r)
	want := []string{
		`Row 3: email "bob@example" is not a valid e-mail address`,
		`Row 4: email is required`,
		`Row 5: creditLimit "-5" must not be negative`,
		`Row 6: creditLimit "1.005" has more than 2 decimal places`,
		`Row 7: status "SUSPENDED" must be one of ACTIVE, BLOCKED`,
		`Row 8: duplicate email "good@example.com" (also on row 2)`,
		`Row 9: creditLimit "1,000" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSampleProductsERP(t *testing.T) {
	r := openSample(t, "products-erp-export.csv", productsSchema())
	wantMap := []string{"sku", "name", "description", "category", "unit", "price", "stock", "isActive"}
	if got := r.Mapping(); !slices.Equal(got, wantMap) {
		t.Errorf("Mapping = %q, want %q", got, wantMap)
	}
	if m := r.Missing(); m != nil {
		t.Errorf("Missing = %q", m)
	}
	rows, errs := readAll(t, r)
	if len(errs) != 0 {
		t.Fatalf("row errors: %v", errs)
	}
	type product struct {
		num                       int
		sku, name, desc, cat, uom string
		price                     model.Money
		stock                     int
		active                    bool
	}
	var got []product
	for _, row := range rows {
		p := product{num: row.Num}
		p.sku, _ = row.Get("sku")
		p.name, _ = row.Get("name")
		p.desc, _ = row.Get("description")
		p.cat, _ = row.Get("category")
		p.uom, _ = row.Get("unit")
		var e *RowError
		v, _ := row.Get("price")
		if p.price, e = ParseMoneyCell(row.Num, "price", v); e != nil {
			t.Error(e)
		}
		v, _ = row.Get("stock")
		if p.stock, e = ParseIntCell(row.Num, "stock", v); e != nil {
			t.Error(e)
		}
		v, _ = row.Get("isActive")
		if p.active, e = ParseBoolCell(row.Num, "isActive", v); e != nil {
			t.Error(e)
		}
		got = append(got, p)
	}
	want := []product{
		{2, "PT-2PLY-12", "Paper Towels 2-ply (12 rolls)", "Soft, strong, two-ply\nIndividually wrapped", "Paper goods", "case", 1840, 120, true},
		{3, "DS-1GAL", "Dish Soap 1 gal", "", "Cleaning", "each", 725, 0, true},
		{4, "GL-NIT-M", "Nitrile Gloves M (100)", "Powder-free", "PPE", "box", 999, 4, true},
		{5, "CUP-12OZ", "Hot Cup 12 oz (1000)", "", "Disposables", "case", 5400, 35, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("products:\n%+v\nwant\n%+v", got, want)
	}
}
