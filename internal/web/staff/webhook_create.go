package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
	"github.com/distribu/distribu/internal/webhook"
)

// webhookCreate registers a webhook and redirects to its page, which shows
// the secret once (it travels in a one-minute cookie scoped to that page).
// Bad input re-renders the list with what was typed.
func (h *Handlers) webhookCreate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	active := r.PostForm.Get("isActive") == "true"
	hook, secret, err := h.Webhooks.Create(r.Context(), s.Actor(), s.Company.ID, webhook.Input{
		URL: r.PostForm.Get("url"), Events: r.PostForm["events"], IsActive: &active})
	if err != nil {
		if !formFailed(err) {
			h.fail(w, r, err)
			return
		}
		h.renderWebhooks(w, r, s, http.StatusUnprocessableEntity, err)
		return
	}
	page := webhooksPath + "/" + hook.ID
	web.SetOnce(w, r, webhookSecretCookie, secret, page)
	web.Redirect(w, r, page+"#secret", "Webhook added.")
}
