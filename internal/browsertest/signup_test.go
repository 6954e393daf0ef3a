package browsertest_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestSignupSettingsAudit walks a new distributor through sign-up, the
// company settings and the audit log, in a real browser.
func TestSignupSettingsAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)

		signUp(t, b)
		b.Screenshot("dashboard")

		// Sidebar → Settings → Company.
		b.Click("//aside" + browsertest.Link("Company"))
		if got := b.Path(); got != "/dashboard/settings/company" {
			t.Fatalf("after the Company link: path %q, want /dashboard/settings/company", got)
		}
		b.Fill("#taxRate", "8.875")
		b.Fill("#shippingFee", "12.50")
		b.Click(browsertest.Button("Save settings"))
		if got := b.Path(); got != "/dashboard/settings/company" {
			t.Fatalf("after saving: path %q, want /dashboard/settings/company", got)
		}
		if got := b.Text(".flash"); got != "Settings saved." {
			t.Fatalf("flash %q, want %q", got, "Settings saved.")
		}
		if got := b.Value("#taxRate"); got != "8.875" {
			t.Errorf("tax rate field shows %q after saving, want 8.875", got)
		}
		if got := b.Value("#shippingFee"); got != "12.50" {
			t.Errorf("shipping fee field shows %q after saving, want 12.50", got)
		}
		b.Screenshot("settings-saved")

		// Sidebar → Audit log: the change is there, and the filter keeps it
		// while dropping the sign-up entry.
		b.Click("//aside" + browsertest.Link("Audit log"))
		if got := b.Path(); got != "/dashboard/settings/audit" {
			t.Fatalf("after the Audit log link: path %q, want /dashboard/settings/audit", got)
		}
		if got := auditActions(b); !slices.Contains(got, "CompanySettingsUpdated") || !slices.Contains(got, "CompanyCreated") {
			t.Fatalf("audit log actions %q, want CompanySettingsUpdated and CompanyCreated", got)
		}
		b.Select("#action", "CompanySettingsUpdated")
		b.Click(browsertest.Button("Filter"))
		if u := b.URL(); u.Query().Get("action") != "CompanySettingsUpdated" {
			t.Fatalf("after filtering: URL %s, want action=CompanySettingsUpdated in the query", u)
		}
		if got := auditActions(b); !slices.Equal(got, []string{"CompanySettingsUpdated"}) {
			t.Fatalf("filtered audit log actions %q, want just CompanySettingsUpdated", got)
		}
		if table := b.Text("table"); strings.Contains(table, "CompanyCreated") {
			t.Fatalf("filtered audit log still lists CompanyCreated:\n%s", table)
		}
		if got := b.Value("#action"); got != "CompanySettingsUpdated" {
			t.Errorf("action filter shows %q after filtering, want CompanySettingsUpdated", got)
		}
		b.Screenshot("audit-filtered")

		if errs := b.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("browser console errors:\n%s", strings.Join(errs, "\n"))
		}
	})
}

// TestCompanySettingsRejectsBadTaxRate checks that a bad value comes back
// with the field's error and with what was typed still in the field.
func TestCompanySettingsRejectsBadTaxRate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)
		signUp(t, b)

		b.Visit("/dashboard/settings/company")
		b.Fill("#taxRate", "31")
		// Submit as pressing Enter in the field does.
		if status := b.Submit("#taxRate"); status != http.StatusUnprocessableEntity {
			t.Errorf("bad settings answered %d, want %d", status, http.StatusUnprocessableEntity)
		}
		b.Screenshot("bad-tax-rate")

		if got := b.Text("#taxRate ~ .field-error"); got != "Tax rate must be a number from 0 to 30." {
			t.Fatalf("tax rate error %q, want %q", got, "Tax rate must be a number from 0 to 30.")
		}
		if got := b.Value("#taxRate"); got != "31" {
			t.Errorf("tax rate field shows %q after the error, want the typed 31", got)
		}
		b.NotSee("Settings saved.")

		// Nothing was saved: a fresh load shows the old rate.
		b.Visit("/dashboard/settings/company")
		if got := b.Value("#taxRate"); got == "31" {
			t.Errorf("tax rate 31 was saved although it was rejected")
		}
	})
}

// signUp creates Harbor Foods through the sign-up form and checks that the
// browser lands on its dashboard.
func signUp(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	if status := b.Visit("/signup"); status != http.StatusOK {
		t.Fatalf("GET /signup answered %d", status)
	}
	b.Fill("#company", "Harbor Foods")
	b.Fill("#name", "Maya Lin")
	b.Fill("#email", "maya@harborfoods.example")
	b.Fill("#password", "correct horse battery")
	b.Click(browsertest.Button("Create account"))

	if got := b.Path(); got != "/dashboard" {
		t.Fatalf("after sign-up: path %q, want /dashboard\n%s", got, b.BodyText())
	}
	b.See("Harbor Foods", "Welcome, Maya Lin", "Welcome to Distribu! Your company is ready.")
}

// auditActions returns the action column of the audit log table, top down.
func auditActions(b *browsertest.Browser) []string {
	return b.Texts("table tbody td:nth-child(3) code")
}
