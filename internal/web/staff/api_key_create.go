package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// apiKeyCreate makes an API key and redirects to the list, which shows the
// secret once (it travels in a one-minute cookie scoped to that page). Bad
// input re-renders the form with what was typed.
func (h *Handlers) apiKeyCreate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	f := r.PostForm
	k, secret, err := h.Accounts.CreateAPIKey(r.Context(), s.Actor(), s.Company.ID, account.APIKeyInput{
		Name: f.Get("name"), Scopes: f["scopes"], ExpiresAt: f.Get("expiresAt")})
	if err != nil {
		if httpx.Status(err) >= 500 {
			h.fail(w, r, err)
			return
		}
		v := &web.View{Title: "API keys", Nav: "api_keys", Session: s}
		v.FormError(err, f)
		h.renderAPIKeys(w, r, v, http.StatusUnprocessableEntity)
		return
	}
	web.SetOnce(w, r, newKeyCookie, k.Name+"\n"+secret, "/dashboard/settings/api-keys")
	web.Redirect(w, r, "/dashboard/settings/api-keys#new-key", "")
}
