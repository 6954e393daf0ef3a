package staff

import (
	"bytes"
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// orderInvoice sends the order's one-page PDF invoice.
func (h *Handlers) orderInvoice(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	o, err := h.Orders.Get(r.Context(), s.Company.ID, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := ordering.WriteInvoice(&buf, s.Company, o); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+ordering.InvoiceFileName(o)+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}
