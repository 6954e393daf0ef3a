// Package storetest opens real, migrated databases for tests: a SQLite file
// in the test's temporary directory, and a fresh PostgreSQL database when
// DISTRIBU_TEST_POSTGRES names a server where tests may create databases.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/store"
)

// EnvPostgres is the variable naming the PostgreSQL server for tests, as a
// postgres:// URL to a database the test user may connect to (for example
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable).
const EnvPostgres = "DISTRIBU_TEST_POSTGRES"

// Open returns a migrated SQLite store in tb's temporary directory, closed
// when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	return open(tb, SQLiteDSN(tb))
}

// SQLiteDSN returns the path of a new SQLite database file for tb.
func SQLiteDSN(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(tb.TempDir(), "distribu.db")
}

// PostgresDSN creates a fresh, empty PostgreSQL database for tb and returns
// its URL; the database is dropped when the test ends. It skips tb with a
// message when DISTRIBU_TEST_POSTGRES is not set.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	server := os.Getenv(EnvPostgres)
	if server == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s to a postgres:// URL (as .ci/run does) to run them", EnvPostgres)
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		tb.Fatalf("open %s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "distribu_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			return
		}
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Logf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
}

// OpenPostgres returns a migrated store on a fresh PostgreSQL database, or
// skips tb when DISTRIBU_TEST_POSTGRES is not set.
func OpenPostgres(tb testing.TB) *store.Store {
	tb.Helper()
	return open(tb, PostgresDSN(tb))
}

func open(tb testing.TB, dsn string) *store.Store {
	tb.Helper()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := store.Open(ctx, dsn, store.WithLogger(quiet))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return s
}

// engines lists the engines tests run on: "sqlite", and "postgres" (which
// skips itself when DISTRIBU_TEST_POSTGRES is unset).
var engines = []store.Engine{store.SQLite, store.Postgres}

// DSN returns a fresh database URL or path for the engine.
func DSN(tb testing.TB, e store.Engine) string {
	tb.Helper()
	if e == store.Postgres {
		return PostgresDSN(tb)
	}
	return SQLiteDSN(tb)
}

// Run runs fn as one subtest per engine with a fresh migrated store:
// "sqlite" always, "postgres" when DISTRIBU_TEST_POSTGRES is set.
func Run(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, e := range engines {
		t.Run(string(e), func(t *testing.T) {
			fn(t, open(t, DSN(t, e)))
		})
	}
}

// Each runs fn as one subtest per engine, giving the engine instead of a
// store (for tests that start whole processes).
func Each(t *testing.T, fn func(t *testing.T, e store.Engine)) {
	t.Helper()
	for _, e := range engines {
		t.Run(string(e), func(t *testing.T) {
			if e == store.Postgres && os.Getenv(EnvPostgres) == "" {
				t.Skipf("PostgreSQL tests skipped: set %s to run them", EnvPostgres)
			}
			fn(t, e)
		})
	}
}

// Name returns a short unique name for test data.
func Name(prefix string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%s", strings.ToLower(prefix), hex.EncodeToString(b[:]))
}
