package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
	"github.com/distribu/distribu/internal/webhook"
)

// webhookUpdate saves a webhook's URL, events and state; bad input
// re-renders its page with what was typed.
func (h *Handlers) webhookUpdate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	id := r.PathValue("id")
	u, events, active := r.PostForm.Get("url"), r.PostForm["events"], r.PostForm.Get("isActive") == "true"
	_, err := h.Webhooks.Update(r.Context(), s.Actor(), s.Company.ID, id, webhook.Patch{URL: &u, Events: &events, IsActive: &active})
	if err != nil {
		if !formFailed(err) {
			h.fail(w, r, err)
			return
		}
		h.renderWebhook(w, r, s, http.StatusUnprocessableEntity, id, "", err)
		return
	}
	web.Redirect(w, r, webhooksPath+"/"+id, "Webhook saved.")
}
