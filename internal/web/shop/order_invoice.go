package shop

import (
	"bytes"
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// orderInvoice sends the order's PDF invoice.
func (h *Handlers) orderInvoice(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	o, err := h.Ordering.AccountOrder(r.Context(), sh, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	var buf bytes.Buffer
	if err := ordering.WriteInvoice(&buf, sh.Company, o); err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+ordering.InvoiceFileName(o)+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}
