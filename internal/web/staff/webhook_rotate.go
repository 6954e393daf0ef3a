package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// webhookRotate gives a webhook a new secret and redirects to its page,
// which shows the new secret once.
func (h *Handlers) webhookRotate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	secret, err := h.Webhooks.RotateSecret(r.Context(), s.Actor(), s.Company.ID, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := webhooksPath + "/" + id
	web.SetOnce(w, r, webhookSecretCookie, secret, page)
	web.Redirect(w, r, page+"#secret", "New secret made. The previous one keeps working for 24 hours.")
}
