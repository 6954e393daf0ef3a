// Package shop holds the storefront's HTTP handlers under /store/{slug},
// one per file: parse the request, call one service method, render or
// redirect.
package shop

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/web"
)

// SessionCookie is the name of the storefront session cookie.
const SessionCookie = "customer_session"

// Handlers carries what the storefront handlers need.
type Handlers struct {
	Accounts      *account.Service
	Customers     *customer.Service
	Ordering      *ordering.Service
	Pages         *web.Renderer
	SecureCookies bool
	Log           *slog.Logger
	// CatalogCache keeps rendered catalog lists and carts across requests;
	// Mount makes one of the default sizes when it is nil.
	CatalogCache *CatalogCache
}

// Mount registers the storefront routes on mux.
func (h *Handlers) Mount(mux *http.ServeMux) {
	if h.CatalogCache == nil {
		h.CatalogCache = NewCatalogCache(DefaultCatalogCacheBytes, DefaultCartCacheBytes)
	}
	mux.Handle("GET /store/{slug}", h.store(h.landingShow))
	mux.Handle("GET /store/{slug}/register", h.store(h.registerShow))
	mux.Handle("POST /store/{slug}/register", h.store(h.registerSubmit))
	mux.Handle("GET /store/{slug}/login", h.store(h.loginShow))
	mux.Handle("POST /store/{slug}/login", h.store(h.loginSubmit))
	mux.Handle("POST /store/{slug}/logout", h.store(h.logout))
	mux.Handle("GET /store/{slug}/setup-password", h.store(h.setupShow))
	mux.Handle("POST /store/{slug}/setup-password", h.store(h.setupSubmit))

	mux.Handle("GET /store/{slug}/catalog", h.shopper(h.catalogShow))
	mux.Handle("POST /store/{slug}/cart", h.shopper(h.cartUpdate))
	mux.Handle("POST /store/{slug}/orders", h.shopper(h.orderPlace))
	mux.Handle("GET /store/{slug}/orders", h.shopper(h.orderList))
	mux.Handle("GET /store/{slug}/orders/{id}", h.shopper(h.orderShow))
	mux.Handle("GET /store/{slug}/orders/{id}/invoice", h.shopper(h.orderInvoice))
	mux.Handle("GET /store/{slug}/account", h.shopper(h.accountShow))
	mux.Handle("POST /store/{slug}/account/password", h.shopper(h.passwordChange))
	mux.Handle("POST /store/{slug}/account/addresses", h.shopper(h.addressCreate))
	mux.Handle("POST /store/{slug}/account/addresses/{id}", h.shopper(h.addressUpdate))
	mux.Handle("POST /store/{slug}/account/addresses/{id}/delete", h.shopper(h.addressDelete))
	mux.Handle("POST /store/{slug}/account/addresses/{id}/default", h.shopper(h.addressDefault))
	mux.Handle("POST /store/{slug}/account/contacts", h.shopper(h.contactCreate))
	mux.Handle("POST /store/{slug}/account/contacts/{id}", h.shopper(h.contactUpdate))
	mux.Handle("POST /store/{slug}/account/contacts/{id}/delete", h.shopper(h.contactDelete))
	mux.Handle("POST /store/{slug}/account/contacts/{id}/setup-link", h.shopper(h.contactSetupLink))
	mux.Handle("GET /store/{slug}/{rest...}", h.store(h.notFound))
}

type storeHandler func(w http.ResponseWriter, r *http.Request, c model.Company)

type shopperHandler func(w http.ResponseWriter, r *http.Request, sh *model.Shopper)

// store resolves the slug: an unknown one is 404, an earlier slug of a
// company redirects permanently to the same page under the current slug.
func (h *Handlers) store(next storeHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug := r.PathValue("slug")
		c, moved, err := h.Accounts.ResolveSlug(r.Context(), slug)
		if err != nil {
			if model.IsCode(err, model.CodeNotFound) {
				http.NotFound(w, r)
				return
			}
			h.Log.ErrorContext(r.Context(), "resolve slug", "error", err, "request_id", model.RequestID(r.Context()))
			http.Error(w, "Something went wrong.", http.StatusInternalServerError)
			return
		}
		if moved {
			to := "/store/" + c.Slug + strings.TrimPrefix(r.URL.Path, "/store/"+slug)
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			status := http.StatusMovedPermanently
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				status = http.StatusPermanentRedirect
			}
			http.Redirect(w, r, to, status)
			return
		}
		next(w, r, c)
	})
}

