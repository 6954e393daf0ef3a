package staff

import (
	"net/http"

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
		Data: h.productsImportView().withResult(u, res, catalog.SampleHeader())})
}
