package store

import (
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

// unindexed wraps a text column in a no-op expression (col || ”) so the
// SQLite planner does not consider indexes on it for that term. A prepared
// statement whose WHERE compares a parameter with an indexed column that has
// ANALYZE samples (sqlite_stat4) is planned anew on every execution; where a
// unique key already finds the row, the other terms are better left to
// filter it. PostgreSQL reads it the same way.
func unindexed(col string) string { return col + " || ''" }
