package staff

import (
	"net/http"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// customerExport streams the customers CSV, honouring q and status.
func (h *Handlers) customerExport(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	f := customerFilter(r.URL.Query())
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="customers-`+time.Now().UTC().Format("2006-01-02")+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := h.Customers.ExportCustomers(r.Context(), s.Actor(), s.Company.ID, f, w); err != nil {
		// The headers are sent: abort the connection so the download fails
		// visibly instead of ending as a short but valid-looking file.
		h.Log.ErrorContext(r.Context(), "export customers", "error", err, "request_id", model.RequestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
}
