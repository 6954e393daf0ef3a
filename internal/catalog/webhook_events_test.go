package catalog_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// Product edits, the active toggle, stock adjustments and imports that
// update products each queue product.updated with the product's new state.
func TestProductChangesQueueProductUpdated(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		listenAll(t, s, co)
		svc := catalog.New(s, filepath.Join(t.TempDir(), "images"), nil)
		p, err := svc.Create(ctx, actor, co, input("Paper Towels", "PT-1", "18.40", "120"), catalog.ImageChange{})
		if err != nil {
			t.Fatal(err)
		}
		in := input("Paper Towels XL", "PT-1", "19.00", "120")
		if _, err := svc.Update(ctx, actor, co, p.ID, in, catalog.ImageChange{}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Update(ctx, actor, co, p.ID, in, catalog.ImageChange{}); err != nil { // no change: no event
			t.Fatal(err)
		}
		if _, err := svc.SetActive(ctx, actor, co, p.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AdjustStock(ctx, actor, co, p.ID, "-20", "Damaged"); err != nil {
			t.Fatal(err)
		}
		res, err := svc.ImportProducts(ctx, actor, co, strings.NewReader("SKU,Name,Price,Stock\nPT-1,Paper Towels XL,21.00,100\nNEW-1,New thing,1.00,5\n"), catalog.ImportOptions{})
		if err != nil || !res.Applied {
			t.Fatalf("import: %v %+v", err, res.Errors)
		}
		evs, err := s.OutboxEvents(ctx, co)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			var data map[string]any
			if err := json.Unmarshal([]byte(e.Payload), &data); err != nil {
				t.Fatal(err)
			}
			got = append(got, e.Event+" "+data["name"].(string)+" "+jsonString(data["price"])+" "+jsonString(data["stock"])+" "+jsonString(data["isActive"]))
			if data["id"] != p.ID || data["sku"] != "PT-1" {
				t.Fatalf("payload %s", e.Payload)
			}
		}
		want := []string{
			"product.updated Paper Towels XL 19 120 true",
			"product.updated Paper Towels XL 19 120 false",
			"product.updated Paper Towels XL 19 100 false",
			"product.updated Paper Towels XL 21 100 false",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// listenAll registers a webhook subscribed to every event, so the
// company's events are stored (an event nobody listens to is not).
func listenAll(t *testing.T, s *store.Store, companyID string) {
	t.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *store.Tx) error {
		return tx.CreateWebhook(ctx, model.Webhook{ID: model.NewID(), CompanyID: companyID, URL: "https://hooks.example/all",
			Events: model.WebhookEvents(), IsActive: true, Secret: "whsec_test", CreatedAt: tx.Now, UpdatedAt: tx.Now})
	})
	if err != nil {
		t.Fatal(err)
	}
}
