package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// CreateImport stores an upload for preview and apply.
func (q Queries) CreateImport(ctx context.Context, u model.ImportUpload) error {
	ov, err := encodeOverrides(u.Overrides)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, `INSERT INTO imports (id, company_id, kind, file_name, content, overrides, created_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, u.CompanyID, u.Kind, u.FileName, u.Content, ov, u.CreatedBy,
		dbTime{u.CreatedAt}, dbTime{u.ExpiresAt})
	return err
}

// Import returns a company's upload of a kind that has not expired at now.
// Errors: CodeNotFound.
func (q Queries) Import(ctx context.Context, companyID, kind, id string, now time.Time) (model.ImportUpload, error) {
	var u model.ImportUpload
	var ov string
	var created, expires, applied dbTime
	err := q.row(ctx, `SELECT id, company_id, kind, file_name, content, overrides, created_by, created_at, expires_at, applied_at, result
		FROM imports WHERE company_id = ? AND kind = ? AND id = ? AND expires_at > ?`, companyID, kind, id, dbTime{now}).
		Scan(&u.ID, &u.CompanyID, &u.Kind, &u.FileName, &u.Content, &ov, &u.CreatedBy, &created, &expires, &applied, &u.Result)
	if err != nil {
		return u, notFound(err, "Import")
	}
	u.CreatedAt, u.ExpiresAt, u.AppliedAt = created.Time, expires.Time, applied.Time
	if u.Overrides, err = decodeOverrides(ov); err != nil {
		return u, err
	}
	return u, nil
}

// SetImportOverrides stores the user's column mapping of an upload.
func (q Queries) SetImportOverrides(ctx context.Context, companyID, id string, ov map[int]string) error {
	enc, err := encodeOverrides(ov)
	if err != nil {
		return err
	}
	res, err := q.exec(ctx, `UPDATE imports SET overrides = ? WHERE company_id = ? AND id = ? AND applied_at IS NULL`, enc, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Import")
}

// MarkImportApplied records that an upload was applied, once: it reports
// false when the upload had already been applied (by any process).
func (q Queries) MarkImportApplied(ctx context.Context, companyID, id, result string, at time.Time) (bool, error) {
	res, err := q.exec(ctx, `UPDATE imports SET applied_at = ?, result = ? WHERE company_id = ? AND id = ? AND applied_at IS NULL`,
		dbTime{at}, result, companyID, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// SetImportResult stores the result of an applied upload.
func (q Queries) SetImportResult(ctx context.Context, companyID, id, result string) error {
	res, err := q.exec(ctx, `UPDATE imports SET result = ? WHERE company_id = ? AND id = ?`, result, companyID, id)
	if err != nil {
		return err
	}
	return expectOne(res, "Import")
}

// DeleteExpiredImports removes uploads whose hour has passed.
func (q Queries) DeleteExpiredImports(ctx context.Context, now time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM imports WHERE expires_at <= ?`, dbTime{now})
	return err
}

func encodeOverrides(ov map[int]string) (string, error) {
	m := make(map[string]string, len(ov))
	for k, v := range ov {
		m[strconv.Itoa(k)] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("encode overrides: %w", err)
	}
	return string(b), nil
}

func decodeOverrides(s string) (map[int]string, error) {
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("decode overrides: %w", err)
	}
	out := make(map[int]string, len(m))
	for k, v := range m {
		i, err := strconv.Atoi(k)
		if err != nil {
			return nil, fmt.Errorf("decode overrides: %w", err)
		}
		out[i] = v
	}
	return out, nil
}
