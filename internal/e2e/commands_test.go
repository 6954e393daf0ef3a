package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/store/storetest"
)

// TestCommands runs the operator commands as a user would: version, an
// unknown command, migrate twice, serve --demo and company limits.
func TestCommands(t *testing.T) {
	t.Run("version", func(t *testing.T) {
		res := runCommand(t, nil, "version")
		if res.Code != 0 || !strings.HasPrefix(res.Stdout, "distribu ") {
			t.Errorf("distribu version: status %d, stdout %q, want 0 and \"distribu …\"", res.Code, res.Stdout)
		}
	})

	t.Run("unknown command", func(t *testing.T) {
		res := runCommand(t, nil, "nosuch")
		if res.Code != 2 {
			t.Errorf("distribu nosuch: status %d, want 2\nstderr:\n%s", res.Code, res.Stderr)
		}
		if !strings.Contains(res.Stderr, `unknown command "nosuch"`) {
			t.Errorf("distribu nosuch: stderr %q does not name the unknown command", res.Stderr)
		}
	})

	t.Run("migrate", func(t *testing.T) {
		db := storetest.SQLiteDSN(t)
		want := fmt.Sprintf("migrations applied: %d", countMigrations(t))
		res := runCommand(t, nil, "migrate", "--db", db)
		if res.Code != 0 || strings.TrimSpace(res.Stdout) != want {
			t.Errorf("first distribu migrate: status %d, stdout %q, want 0 and %q\nstderr:\n%s", res.Code, res.Stdout, want, res.Stderr)
		}
		res = runCommand(t, nil, "migrate", "--db", db)
		if res.Code != 0 || strings.TrimSpace(res.Stdout) != "migrations applied: 0" {
			t.Errorf("second distribu migrate: status %d, stdout %q, want 0 and \"migrations applied: 0\"\nstderr:\n%s",
				res.Code, res.Stdout, res.Stderr)
		}
	})

	t.Run("serve --demo and company limits", func(t *testing.T) {
		db := storetest.SQLiteDSN(t)
		srv := startServe(t, db, "--demo")
		banner := regexp.MustCompile(`Sign in as (\S+) with password (\S+)`).FindStringSubmatch(srv.Stderr())
		if banner == nil || banner[1] != "owner@example.com" {
			t.Fatalf("serve --demo printed no \"Sign in as owner@example.com with password …\" line\nstderr:\n%s", srv.Stderr())
		}
		password := banner[2]

		c := newClient(t)
		r := post(t, c, srv.URL+"/login", url.Values{"email": {"owner@example.com"}, "password": {password}}, nil)
		if r.Status != http.StatusSeeOther || r.Location() != "/dashboard" {
			t.Fatalf("POST /login with the demo password: got %d to %q, want 303 to /dashboard\n%s", r.Status, r.Location(), r.Body)
		}
		cookie := r.Cookie(sessionCookieName)
		if cookie == nil {
			t.Fatalf("POST /login: no %s cookie", sessionCookieName)
		}
		if r := get(t, c, srv.URL+"/dashboard", cookie); r.Status != http.StatusOK || !strings.Contains(r.Body, "Acme Distributors") {
			t.Errorf("GET /dashboard as the demo owner: got %d, want 200 naming Acme Distributors", r.Status)
		}

		// The printed demo API key works against the REST API at once.
		key := regexp.MustCompile(`Authorization: Bearer (dk_[A-Za-z0-9_-]{43})`).FindStringSubmatch(srv.Stderr())
		if key == nil {
			t.Fatalf("serve --demo printed no API key\nstderr:\n%s", srv.Stderr())
		}
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1/orders?status=DELIVERED&limit=5", nil)
		req.Header.Set("Authorization", "Bearer "+key[1])
		if res, err := http.DefaultClient.Do(req); err != nil {
			t.Fatal(err)
		} else {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"status":"DELIVERED"`) {
				t.Errorf("GET /api/v1/orders with the demo key: %d %s", res.StatusCode, body)
			}
		}

		// SQLite lets the command write while the server runs.
		res := runCommand(t, nil, "company", "limits", "acme-distributors", "--customers", "10", "--orders-per-month", "none", "--db", db)
		const want = "acme-distributors: customers=10 products=none seats=none orders-per-month=none"
		if res.Code != 0 || strings.TrimSpace(res.Stdout) != want {
			t.Errorf("distribu company limits: status %d, stdout %q, want 0 and %q\nstderr:\n%s", res.Code, res.Stdout, want, res.Stderr)
		}
		srv.Stop(t)

		// Without limit flags the command shows the limits it stored.
		res = runCommand(t, nil, "company", "limits", "acme-distributors", "--db", db)
		if res.Code != 0 || strings.TrimSpace(res.Stdout) != want {
			t.Errorf("distribu company limits (show): status %d, stdout %q, want 0 and %q\nstderr:\n%s", res.Code, res.Stdout, want, res.Stderr)
		}

		res = runCommand(t, nil, "company", "limits", "nosuch", "--db", db)
		if res.Code != 2 {
			t.Errorf("distribu company limits nosuch: status %d, want 2\nstderr:\n%s", res.Code, res.Stderr)
		}

		// A second --demo start on a database with data seeds nothing.
		srv = startServe(t, db, "--demo")
		if strings.Contains(srv.Stderr(), "Sign in as") {
			t.Errorf("serve --demo on a database with data printed a demo password again\nstderr:\n%s", srv.Stderr())
		}
	})
}

// countMigrations returns how many SQLite migrations the source tree holds,
// which is what migrate applies to an empty database.
func countMigrations(t *testing.T) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(moduleRoot, "internal", "store", "migrations", "sqlite", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no SQLite migrations under %s (%v)", moduleRoot, err)
	}
	return len(files)
}

// TestEnvironmentVariables starts serve configured only through
// DISTRIBU_DB, DISTRIBU_ADDR and DISTRIBU_DATA_DIR and checks it listens on
// that address and writes to that database; a flag still wins over its
// variable.
func TestEnvironmentVariables(t *testing.T) {
	t.Run("env only", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "from-env.db")
		addr := freeAddr(t)
		srv, err := launch(t, []string{"serve"},
			childEnv("DISTRIBU_DB="+db, "DISTRIBU_ADDR="+addr, "DISTRIBU_DATA_DIR="+t.TempDir()), addr)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(srv.Stderr(), "addr="+addr) {
			t.Errorf("serve log does not name addr=%s\nstderr:\n%s", addr, srv.Stderr())
		}
		c := newClient(t)
		signup(t, c, srv.URL, "Env Co", "Eve Env", "eve@env.example")
		srv.Stop(t)

		if _, err := os.Stat(db); err != nil {
			t.Fatalf("DISTRIBU_DB file: %v", err)
		}
		s := openStore(t, db)
		if c := companyBySlug(t, s, "env-co"); c.Name != "Env Co" {
			t.Errorf("company env-co in DISTRIBU_DB is named %q, want Env Co", c.Name)
		}
		if n, err := s.CountCompanies(context.Background()); err != nil || n != 1 {
			t.Errorf("DISTRIBU_DB holds %d companies (%v), want 1", n, err)
		}
	})

	t.Run("flags win", func(t *testing.T) {
		envDB := filepath.Join(t.TempDir(), "env.db")
		flagDB := filepath.Join(t.TempDir(), "flag.db")
		envAddr, flagAddr := freeAddr(t), freeAddr(t)
		srv, err := launch(t, []string{"serve", "--addr", flagAddr, "--db", flagDB},
			childEnv("DISTRIBU_DB="+envDB, "DISTRIBU_ADDR="+envAddr, "DISTRIBU_DATA_DIR="+t.TempDir()), flagAddr)
		if err != nil {
			t.Fatal(err)
		}
		srv.Stop(t)
		if _, err := os.Stat(flagDB); err != nil {
			t.Errorf("--db file: %v", err)
		}
		if _, err := os.Stat(envDB); err == nil {
			t.Errorf("DISTRIBU_DB file %s was created although --db was given", envDB)
		}
	})
}
