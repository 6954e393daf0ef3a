package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// How hard TestKillMidRequestThenRestart pushes before it kills the server.
// Sign-ups hash a password with the production argon2 cost (64 MiB), so
// their workers are few.
const (
	settingsWorkers = 8
	signupWorkers   = 4
	killAfterAcks   = 10               // acknowledged settings saves and sign-ups (each) before the kill…
	killAtLatest    = 20 * time.Second // …or this long after the load started, whichever comes first
)

// outcome is what a client knows about one request after the kill.
type outcome int

const (
	acked   outcome = iota // the server answered 303: the change is committed
	unknown                // no answer: the process died with the request in flight (or before it)
)

// signupAttempt is one sign-up sent during the load.
type signupAttempt struct {
	company, email, slug string
	outcome              outcome
}

// settingsAttempt is one settings save sent during the load, normalised the
// way the audit log records it.
type settingsAttempt struct {
	values  settingsView
	outcome outcome
}

// settingsView mirrors the "before" and "after" objects of a
// CompanySettingsUpdated audit entry.
type settingsView struct {
	Name             string `json:"name"`
	Slug             string `json:"slug"`
	TaxRate          string `json:"taxRate"`
	ShippingFee      string `json:"shippingFee"`
	ReturnWindowDays int    `json:"returnWindowDays"`
}

// settingsOf returns a company's settings as the audit log records them.
func settingsOf(c model.Company) settingsView {
	return settingsView{Name: c.Name, Slug: c.Slug, TaxRate: c.TaxRate.Percent(),
		ShippingFee: c.ShippingFee.String(), ReturnWindowDays: c.ReturnWindowDays}
}

