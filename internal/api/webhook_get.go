package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/webhook"
)

// webhookGet serves GET /api/v1/webhooks/{id}.
func (s *Server) webhookGet(w http.ResponseWriter, r *http.Request, c call) {
	wh, err := s.Webhooks.Get(r.Context(), c.company(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, webhook.Payload(wh))
}
