package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The short list of differences between the engines lives here.

// rebind rewrites ? placeholders to $1, $2… for PostgreSQL. Question marks
// inside single-quoted literals are left alone.
func (q Queries) rebind(query string) string {
	if q.engine != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// likeEscape escapes LIKE wildcards in s so it matches literally with
// ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// containsPattern returns a lower-cased LIKE pattern matching s anywhere.
// Callers compare it with a column lower-cased in Go (LIKE ? ESCAPE '\'), which both engines
// run the same way (no ILIKE).
func containsPattern(s string) string { return "%" + likeEscape(strings.ToLower(s)) + "%" }

// postgresDSN adds the session settings Distribu relies on unless the
// operator set them: plan_cache_mode=force_custom_plan, so a statement that
// pgx keeps prepared is planned with its real parameters and the table's
// current size every time. Without it PostgreSQL may keep a generic plan made
// while a table was still small (a sequential scan) for the rest of a bulk
// import, which turns each batch lookup into a scan of the growing table.
func postgresDSN(dsn string) string {
	if strings.Contains(dsn, "plan_cache_mode") {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "plan_cache_mode=force_custom_plan"
}

// forUpdate ends a single-row SELECT that must lock its row.
func (q Queries) forUpdate() string {
	if q.lock && q.engine == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// keyLookup returns a query for the company's rows of table whose keyCol is
// one of n keys, and arranges its arguments. On SQLite it is a plain
// IN (…). On PostgreSQL each key is looked up on its own through the unique
// index (a LATERAL subquery with LIMIT 1): with IN (…), rows inserted
// earlier in the same bulk-import transaction have no statistics, the
// planner scans the company's rows for every batch, and an import slows
// down quadratically with the file. With lock, the rows are locked (FOR
// UPDATE on PostgreSQL).
func (q Queries) keyLookup(cols, table, keyCol, companyID string, keys []string) (string, []any) {
	args := make([]any, 0, len(keys)+1)
	if q.engine != Postgres {
		args = append(args, companyID)
		for _, k := range keys {
			args = append(args, k)
		}
		return `SELECT ` + cols + ` FROM ` + table + ` WHERE company_id = ? AND ` + keyCol + ` IN (` + placeholders(len(keys)) + `)`, args
	}
	var b strings.Builder
	b.WriteString(`SELECT t.* FROM (VALUES `)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?)")
		args = append(args, k)
	}
	args = append(args, companyID)
	b.WriteString(`) AS k(key) CROSS JOIN LATERAL (SELECT ` + cols + ` FROM ` + table + ` WHERE company_id = ? AND ` + keyCol + ` = k.key LIMIT 1` + q.forUpdate() + `) t`)
	return b.String(), args
}

// utcDay is an expression giving a timestamp column's UTC calendar day as
// YYYY-MM-DD text. SQLite keeps timestamps as UTC text that starts with the
// day; PostgreSQL formats its timestamptz in UTC.
func (q Queries) utcDay(col string) string {
	if q.engine == Postgres {
		return `to_char(` + col + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
	}
	return `substr(` + col + `, 1, 10)`
}

// skipLocked ends a SELECT that claims queued rows of table alias for one
// worker: FOR UPDATE OF alias SKIP LOCKED on PostgreSQL, so workers of
// several processes pick different rows without waiting on each other.
// SQLite has no row locks; its write transaction already holds the single
// write lock, so claims queue there.
func (q Queries) skipLocked(alias string) string {
	if q.engine == Postgres {
		return " FOR UPDATE OF " + alias + " SKIP LOCKED"
	}
	return ""
}

// orderTextMatch is how a free-text search finds its orders: a FROM
// clause and a condition, each with its arguments.
type orderTextMatch struct {
	from, cond         string
	fromArgs, condArgs []any
	// scan: SQLite scans for the text (too short, or too common for the
	// trigram index), so it likely matches many orders.
	scan bool
}

// Trigram probing of the SQLite orders search (see orderTextSearch).
const (
	// trigramCap bounds the candidates the trigram index may hand to the
	// join: above it, scanning the company's search index is cheaper.
	trigramCap = 5000
	// trigramProbes bounds how many of a long search's trigrams are counted.
	trigramProbes = 16
	// trigramTerms is how many of the rarest trigrams the index query ANDs.
	trigramTerms = 3
)

// orderTextSearch returns how to find orders whose search_text contains
// text, case-insensitively. The condition is always the substring match
// itself (LIKE on the lower-cased search_text), so both engines return
// exactly the same rows; what differs is how the candidates are found:
//   - PostgreSQL: the planner serves the LIKE from the pg_trgm GIN index
//     orders_search_trgm (migration 0006).
//   - SQLite: the FTS5 trigram index order_search (migration 0006). Each
//     of the text's trigrams is counted in the index, up to trigramCap. The
//     rarest few, ANDed, give the candidates, which drive the join to orders
//     (CROSS JOIN keeps them the outer loop) and are checked with the LIKE.
//     A phrase of every trigram would be exact too, but walking the long
//     lists of common trigrams (every e-mail has "buy", ".ex") costs tens of
//     milliseconds. When even the rarest trigram is in more than trigramCap
//     orders, or the text is under 3 characters (FTS5 makes no trigram of
//     it), the company's search index is scanned as before.
func (q Queries) orderTextSearch(ctx context.Context, text string) (orderTextMatch, error) {
	m := orderTextMatch{from: "orders", cond: `search_text LIKE ? ESCAPE '\'`, condArgs: []any{containsPattern(text)}}
	if q.engine != SQLite {
		return m, nil
	}
	grams := trigrams(strings.ToLower(text))
	if len(grams) == 0 {
		m.scan = true
		return m, nil
	}
	if len(grams) > trigramProbes {
		spread := make([]string, trigramProbes)
		for i := range spread {
			spread[i] = grams[i*len(grams)/trigramProbes]
		}
		grams = spread
	}
	sel := make([]string, len(grams))
	args := make([]any, 0, 2*len(grams))
	for i, g := range grams {
		sel[i] = `(SELECT COUNT(*) FROM (SELECT 1 FROM order_search WHERE order_search MATCH ? LIMIT ?) t)`
		args = append(args, ftsString(g), trigramCap+1)
	}
	counts := make([]int, len(grams))
	dest := make([]any, len(grams))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := q.row(ctx, `SELECT `+strings.Join(sel, ", "), args...).Scan(dest...); err != nil {
		return m, mapErr(fmt.Errorf("count search trigrams: %w", err))
	}
	order := make([]int, len(grams))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] < counts[order[b]] })
	if counts[order[0]] > trigramCap {
		m.scan = true
		return m, nil
	}
	// The rarest drives; the next ones, even if common, thin the
	// candidates inside the index, which is cheaper than in the join.
	var terms []string
	for _, i := range order[:min(trigramTerms, len(order))] {
		terms = append(terms, ftsString(grams[i]))
	}
	m.from = `(SELECT k.order_id AS match_id FROM order_search JOIN order_search_keys k ON k.id = order_search.rowid
		WHERE order_search MATCH ?) m CROSS JOIN orders`
	m.fromArgs = []any{strings.Join(terms, " AND ")}
	m.cond = "id = match_id AND " + m.cond
	return m, nil
}

// walkIndex names, on SQLite, the index whose order is the sort's (see
// orderOrder), for the page of a broad search (Orders): left to itself the
// planner prefers the covering orders_company_search index, which holds
// every match in text order and must sort them all. Walking the sort's
// index instead stops after the page, since most orders match. PostgreSQL
// chooses that walk from its own statistics of search_text.
func (q Queries) walkIndex(sort string) string {
	if q.engine != SQLite {
		return ""
	}
	switch sort {
	case "status":
		return " INDEXED BY orders_company_status"
	case "total", "total_asc":
		return " INDEXED BY orders_company_total"
	}
	return " INDEXED BY orders_company_id"
}

// trigrams returns the distinct 3-character substrings of s, in order.
func trigrams(s string) []string {
	r := []rune(s)
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// ftsString quotes s as one FTS5 string (a phrase of its tokens).
func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// unindexed wraps a text column in a no-op expression (col || ”) so the
// SQLite planner does not consider indexes on it for that term. A prepared
// statement whose WHERE compares a parameter with an indexed column that has
// ANALYZE samples (sqlite_stat4) is planned anew on every execution; where a
// unique key already finds the row, the other terms are better left to
// filter it. PostgreSQL reads it the same way.
func unindexed(col string) string { return col + " || ''" }
