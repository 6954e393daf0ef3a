package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

var newKeyRe = regexp.MustCompile(`value="(dk_[A-Za-z0-9_-]{43})"`)

func TestAPIKeysPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		owner := srv.Signup(t, "Keys Co", "Olivia", "olivia@keys.example", "password123")
		ctx := context.Background()
		company, err := srv.App.Store.CompanyBySlug(ctx, "keys-co")
		if err != nil {
			t.Fatal(err)
		}

		// A fresh form has products:read ticked.
		r := owner.Get("/dashboard/settings/api-keys")
		if r.Status != 200 || !regexp.MustCompile(`value="products:read" checked`).MatchString(r.Body) ||
			strings.Contains(r.Body, `value="orders:read" checked`) {
			t.Fatalf("form: %d\n%s", r.Status, r.Body)
		}
		// Bad input keeps what was typed and writes nothing.
		r = owner.Post("/dashboard/settings/api-keys", url.Values{"name": {"  "}, "scopes": {"orders:read"}, "expiresAt": {"2020-01-01"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Name must be 1 to 100 characters.") ||
			!strings.Contains(r.Body, "Expiry must be today or later.") || !strings.Contains(r.Body, `value="orders:read" checked`) ||
			strings.Contains(r.Body, `value="products:read" checked`) || !strings.Contains(r.Body, `value="2020-01-01"`) {
			t.Fatalf("bad input: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		r = owner.Post("/dashboard/settings/api-keys", url.Values{"name": {"ERP"}, "scopes": {"root:all"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Unknown scope") {
			t.Fatalf("unknown scope: %d", r.Status)
		}
		if r = owner.Post("/dashboard/settings/api-keys", url.Values{"name": {"ERP"}}); !strings.Contains(r.Body, "Choose at least one scope.") {
			t.Fatalf("no scope: %d", r.Status)
		}
		if n, _ := srv.App.Store.CountRows(ctx, "api_keys", company.ID); n != 0 {
			t.Fatalf("%d keys after bad input", n)
		}

		// Created: shown once, then only its prefix.
		r = owner.Post("/dashboard/settings/api-keys", url.Values{"name": {"ERP sync"}, "scopes": {"orders:read", "orders:write"}, "expiresAt": {"2099-12-31"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		r = owner.Get("/dashboard/settings/api-keys")
		m := newKeyRe.FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("key not shown:\n%s", apptest.Text(r.Body))
		}
		secret := m[1]
		if len(secret) != 46 || !strings.Contains(r.Body, secret[:12]+"…") || !strings.Contains(apptest.Text(r.Body), "Active") {
			t.Fatalf("listing: %s", apptest.Text(r.Body))
		}
		if again := owner.Get("/dashboard/settings/api-keys"); strings.Contains(again.Body, secret) {
			t.Fatal("the key is shown a second time")
		}
		keys, err := srv.App.Accounts.APIKeys(ctx, company.ID)
		if err != nil || len(keys) != 1 {
			t.Fatalf("keys %v %v", keys, err)
		}
		if k := keys[0]; k.Hash == secret || strings.Contains(k.Hash, secret) || k.Prefix != secret[:12] || k.ExpiresAt == nil ||
			k.ExpiresAt.Format("2006-01-02") != "2100-01-01" || len(k.Scopes) != 2 {
			t.Fatalf("stored key %+v", k)
		}

		// Another company cannot revoke it (404, unchanged).
		other := srv.Signup(t, "Other Co", "Otto", "otto@other.example", "password123")
		if r := other.Post("/dashboard/settings/api-keys/"+keys[0].ID+"/revoke", nil); r.Status != http.StatusNotFound {
			t.Fatalf("other company's revoke: %d", r.Status)
		}
		if ks, _ := srv.App.Accounts.APIKeys(ctx, company.ID); ks[0].RevokedAt != nil {
			t.Fatal("revoked by another company")
		}
		if page := other.Get("/dashboard/settings/api-keys"); strings.Contains(page.Body, secret[:12]) {
			t.Fatal("another company lists the key")
		}

		// MEMBERs neither see nor change keys.
		member := addMember(t, srv, "keys-co", model.RoleMember, "member@keys.example")
		if r := member.Get("/dashboard/settings/api-keys"); r.Status != http.StatusSeeOther || r.Location != "/dashboard" {
			t.Fatalf("member GET: %d %s", r.Status, r.Location)
		}
		if r := member.Post("/dashboard/settings/api-keys", url.Values{"name": {"Mine"}, "scopes": {"orders:read"}}); r.Status != http.StatusForbidden {
			t.Fatalf("member create: %d", r.Status)
		}
		if r := member.Post("/dashboard/settings/api-keys/"+keys[0].ID+"/revoke", nil); r.Status != http.StatusForbidden {
			t.Fatalf("member revoke: %d", r.Status)
		}
		admin := addMember(t, srv, "keys-co", model.RoleAdmin, "admin@keys.example")
		if r := admin.Post("/dashboard/settings/api-keys/"+keys[0].ID+"/revoke", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("admin revoke: %d", r.Status)
		}
		if r := owner.Get("/dashboard/settings/api-keys"); !strings.Contains(apptest.Text(r.Body), "Revoked") {
			t.Fatal("not shown as revoked")
		}
		for _, action := range []string{"ApiKeyCreated", "ApiKeyRevoked"} {
			page, err := audit.Reader{Store: srv.App.Store}.List(ctx, company.ID, model.AuditFilter{Action: action})
			if err != nil || len(page.Entries) != 1 || page.Entries[0].EntityType != "api_key" || strings.Contains(string(page.Entries[0].Details), secret) {
				t.Fatalf("%s: %+v %v", action, page.Entries, err)
			}
		}
	})
}
