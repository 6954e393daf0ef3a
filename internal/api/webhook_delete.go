package api

import "net/http"

// webhookDelete serves DELETE /api/v1/webhooks/{id}: 204.
func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request, c call) {
	if err := s.Webhooks.Delete(r.Context(), c.actor, c.company(), r.PathValue("id")); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