// TestKillMidRequestThenRestart SIGKILLs a server while settings saves and
// sign-ups are in flight, restarts it on the same database and checks that
// it comes up and that the database is consistent: every acknowledged write
// survived, every sign-up either happened completely (company, OWNER
// membership, CompanyCreated entry) or not at all, and the company's
// settings match its audit log.
func TestKillMidRequestThenRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, engine store.Engine) {
		dsn := storetest.DSN(t, engine)
		srv := startServe(t, dsn)
		c := newClient(t)
		const companyName, ownerEmail = "Crash Co", "owner@crash.example"
		cookie := signup(t, c, srv.URL, companyName, "Casey Crash", ownerEmail)

		var (
			mu        sync.Mutex
			signups   []signupAttempt
			saves     []settingsAttempt
			failures  []string
			nSignups  atomic.Int64
			nSaves    atomic.Int64
			stop      atomic.Bool
			wg        sync.WaitGroup
			unexpects = func(format string, args ...any) {
				mu.Lock()
				defer mu.Unlock()
				failures = append(failures, fmt.Sprintf(format, args...))
			}
		)
		for w := range settingsWorkers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
				for i := 0; !stop.Load(); i++ {
					v := settingsView{
						Name:             fmt.Sprintf("Crash Co w%d-%d", w, i),
						Slug:             "crash-co",
						TaxRate:          fmt.Sprintf("%d.%03d", rng.IntN(30), rng.IntN(1000)),
						ShippingFee:      fmt.Sprintf("%d.%02d", rng.IntN(100), rng.IntN(100)),
						ReturnWindowDays: rng.IntN(366),
					}
					form := settingsForm(v.Name, v.Slug, v.TaxRate, v.ShippingFee, strconv.Itoa(v.ReturnWindowDays))
					v = normalise(v)
					r, err := tryDo(c, http.MethodPost, srv.URL+"/dashboard/settings/company", form, cookie)
					if err != nil {
						mu.Lock()
						saves = append(saves, settingsAttempt{values: v, outcome: unknown})
						mu.Unlock()
						return // the process is gone
					}
					if r.Status != http.StatusSeeOther {
						unexpects("settings save %q: got %d, want 303\n%s", v.Name, r.Status, r.Body)
						continue
					}
					mu.Lock()
					saves = append(saves, settingsAttempt{values: v, outcome: acked})
					mu.Unlock()
					nSaves.Add(1)
				}
			}()
		}
		for w := range signupWorkers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; !stop.Load(); i++ {
					a := signupAttempt{
						company: fmt.Sprintf("Crash Signup w%d n%d", w, i),
						email:   fmt.Sprintf("owner-w%d-n%d@crash.example", w, i),
						slug:    fmt.Sprintf("crash-signup-w%d-n%d", w, i),
					}
					r, err := tryDo(c, http.MethodPost, srv.URL+"/signup", signupForm(a.company, "Owner", a.email), nil)
					if err != nil {
						a.outcome = unknown
						mu.Lock()
						signups = append(signups, a)
						mu.Unlock()
						return
					}
					if r.Status != http.StatusSeeOther || r.Location() != "/dashboard" {
						unexpects("sign-up %q: got %d to %q, want 303 to /dashboard\n%s", a.company, r.Status, r.Location(), r.Body)
						continue
					}
					a.outcome = acked
					mu.Lock()
					signups = append(signups, a)
					mu.Unlock()
					nSignups.Add(1)
				}
			}()
		}

		deadline := time.Now().Add(killAtLatest)
		for time.Now().Before(deadline) && (nSaves.Load() < killAfterAcks || nSignups.Load() < killAfterAcks) {
			time.Sleep(20 * time.Millisecond)
		}
		srv.Kill(t)
		stop.Store(true)
		wg.Wait()
		t.Logf("killed after %d acknowledged settings saves and %d acknowledged sign-ups", nSaves.Load(), nSignups.Load())
		for _, f := range failures {
			t.Error(f)
		}
		if nSaves.Load() == 0 || nSignups.Load() == 0 {
			t.Fatalf("the load never got going before the kill\nstderr:\n%s", srv.Stderr())
		}

		// A new process on the same database comes up and still knows the
		// owner's session and company.
		srv2 := startServe(t, dsn)
		r := get(t, c, srv2.URL+"/dashboard", cookie)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "Crash Co") {
			t.Errorf("GET /dashboard after restart: got %d, want 200 naming Crash Co\n%s", r.Status, r.Body)
		}

		s := openStore(t, dsn)
		ctx := context.Background()
		owner := companyBySlug(t, s, "crash-co")
		companies := 1
		checkCompany(t, s, owner.Slug, ownerEmail, true)
		for _, a := range signups {
			if checkCompany(t, s, a.slug, a.email, a.outcome == acked) {
				companies++
			}
		}
		if n, err := s.CountCompanies(ctx); err != nil {
			t.Fatalf("count companies: %v", err)
		} else if n != companies {
			t.Errorf("database holds %d companies, want %d (the owner's and every sign-up that happened)", n, companies)
		}
		checkSettingsHistory(t, s, owner, settingsView{Name: companyName, Slug: "crash-co", TaxRate: "0",
			ShippingFee: model.Money(0).String(), ReturnWindowDays: 30}, saves)

		srv2.Stop(t)
		res := runCommand(t, nil, "migrate", "--db", dsn)
		if res.Code != 0 || strings.TrimSpace(res.Stdout) != "migrations applied: 0" {
			t.Errorf("distribu migrate after the restart: status %d, stdout %q, want 0 and \"migrations applied: 0\"\nstderr:\n%s",
				res.Code, res.Stdout, res.Stderr)
		}
	})
}

// normalise returns v as the audit log would record it (tax rate without
// trailing zeros, fee with two decimals).
func normalise(v settingsView) settingsView {
	if r, err := model.ParsePercent(v.TaxRate); err == nil {
		v.TaxRate = r.Percent()
	}
	if m, err := model.ParseMoney(v.ShippingFee); err == nil {
		v.ShippingFee = m.String()
	}
	return v
}

