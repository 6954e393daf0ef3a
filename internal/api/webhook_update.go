package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/webhook"
)

// webhookUpdate serves PATCH /api/v1/webhooks/{id}: the fields sent change.
func (s *Server) webhookUpdate(w http.ResponseWriter, r *http.Request, c call) {
	var b webhookBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	var p webhook.Patch
	if b.URL.Set {
		p.URL = ptr(b.URL.V)
	}
	if b.Events.Set {
		p.Events = ptr(b.Events.V)
	}
	if b.IsActive.Set {
		if b.IsActive.Null {
			writeError(w, r, s.Log, invalid("isActive", "isActive must be true or false."))
			return
		}
		p.IsActive = ptr(b.IsActive.V)
	}
	wh, err := s.Webhooks.Update(r.Context(), c.actor, c.company(), r.PathValue("id"), p)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, webhook.Payload(wh))
}
