package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// webhookList renders Settings → Webhooks: the company's webhooks and the
// form adding one.
func (h *Handlers) webhookList(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	h.renderWebhooks(w, r, s, http.StatusOK, nil)
}
