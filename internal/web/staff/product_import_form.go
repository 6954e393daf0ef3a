package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// productsImportView is the base view of the products import pages.
func (h *Handlers) productsImportView() importView {
	l := h.Catalog.UploadLimits
	return importView{Kind: "products", Base: "/dashboard/inventory", Back: "Inventory",
		Columns: catalog.ProductsSchema().Names(), Required: []string{"sku", "name", "price", "stock"},
		MaxBytes: humanSize(l.MaxBytes), MaxRows: l.MaxRows}
}

// productImportForm renders the products CSV upload page.
func (h *Handlers) productImportForm(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	h.Pages.Render(w, r, http.StatusOK, "import_upload", &web.View{Title: "Import products", Nav: "inventory", Session: s, Data: h.productsImportView()})
}
