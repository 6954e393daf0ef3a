package api

import (
	"net/http"

	"github.com/distribu/distribu/internal/webhook"
)

// webhookBody is the JSON of POST and PATCH /webhooks.
type webhookBody struct {
	URL      optional[string]   `json:"url"`
	Events   optional[[]string] `json:"events"`
	IsActive optional[bool]     `json:"isActive"`
}

// webhookCreate serves POST /api/v1/webhooks: 201 with the signing secret,
// the only time it is returned; 422 past ten webhooks.
func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request, c call) {
	var b webhookBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	in := webhook.Input{URL: b.URL.V, Events: b.Events.V}
	if b.IsActive.Set && !b.IsActive.Null {
		in.IsActive = ptr(b.IsActive.V)
	}
	wh, secret, err := s.Webhooks.Create(r.Context(), c.actor, c.company(), in)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	out := webhook.Payload(wh)
	out["secret"] = secret
	writeData(w, http.StatusCreated, out)
}
