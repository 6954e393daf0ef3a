package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// apiKeyRevoke revokes a key; the next request made with it gets 401.
func (h *Handlers) apiKeyRevoke(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := h.Accounts.RevokeAPIKey(r.Context(), s.Actor(), s.Company.ID, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/settings/api-keys", "API key revoked.")
}
