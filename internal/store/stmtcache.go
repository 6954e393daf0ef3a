package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// maxCachedStmts bounds the prepared statements a stmtCache keeps; only the
// few queries of every storefront request go through it.
const maxCachedStmts = 64

// stmtCache keeps prepared statements of the read pool for the queries that
// run on nearly every request. On SQLite, preparing (parsing and planning)
// a short query costs more than running it; database/sql prepares a
// *sql.Stmt once per connection and reuses it. PostgreSQL does not use it:
// pgx already caches prepared statements per connection.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for query, preparing it the first
// time (without holding the lock: preparing waits for a connection); nil
// when the cache is full.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[query]
	full := len(c.stmts) >= maxCachedStmts
	c.mu.Unlock()
	if ok {
		return st, nil
	}
	if full {
		return nil, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, mapErr(fmt.Errorf("prepare %s: %w", firstWords(query), err))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.stmts[query]; ok { // prepared meanwhile by another request
		_ = st.Close()
		return prev, nil
	}
	c.stmts[query] = st
	return st, nil
}

// close closes every statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		_ = st.Close()
		delete(c.stmts, q)
	}
}

// errRow is a *sql.Row stand-in that reports err on Scan.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// scanner is what a single-row query returns: *sql.Row, or errRow.
type scanner interface{ Scan(dest ...any) error }

// hotRow runs a single-row query of every request through a prepared
// statement of the read pool when there is a statement cache, else as row
// does.
func (q Queries) hotRow(ctx context.Context, query string, args ...any) scanner {
	if q.stmts == nil {
		return q.row(ctx, query, args...)
	}
	st, err := q.stmts.get(ctx, query)
	if err != nil {
		return errRow{err}
	}
	if st == nil {
		return q.row(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// hotQuery runs a query of every request through a prepared statement of
// the read pool when there is a statement cache, else as query does.
func (q Queries) hotQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if q.stmts == nil {
		return q.query(ctx, query, args...)
	}
	st, err := q.stmts.get(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return q.query(ctx, query, args...)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, mapErr(fmt.Errorf("query %s: %w", firstWords(query), err))
	}
	return rows, nil
}
