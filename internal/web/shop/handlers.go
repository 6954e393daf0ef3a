// Package shop holds the storefront's HTTP handlers under /store/{slug}.
package shop

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// Handlers carries what the storefront handlers need.
type Handlers struct {
	Accounts *account.Service
	Pages    *web.Renderer
	Log      *slog.Logger
}

// Mount registers the storefront routes on mux.
func (h *Handlers) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /store/{slug}", h.storeShow)
	mux.HandleFunc("GET /store/{slug}/{rest...}", h.storeShow)
}

// storeShow resolves the store's slug. An earlier slug of a company
// redirects permanently to the same page under the current slug, so
// customers' bookmarks never break; an unknown slug is 404. The storefront
// pages themselves arrive with the storefront issue; until then a current
// slug answers 404 as well.
func (h *Handlers) storeShow(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	c, moved, err := h.Accounts.ResolveSlug(r.Context(), slug)
	if err != nil {
		if !model.IsCode(err, model.CodeNotFound) {
			h.Log.ErrorContext(r.Context(), "resolve slug", "error", err)
			http.Error(w, "Something went wrong.", http.StatusInternalServerError)
			return
		}
		http.NotFound(w, r)
		return
	}
	if moved {
		to := "/store/" + c.Slug + strings.TrimPrefix(r.URL.Path, "/store/"+slug)
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	http.NotFound(w, r)
}
