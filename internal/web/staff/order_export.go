package staff

import (
	"net/http"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// orderExport streams the orders CSV (?from=&to=&mode=summary|lines).
func (h *Handlers) orderExport(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	q := r.URL.Query()
	f, problem := orderFilter(q)
	mode := q.Get("mode")
	if problem != "" || (mode != "" && mode != "summary" && mode != "lines") {
		if problem == "" {
			problem = "mode must be summary or lines."
		}
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	if mode == "" {
		mode = "summary"
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="orders-`+mode+`-`+time.Now().UTC().Format("2006-01-02")+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := h.Orders.Export(r.Context(), s.Company.ID, f, mode, w); err != nil {
		h.Log.ErrorContext(r.Context(), "export orders", "error", err, "request_id", model.RequestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
}
