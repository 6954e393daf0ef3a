package staff_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// hookReceiver is the test's webhook target: it counts requests.
type hookReceiver struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
}

func newHookReceiver(t *testing.T) *hookReceiver {
	r := &hookReceiver{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, string(b))
		r.mu.Unlock()
		_, _ = w.Write([]byte("thanks"))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *hookReceiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

func hookForm(u string, active bool, events ...string) url.Values {
	f := url.Values{"url": {u}, "events": events}
	if active {
		f.Set("isActive", "true")
	}
	return f
}

var hookPathRe = regexp.MustCompile(`^/dashboard/settings/webhooks/([0-9a-z]{26})#secret$`)

// createHook adds a webhook through the form and returns its id.
func createHook(t *testing.T, c *apptest.Client, u string, events ...string) string {
	t.Helper()
	r := c.Post("/dashboard/settings/webhooks", hookForm(u, true, events...))
	m := hookPathRe.FindStringSubmatch(r.Location)
	if r.Status != http.StatusSeeOther || m == nil {
		t.Fatalf("create webhook: %d %q\n%s", r.Status, r.Location, apptest.Text(r.Body))
	}
	return m[1]
}

func runWorker(t *testing.T, srv *apptest.Server) int {
	t.Helper()
	n, err := srv.App.Webhooks.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWebhooksDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		ctx := context.Background()
		owner := srv.Signup(t, "Hook Co", "Olive", "olive@hook.example", "password123")
		co, _ := srv.App.Store.CompanyBySlug(ctx, "hook-co")
		rcv := newHookReceiver(t)

		if r := owner.Get("/dashboard/settings/webhooks"); r.Status != 200 || !strings.Contains(apptest.Text(r.Body), "No webhooks yet") {
			t.Fatalf("empty list: %d", r.Status)
		}
		// Bad input keeps what was typed, with the field messages.
		r := owner.Post("/dashboard/settings/webhooks", hookForm("", true))
		text := apptest.Text(r.Body)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(text, "URL is required.") || !strings.Contains(text, "Choose at least one event.") {
			t.Fatalf("empty form: %d %s", r.Status, text)
		}
		r = owner.Post("/dashboard/settings/webhooks", hookForm("ftp://files.example/x", true, "order.shipped"))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `value="ftp://files.example/x"`) ||
			!strings.Contains(r.Body, `value="order.shipped" checked`) || strings.Contains(r.Body, `value="order.created" checked`) ||
			!strings.Contains(apptest.Text(r.Body), "URL must be an absolute http:// or https:// address") {
			t.Fatalf("bad URL: %d %s", r.Status, apptest.Text(r.Body))
		}
		if hooks, _ := srv.App.Webhooks.List(ctx, co.ID); len(hooks) != 0 {
			t.Fatal("bad input stored a webhook")
		}

		// Created: the secret is shown once, on the webhook's page.
		id := createHook(t, owner, rcv.URL+"/in", "product.updated", "order.created")
		page := "/dashboard/settings/webhooks/" + id
		r = owner.Get(page)
		hook, _ := srv.App.Webhooks.Get(ctx, co.ID, id)
		if r.Status != 200 || !strings.Contains(r.Body, hook.Secret) || !strings.Contains(r.Body, "shown only once") {
			t.Fatalf("page after create: %d %s", r.Status, apptest.Text(r.Body))
		}
		if r = owner.Get(page); strings.Contains(r.Body, "whsec_") {
			t.Fatal("the secret was shown twice")
		}
		if r = owner.Get("/dashboard/settings/webhooks"); !strings.Contains(r.Body, rcv.URL+"/in") || strings.Contains(r.Body, "whsec_") {
			t.Fatal("list must show the URL and never the secret")
		}

		// A change queues an event; the worker delivers it; the page shows it.
		p, err := srv.App.Catalog.Create(ctx, model.Actor{Type: model.ActorUser, Label: "t"}, co.ID,
			catalog.ProductInput{Name: "Napkins", SKU: "N-1", Price: "3.00", Stock: "10", Unit: "case", Active: true}, catalog.ImageChange{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.App.Catalog.AdjustStock(ctx, model.Actor{Type: model.ActorUser, Label: "t"}, co.ID, p.ID, "5", "Count"); err != nil {
			t.Fatal(err)
		}
		if n := runWorker(t, srv); n != 1 || rcv.count() != 1 {
			t.Fatalf("worker: %d attempts, %d received", n, rcv.count())
		}
		r = owner.Get(page)
		text = apptest.Text(r.Body)
		if !strings.Contains(text, "product.updated") || !strings.Contains(text, "Delivered") || !strings.Contains(text, "thanks") || !strings.Contains(text, "1 attempt") {
			t.Fatalf("deliveries on the page: %s", text)
		}
		dp, _ := srv.App.Webhooks.Deliveries(ctx, co.ID, id, "")
		d := dp.Deliveries[0]
		// Send again.
		r = owner.Post(page+"/deliveries/"+d.ID+"/redeliver", url.Values{})
		if r.Status != http.StatusSeeOther || r.Location != page+"#deliveries" {
			t.Fatalf("send again: %d %s", r.Status, r.Location)
		}
		if n := runWorker(t, srv); n != 1 || rcv.count() != 2 {
			t.Fatalf("send again delivered %d (%d received)", n, rcv.count())
		}
		if text = apptest.Text(owner.Get(page).Body); !strings.Contains(text, "2 attempts") {
			t.Fatalf("after send again: %s", text)
		}

		// Edit: bad input keeps what was typed; good input saves.
		r = owner.Post(page, hookForm("not a url", false))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `value="not a url"`) || !strings.Contains(apptest.Text(r.Body), "Choose at least one event.") {
			t.Fatalf("bad edit: %d %s", r.Status, apptest.Text(r.Body))
		}
		if r = owner.Post(page, hookForm(rcv.URL+"/v2", false, "customer.updated")); r.Status != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", r.Status, apptest.Text(r.Body))
		}
		hook, _ = srv.App.Webhooks.Get(ctx, co.ID, id)
		if hook.URL != rcv.URL+"/v2" || hook.IsActive || strings.Join(hook.Events, ",") != "customer.updated" {
			t.Fatalf("after edit %+v", hook)
		}
		if text = apptest.Text(owner.Get("/dashboard/settings/webhooks").Body); !strings.Contains(text, "Paused") {
			t.Fatal("a paused webhook must say so")
		}

		// Rotate: the new secret once, and the old one's grace.
		old := hook.Secret
		if r = owner.Post(page+"/rotate", url.Values{}); r.Status != http.StatusSeeOther || r.Location != page+"#secret" {
			t.Fatalf("rotate: %d %s", r.Status, r.Location)
		}
		hook, _ = srv.App.Webhooks.Get(ctx, co.ID, id)
		r = owner.Get(page)
		if hook.Secret == old || !strings.Contains(r.Body, hook.Secret) || strings.Contains(r.Body, old) ||
			!strings.Contains(apptest.Text(r.Body), "The previous secret also signs deliveries until") {
			t.Fatalf("after rotation: %s", apptest.Text(r.Body))
		}

		// The audit log links to the webhook while it exists.
		if r = owner.Get("/dashboard/settings/audit?entity=webhook"); !strings.Contains(r.Body, `href="`+page+`"`) || strings.Contains(r.Body, "whsec_") {
			t.Fatal("the audit log must link the webhook and never show a secret")
		}
		// Delete.
		if r = owner.Post(page+"/delete", url.Values{}); r.Status != http.StatusSeeOther || r.Location != "/dashboard/settings/webhooks" {
			t.Fatalf("delete: %d %s", r.Status, r.Location)
		}
		if r = owner.Get(page); r.Status != http.StatusNotFound {
			t.Fatalf("deleted webhook page: %d", r.Status)
		}
		entries, _ := srv.App.Store.AuditEntries(ctx, co.ID, model.AuditFilter{EntityType: "webhook"})
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, ",") != "WebhookDeleted,WebhookSecretRotated,WebhookUpdated,WebhookRedelivered,WebhookCreated" {
			t.Fatalf("audit: %v", actions)
		}
	})
}

