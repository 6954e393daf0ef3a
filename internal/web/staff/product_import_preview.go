package staff

import (
	"net/http"
	"strconv"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productImportPreview shows what applying an upload would do; nothing is
// written.
func (h *Handlers) productImportPreview(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	u, res, err := h.Catalog.PreviewProducts(r.Context(), s.Actor(), s.Company.ID, r.PathValue("importId"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "import_preview", &web.View{Title: "Import preview", Nav: "inventory", Session: s,
		Data: h.productsPreviewView(u, res)})
}

func (h *Handlers) productsPreviewView(u model.ImportUpload, res catalog.ImportResult) importView {
	v := h.productsImportView()
	v.ImportID, v.FileName, v.ExpiresAt, v.Applied = u.ID, u.FileName, u.ExpiresAt, !u.AppliedAt.IsZero()
	v.Created, v.Updated, v.Unchanged, v.Rows, v.ErrorCount = res.Created, res.Updated, res.Unchanged, res.Rows, res.ErrorCount
	v.FileError, v.Missing = res.FileError, res.Missing
	for _, e := range res.Errors {
		v.Errors = append(v.Errors, e.Error())
	}
	for _, m := range res.Mapping {
		v.Mapping = append(v.Mapping, importMapping{Index: m.Index, Header: m.Header, Column: m.Column})
	}
	v.SampleHead = []string{"SKU", "Name", "Category", "Unit", "Price", "Stock", "Active"}
	for _, sr := range res.Sample {
		p := sr.Product
		v.Sample = append(v.Sample, importSample{Row: sr.Row, Action: sr.Action,
			Cells: []string{p.SKU, p.Name, p.Category, p.Unit, p.Price.String(), strconv.Itoa(p.Stock), strconv.FormatBool(p.Active)}})
	}
	return v
}
