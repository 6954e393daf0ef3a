package catalog

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
	DefaultImportMaxBytes = 2 << 20
	DefaultImportMaxRows  = 5000
)

// UploadLimits bound a dashboard upload (the command line and the API
// stream files of any size).
type UploadLimits struct {
	MaxBytes int64
	MaxRows  int
}

// CheckUpload refuses a file over the limits with a message that names the
// limit and points to the command line and API. It returns CodeInvalid on
// the field "file".
func CheckUpload(kind string, content []byte, l UploadLimits, schema csvio.Schema) error {
	fileErr := func(msg string) error {
		return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: []model.FieldError{{Field: "file", Message: msg}}}
	}
	if len(content) == 0 {
		return fileErr("Choose a CSV file to upload.")
	}
	if l.MaxBytes > 0 && int64(len(content)) > l.MaxBytes {
		return fileErr(fmt.Sprintf("The file is %s; the dashboard takes files up to %s. Import larger files with `distribu import %s` on the command line or POST /api/v1/%s/import, which stream files of any size.",
			humanBytes(int64(len(content))), humanBytes(l.MaxBytes), kind, kind))
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
			return fileErr(fmt.Sprintf("The file has more than %d data rows, the dashboard's limit. Import larger files with `distribu import %s` on the command line or POST /api/v1/%s/import, which stream files of any size.",
				l.MaxRows, kind, kind))
		}
		var fe *csvio.FileError
		if errors.As(err, &fe) {
			return fileErr(fe.Message)
		}
		// Row errors are shown by the preview.
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// SaveUpload keeps a checked upload for an hour so the user can preview,
// remap and apply it from any server process.
func SaveUpload(ctx context.Context, st *store.Store, companyID, kind, fileName string, content []byte, createdBy string) (model.ImportUpload, error) {
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

// LoadUpload returns a company's live upload. Errors: CodeNotFound "This
// upload has expired or does not exist. Upload the file again."
func LoadUpload(ctx context.Context, st *store.Store, companyID, kind, id string) (model.ImportUpload, error) {
	u, err := st.Import(ctx, companyID, kind, id, st.Now())
	if model.IsCode(err, model.CodeNotFound) {
		return u, &model.Error{Code: model.CodeNotFound, Message: "This upload has expired or does not exist. Upload the file again."}
	}
	return u, err
}

// UploadProducts checks and keeps a products CSV for preview.
func (s *Service) UploadProducts(ctx context.Context, actor model.Actor, companyID, fileName string, content []byte) (model.ImportUpload, error) {
	if err := CheckUpload("products", content, s.UploadLimits, ProductsSchema()); err != nil {
		return model.ImportUpload{}, err
	}
	return SaveUpload(ctx, s.Store, companyID, "products", fileName, content, actor.Label)
}

// PreviewProducts runs a dry run of an upload with its current mapping.
func (s *Service) PreviewProducts(ctx context.Context, actor model.Actor, companyID, importID string) (model.ImportUpload, ImportResult, error) {
	u, err := LoadUpload(ctx, s.Store, companyID, "products", importID)
	if err != nil {
		return u, ImportResult{}, err
	}
	res, err := s.ImportProducts(ctx, actor, companyID, bytes.NewReader(u.Content),
		ImportOptions{DryRun: true, FileName: u.FileName, ImportID: u.ID, Overrides: u.Overrides})
	return u, res, err
}

// MapProducts stores the user's column mapping of an upload.
func (s *Service) MapProducts(ctx context.Context, companyID, importID string, overrides map[int]string) error {
	if _, err := LoadUpload(ctx, s.Store, companyID, "products", importID); err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.SetImportOverrides(ctx, companyID, importID, overrides) })
}

// ApplyProducts applies an upload in one transaction, re-validated against
// the database now. A second apply does nothing and says so (CodeConflict).
func (s *Service) ApplyProducts(ctx context.Context, actor model.Actor, companyID, importID string) (ImportResult, error) {
	u, err := LoadUpload(ctx, s.Store, companyID, "products", importID)
	if err != nil {
		return ImportResult{}, err
	}
	if !u.AppliedAt.IsZero() {
		return ImportResult{}, errAlreadyApplied
	}
	return s.ImportProducts(ctx, actor, companyID, bytes.NewReader(u.Content),
		ImportOptions{FileName: u.FileName, ImportID: u.ID, Overrides: u.Overrides})
}
