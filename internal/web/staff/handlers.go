// Package staff holds the dashboard's HTTP handlers, one per file named
// noun_verb.go: parse the request, call one service method, render or
// redirect.
package staff

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/web"
	"github.com/distribu/distribu/internal/webhook"
)

// SessionCookie is the name of the staff session cookie.
const SessionCookie = "staff_session"

// Handlers carries what the dashboard handlers need.
type Handlers struct {
	Accounts      *account.Service
	Audit         audit.Reader
	Catalog       *catalog.Service
	Customers     *customer.Service
	Orders        *ordering.Service
	Webhooks      *webhook.Service
	Pages         *web.Renderer
	SecureCookies bool
	Log           *slog.Logger
}

// Mount registers every dashboard route on mux.
func (h *Handlers) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", h.rootShow)
	mux.HandleFunc("GET /signup", h.signupShow)
	mux.HandleFunc("POST /signup", h.signupSubmit)
	mux.HandleFunc("GET /login", h.loginShow)
	mux.HandleFunc("POST /login", h.loginSubmit)
	mux.HandleFunc("POST /logout", h.logout)

	mux.Handle("GET /dashboard", h.staff(account.PermDashboard, h.homeShow))
	mux.Handle("POST /dashboard/switch-company", h.staff(account.PermDashboard, h.companySwitch))
	mux.Handle("GET /dashboard/settings/company", h.staff(account.PermSettings, h.companySettingsShow))
	mux.Handle("POST /dashboard/settings/company", h.staff(account.PermSettings, h.companySettingsUpdate))
	mux.Handle("GET /dashboard/settings/audit", h.staff(account.PermSettings, h.auditList))
	mux.Handle("GET /dashboard/settings/api-keys", h.staff(account.PermSettings, h.apiKeyList))
	mux.Handle("POST /dashboard/settings/api-keys", h.staff(account.PermSettings, h.apiKeyCreate))
	mux.Handle("POST /dashboard/settings/api-keys/{id}/revoke", h.staff(account.PermSettings, h.apiKeyRevoke))
	mux.Handle("GET /dashboard/settings/webhooks", h.staff(account.PermSettings, h.webhookList))
	mux.Handle("POST /dashboard/settings/webhooks", h.staff(account.PermSettings, h.webhookCreate))
	mux.Handle("GET /dashboard/settings/webhooks/{id}", h.staff(account.PermSettings, h.webhookShow))
	mux.Handle("POST /dashboard/settings/webhooks/{id}", h.staff(account.PermSettings, h.webhookUpdate))
	mux.Handle("POST /dashboard/settings/webhooks/{id}/rotate", h.staff(account.PermSettings, h.webhookRotate))
	mux.Handle("POST /dashboard/settings/webhooks/{id}/delete", h.staff(account.PermSettings, h.webhookDelete))
	mux.Handle("POST /dashboard/settings/webhooks/{id}/deliveries/{deliveryId}/redeliver", h.staff(account.PermSettings, h.webhookRedeliver))

	mux.HandleFunc("GET /media/images/{name}", h.mediaShow)
	mux.Handle("GET /dashboard/inventory", h.staff(account.PermDashboard, h.inventoryList))
	mux.Handle("GET /dashboard/inventory/new", h.staff(account.PermDashboard, h.productNew))
	mux.Handle("GET /dashboard/inventory/export", h.staff(account.PermDashboard, h.productExport))
	mux.Handle("GET /dashboard/inventory/import", h.staff(account.PermDashboard, h.productImportForm))
	mux.Handle("POST /dashboard/inventory/import", h.staff(account.PermDashboard, h.productImportUpload))
	mux.Handle("GET /dashboard/inventory/import/{importId}", h.staff(account.PermDashboard, h.productImportPreview))
	mux.Handle("POST /dashboard/inventory/import/{importId}/mapping", h.staff(account.PermDashboard, h.productImportMap))
	mux.Handle("POST /dashboard/inventory/import/{importId}/apply", h.staff(account.PermDashboard, h.productImportApply))
	mux.Handle("POST /dashboard/inventory", h.staff(account.PermDashboard, h.productCreate))
	mux.Handle("GET /dashboard/inventory/{id}/{page}", h.staff(account.PermDashboard, h.productEdit))
	mux.Handle("GET /dashboard/inventory/{id}", h.staff(account.PermDashboard, h.productShow))
	mux.Handle("POST /dashboard/inventory/{id}", h.staff(account.PermDashboard, h.productUpdate))
	mux.Handle("POST /dashboard/inventory/{id}/active", h.staff(account.PermDashboard, h.productActive))
	mux.Handle("POST /dashboard/inventory/{id}/stock", h.staff(account.PermDashboard, h.productStock))
	mux.Handle("POST /dashboard/inventory/{id}/delete", h.staff(account.PermDashboard, h.productDelete))

	mux.Handle("GET /dashboard/orders", h.staff(account.PermDashboard, h.orderList))
	mux.Handle("GET /dashboard/orders/export", h.staff(account.PermDashboard, h.orderExport))
	mux.Handle("GET /dashboard/orders/new", h.staff(account.PermDashboard, h.orderNew))
	mux.Handle("POST /dashboard/orders/new", h.staff(account.PermDashboard, h.orderNew))
	mux.Handle("GET /dashboard/orders/{id}", h.staff(account.PermDashboard, h.orderShow))
	mux.Handle("POST /dashboard/orders/{id}/status", h.staff(account.PermDashboard, h.orderStatus))
	mux.Handle("GET /dashboard/orders/{id}/invoice", h.staff(account.PermDashboard, h.orderInvoice))

	mux.Handle("GET /dashboard/customers", h.staff(account.PermDashboard, h.customerList))
	mux.Handle("GET /dashboard/customers/export", h.staff(account.PermDashboard, h.customerExport))
	mux.Handle("GET /dashboard/customers/import", h.staff(account.PermDashboard, h.customerImportForm))
	mux.Handle("POST /dashboard/customers/import", h.staff(account.PermDashboard, h.customerImportUpload))
	mux.Handle("GET /dashboard/customers/import/{importId}", h.staff(account.PermDashboard, h.customerImportPreview))
	mux.Handle("GET /dashboard/customers/{id}", h.staff(account.PermDashboard, h.customerShow))
	mux.Handle("POST /dashboard/customers/{id}", h.staff(account.PermDashboard, h.customerUpdate))
	mux.Handle("POST /dashboard/customers/{id}/status", h.staff(account.PermDashboard, h.customerStatus))
	mux.Handle("POST /dashboard/customers/{id}/prices", h.staff(account.PermDashboard, h.customerPriceSet))
	mux.Handle("POST /dashboard/customers/{id}/prices/{productId}/delete", h.staff(account.PermDashboard, h.customerPriceDelete))
	mux.Handle("POST /dashboard/customers/{id}/contacts", h.staff(account.PermDashboard, h.customerContactCreate))
	mux.Handle("POST /dashboard/customers/{id}/{section}/{sub}", h.staff(account.PermDashboard, h.customerSubresource))
	mux.Handle("POST /dashboard/customers/{id}/contacts/{contactId}/delete", h.staff(account.PermDashboard, h.customerContactDelete))
	mux.Handle("POST /dashboard/customers/{id}/setup-link", h.staff(account.PermDashboard, h.customerSetupLink))
}