// checkCompany checks the sign-up of slug by email: when must is true it
// must have happened; otherwise it may have happened or not, but never in
// part. A sign-up that happened has a company, a user who is its only
// member and OWNER, and exactly one CompanyCreated entry. It reports
// whether the company exists.
func checkCompany(t *testing.T, s *store.Store, slug, email string, must bool) bool {
	t.Helper()
	ctx := context.Background()
	c, cerr := s.CompanyBySlug(ctx, slug)
	if cerr != nil && !model.IsCode(cerr, model.CodeNotFound) {
		t.Fatalf("company %q: %v", slug, cerr)
	}
	u, uerr := s.UserByEmail(ctx, email)
	if uerr != nil && !model.IsCode(uerr, model.CodeNotFound) {
		t.Fatalf("user %q: %v", email, uerr)
	}
	switch {
	case cerr != nil && uerr != nil:
		if must {
			t.Errorf("acknowledged sign-up of %s (%s) is lost: no company, no user", slug, email)
		}
		return false
	case cerr != nil:
		t.Errorf("half a sign-up: user %s exists but company %s does not", email, slug)
		return false
	case uerr != nil:
		t.Errorf("half a sign-up: company %s exists but user %s does not", slug, email)
		return true
	}

	users, roles, err := s.CompanyStaff(ctx, c.ID)
	if err != nil {
		t.Fatalf("staff of %s: %v", slug, err)
	}
	if len(users) != 1 || users[0].ID != u.ID || roles[0] != model.RoleOwner {
		t.Errorf("company %s: staff %v with roles %v, want only %s as OWNER", slug, users, roles, email)
	}
	ms, err := s.Memberships(ctx, u.ID)
	if err != nil {
		t.Fatalf("memberships of %s: %v", email, err)
	}
	if len(ms) != 1 || ms[0].CompanyID != c.ID || ms[0].Role != model.RoleOwner {
		t.Errorf("user %s: memberships %+v, want one OWNER membership of %s", email, ms, slug)
	}
	created, err := s.AuditEntries(ctx, c.ID, model.AuditFilter{Action: "CompanyCreated", Limit: 10})
	if err != nil {
		t.Fatalf("audit of %s: %v", slug, err)
	}
	if len(created) != 1 || created[0].EntityID != c.ID {
		t.Errorf("company %s: %d CompanyCreated entries, want exactly 1 about the company", slug, len(created))
	}
	return true
}

// checkSettingsHistory checks that company c's CompanySettingsUpdated
// entries tell its settings' story after the kill: each entry's "after" is
// a save that was sent, each entry's "before" is the previous entry's
// "after" (the first one's is initial), the newest "after" is the
// company's current settings, and every acknowledged save is in the log.
// On PostgreSQL this holds because account.UpdateSettings locks the
// company's row (FOR UPDATE) before reading "before"; SQLite serialises
// writers.
func checkSettingsHistory(t *testing.T, s *store.Store, c model.Company, initial settingsView, saves []settingsAttempt) {
	t.Helper()
	entries, err := s.AuditEntries(context.Background(), c.ID,
		model.AuditFilter{Action: "CompanySettingsUpdated", Limit: 1_000_000})
	if err != nil {
		t.Fatalf("audit of %s: %v", c.Slug, err)
	}
	sent := map[string]settingsAttempt{}
	for _, a := range saves {
		sent[a.values.Name] = a
	}
	logged := map[string]bool{}
	prev := initial
	brokenChain := 0
	for i := len(entries) - 1; i >= 0; i-- { // oldest first
		var d struct{ Before, After settingsView }
		if err := json.Unmarshal(entries[i].Details, &d); err != nil {
			t.Fatalf("CompanySettingsUpdated %s: details %s: %v", entries[i].ID, entries[i].Details, err)
		}
		if a, ok := sent[d.After.Name]; !ok || a.values != d.After {
			t.Errorf("CompanySettingsUpdated %s records %+v, which no request sent", entries[i].ID, d.After)
		}
		if d.Before != prev {
			brokenChain++
			if brokenChain <= 3 {
				t.Errorf("CompanySettingsUpdated %s: before %+v, but the previous change left %+v", entries[i].ID, d.Before, prev)
			}
		}
		logged[d.After.Name] = true
		prev = d.After
	}
	if brokenChain > 3 {
		t.Errorf("… %d entries in all whose before is not the previous after", brokenChain)
	}
	if cur := settingsOf(c); cur != prev {
		t.Errorf("company %s settings are %+v, but the audit log's latest state is %+v", c.Slug, cur, prev)
	}
	lost := 0
	for _, a := range saves {
		if a.outcome == acked && !logged[a.values.Name] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d acknowledged settings saves have no CompanySettingsUpdated entry", lost)
	}
	t.Logf("%d settings saves sent, %d logged", len(saves), len(entries))
}
