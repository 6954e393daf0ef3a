package customer_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// Imports queue customer.created and customer.updated; dashboard edits and
// status changes queue customer.updated; all with the customer's API shape.
func TestCustomerChangesQueueWebhooks(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		// An event nobody listens to is not stored.
		f.importCSV(t, "Email\nzed@example.com\n")
		if evs, _ := s.OutboxEvents(ctx, f.company.ID); len(evs) != 0 {
			t.Fatalf("events stored without a webhook: %d", len(evs))
		}
		listenAll(t, s, f.company.ID)
		f.importCSV(t, "Email,Name\nann@example.com,Ann\nbob@example.com,Bob\n")
		ann := f.customer(t, "ann@example.com")
		if _, err := f.svc.Update(ctx, staff, f.company.ID, ann.ID, customer.UpdateInput{Name: "Ann Smith"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SetStatus(ctx, staff, f.company.ID, ann.ID, "BLOCKED"); err != nil {
			t.Fatal(err)
		}
		f.importCSV(t, "Email,Name\nann@example.com,Ann Smith\nbob@example.com,Robert\n") // Ann unchanged
		evs, err := s.OutboxEvents(ctx, f.company.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			var data map[string]any
			if err := json.Unmarshal([]byte(e.Payload), &data); err != nil {
				t.Fatal(err)
			}
			got = append(got, e.Event+" "+data["email"].(string)+" "+data["name"].(string)+" "+data["status"].(string))
		}
		want := []string{
			"customer.created ann@example.com Ann ACTIVE",
			"customer.created bob@example.com Bob ACTIVE",
			"customer.updated ann@example.com Ann Smith ACTIVE",
			"customer.updated ann@example.com Ann Smith BLOCKED",
			"customer.updated bob@example.com Robert ACTIVE",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
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