func TestWebhooksAtMostTen(t *testing.T) {
	srv := apptest.Start(t, store.SQLite)
	owner := srv.Signup(t, "Ten Co", "Tia", "tia@ten.example", "password123")
	for range 10 {
		createHook(t, owner, "https://example.com/h", "order.created")
	}
	r := owner.Post("/dashboard/settings/webhooks", hookForm("https://example.com/eleven", true, "order.created"))
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(apptest.Text(r.Body), "A company can have at most 10 webhooks.") {
		t.Fatalf("11th: %d %s", r.Status, apptest.Text(r.Body))
	}
}

func TestWebhooksTenancyAndRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		ctx := context.Background()
		a := srv.Signup(t, "Alpha Hooks", "Al", "al@alpha-hooks.example", "password123")
		b := srv.Signup(t, "Beta Hooks", "Bo", "bo@beta-hooks.example", "password123")
		alpha, _ := srv.App.Store.CompanyBySlug(ctx, "alpha-hooks")
		rcv := newHookReceiver(t)
		id := createHook(t, a, rcv.URL, "customer.created")
		bID := createHook(t, b, rcv.URL, "customer.created")
		res, err := srv.App.Customers.ImportCustomers(ctx, model.Actor{Type: model.ActorUser, Label: "t"}, alpha.ID,
			strings.NewReader("Email\nann@alpha-hooks.example\n"), customer.ImportOptions{})
		if err != nil || !res.Applied {
			t.Fatalf("import: %v %+v", err, res.Errors)
		}
		dp, _ := srv.App.Webhooks.Deliveries(ctx, alpha.ID, id, "")
		if len(dp.Deliveries) != 1 {
			t.Fatalf("alpha deliveries: %d", len(dp.Deliveries))
		}
		did := dp.Deliveries[0].ID
		before, _ := srv.App.Webhooks.Get(ctx, alpha.ID, id)

		page := "/dashboard/settings/webhooks/" + id
		routes := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", page, nil},
			{"POST", page, hookForm("https://evil.example/", false, "order.created")},
			{"POST", page + "/rotate", url.Values{}},
			{"POST", page + "/delete", url.Values{}},
			{"POST", page + "/deliveries/" + did + "/redeliver", url.Values{}},
			// B's own webhook with A's delivery.
			{"POST", "/dashboard/settings/webhooks/" + bID + "/deliveries/" + did + "/redeliver", url.Values{}},
		}
		for _, rt := range routes {
			if r := b.Do(rt.method, rt.path, rt.form); r.Status != http.StatusNotFound {
				t.Errorf("B %s %s: %d, want 404", rt.method, rt.path, r.Status)
			}
		}
		after, err := srv.App.Webhooks.Get(ctx, alpha.ID, id)
		if err != nil || after.URL != before.URL || after.Secret != before.Secret || !after.IsActive || !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Fatalf("B changed A's webhook: %+v %v", after, err)
		}
		if dp2, _ := srv.App.Webhooks.Deliveries(ctx, alpha.ID, id, ""); !dp2.Deliveries[0].UpdatedAt.Equal(dp.Deliveries[0].UpdatedAt) {
			t.Fatal("B re-queued A's delivery")
		}
		if r := b.Get("/dashboard/settings/webhooks"); strings.Contains(r.Body, id) {
			t.Fatal("B's list shows A's webhook")
		}

		// MEMBER: pages redirect, posts are refused, nothing changes.
		member := addMember(t, srv, "alpha-hooks", model.RoleMember, "member@alpha-hooks.example")
		admin := addMember(t, srv, "alpha-hooks", model.RoleAdmin, "admin@alpha-hooks.example")
		for _, p := range []string{"/dashboard/settings/webhooks", page} {
			if r := member.Get(p); r.Status != http.StatusSeeOther || r.Location != "/dashboard" {
				t.Errorf("member GET %s: %d %s", p, r.Status, r.Location)
			}
			if r := admin.Get(p); r.Status != http.StatusOK {
				t.Errorf("admin GET %s: %d", p, r.Status)
			}
		}
		for _, rt := range append(routes[1:5], struct {
			method, path string
			form         url.Values
		}{"POST", "/dashboard/settings/webhooks", hookForm("https://example.com/m", true, "order.created")}) {
			if r := member.Do(rt.method, rt.path, rt.form); r.Status != http.StatusForbidden {
				t.Errorf("member %s %s: %d, want 403", rt.method, rt.path, r.Status)
			}
		}
		if hooks, _ := srv.App.Webhooks.List(ctx, alpha.ID); len(hooks) != 1 || hooks[0].Secret != before.Secret {
			t.Fatal("a member changed the webhooks")
		}
		if r := member.Get("/dashboard"); strings.Contains(r.Body, "/dashboard/settings/webhooks") {
			t.Fatal("members must not see the Webhooks link")
		}
	})
}
