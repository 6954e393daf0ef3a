package browsertest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestAPIKeyLifecycle creates an API key in Settings, uses it against the
// REST API, and revokes it, in a real browser.
func TestAPIKeyLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		b := browsertest.New(t, srv.URL)
		signUp(t, b)

		b.Click("//aside" + browsertest.Link("API keys"))
		if got := b.Path(); got != "/dashboard/settings/api-keys" {
			t.Fatalf("after the API keys link: path %q", got)
		}
		b.See("No API keys yet.")
		b.Fill("#name", "ERP sync")
		b.ClickInPlace(`input[value="orders:read"]`)
		b.Click(browsertest.Button("Create key"))
		secret := b.Value("#new-key-secret")
		if !strings.HasPrefix(secret, "dk_") || len(secret) != 46 {
			t.Fatalf("new key field %q", secret)
		}
		b.See("Copy it now", "ERP sync", secret[:12]+"…", "Active", "products:read", "orders:read")
		b.Screenshot("api-keys")

		call := func() int {
			req, _ := http.NewRequest("GET", srv.URL+"/api/v1/orders", nil)
			req.Header.Set("Authorization", "Bearer "+secret)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if got := call(); got != http.StatusOK {
			t.Fatalf("GET /api/v1/orders with the new key: %d", got)
		}

		// Shown once: a reload shows only the prefix.
		b.Reload()
		if b.Count("#new-key-secret") != 0 || strings.Contains(b.BodyText(), secret) {
			t.Fatal("the key is shown again after a reload")
		}
		b.Click(browsertest.Button("Revoke"))
		if d := b.Dialogs(); len(d) != 1 || !strings.Contains(d[0], "ERP sync") {
			t.Fatalf("confirm dialogs %q", d)
		}
		b.See("API key revoked.", "Revoked")
		if got := call(); got != http.StatusUnauthorized {
			t.Fatalf("GET with the revoked key: %d", got)
		}
		if errs := b.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("browser console errors:\n%s", strings.Join(errs, "\n"))
		}
	})
}
