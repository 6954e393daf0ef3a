package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/distribu/distribu/internal/model"
)

// InsertAudit appends one audit entry. Call it inside the change's
// transaction.
func (q Queries) InsertAudit(ctx context.Context, e model.AuditEntry) error {
	details := string(e.Details)
	if details == "" {
		details = "{}"
	}
	_, err := q.exec(ctx, `INSERT INTO audit_log (id, company_id, created_at, actor_type, actor_id, actor_label,
		action, entity_type, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.CompanyID, dbTime{e.CreatedAt}, e.Actor.Type, nullString(e.Actor.ID), e.Actor.Label,
		e.Action, e.EntityType, nullString(e.EntityID), details)
	return err
}

// AuditEntries lists a company's audit entries newest first, filtered by f.
// f.Before returns the page older than that id, f.After the page newer than
// it (still newest first). It fetches f.Limit+1 rows so callers can tell
// whether more exist.
func (q Queries) AuditEntries(ctx context.Context, companyID string, f model.AuditFilter) ([]model.AuditEntry, error) {
	where := []string{"company_id = ?"}
	args := []any{companyID}
	if f.ActorType != "" {
		where = append(where, "actor_type = ?")
		args = append(args, f.ActorType)
	}
	if f.EntityType != "" {
		where = append(where, "entity_type = ?")
		args = append(args, f.EntityType)
	}
	if f.Action != "" {
		where = append(where, "action = ?")
		args = append(args, f.Action)
	}
	if !f.From.IsZero() {
		where = append(where, "created_at >= ?")
		args = append(args, dbTime{f.From})
	}
	if !f.To.IsZero() {
		where = append(where, "created_at < ?")
		args = append(args, dbTime{f.To})
	}
	order := "DESC"
	if f.Before != "" {
		where = append(where, "id < ?")
		args = append(args, f.Before)
	} else if f.After != "" {
		where = append(where, "id > ?")
		args = append(args, f.After)
		order = "ASC"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := q.query(ctx, `SELECT id, company_id, created_at, actor_type, actor_id, actor_label, action,
		entity_type, entity_id, details FROM audit_log WHERE `+strings.Join(where, " AND ")+`
		ORDER BY id `+order+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		var created dbTime
		var actorID, entityID sql.NullString
		var details string
		if err := rows.Scan(&e.ID, &e.CompanyID, &created, &e.Actor.Type, &actorID, &e.Actor.Label, &e.Action,
			&e.EntityType, &entityID, &details); err != nil {
			return nil, mapErr(fmt.Errorf("scan audit entry: %w", err))
		}
		e.CreatedAt, e.Actor.ID, e.EntityID, e.Details = created.Time, actorID.String, entityID.String, []byte(details)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	if order == "ASC" {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, nil
}

// AuditActions lists the distinct actions and entity types a company's log
// holds, for the filter menus.
func (q Queries) AuditActions(ctx context.Context, companyID string) (actions, entityTypes []string, err error) {
	for _, col := range []string{"action", "entity_type"} {
		rows, err := q.query(ctx, `SELECT DISTINCT `+col+` FROM audit_log WHERE company_id = ? ORDER BY 1`, companyID)
		if err != nil {
			return nil, nil, err
		}
		var list []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, nil, mapErr(err)
			}
			list = append(list, s)
		}
		rows.Close()
		if col == "action" {
			actions = list
		} else {
			entityTypes = list
		}
	}
	return actions, entityTypes, nil
}

// InsertAudits appends many audit entries with multi-row statements.
func (q Queries) InsertAudits(ctx context.Context, entries []model.AuditEntry) error {
	const cols = 10
	for start := 0; start < len(entries); {
		end := min(start+maxRowsPerInsert(cols), len(entries))
		var b strings.Builder
		b.WriteString(`INSERT INTO audit_log (id, company_id, created_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, details) VALUES `)
		args := make([]any, 0, (end-start)*cols)
		for i := start; i < end; i++ {
			e := entries[i]
			if i > start {
				b.WriteByte(',')
			}
			b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			details := string(e.Details)
			if details == "" {
				details = "{}"
			}
			args = append(args, e.ID, e.CompanyID, dbTime{e.CreatedAt}, e.Actor.Type, nullString(e.Actor.ID), e.Actor.Label,
				e.Action, e.EntityType, nullString(e.EntityID), details)
		}
		if _, err := q.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// ExistingEntities reports which of the given product and customer ids
// still exist in the company (keys "product:<id>", "customer:<id>"), so the
// audit log links only to records that are there.
func (q Queries) ExistingEntities(ctx context.Context, companyID string, productIDs, customerIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, set := range []struct {
		kind, table string
		ids         []string
	}{{"product", "products", productIDs}, {"customer", "customers", customerIDs}} {
		if len(set.ids) == 0 {
			continue
		}
		args := []any{companyID}
		for _, id := range set.ids {
			args = append(args, id)
		}
		rows, err := q.query(ctx, `SELECT id FROM `+set.table+` WHERE company_id = ? AND id IN (`+placeholders(len(set.ids))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			out[set.kind+":"+id] = true
		}
		rows.Close()
	}
	return out, nil
}
