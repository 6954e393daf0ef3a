package store

import (
	"strconv"
	"strings"
	"unicode/utf8"
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

// orderTextSearch returns the FROM clause and the condition (each with its
// arguments) for orders whose search_text contains text, case-insensitively.
// The condition is always the substring match itself (LIKE on the
// lower-cased search_text), so both engines return exactly the same rows;
// what differs is how the candidates are found:
//   - PostgreSQL: the planner serves the LIKE from the pg_trgm GIN index
//     orders_search_trgm (migration 0006).
//   - SQLite: the FTS5 trigram index order_search gives the candidates (a
//     phrase of trigrams matches every document holding the text), which
//     drive the join to orders (CROSS JOIN keeps them the outer loop). FTS5
//     makes no trigrams of a text under 3 characters, so a 1–2 character
//     search scans the company's search index as before.
func (q Queries) orderTextSearch(text string) (from string, fromArgs []any, cond string, condArgs []any) {
	cond, condArgs = `search_text LIKE ? ESCAPE '\'`, []any{containsPattern(text)}
	lower := strings.ToLower(text)
	if q.engine != SQLite || utf8.RuneCountInString(lower) < 3 {
		return "orders", nil, cond, condArgs
	}
	phrase := `"` + strings.ReplaceAll(lower, `"`, `""`) + `"`
	from = `(SELECT k.order_id AS match_id FROM order_search JOIN order_search_keys k ON k.id = order_search.rowid
		WHERE order_search MATCH ?) m CROSS JOIN orders`
	return from, []any{phrase}, "id = match_id AND " + cond, condArgs
}
