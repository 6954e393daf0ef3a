package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/webhook"
)

// webhookList serves GET /api/v1/webhooks: newest first, cursor pages
// (a company has at most ten).
func (s *Server) webhookList(w http.ResponseWriter, r *http.Request, c call) {
	k, err := keyset(r)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	all, err := s.Webhooks.List(r.Context(), c.company())
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	page := make([]model.Webhook, 0, len(all))
	for _, wh := range all {
		if k.Cursor == "" || wh.ID < k.Cursor {
			page = append(page, wh)
		}
	}
	if len(page) > k.Limit+1 {
		page = page[:k.Limit+1]
	}
	writePage(w, k, page, func(wh model.Webhook) string { return wh.ID }, func(wh model.Webhook) any { return webhook.Payload(wh) })
}
