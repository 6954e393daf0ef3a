package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migration is one numbered .sql file.
type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := "migrations/" + string(s.engine)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", e.Name())
		}
		body, err := fs.ReadFile(migrationFS, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// Migrate applies every embedded migration not applied yet, each in its own
// transaction, and returns how many it applied. Several processes may call
// it at once: PostgreSQL serialises them with an advisory lock, SQLite with
// its write lock.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	all, err := s.migrations()
	if err != nil {
		return 0, err
	}
	if s.engine == Postgres {
		// Processes starting together queue here: the session lock is held on
		// one connection until every migration is applied, so CREATE TABLE
		// IF NOT EXISTS never races on the catalog.
		conn, err := s.write.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("migration lock: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7273917)`); err != nil {
			return 0, fmt.Errorf("migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7273917)`)
	}
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`
	if _, err := s.write.ExecContext(ctx, create); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := 0
	for _, m := range all {
		did := false
		err := s.InTx(ctx, func(tx *Tx) error {
			var n int
			if err := tx.row(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return fmt.Errorf("check migration %d: %w", m.version, err)
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply migration %s: %w", m.name, err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, tx.Now.Format("2006-01-02T15:04:05.000000Z")); err != nil {
				return err
			}
			did = true
			return nil
		})
		if err != nil {
			return applied, err
		}
		if did {
			applied++
			s.log.Info("migration applied", "version", m.version, "name", m.name, "engine", s.engine)
		}
	}
	return applied, nil
}
