package customer_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportSampleFiles(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		// Excel in a European locale: BOM, ';', CRLF, mixed-case status, empty
		// status, a quoted ';' and line break, decimal credit.
		f.importCSV(t, readFile(t, "customers-excel-semicolon.csv"))
		c := f.customer(t, "purchasing@harborgrill.com")
		if c.Name != "Harbor Grill & Bar" || c.Status != model.CustomerActive || *c.CreditLimit != 1000050 {
			t.Fatalf("harbor %+v", c)
		}
		g := f.customer(t, "ap@greenleafmarket.com")
		if g.Status != model.CustomerBlocked || g.Notes != "Account on hold\nuntil invoice #4411 is paid" || *g.CreditLimit != 0 {
			t.Fatalf("green leaf %+v", g)
		}
		if k := f.customer(t, "chef@sakura-kitchen.jp"); k.Status != model.CustomerActive || k.CreditLimit != nil {
			t.Fatalf("sakura %+v", k)
		}
		if b := f.customer(t, "orders@lapetiteboulangerie.fr"); b.Notes != "Livraison avant 7h; porte arrière" {
			t.Fatalf("boulangerie notes %q", b.Notes)
		}
		// A CRM export: synonyms map automatically, other columns are ignored,
		// a formula-like cell is kept as text.
		res, err := f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader(readFile(t, "customers-crm-export.csv")), customer.ImportOptions{})
		if err != nil || !res.Applied || res.Created != 3 {
			t.Fatalf("crm: %+v %v", res, err)
		}
		mapped := map[string]string{}
		for _, m := range res.Mapping {
			mapped[m.Header] = m.Column
		}
		if mapped["Email"] != "email" || mapped["Company Name"] != "name" || mapped["Credit Line"] != "creditLimit" || mapped["Comments"] != "notes" || mapped["Phone"] != "" || mapped["First Name"] != "" {
			t.Fatalf("mapping %v", mapped)
		}
		if h := f.customer(t, "frontdesk@hotelmarisol.es"); h.Notes != `=HYPERLINK("http://example.com")` || *h.CreditLimit != 1200000 {
			t.Fatalf("hotel %+v", h)
		}
		// A file where most rows break a rule writes nothing and names each.
		before, _ := s.CountCustomers(ctx, f.company.ID)
		res, err = f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader(readFile(t, "customers-bad-rows.csv")), customer.ImportOptions{})
		if err != nil || res.Applied {
			t.Fatalf("bad rows applied: %v", err)
		}
		want := []string{
			`Row 3: email "bob@example" is not a valid e-mail address`,
			`Row 4: email is required`,
			`Row 5: creditLimit "-5" must not be negative`,
			`Row 6: creditLimit "1.005" has more than 2 decimal places`,
			`Row 7: status "SUSPENDED" must be ACTIVE or BLOCKED`,
			`Row 8: duplicate email "good@example.com" (also on row 2)`,
			`Row 9: creditLimit "1,000" is not a valid amount`,
		}
		if len(res.Errors) != len(want) {
			t.Fatalf("errors %v", res.Errors)
		}
		for i, w := range want {
			if !strings.HasPrefix(res.Errors[i].Error(), w) {
				t.Errorf("error %d: %q, want %q", i, res.Errors[i].Error(), w)
			}
		}
		if after, _ := s.CountCustomers(ctx, f.company.ID); after != before {
			t.Fatalf("bad file wrote %d customers", after-before)
		}
	})
}

func TestImportRowRules(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email,name,status,notes,creditLimit\nrules@example.com,Rules Inc,ACTIVE,keep me,$1500.5\n")
		c := f.customer(t, "rules@example.com")
		if *c.CreditLimit != 150050 || c.EmailVerified || c.PasswordHash != "" {
			t.Fatalf("first import %+v", c)
		}
		// Absent columns leave fields unchanged; a password column is never read.
		res, _ := f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader("Email,Password\nRULES@example.com,hunter22\n"), customer.ImportOptions{})
		if res.Unchanged != 1 || !res.Applied {
			t.Fatalf("absent columns: %+v", res)
		}
		if got := f.customer(t, "rules@example.com"); got.PasswordHash != "" || got.Notes != "keep me" || *got.CreditLimit != 150050 {
			t.Fatalf("password column read or fields changed: %+v", got)
		}
		// Empty cells set fields to null; an empty status means ACTIVE; status
		// is case-insensitive and stored upper-case.
		f.importCSV(t, "email,name,status,notes,creditLimit\nrules@example.com,,blocked,,\n")
		got := f.customer(t, "rules@example.com")
		if got.Name != "" || got.Notes != "" || got.CreditLimit != nil || got.Status != model.CustomerBlocked {
			t.Fatalf("empty cells: %+v", got)
		}
		f.importCSV(t, "email,status\nrules@example.com,\n")
		if got := f.customer(t, "rules@example.com"); got.Status != model.CustomerActive {
			t.Fatalf("empty status: %s", got.Status)
		}
		// A leading ' before = + - @ is removed (the export's escape).
		f.importCSV(t, "email,notes\nrules@example.com,'=1+2\n")
		if got := f.customer(t, "rules@example.com"); got.Notes != "=1+2" {
			t.Fatalf("formula escape: %q", got.Notes)
		}
		// Counts: one created, one updated, one unchanged; audit per customer.
		res, err := f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader("email,notes,status\nrules@example.com,=1+2,BLOCKED\nnew@example.com,,\n"), customer.ImportOptions{FileName: "counts.csv"})
		if err != nil || res.Created != 1 || res.Updated != 1 || res.Unchanged != 0 {
			t.Fatalf("counts %+v %v", res, err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, f.company.ID, model.AuditFilter{Limit: 5})
		var actions []string
		for _, e := range p.Entries[:3] {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, ",") != "CustomersImported,CustomerCreated,CustomerStatusChanged" {
			t.Fatalf("audit %v", actions)
		}
		// Dry run writes nothing.
		res, _ = f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader("email\ndry@example.com\n"), customer.ImportOptions{DryRun: true})
		if res.Created != 1 || res.Applied {
			t.Fatalf("dry run %+v", res)
		}
		if _, err := s.CustomerByEmail(ctx, f.company.ID, "dry@example.com"); !model.IsCode(err, model.CodeNotFound) {
			t.Fatal("dry run wrote a customer")
		}
		// No e-mail column: the preview asks for the mapping.
		res, _ = f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader("Contact,Company\nx@y.example,X\n"), customer.ImportOptions{})
		if len(res.Missing) != 1 || res.Missing[0] != "email" {
			t.Fatalf("missing email: %+v", res)
		}
		res, _ = f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader("Contact,Company\nx@y.example,X\n"), customer.ImportOptions{Overrides: map[int]string{0: "email"}})
		if !res.Applied || res.Created != 1 {
			t.Fatalf("mapped by the user: %+v", res)
		}
	})
}
