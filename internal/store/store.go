// Package store is the only package with SQL. It serves embedded SQLite and
// PostgreSQL from one set of portable queries, applies the embedded
// migrations, runs transactions and maps driver errors to model codes.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/distribu/distribu/internal/config"
)

// Engine names a database engine.
type Engine string

// The supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Store is an open database. Its embedded Queries read through the read pool;
// every write goes through InTx.
type Store struct {
	Queries
	engine Engine
	read   *sql.DB
	write  *sql.DB
	now    func() time.Time
	log    *slog.Logger
}

// Option changes how Open sets up a Store.
type Option func(*Store)

// WithClock makes the store stamp times from now (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithLogger sets the logger for store messages.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// Open opens the database named by dsn: a postgres:// URL selects PostgreSQL,
// anything else is a SQLite file path. It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	var err error
	if config.IsPostgresDSN(dsn) {
		s.engine = Postgres
		s.read, err = sql.Open("pgx", postgresDSN(dsn))
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		s.read.SetMaxOpenConns(20)
		s.read.SetMaxIdleConns(10)
		s.read.SetConnMaxIdleTime(5 * time.Minute)
		s.write = s.read
	} else {
		s.engine = SQLite
		if dir := filepath.Dir(dsn); dir != "" && dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create database directory: %w", err)
			}
		}
		base := "file:" + (&url.URL{Path: dsn}).EscapedPath() +
			"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
			"&_pragma=synchronous(NORMAL)&_time_format=sqlite"
		s.write, err = sql.Open("sqlite", base+"&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("open sqlite writer: %w", err)
		}
		// One writer connection: writes queue in Go instead of failing with
		// "database is locked".
		s.write.SetMaxOpenConns(1)
		s.write.SetConnMaxLifetime(0)
		s.read, err = sql.Open("sqlite", base)
		if err != nil {
			s.write.Close()
			return nil, fmt.Errorf("open sqlite reader: %w", err)
		}
		readers := max(4, runtime.NumCPU()*2)
		s.read.SetMaxOpenConns(readers)
		// Keep every reader open (database/sql keeps 2 by default): under
		// concurrent load, closing and reopening connections costs more than
		// the queries, and each new connection prepares its statements anew.
		s.read.SetMaxIdleConns(readers)
		s.read.SetConnMaxLifetime(0)
	}
	s.Queries = Queries{db: s.read, engine: s.engine}
	if s.engine == SQLite {
		s.Queries.stmts = newStmtCache(s.read)
	}
	if err := s.firstPing(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// firstPing opens the first connections. Several processes opening one new
// SQLite file at once race to switch it to WAL, which needs the file to
// themselves and fails at once with SQLITE_BUSY instead of waiting: the
// loser tries again for up to ten seconds.
func (s *Store) firstPing(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.Ping(ctx)
		if err == nil || s.engine != SQLite || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20*time.Millisecond + time.Duration(rand.IntN(30))*time.Millisecond):
		}
	}
}

// Engine reports which engine the store serves.
func (s *Store) Engine() Engine { return s.engine }

// Now returns the current time as the store stamps it: UTC, microseconds.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", s.engine, err)
	}
	if s.write != s.read {
		if err := s.write.PingContext(ctx); err != nil {
			return fmt.Errorf("ping %s writer: %w", s.engine, err)
		}
	}
	return nil
}

// Close closes every connection.
func (s *Store) Close() error {
	if s.stmts != nil {
		s.stmts.close()
	}
	err := s.read.Close()
	if s.write != s.read {
		if e := s.write.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Tx is one transaction. Its embedded Queries run inside it; Now is the
// transaction's single timestamp.
type Tx struct {
	Queries
	Now time.Time
	tx  *sql.Tx
}

// InTx runs fn in one transaction: committed when fn returns nil, rolled back
// otherwise (and on panic). Errors are returned as fn gave them or mapped to
// model codes when they come from the driver.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(fmt.Errorf("begin: %w", err))
	}
	tx := &Tx{Queries: Queries{db: sqlTx, engine: s.engine}, Now: s.Now(), tx: sqlTx}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return mapErr(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return mapErr(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// querier is what Queries needs from *sql.DB and *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queries holds every query of the store. It runs on the read pool when
// reached through Store and inside the transaction when reached through Tx.
type Queries struct {
	db     querier
	engine Engine
	lock   bool       // single-row reads lock the row (FOR UPDATE on PostgreSQL)
	stmts  *stmtCache // prepared statements of the read pool (SQLite), nil in transactions
}

// Locking returns the transaction's queries with single-row reads locking
// the rows they read until the transaction ends, for read-modify-write
// changes. On PostgreSQL this adds FOR UPDATE; on SQLite every write
// transaction already holds the database's write lock from its start.
func (t *Tx) Locking() Queries {
	q := t.Queries
	q.lock = true
	return q
}

func (q Queries) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := q.db.ExecContext(ctx, q.rebind(query), args...)
	if err != nil {
		return nil, mapErr(fmt.Errorf("exec %s: %w", firstWords(query), err))
	}
	return res, nil
}

func (q Queries) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := q.db.QueryContext(ctx, q.rebind(query), args...)
	if err != nil {
		return nil, mapErr(fmt.Errorf("query %s: %w", firstWords(query), err))
	}
	return rows, nil
}

func (q Queries) row(ctx context.Context, query string, args ...any) *sql.Row {
	return q.db.QueryRowContext(ctx, q.rebind(query), args...)
}

func firstWords(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > 60 {
		q = q[:60]
	}
	return q
}

// Analyze refreshes the planner's statistics (and, on PostgreSQL, the
// visibility map that index-only scans need) after bulk loads: ANALYZE on
// SQLite, VACUUM ANALYZE on PostgreSQL. Autovacuum does the same in time.
func (s *Store) Analyze(ctx context.Context) error {
	q := "ANALYZE"
	if s.engine == Postgres {
		q = "VACUUM ANALYZE"
	}
	if _, err := s.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
