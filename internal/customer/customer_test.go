package customer_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// The seed: "Customers are scoped to your company. A customer with email
// buyer@acme.com at one distributor is a completely separate account from a
// customer with the same email at another distributor."
func TestSameEmailAtTwoCompaniesIsTwoCustomers(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		a, b := newFixture(t, s), newFixture(t, s)
		a.importCSV(t, "email,name,notes\nbuyer@acme.com,At A,note A\n")
		b.importCSV(t, "email,name,notes\nBuyer@Acme.com ,At B,note B\n")
		ca, cb := a.customer(t, "buyer@acme.com"), b.customer(t, "buyer@acme.com")
		if ca.ID == cb.ID || ca.Name != "At A" || cb.Name != "At B" {
			t.Fatalf("not separate: %+v %+v", ca, cb)
		}
		// Another company's id is not found and changes nothing.
		if _, err := a.svc.Update(context.Background(), staff, a.company.ID, cb.ID, customer.UpdateInput{Name: "hijack"}); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company update: %v", err)
		}
		if _, err := a.svc.SetStatus(context.Background(), staff, a.company.ID, cb.ID, "BLOCKED"); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company block: %v", err)
		}
		if got := b.customer(t, "buyer@acme.com"); got.Name != "At B" || got.Status != model.CustomerActive {
			t.Fatalf("B's customer changed: %+v", got)
		}
	})
}

// The seed's anatomy of a customer: email unique and ≤ 254, name ≤ 100,
// status ACTIVE by default, notes ≤ 2000, credit limit ≥ 0 with ≤ 2 decimals.
func TestCustomerFieldRules(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email\nrules@example.com\n")
		c := f.customer(t, "rules@example.com")
		if c.Status != model.CustomerActive || c.Name != "" || c.CreditLimit != nil || c.EmailVerified || c.PasswordHash != "" {
			t.Fatalf("defaults: %+v", c)
		}
		bad := []struct {
			in    customer.UpdateInput
			field string
		}{
			{customer.UpdateInput{Name: strings.Repeat("n", 101)}, "name"},
			{customer.UpdateInput{Notes: strings.Repeat("n", 2001)}, "notes"},
			{customer.UpdateInput{CreditLimit: "-1"}, "creditLimit"},
			{customer.UpdateInput{CreditLimit: "10.005"}, "creditLimit"},
			{customer.UpdateInput{CreditLimit: "1,000"}, "creditLimit"},
			{customer.UpdateInput{TaxRateOverride: "31"}, "taxRateOverride"},
			{customer.UpdateInput{TaxRateOverride: "8.1234"}, "taxRateOverride"},
		}
		for _, b := range bad {
			_, err := f.svc.Update(ctx, staff, f.company.ID, c.ID, b.in)
			if me := asErr(err); me == nil || me.Field(b.field) == "" {
				t.Errorf("%+v: %v", b.in, err)
			}
		}
		got, err := f.svc.Update(ctx, staff, f.company.ID, c.ID, customer.UpdateInput{Name: strings.Repeat("n", 100), Notes: strings.Repeat("x", 2000), CreditLimit: "2500.50", TaxRateOverride: "8.875"})
		if err != nil {
			t.Fatal(err)
		}
		if *got.CreditLimit != 250050 || *got.TaxRateOverride != 8875 || got.TaxRateOverride.Fraction() != 0.08875 {
			t.Fatalf("saved %+v", got)
		}
		// Empty fields go back to null.
		got, _ = f.svc.Update(ctx, staff, f.company.ID, c.ID, customer.UpdateInput{})
		if got.Name != "" || got.Notes != "" || got.CreditLimit != nil || got.TaxRateOverride != nil {
			t.Fatalf("cleared %+v", got)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, f.company.ID, model.AuditFilter{Action: "CustomerUpdated"})
		if len(p.Entries) != 2 || !strings.Contains(string(p.Entries[1].Details), `"before"`) || !strings.Contains(string(p.Entries[1].Details), `"creditLimit":2500.5`) {
			t.Fatalf("CustomerUpdated entries: %d %s", len(p.Entries), p.Entries[0].Details)
		}
	})
}

