package catalog

import (
	"bytes"
	"context"

	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/upload"
)

// UploadProducts checks and keeps a products CSV for preview.
func (s *Service) UploadProducts(ctx context.Context, actor model.Actor, companyID, fileName string, content []byte) (model.ImportUpload, error) {
	if err := upload.Check("products", content, s.UploadLimits, ProductsSchema()); err != nil {
		return model.ImportUpload{}, err
	}
	return upload.Save(ctx, s.Store, companyID, "products", fileName, content, actor.Label)
}

// PreviewProducts runs a dry run of an upload with its current mapping.
func (s *Service) PreviewProducts(ctx context.Context, actor model.Actor, companyID, importID string) (model.ImportUpload, csvio.Result, error) {
	u, err := upload.Load(ctx, s.Store, companyID, "products", importID)
	if err != nil {
		return u, csvio.Result{}, err
	}
	res, err := s.ImportProducts(ctx, actor, companyID, bytes.NewReader(u.Content),
		ImportOptions{DryRun: true, FileName: u.FileName, ImportID: u.ID, Overrides: u.Overrides})
	return u, res, err
}

// MapProducts stores the user's column mapping of an upload.
func (s *Service) MapProducts(ctx context.Context, companyID, importID string, overrides map[int]string) error {
	return upload.Map(ctx, s.Store, companyID, "products", importID, overrides)
}

// ApplyProducts applies an upload in one transaction, re-validated against
// the database now. A second apply does nothing and says so (CodeConflict).
func (s *Service) ApplyProducts(ctx context.Context, actor model.Actor, companyID, importID string) (csvio.Result, error) {
	u, err := upload.Load(ctx, s.Store, companyID, "products", importID)
	if err != nil {
		return csvio.Result{}, err
	}
	if !u.AppliedAt.IsZero() {
		return csvio.Result{}, upload.ErrAlreadyApplied()
	}
	return s.ImportProducts(ctx, actor, companyID, bytes.NewReader(u.Content),
		ImportOptions{FileName: u.FileName, ImportID: u.ID, Overrides: u.Overrides})
}