type shopperKey struct{}

// shopper requires a live storefront session of this store, re-checked on
// every request: no session (or one of another store) goes to the sign-in
// page; a blocked customer is signed out and sees the suspended message.
//
// A request with a session cookie first tries the one-query lookup of the
// session with its company (Customers.ShopperAt); when that does not give a
// signed-in shopper of this slug, the request takes the full path — resolve
// the slug (404, permanent redirect), then check the session of that
// company — which answers every other case as before.
func (h *Handlers) shopper(next shopperHandler) http.Handler {
	full := h.store(func(w http.ResponseWriter, r *http.Request, c model.Company) {
		sh, err := h.Customers.Shopper(r.Context(), c, h.token(r))
		if err != nil {
			switch {
			case model.IsCode(err, model.CodeNotFound):
				h.clearCookie(w, c)
				web.Redirect(w, r, "/store/"+c.Slug+"/login", "")
			case model.IsCode(err, model.CodeForbidden):
				h.clearCookie(w, c)
				web.Redirect(w, r, "/store/"+c.Slug+"/login", model.ErrorMessage(err))
			default:
				h.fail(w, r, c, nil, err)
			}
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), shopperKey{}, sh)), sh)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token := h.token(r); token != "" {
			sh, ok, err := h.Customers.ShopperAt(r.Context(), r.PathValue("slug"), token)
			if err != nil {
				// The full path reads the same rows and answers the error.
				h.Log.WarnContext(r.Context(), "shopper lookup", "error", err, "request_id", model.RequestID(r.Context()))
			}
			if ok {
				next(w, r.WithContext(context.WithValue(r.Context(), shopperKey{}, sh)), sh)
				return
			}
		}
		full.ServeHTTP(w, r)
	})
}

func (h *Handlers) token(r *http.Request) string {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return ""
	}
	return c.Value
}

// cookiePath scopes the session cookie to one store, so a session never
// travels to another store.
func cookiePath(c model.Company) string { return "/store/" + c.Slug }

func (h *Handlers) setCookie(w http.ResponseWriter, c model.Company, token string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: cookiePath(c), MaxAge: int(customer.ShopSessionTTL.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies})
}

func (h *Handlers) clearCookie(w http.ResponseWriter, c model.Company) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: cookiePath(c), MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies})
}

// view starts a storefront page view.
func view(title, nav string, c model.Company, sh *model.Shopper) *web.View {
	return &web.View{Title: title, Nav: nav, Store: &c, Shopper: sh}
}

// fail renders an error page for what a handler cannot show on its form.
func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, c model.Company, sh *model.Shopper, err error) {
	status := httpx.Status(err)
	title, msg := "Not found", "That page does not exist."
	switch {
	case status >= 500:
		h.Log.ErrorContext(r.Context(), "request failed", "error", err, "request_id", model.RequestID(r.Context()))
		title, msg = "Something went wrong", "Something went wrong. Request id: "+model.RequestID(r.Context())
	case status != http.StatusNotFound:
		title, msg = "Not allowed", model.ErrorMessage(err)
	}
	h.Pages.Render(w, r, status, "shop_error", &web.View{Title: title, Store: &c, Shopper: sh, Data: msg})
}

// notFound answers unknown storefront paths.
func (h *Handlers) notFound(w http.ResponseWriter, r *http.Request, c model.Company) {
	h.fail(w, r, c, nil, model.NotFound("Page"))
}

// formStatus is the status of a form answered with its errors: 422 for
// input or rules the user can fix, else the error's own status.
func formStatus(err error) int {
	switch model.ErrorCode(err) {
	case model.CodeInvalid, model.CodeConflict, model.CodeRule:
		return http.StatusUnprocessableEntity
	}
	return httpx.Status(err)
}