// staffHandler is a dashboard handler that runs with a live session.
type staffHandler func(w http.ResponseWriter, r *http.Request, s *model.StaffSession)

// staff wraps a handler with the session check and the one permission
// check: no session → the sign-in page; a role without perm → GET pages
// redirect to /dashboard, posts get 403, even when sent by hand.
func (h *Handlers) staff(perm account.Permission, next staffHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, err := h.session(r)
		if err != nil {
			if !model.IsCode(err, model.CodeNotFound) {
				h.fail(w, r, err)
				return
			}
			web.ClearCookie(w, SessionCookie, h.SecureCookies)
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "Your session has ended. Sign in again.", http.StatusUnauthorized)
			return
		}
		if !account.Can(sess.Role, perm) {
			if r.Method == http.MethodGet {
				web.Redirect(w, r, "/dashboard", "You don't have access to that page.")
				return
			}
			http.Error(w, "You don't have permission to do that.", http.StatusForbidden)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess)), sess)
	})
}

type sessionKey struct{}

func (h *Handlers) session(r *http.Request) (*model.StaffSession, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, model.NotFound("Session")
	}
	return h.Accounts.Session(r.Context(), c.Value)
}

// fail renders an error page for errors a handler cannot show on its form.
func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	title, msg := "Not found", "That page does not exist, or it belongs to another company."
	if m := model.ErrorMessage(err); status == http.StatusNotFound && !strings.HasSuffix(m, " not found.") && m != "Not found." {
		msg = m // a specific explanation, such as an expired upload
	}
	switch {
	case status >= 500:
		h.Log.ErrorContext(r.Context(), "request failed", "error", err, "request_id", model.RequestID(r.Context()))
		title, msg = "Something went wrong", "Something went wrong. Request id: "+model.RequestID(r.Context())
	case status != http.StatusNotFound:
		title, msg = "Request refused", model.ErrorMessage(err)
	}
	h.Pages.Render(w, r, status, "error", &web.View{Title: title, Data: msg})
}

// safeNext keeps only dashboard paths for post-login redirects: anything
// else (other hosts, schemes, control characters or backslashes that
// browsers may rewrite) goes to /dashboard.
func safeNext(next string) string {
	if next != "/dashboard" && !strings.HasPrefix(next, "/dashboard/") && !strings.HasPrefix(next, "/dashboard?") {
		return "/dashboard"
	}
	for _, r := range next {
		if r < 0x21 || r == 0x7f || r == '\\' {
			return "/dashboard"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return "/dashboard"
	}
	return next
}
