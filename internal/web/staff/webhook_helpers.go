package staff

import (
	"net/http"
	"net/url"
	"time"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
	"github.com/distribu/distribu/internal/webhook"
)

// webhookSecretCookie carries a new or rotated secret to the webhook page
// once (POST → redirect → GET), like setup links.
const webhookSecretCookie = "webhook_secret"

const webhooksPath = "/dashboard/settings/webhooks"

// eventOption is one event checkbox of the webhook forms.
type eventOption struct {
	Name  string
	Label string
	Later bool // fires once the Returns area exists
}

// eventOptions lists every event with what makes it fire.
func eventOptions() []eventOption {
	labels := map[string]string{
		"order.created":        "An order is placed (storefront or API)",
		"order.status_changed": "An order moves to another status",
		"order.shipped":        "An order is marked shipped",
		"order.cancelled":      "An order is cancelled",
		"customer.created":     "A customer registers or is imported",
		"customer.updated":     "A customer's details or status change",
		"product.updated":      "A product is edited, (de)activated, restocked or imported",
		"product.low_stock":    "An order leaves a product with 5 or fewer units",
		"return.created":       "A return is requested",
		"return.approved":      "A return is approved",
		"refund.processed":     "A refund is issued",
	}
	var out []eventOption
	for _, e := range model.WebhookEvents() {
		out = append(out, eventOption{Name: e, Label: labels[e], Later: e == "return.created" || e == "return.approved" || e == "refund.processed"})
	}
	return out
}

// webhookForm is what a webhook form shows: as typed after a failed post,
// else the webhook's values.
type webhookForm struct {
	URL    string
	Events map[string]bool
	Active bool
}

func formOfWebhook(w model.Webhook) webhookForm {
	f := webhookForm{URL: w.URL, Events: map[string]bool{}, Active: w.IsActive}
	for _, e := range w.Events {
		f.Events[e] = true
	}
	return f
}

func formOfPost(v url.Values) webhookForm {
	f := webhookForm{URL: v.Get("url"), Events: map[string]bool{}, Active: v.Get("isActive") == "true"}
	for _, e := range v["events"] {
		f.Events[e] = true
	}
	return f
}

// formFailed reports whether err is one a form shows (bad input, a rule)
// rather than an error page.
func formFailed(err error) bool {
	return httpx.Status(err) < 500 && !model.IsCode(err, model.CodeNotFound) && !model.IsCode(err, model.CodeForbidden)
}

// webhooksPage is the data of Settings → Webhooks.
type webhooksPage struct {
	Webhooks []model.Webhook
	Form     webhookForm
	Events   []eventOption
	Max      int
}

// renderWebhooks renders the list with the new-webhook form, after a
// failed create with what was typed and the field messages.
func (h *Handlers) renderWebhooks(w http.ResponseWriter, r *http.Request, s *model.StaffSession, status int, formErr error) {
	list, err := h.Webhooks.List(r.Context(), s.Company.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := webhooksPage{Webhooks: list, Events: eventOptions(), Max: webhook.MaxPerCompany,
		Form: webhookForm{Events: map[string]bool{}, Active: true}}
	v := &web.View{Title: "Webhooks", Nav: "settings_webhooks", Session: s, Data: p}
	if formErr != nil {
		p.Form = formOfPost(r.PostForm)
		v.Data = p
		v.FormError(formErr, r.PostForm)
	}
	h.Pages.Render(w, r, status, "settings_webhooks", v)
}

// webhookPage is the data of one webhook's page.
type webhookPage struct {
	Webhook    model.Webhook
	Form       webhookForm
	Events     []eventOption
	Secret     string    // a new or rotated secret, shown once
	OldUntil   time.Time // the previous secret still signs until then; zero when not
	Deliveries webhook.DeliveryPage
	Before     string
}

// renderWebhook renders a webhook's page with its deliveries, after a
// failed edit with what was typed and the field messages.
func (h *Handlers) renderWebhook(w http.ResponseWriter, r *http.Request, s *model.StaffSession, status int, id, secret string, formErr error) {
	hook, err := h.Webhooks.Get(r.Context(), s.Company.ID, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	before := r.URL.Query().Get("before")
	ds, err := h.Webhooks.Deliveries(r.Context(), s.Company.ID, id, before)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := webhookPage{Webhook: hook, Form: formOfWebhook(hook), Events: eventOptions(), Secret: secret, Deliveries: ds, Before: before}
	if hook.PreviousSecret != "" && time.Now().Before(hook.PreviousExpiresAt) {
		p.OldUntil = hook.PreviousExpiresAt
	}
	v := &web.View{Title: "Webhook", Nav: "settings_webhooks", Session: s, Data: p}
	if formErr != nil {
		p.Form = formOfPost(r.PostForm)
		v.Data = p
		v.FormError(formErr, r.PostForm)
	}
	h.Pages.Render(w, r, status, "settings_webhook", v)
}
