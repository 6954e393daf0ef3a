package webhook_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/webhook"
)

func TestCreateValidates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		cases := []struct {
			name   string
			in     webhook.Input
			fields map[string]string
		}{
			{"empty", webhook.Input{}, map[string]string{"url": "URL is required.", "events": "Choose at least one event."}},
			{"ftp", webhook.Input{URL: "ftp://example.com/x", Events: []string{"order.created"}},
				map[string]string{"url": "URL must be an absolute http:// or https:// address, like https://example.com/hooks."}},
			{"relative", webhook.Input{URL: "/hooks", Events: []string{"order.created"}},
				map[string]string{"url": "URL must be an absolute http:// or https:// address, like https://example.com/hooks."}},
			{"too long", webhook.Input{URL: "https://example.com/" + strings.Repeat("a", 2030), Events: []string{"order.created"}},
				map[string]string{"url": "URL must be at most 2048 characters."}},
			{"unknown event", webhook.Input{URL: "https://example.com/h", Events: []string{"order.created", "order.eaten"}},
				map[string]string{"events": `Unknown event "order.eaten". Events are: order.created, order.status_changed, order.shipped, order.cancelled, customer.created, customer.updated, product.updated, product.low_stock, return.created, return.approved, refund.processed.`}},
		}
		for _, tc := range cases {
			_, _, err := f.svc.Create(ctx, staff, f.company.ID, tc.in)
			var me *model.Error
			if !asModel(err, &me) || me.Code != model.CodeInvalid || me.Message != "Validation failed." {
				t.Fatalf("%s: %v, want Validation failed.", tc.name, err)
			}
			for field, msg := range tc.fields {
				if got := me.Field(field); got != msg {
					t.Errorf("%s: %s = %q, want %q", tc.name, field, got, msg)
				}
			}
			if len(me.Fields) != len(tc.fields) {
				t.Errorf("%s: fields %+v", tc.name, me.Fields)
			}
		}
		if ws, _ := f.svc.List(ctx, f.company.ID); len(ws) != 0 {
			t.Fatalf("invalid input stored %d webhooks", len(ws))
		}
		// A URL of exactly 2048 characters is fine.
		long := "https://example.com/" + strings.Repeat("a", 2048-len("https://example.com/"))
		if _, _, err := f.svc.Create(ctx, staff, f.company.ID, webhook.Input{URL: long, Events: []string{"order.created"}}); err != nil {
			t.Fatalf("2048 characters: %v", err)
		}
	})
}

func asModel(err error, me **model.Error) bool {
	for e := err; e != nil; {
		if m, ok := e.(*model.Error); ok {
			*me = m
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		e = u.Unwrap()
	}
	return false
}

func TestCreateUpdateRotateDelete(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		w, secret, err := f.svc.Create(ctx, staff, f.company.ID, webhook.Input{URL: " https://example.com/hooks ",
			Events: []string{"product.updated", "order.created", "order.created"}})
		if err != nil {
			t.Fatal(err)
		}
		if !w.IsActive || w.URL != "https://example.com/hooks" || strings.Join(w.Events, ",") != "order.created,product.updated" {
			t.Fatalf("created %+v", w)
		}
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
		if !strings.HasPrefix(secret, "whsec_") || err != nil || len(raw) != 24 {
			t.Fatalf("secret %q: %v", secret, err)
		}
		p := webhook.Payload(w)
		if p["id"] != w.ID || p["url"] != w.URL || p["isActive"] != true || p["secret"] != nil ||
			!strings.HasSuffix(p["createdAt"].(string), "Z") || len(p["events"].([]string)) != 2 {
			t.Fatalf("payload %+v", p)
		}
		off := false
		events := []string{"customer.created"}
		got, err := f.svc.Update(ctx, staff, f.company.ID, w.ID, webhook.Patch{IsActive: &off, Events: &events})
		if err != nil || got.IsActive || strings.Join(got.Events, ",") != "customer.created" || got.URL != w.URL {
			t.Fatalf("update: %+v %v", got, err)
		}
		bad := "nope"
		if _, err := f.svc.Update(ctx, staff, f.company.ID, w.ID, webhook.Patch{URL: &bad}); !model.IsCode(err, model.CodeInvalid) {
			t.Fatalf("bad patch: %v", err)
		}
		newSecret, err := f.svc.RotateSecret(ctx, staff, f.company.ID, w.ID)
		if err != nil || newSecret == secret || !strings.HasPrefix(newSecret, "whsec_") {
			t.Fatalf("rotate: %q %v", newSecret, err)
		}
		after, _ := f.svc.Get(ctx, f.company.ID, w.ID)
		if after.Secret != newSecret || after.PreviousSecret != secret || after.PreviousExpiresAt.Sub(after.UpdatedAt) != webhook.RotationGrace {
			t.Fatalf("after rotation %+v", after)
		}
		if err := f.svc.Delete(ctx, staff, f.company.ID, w.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Get(ctx, f.company.ID, w.ID); !model.IsCode(err, model.CodeNotFound) || model.ErrorMessage(err) != "Webhook not found." {
			t.Fatalf("get deleted: %v", err)
		}
		entries, _ := st.AuditEntries(ctx, f.company.ID, model.AuditFilter{EntityType: "webhook"})
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
			if strings.Contains(string(e.Details), "whsec_") {
				t.Errorf("%s details carry a secret: %s", e.Action, e.Details)
			}
		}
		if strings.Join(actions, ",") != "WebhookDeleted,WebhookSecretRotated,WebhookUpdated,WebhookCreated" {
			t.Fatalf("audit %v", actions)
		}
	})
}

