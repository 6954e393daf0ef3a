package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// companySettingsShow renders Settings → Company.
func (h *Handlers) companySettingsShow(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	h.Pages.Render(w, r, http.StatusOK, "settings_company", &web.View{Title: "Company settings", Nav: "settings_company", Session: s, Data: s.Company})
}
