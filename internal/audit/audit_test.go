package audit_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func company(t *testing.T, s *store.Store) model.Company {
	t.Helper()
	now := time.Now().UTC()
	c := model.Company{ID: model.NewID(), Name: "Audit Co", Slug: storetest.Name("audit"), ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateCompany(context.Background(), c) }); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLargeDetailsAreCutAndMarked(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := company(t, s)
		big := strings.Repeat("x", 20000)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			return audit.Write(ctx, tx, audit.Entry{CompanyID: c.ID, Actor: model.SystemActor(), Action: "Big",
				EntityType: "company", EntityID: c.ID, Details: map[string]any{"small": 1, "notes": big}})
		})
		if err != nil {
			t.Fatal(err)
		}
		p, err := audit.Reader{Store: s}.List(ctx, c.ID, model.AuditFilter{})
		if err != nil || len(p.Entries) != 1 {
			t.Fatalf("%v %v", p, err)
		}
		d := p.Entries[0].Details
		if len(d) > audit.MaxDetails {
			t.Fatalf("details %d bytes, over the cap", len(d))
		}
		var m map[string]any
		if err := json.Unmarshal(d, &m); err != nil {
			t.Fatalf("details not JSON: %v", err)
		}
		if m["truncated"] != true || m["small"] != float64(1) {
			t.Fatalf("details %v: want truncated marker and the small field kept", m)
		}
		if notes, _ := m["notes"].(string); len(notes) < 1000 {
			t.Fatalf("notes dropped instead of cut: %q", notes)
		}
	})
}

func TestSmallDetailsKeptExactly(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := company(t, s)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			return audit.Write(ctx, tx, audit.Entry{CompanyID: c.ID, Actor: model.Actor{Type: model.ActorUser, ID: "u1", Label: "Ann"},
				Action: "CompanySettingsUpdated", EntityType: "company", EntityID: c.ID,
				Details: map[string]any{"before": map[string]any{"name": "A"}, "after": map[string]any{"name": "B"}}})
		})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, c.ID, model.AuditFilter{})
		if got := string(p.Entries[0].Details); got != `{"after":{"name":"B"},"before":{"name":"A"}}` {
			t.Fatalf("details %s", got)
		}
		if p.Entries[0].Actor.Label != "Ann" || p.Entries[0].Actor.Type != model.ActorUser {
			t.Fatalf("actor %+v", p.Entries[0].Actor)
		}
	})
}

func TestPagingAndFilters(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := company(t, s)
		other := company(t, s)
		for i := 0; i < 120; i++ {
			action := "A"
			if i%3 == 0 {
				action = "B"
			}
			err := s.InTx(ctx, func(tx *store.Tx) error {
				if err := audit.Write(ctx, tx, audit.Entry{CompanyID: other.ID, Actor: model.SystemActor(), Action: action, EntityType: "company"}); err != nil {
					return err
				}
				return audit.Write(ctx, tx, audit.Entry{CompanyID: c.ID, Actor: model.SystemActor(), Action: action, EntityType: "company"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		r := audit.Reader{Store: s}
		seen := map[string]bool{}
		p, err := r.List(ctx, c.ID, model.AuditFilter{})
		pages := 0
		for err == nil {
			pages++
			for _, e := range p.Entries {
				if e.CompanyID != c.ID {
					t.Fatalf("entry of another company")
				}
				if seen[e.ID] {
					t.Fatalf("entry %s twice", e.ID)
				}
				seen[e.ID] = true
			}
			if p.OlderCursor == "" {
				break
			}
			p, err = r.List(ctx, c.ID, model.AuditFilter{Before: p.OlderCursor})
		}
		if err != nil || len(seen) != 120 || pages != 3 {
			t.Fatalf("seen %d entries in %d pages (%v)", len(seen), pages, err)
		}
		// Going back from the second page to the first.
		first, _ := r.List(ctx, c.ID, model.AuditFilter{})
		second, _ := r.List(ctx, c.ID, model.AuditFilter{Before: first.OlderCursor})
		back, _ := r.List(ctx, c.ID, model.AuditFilter{After: second.NewerCursor})
		if len(back.Entries) != 50 || back.Entries[0].ID != first.Entries[0].ID || back.NewerCursor != "" {
			t.Fatalf("newer page does not equal the first page")
		}
		b, _ := r.List(ctx, c.ID, model.AuditFilter{Action: "B", Limit: 200})
		if len(b.Entries) != 40 {
			t.Fatalf("action filter: %d entries, want 40", len(b.Entries))
		}
	})
}
