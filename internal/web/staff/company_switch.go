package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// companySwitch moves the session to another company of the user.
func (h *Handlers) companySwitch(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := h.Accounts.SwitchCompany(r.Context(), s, r.PostFormValue("companyId")); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard", "")
}
