package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// webhookDelete removes a webhook with its delivery log.
func (h *Handlers) webhookDelete(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := h.Webhooks.Delete(r.Context(), s.Actor(), s.Company.ID, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, webhooksPath, "Webhook deleted.")
}