// Blocking ends every storefront session of the customer and of all its
// contacts at once; activating restores access with passwords unchanged.
func TestBlockingEndsEverySession(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		other := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email\nblock@example.com\nbystander@example.com\n")
		other.importCSV(t, "email\nblock@example.com\n")
		c := f.customer(t, "block@example.com")
		bystander := f.customer(t, "bystander@example.com")
		elsewhere := other.customer(t, "block@example.com")
		ct, err := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, customer.ContactInput{Email: "buyer@example.com", Role: "BUYER"})
		if err != nil {
			t.Fatal(err)
		}
		now := s.Now()
		sessions := []store.CustomerSession{
			{TokenHash: "primary", CompanyID: f.company.ID, CustomerID: c.ID},
			{TokenHash: "primary-2", CompanyID: f.company.ID, CustomerID: c.ID},
			{TokenHash: "contact", CompanyID: f.company.ID, CustomerID: c.ID, ContactID: ct.ID},
			{TokenHash: "bystander", CompanyID: f.company.ID, CustomerID: bystander.ID},
			{TokenHash: "elsewhere", CompanyID: other.company.ID, CustomerID: elsewhere.ID},
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			for _, ss := range sessions {
				ss.CreatedAt, ss.ExpiresAt = now, now.Add(time.Hour)
				if err := tx.CreateCustomerSession(ctx, ss); err != nil {
					return err
				}
			}
			return tx.SetCustomerPassword(ctx, f.company.ID, c.ID, "hash-kept", now)
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SetStatus(ctx, staff, f.company.ID, c.ID, "blocked"); err != nil {
			t.Fatal(err)
		}
		live := func(company, token string) bool {
			_, ok, err := s.CustomerSessionLive(ctx, company, token, s.Now())
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		for _, tok := range []string{"primary", "primary-2", "contact"} {
			if live(f.company.ID, tok) {
				t.Errorf("session %s survived the block", tok)
			}
		}
		if !live(f.company.ID, "bystander") || !live(other.company.ID, "elsewhere") {
			t.Error("blocking ended other customers' sessions")
		}
		got, err := f.svc.SetStatus(ctx, staff, f.company.ID, c.ID, "ACTIVE")
		if err != nil || got.Status != model.CustomerActive || got.PasswordHash != "hash-kept" {
			t.Fatalf("activate: %+v %v", got, err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, f.company.ID, model.AuditFilter{Action: "CustomerStatusChanged"})
		if len(p.Entries) != 2 || !strings.Contains(string(p.Entries[1].Details), `"from":"ACTIVE","sessionsEnded":3,"to":"BLOCKED"`) {
			t.Fatalf("audit: %d %s", len(p.Entries), p.Entries[len(p.Entries)-1].Details)
		}
		if _, err := f.svc.SetStatus(ctx, staff, f.company.ID, c.ID, "SUSPENDED"); model.ErrorCode(err) != model.CodeInvalid {
			t.Fatalf("bad status: %v", err)
		}
	})
}

