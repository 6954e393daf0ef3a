package customer_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestPriceOverrides(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		other := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email\nprice@example.com\n")
		other.importCSV(t, "email\nprice@example.com\n")
		c := f.customer(t, "price@example.com")
		towels := f.product(t, "Paper Towels", "PT", "20.00", true)
		soap := f.product(t, "Dish Soap", "DS", "10.00", true)
		f.product(t, "Old Stock", "OLD", "5.00", false)
		foreign := other.product(t, "Foreign", "FX", "1.00", true)

		picks, _ := f.svc.Picks(ctx, f.company.ID, c.ID, "")
		if len(picks) != 2 {
			t.Fatalf("picker lists %d products; only the 2 active ones belong there", len(picks))
		}
		o, err := f.svc.SetPrice(ctx, staff, f.company.ID, c.ID, towels.ID, "23.00")
		if err != nil || o.DiffPercent() != 15 {
			t.Fatalf("markup: %+v %v", o, err)
		}
		o, _ = f.svc.SetPrice(ctx, staff, f.company.ID, c.ID, towels.ID, "17.00")
		if o.DiffPercent() != -15 {
			t.Fatalf("setting again replaces: %v", o.DiffPercent())
		}
		picks, _ = f.svc.Picks(ctx, f.company.ID, c.ID, "")
		if len(picks) != 1 || picks[0].ID != soap.ID {
			t.Fatalf("picker after override: %+v", picks)
		}
		if picks, _ = f.svc.Picks(ctx, f.company.ID, c.ID, "towel"); len(picks) != 0 {
			t.Fatal("search finds the overridden product")
		}
		for _, bad := range []string{"-1", "1.005", "", "abc"} {
			if _, err := f.svc.SetPrice(ctx, staff, f.company.ID, c.ID, soap.ID, bad); asErr(err) == nil || asErr(err).Field("price") == "" {
				t.Errorf("price %q: %v", bad, err)
			}
		}
		if _, err := f.svc.SetPrice(ctx, staff, f.company.ID, c.ID, foreign.ID, "1.00"); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("another company's product: %v", err)
		}
		list, _ := s.PriceOverrides(ctx, f.company.ID, c.ID)
		if len(list) != 1 || list[0].Price != 1700 || list[0].CatalogPrice != 2000 {
			t.Fatalf("overrides %+v", list)
		}
		if err := other.svc.DeletePrice(ctx, staff, other.company.ID, c.ID, towels.ID); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company delete: %v", err)
		}
		if err := f.svc.DeletePrice(ctx, staff, f.company.ID, c.ID, towels.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeletePrice(ctx, staff, f.company.ID, c.ID, towels.ID); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("second delete: %v", err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, f.company.ID, model.AuditFilter{EntityType: "customer"})
		var actions []string
		for _, e := range p.Entries {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, ",") != "PriceOverrideDeleted,PriceOverrideSet,PriceOverrideSet,CustomerCreated" {
			t.Fatalf("audit %v", actions)
		}
		if !strings.Contains(string(p.Entries[1].Details), `"oldPrice":23,`) || !strings.Contains(string(p.Entries[1].Details), `"newPrice":17`) {
			t.Fatalf("PriceOverrideSet details %s", p.Entries[1].Details)
		}
	})
}

func TestContactsAndIdentities(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		other := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email\nprimary@example.com\nsecond@example.com\n")
		other.importCSV(t, "email\nelsewhere@example.com\n")
		c := f.customer(t, "primary@example.com")
		admin, err := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, customer.ContactInput{Email: " Admin@Example.com", Name: "Ada", Role: "admin"})
		if err != nil || admin.Email != "admin@example.com" || admin.Role != model.ContactAdmin || !admin.Active {
			t.Fatalf("add admin: %+v %v", admin, err)
		}
		// A contact's e-mail cannot be any other sign-in identity of the company.
		for _, taken := range []string{"primary@example.com", "second@example.com", "admin@example.com"} {
			_, err := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, customer.ContactInput{Email: taken, Role: "BUYER"})
			if model.ErrorCode(err) != model.CodeConflict || asErr(err).Field("email") == "" {
				t.Errorf("%s: %v", taken, err)
			}
		}
		// …but another company's identities are another world.
		if _, err := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, customer.ContactInput{Email: "elsewhere@example.com", Role: "VIEWER"}); err != nil {
			t.Fatalf("e-mail of another company: %v", err)
		}
		for _, bad := range []customer.ContactInput{{Email: "x@y", Role: "BUYER"}, {Email: "ok@example.com", Role: "OWNER"}, {Email: "ok2@example.com", Role: "BUYER", Name: strings.Repeat("n", 101)}} {
			if _, err := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, bad); model.ErrorCode(err) != model.CodeInvalid {
				t.Errorf("%+v: %v", bad, err)
			}
		}
		// An import cannot create a customer with a contact's e-mail.
		res, err := f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader("email\nadmin@example.com\n"), customer.ImportOptions{})
		if err != nil || res.Applied || res.ErrorCount != 1 || !strings.Contains(res.Errors[0].Error(), "already signs in as a contact") {
			t.Fatalf("import over a contact: %+v %v", res, err)
		}
		// Deactivating ends the contact's sessions; the others stay.
		now := s.Now()
		err = s.InTx(ctx, func(tx *store.Tx) error {
			for tok, contact := range map[string]string{"admin-tok": admin.ID, "primary-tok": ""} {
				if err := tx.CreateCustomerSession(ctx, store.CustomerSession{TokenHash: tok, CompanyID: f.company.ID, CustomerID: c.ID, ContactID: contact, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		upd, err := f.svc.UpdateContact(ctx, staff, f.company.ID, c.ID, admin.ID, customer.ContactInput{Name: "Ada L.", Role: "BUYER", Active: false})
		if err != nil || upd.Active || upd.Role != model.ContactBuyer {
			t.Fatalf("update: %+v %v", upd, err)
		}
		if _, ok, _ := s.CustomerSessionLive(ctx, f.company.ID, "admin-tok", s.Now()); ok {
			t.Fatal("deactivated contact still signed in")
		}
		if _, ok, _ := s.CustomerSessionLive(ctx, f.company.ID, "primary-tok", s.Now()); !ok {
			t.Fatal("deactivating a contact signed out the primary holder")
		}
		// Another company's ids: 404 and nothing changes.
		if _, err := other.svc.UpdateContact(ctx, staff, other.company.ID, c.ID, admin.ID, customer.ContactInput{Role: "ADMIN", Active: true}); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company contact update: %v", err)
		}
		if err := other.svc.DeleteContact(ctx, staff, other.company.ID, c.ID, admin.ID); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company contact delete: %v", err)
		}
		if err := f.svc.DeleteContact(ctx, staff, f.company.ID, c.ID, admin.ID); err != nil {
			t.Fatal(err)
		}
		// Its e-mail is free again.
		if _, err := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, customer.ContactInput{Email: "admin@example.com", Role: "VIEWER"}); err != nil {
			t.Fatalf("re-adding a removed contact's e-mail: %v", err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, f.company.ID, model.AuditFilter{EntityType: "customer", Limit: 100})
		counts := map[string]int{}
		for _, e := range p.Entries {
			counts[e.Action]++
		}
		if counts["CustomerContactCreated"] != 3 || counts["CustomerContactUpdated"] != 1 || counts["CustomerContactDeleted"] != 1 {
			t.Fatalf("audit %v", counts)
		}
	})
}

