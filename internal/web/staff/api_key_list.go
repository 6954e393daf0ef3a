package staff

import (
	"net/http"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// newKeyCookie carries a just-created API key to the list page once.
const newKeyCookie = "new_api_key"

// apiKeysPage is what the API keys page shows.
type apiKeysPage struct {
	Keys   []model.APIKey
	Scopes []model.Scope
	Now    time.Time
	// NewName and NewSecret show a key just created, once.
	NewName, NewSecret string
}

// Picked tells whether the create form has scope s ticked: as posted, or
// products:read on a fresh form.
func (p apiKeysPage) Picked(v *web.View, s model.Scope) bool {
	if v.Form != nil {
		for _, x := range v.Form["scopes"] {
			if x == string(s) {
				return true
			}
		}
		return false
	}
	return s == model.ScopeProductsRead
}

// apiKeyList renders Settings → API keys: the keys with their status, the
// create form, and a new key's secret once after creating it.
func (h *Handlers) apiKeyList(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	v := &web.View{Title: "API keys", Nav: "api_keys", Session: s}
	if !h.renderAPIKeys(w, r, v, http.StatusOK) {
		return
	}
}

// renderAPIKeys loads the keys into v and renders the page; false when the
// keys could not be read (the error page was sent).
func (h *Handlers) renderAPIKeys(w http.ResponseWriter, r *http.Request, v *web.View, status int) bool {
	keys, err := h.Accounts.APIKeys(r.Context(), v.Session.Company.ID)
	if err != nil {
		h.fail(w, r, err)
		return false
	}
	page := apiKeysPage{Keys: keys, Scopes: model.AllScopes(), Now: time.Now()}
	if once := web.TakeOnce(w, r, newKeyCookie, "/dashboard/settings/api-keys"); once != "" {
		page.NewName, page.NewSecret, _ = strings.Cut(once, "\n")
	}
	v.Data = page
	h.Pages.Render(w, r, status, "settings_api_keys", v)
	return true
}
