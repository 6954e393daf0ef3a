package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// webhookShow renders a webhook's page: its settings, a secret just made
// (once), and its recent deliveries with every attempt.
func (h *Handlers) webhookShow(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	secret := web.TakeOnce(w, r, webhookSecretCookie, webhooksPath+"/"+id)
	h.renderWebhook(w, r, s, http.StatusOK, id, secret, nil)
}
