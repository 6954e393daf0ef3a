// Package upload keeps dashboard CSV uploads server-side (in the database,
// so any process can serve the preview and the apply) and checks them
// against the dashboard's limits.
package upload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Dashboard upload limits by default; the operator can change them.
const (
	DefaultMaxBytes = 2 << 20
	DefaultMaxRows  = 5000
)

// Limits bound a dashboard upload (the command line and the API stream
// files of any size).
type Limits struct {
	MaxBytes int64
	MaxRows  int
}

// DefaultLimits returns the limits of 03-customers.md: 2 MB, 5,000 rows.
func DefaultLimits() Limits { return Limits{MaxBytes: DefaultMaxBytes, MaxRows: DefaultMaxRows} }

// Check refuses a file over the limits with a message that names the limit
// and points to the command line and API. It returns CodeInvalid on the
// field "file". Row problems are left to the preview.
func Check(kind string, content []byte, l Limits, schema csvio.Schema) error {
	if len(content) == 0 {
		return fileErr("Choose a CSV file to upload.")
	}
	if l.MaxBytes > 0 && int64(len(content)) > l.MaxBytes {
		return fileErr(fmt.Sprintf("The file is %s; the dashboard takes files up to %s. %s",
			humanBytes(int64(len(content))), humanBytes(l.MaxBytes), streamingHint(kind)))
	}
	rd, err := csvio.NewReader(bytes.NewReader(content), schema, csvio.Options{MaxRows: l.MaxRows})
	if err != nil {
		var fe *csvio.FileError
		if errors.As(err, &fe) {
			return fileErr(fe.Message)
		}
		return err
	}
	for {
		_, err := rd.Next()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, csvio.ErrTooManyRows) {
			return fileErr(fmt.Sprintf("The file has more than %d data rows, the dashboard's limit. %s", l.MaxRows, streamingHint(kind)))
		}
		var fe *csvio.FileError
		if errors.As(err, &fe) {
			return fileErr(fe.Message)
		}
	}
}

// streamingHint points to the ways of importing files of any size.
func streamingHint(kind string) string {
	if kind == "customers" {
		return "Import larger files with `distribu import customers` on the command line or POST /api/v1/customers/import, which stream files of any size."
	}
	return "Import larger files with `distribu import " + kind + "` on the command line, which streams files of any size."
}

func fileErr(msg string) error {
	return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: []model.FieldError{{Field: "file", Message: msg}}}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		s := fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
		if n%(1<<20) == 0 {
			s = fmt.Sprintf("%d MB", n>>20)
		}
		return s
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Save keeps a checked upload for an hour and removes expired ones.
func Save(ctx context.Context, st *store.Store, companyID, kind, fileName string, content []byte, createdBy string) (model.ImportUpload, error) {
	u := model.ImportUpload{ID: model.NewID(), CompanyID: companyID, Kind: kind, FileName: fileName, Content: content,
		Overrides: map[int]string{}, CreatedBy: createdBy}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteExpiredImports(ctx, tx.Now); err != nil {
			return err
		}
		u.CreatedAt, u.ExpiresAt = tx.Now, tx.Now.Add(model.ImportTTL)
		return tx.CreateImport(ctx, u)
	})
	return u, err
}

// Load returns a company's live upload of a kind. Errors: CodeNotFound
// "This upload has expired or does not exist. Upload the file again."
func Load(ctx context.Context, st *store.Store, companyID, kind, id string) (model.ImportUpload, error) {
	u, err := st.Import(ctx, companyID, kind, id, st.Now())
	if model.IsCode(err, model.CodeNotFound) {
		return u, &model.Error{Code: model.CodeNotFound, Message: "This upload has expired or does not exist. Upload the file again."}
	}
	return u, err
}

// Map stores the user's column mapping of a live upload. Errors:
// CodeInvalid when two headers are given the same column (the stored
// mapping stays as it was); CodeNotFound.
func Map(ctx context.Context, st *store.Store, companyID, kind, id string, overrides map[int]string) error {
	if _, err := Load(ctx, st, companyID, kind, id); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, col := range overrides {
		if col == "" {
			continue
		}
		if seen[col] {
			return &model.Error{Code: model.CodeInvalid, Message: "Each column can take one header only: " + col + " was chosen twice. The mapping was not changed."}
		}
		seen[col] = true
	}
	return st.InTx(ctx, func(tx *store.Tx) error { return tx.SetImportOverrides(ctx, companyID, id, overrides) })
}

// ErrAlreadyApplied is the answer to a second apply of the same upload
// (CodeRule: nothing is done again).
func ErrAlreadyApplied() error {
	return &model.Error{Code: model.CodeRule, Message: "This import has already been applied."}
}

// Claim marks the upload applied at the start of the applying transaction,
// so a second apply (from any process) waits for the first and then gets
// ErrAlreadyApplied; if the apply rolls back, so does the claim.
func Claim(ctx context.Context, tx *store.Tx, companyID, id string) error {
	first, err := tx.MarkImportApplied(ctx, companyID, id, "{}", tx.Now)
	if err != nil {
		return err
	}
	if !first {
		return ErrAlreadyApplied()
	}
	return nil
}

// Finish records the applied result's counts on the upload.
func Finish(ctx context.Context, tx *store.Tx, companyID, id string, res csvio.Result) error {
	return tx.SetImportResult(ctx, companyID, id,
		fmt.Sprintf(`{"created":%d,"updated":%d,"unchanged":%d}`, res.Created, res.Updated, res.Unchanged))
}
