package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// homeShow renders the dashboard home with the activity feed.
func (h *Handlers) homeShow(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	page, err := h.Audit.List(r.Context(), s.Company.ID, model.AuditFilter{Limit: 12})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "home", &web.View{Title: "Home", Nav: "home", Session: s, Data: page.Entries})
}