func TestSetupLinks(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		other := newFixture(t, s)
		ctx := context.Background()
		f.importCSV(t, "email\nlink@example.com\n")
		c := f.customer(t, "link@example.com")
		ct, _ := f.svc.AddContact(ctx, staff, f.company.ID, c.ID, customer.ContactInput{Email: "viewer@example.com", Role: "VIEWER"})

		first, err := f.svc.CreateSetupLink(ctx, staff, f.company.ID, c.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(first.URL)
		if u.Path != "/store/"+f.company.Slug+"/setup-password" || first.Email != "link@example.com" {
			t.Fatalf("link %s", first.URL)
		}
		token := u.Query().Get("token")
		if days := first.ExpiresAt.Sub(s.Now()).Hours() / 24; days < 6.99 || days > 7.01 {
			t.Fatalf("expires in %.2f days", days)
		}
		// Stored hashed: the token itself is nowhere in the database.
		if _, ok, _ := s.LiveSetupLink(ctx, f.company.ID, token, s.Now()); ok {
			t.Fatal("the raw token finds a link: it must be stored hashed")
		}
		if _, ok, _ := s.LiveSetupLink(ctx, f.company.ID, account.HashToken(token), s.Now()); !ok {
			t.Fatal("the hashed token finds no link")
		}
		// A new link cancels the old one.
		second, _ := f.svc.CreateSetupLink(ctx, staff, f.company.ID, c.ID, "")
		u2, _ := url.Parse(second.URL)
		if _, ok, _ := s.LiveSetupLink(ctx, f.company.ID, account.HashToken(token), s.Now()); ok {
			t.Fatal("the older link still works")
		}
		l, ok, _ := s.LiveSetupLink(ctx, f.company.ID, account.HashToken(u2.Query().Get("token")), s.Now())
		if !ok {
			t.Fatal("the new link does not work")
		}
		// A link is for one company only, and single-use.
		if _, ok, _ := s.LiveSetupLink(ctx, other.company.ID, account.HashToken(u2.Query().Get("token")), s.Now()); ok {
			t.Fatal("a link works at another store")
		}
		if used, _ := s.UseSetupLink(ctx, f.company.ID, l.ID, s.Now()); !used {
			t.Fatal("use")
		}
		if used, _ := s.UseSetupLink(ctx, f.company.ID, l.ID, s.Now()); used {
			t.Fatal("used twice")
		}
		// Contacts get their own links; accounts with a password get none.
		if _, err := f.svc.CreateSetupLink(ctx, staff, f.company.ID, c.ID, ct.ID); err != nil {
			t.Fatal(err)
		}
		pending, _ := s.PendingSetupLinks(ctx, f.company.ID, c.ID, s.Now())
		if _, ok := pending[ct.ID]; !ok || len(pending) != 1 {
			t.Fatalf("pending %v", pending)
		}
		_ = s.InTx(ctx, func(tx *store.Tx) error { return tx.SetCustomerPassword(ctx, f.company.ID, c.ID, "h", tx.Now) })
		if _, err := f.svc.CreateSetupLink(ctx, staff, f.company.ID, c.ID, ""); model.ErrorCode(err) != model.CodeRule {
			t.Fatalf("link for an account with a password: %v", err)
		}
		if _, err := other.svc.CreateSetupLink(ctx, staff, other.company.ID, c.ID, ""); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company link: %v", err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, f.company.ID, model.AuditFilter{Action: "CustomerSetupLinkCreated"})
		if len(p.Entries) != 3 || strings.Contains(string(p.Entries[0].Details), u2.Query().Get("token")) {
			t.Fatalf("audit entries %d; the token must never be logged in the audit", len(p.Entries))
		}
	})
}
