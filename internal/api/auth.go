package api

import (
	"net/http"
	"strings"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/model"
)

// authenticated checks the bearer key (401), counts the request against the
// key's rate limit (429), checks the route's scope (403), then runs h —
// through the idempotency check for POSTs.
func (s *Server) authenticated(scope model.Scope, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		secret, ok := strings.CutPrefix(auth, "Bearer ")
		secret = strings.TrimSpace(secret)
		if !ok || secret == "" {
			writeError(w, r, s.Log, &model.Error{Code: model.CodeUnauthorized, Message: account.MsgMissingAuth})
			return
		}
		key, err := s.Accounts.AuthenticateAPIKey(r.Context(), secret)
		if err != nil {
			writeError(w, r, s.Log, err)
			return
		}
		allowed, retry, err := s.Accounts.AllowAPIRequest(r.Context(), key, s.RateLimit)
		if err != nil {
			writeError(w, r, s.Log, err)
			return
		}
		if !allowed {
			writeRateLimited(w, retry)
			return
		}
		if !key.Has(scope) {
			writeError(w, r, s.Log, &model.Error{Code: model.CodeForbidden,
				Message: `Insufficient permissions. This key lacks the "` + string(scope) + `" scope.`})
			return
		}
		c := call{key: key, actor: account.APIActor(key)}
		if r.Method == http.MethodPost && r.Header.Get("Idempotency-Key") != "" {
			s.idempotent(w, r, c, h)
			return
		}
		h(w, r, c)
	})
}
