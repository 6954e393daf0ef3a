package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// webhookRedeliver queues a delivery of this webhook to be sent again now.
func (h *Handlers) webhookRedeliver(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	// The webhook must be the company's; the delivery is then looked up in
	// the company too.
	if _, err := h.Webhooks.Get(r.Context(), s.Company.ID, id); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.Webhooks.Redeliver(r.Context(), s.Actor(), s.Company.ID, r.PathValue("deliveryId"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, webhooksPath+"/"+d.WebhookID+"#deliveries", "Delivery queued to be sent again.")
}
