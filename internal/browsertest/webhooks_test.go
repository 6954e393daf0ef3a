package browsertest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestWebhookCreateSecretAndDelivery adds a webhook in Settings → Webhooks,
// sees its secret once, and after a stock adjustment sees the delivery on
// the webhook's page and sends it again.
func TestWebhookCreateSecretAndDelivery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		var got atomic.Int32
		rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got.Add(1)
			_, _ = w.Write([]byte(`{"ok":true}`))
		}))
		t.Cleanup(rcv.Close)
		srv := apptest.Start(t, e)
		b := browsertest.New(t, srv.URL)
		signUp(t, b)

		b.Click("//aside" + browsertest.Link("Webhooks"))
		if got := b.Path(); got != "/dashboard/settings/webhooks" {
			t.Fatalf("after the Webhooks link: path %q", got)
		}
		b.See("No webhooks yet.")
		// Without events the form comes back with the URL kept.
		b.Fill("#url", rcv.URL+"/distribu")
		b.Click(browsertest.Button("Add webhook"))
		b.See("Choose at least one event.")
		if v := b.Value("#url"); v != rcv.URL+"/distribu" {
			t.Fatalf("typed URL not kept: %q", v)
		}
		b.ClickInPlace(`input[name="events"][value="product.updated"]`)
		b.Click(browsertest.Button("Add webhook"))
		if !strings.HasPrefix(b.Path(), "/dashboard/settings/webhooks/") {
			t.Fatalf("after create: path %q", b.Path())
		}
		b.See("Webhook added.", "Signing secret", "shown only once")
		secret := b.Value("#webhook-secret")
		if !strings.HasPrefix(secret, "whsec_") || len(secret) != 38 {
			t.Fatalf("secret %q", secret)
		}
		b.Screenshot("webhook-secret")
		b.Reload()
		b.NotSee(secret, "Signing secret")
		b.See("No deliveries yet.")

		ctx := context.Background()
		co, err := srv.App.Store.CompanyBySlug(ctx, "harbor-foods")
		if err != nil {
			t.Fatal(err)
		}
		actor := model.Actor{Type: model.ActorUser, Label: "Maya Lin"}
		p, err := srv.App.Catalog.Create(ctx, actor, co.ID, catalog.ProductInput{Name: "Olive oil", SKU: "OIL-1", Price: "12.00", Stock: "4", Unit: "case", Active: true}, catalog.ImageChange{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.App.Catalog.AdjustStock(ctx, actor, co.ID, p.ID, "20", "Delivery from the mill"); err != nil {
			t.Fatal(err)
		}
		if n, err := srv.App.Webhooks.RunOnce(ctx); err != nil || n != 1 || got.Load() != 1 {
			t.Fatalf("worker: %d %v (%d received)", n, err, got.Load())
		}
		b.Reload()
		b.See("product.updated", "Delivered", "1 attempt", "200")
		b.Screenshot("webhook-deliveries")
		b.Click(browsertest.Button("Send again"))
		b.See("Delivery queued to be sent again.", "Pending")
		if n, err := srv.App.Webhooks.RunOnce(ctx); err != nil || n != 1 || got.Load() != 2 {
			t.Fatalf("send again: %d %v (%d received)", n, err, got.Load())
		}
		b.Reload()
		b.See("2 attempts")
		b.Click(browsertest.Link("← Webhooks"))
		b.See(rcv.URL+"/distribu", "product.updated", "Active")
		b.Screenshot("webhooks-list")
	})
}