func TestAtMostTenPerCompany(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		for i := 0; i < webhook.MaxPerCompany; i++ {
			f.create(t, "https://example.com/h", "order.created")
		}
		_, _, err := f.svc.Create(context.Background(), staff, f.company.ID, webhook.Input{URL: "https://example.com/h", Events: []string{"order.created"}})
		if !model.IsCode(err, model.CodeRule) || model.ErrorMessage(err) != "A company can have at most 10 webhooks. Delete one before adding another." {
			t.Fatalf("11th webhook: %v", err)
		}
		list, err := f.svc.List(context.Background(), f.company.ID)
		if err != nil || len(list) != webhook.MaxPerCompany {
			t.Fatalf("list: %d %v", len(list), err)
		}
		for i := 1; i < len(list); i++ {
			if list[i-1].ID <= list[i].ID {
				t.Fatal("List must be newest first")
			}
		}
		// Another company has its own ten.
		other := newCompany(t, st, "Other")
		if _, _, err := f.svc.Create(context.Background(), staff, other.ID, webhook.Input{URL: "https://example.com/h", Events: []string{"order.created"}}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestOtherCompanysWebhookIsNotFound(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		other := newCompany(t, st, "Other")
		w, _ := f.create(t, "https://example.com/h", "order.created")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		d := f.deliveries(t, w)[0]
		url := "https://evil.example/"
		off := false
		checks := map[string]error{}
		_, checks["get"] = f.svc.Get(ctx, other.ID, w.ID)
		_, checks["update"] = f.svc.Update(ctx, staff, other.ID, w.ID, webhook.Patch{URL: &url, IsActive: &off})
		_, checks["rotate"] = f.svc.RotateSecret(ctx, staff, other.ID, w.ID)
		checks["delete"] = f.svc.Delete(ctx, staff, other.ID, w.ID)
		_, checks["deliveries"] = f.svc.Deliveries(ctx, other.ID, w.ID, "")
		_, checks["redeliver"] = f.svc.Redeliver(ctx, staff, other.ID, d.ID)
		_, checks["garbage id"] = f.svc.Get(ctx, f.company.ID, "../../x")
		for name, err := range checks {
			if !model.IsCode(err, model.CodeNotFound) {
				t.Errorf("%s with another company: %v, want not found", name, err)
			}
		}
		after, err := f.svc.Get(ctx, f.company.ID, w.ID)
		if err != nil || after.URL != w.URL || !after.IsActive || after.Secret != w.Secret {
			t.Fatalf("changed by another company: %+v %v", after, err)
		}
		if ws, _ := f.svc.List(ctx, other.ID); len(ws) != 0 {
			t.Fatal("another company lists the webhook")
		}
	})
}

func TestDeliveriesPage(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		w, _ := f.create(t, "https://hooks.example/in", "order.created")
		for i := range webhook.DeliveriesPerPage + 5 {
			emit(t, st, f.company.ID, "order.created", map[string]any{"n": i})
		}
		ctx := context.Background()
		first, err := f.svc.Deliveries(ctx, f.company.ID, w.ID, "")
		if err != nil || len(first.Deliveries) != webhook.DeliveriesPerPage || first.Next == "" {
			t.Fatalf("first page: %d next %q %v", len(first.Deliveries), first.Next, err)
		}
		second, err := f.svc.Deliveries(ctx, f.company.ID, w.ID, first.Next)
		if err != nil || len(second.Deliveries) != 5 || second.Next != "" {
			t.Fatalf("second page: %d next %q %v", len(second.Deliveries), second.Next, err)
		}
		if second.Deliveries[0].ID >= first.Deliveries[len(first.Deliveries)-1].ID {
			t.Fatal("pages must go from newest to oldest without overlap")
		}
	})
}