// Stats count every order that is not CANCELLED; average = spent ÷ orders.
func TestStatsAndHistoryFromOrders(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email\nstats@example.com\nnone@example.com\n")
		c := f.customer(t, "stats@example.com")
		p := f.product(t, "Paper Towels", "PT", "10.00", true)
		base := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
		f.order(t, c, p, 2, model.OrderDelivered, base)
		f.order(t, c, p, 1, model.OrderSubmitted, base.Add(24*time.Hour))
		f.order(t, c, p, 5, model.OrderCancelled, base.Add(48*time.Hour))
		d, err := f.svc.Profile(ctx, f.company.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		avg, ok := d.Customer.AverageOrder()
		if d.Customer.OrderCount != 2 || d.Customer.TotalSpent != 3000 || !ok || avg != 1500 {
			t.Fatalf("stats %d %d %d", d.Customer.OrderCount, d.Customer.TotalSpent, avg)
		}
		if len(d.Orders) != 3 || d.Orders[0].Number != 1003 || d.Orders[2].Number != 1001 {
			t.Fatalf("history %+v", d.Orders)
		}
		if !d.Customer.LastOrderAt.Equal(base.Add(48 * time.Hour)) {
			t.Fatalf("last order %v", d.Customer.LastOrderAt)
		}
		none := f.customer(t, "none@example.com")
		if _, ok := none.AverageOrder(); ok || !none.LastOrderAt.IsZero() {
			t.Fatal("a customer without orders has no average and no last order")
		}
		// The list sorts by the same stats.
		page, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Sort: "spent"})
		if page.Customers[0].ID != c.ID {
			t.Fatal("sort by spent")
		}
		page, _ = f.svc.List(ctx, f.company.ID, model.CustomerFilter{Sort: "last_order"})
		if page.Customers[0].ID != c.ID || page.Customers[1].LastOrderAt.IsZero() == false {
			t.Fatal("sort by last order: customers without orders come last")
		}
		// A product on an order cannot be deleted (02-catalog.md).
		if err := f.cat.Delete(ctx, staff, f.company.ID, p.ID); model.ErrorMessage(err) != "This product is on existing orders; deactivate it instead." {
			t.Fatalf("delete a product on orders: %v", err)
		}
	})
}

func TestListSearchFilterSortPage(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		var b strings.Builder
		b.WriteString("email,name,status\n")
		for i := 0; i < 120; i++ {
			status := "ACTIVE"
			if i%4 == 0 {
				status = "blocked"
			}
			name := "Shop " + string(rune('A'+i%26))
			if i == 7 {
				name = "Ünïcode Ca_fé 100%"
			}
			b.WriteString(strings.ToLower(name[:4]) + "-" + strconv.Itoa(i) + "@example.com," + name + "," + status + "\n")
		}
		f.importCSV(t, b.String())
		page, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{})
		if page.Total != 120 || len(page.Customers) != 50 || page.Pages() != 3 {
			t.Fatalf("first page: total %d, %d rows", page.Total, len(page.Customers))
		}
		last, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Page: 3})
		if len(last.Customers) != 20 {
			t.Fatalf("last page rows %d", len(last.Customers))
		}
		blocked, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Status: model.CustomerBlocked})
		if blocked.Total != 30 {
			t.Fatalf("blocked %d", blocked.Total)
		}
		// Search is a case-insensitive substring; LIKE wildcards are literal.
		for q, want := range map[string]int{"CA_F": 1, "ca_fé 100%": 1, "shop b": 5, "-11@": 1, "%": 1, "_": 1} {
			got, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Query: q})
			if got.Total != want {
				t.Errorf("q=%q: %d, want %d", q, got.Total, want)
			}
		}
		// A search past its last page still knows its total.
		far, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Query: "shop b", Page: 9})
		if far.Total != 5 || len(far.Customers) != 0 {
			t.Fatalf("search past the last page: total %d, %d rows", far.Total, len(far.Customers))
		}
		byName, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Sort: "name", PerPage: 200})
		for i := 1; i < len(byName.Customers); i++ {
			if strings.ToLower(byName.Customers[i-1].DisplayName()) > strings.ToLower(byName.Customers[i].DisplayName()) {
				t.Fatalf("name sort broken at %d", i)
			}
		}
		byEmail, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Sort: "email", Page: 2})
		if byEmail.Customers[0].Email > byEmail.Customers[1].Email {
			t.Fatal("email sort")
		}
		oldest, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Sort: "oldest"})
		newest, _ := f.svc.List(ctx, f.company.ID, model.CustomerFilter{Sort: "newest"})
		if oldest.Customers[0].ID >= newest.Customers[0].ID {
			t.Fatal("oldest/newest")
		}
	})
}
