package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func newCompany(slug string, now time.Time) model.Company {
	return model.Company{ID: model.NewID(), Name: "Co " + slug, Slug: slug, ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		n, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("second migrate applied %d migrations, want 0", n)
		}
	})
}

func TestUniqueViolationIsConflict(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateCompany(ctx, newCompany("dup-slug", tx.Now)) })
		if err != nil {
			t.Fatal(err)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateCompany(ctx, newCompany("dup-slug", tx.Now)) })
		var me *model.Error
		if !errors.As(err, &me) || me.Code != model.CodeConflict || me.Field("slug") == "" {
			t.Fatalf("got %v, want a conflict on slug", err)
		}
	})
}

func TestRollbackLeavesNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		boom := errors.New("boom")
		c := newCompany("rolled-back", time.Now().UTC())
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateCompany(ctx, c); err != nil {
				return err
			}
			if err := tx.InsertAudit(ctx, model.AuditEntry{ID: model.NewID(), CompanyID: c.ID, CreatedAt: tx.Now,
				Actor: model.SystemActor(), Action: "CompanyCreated", EntityType: "company", EntityID: c.ID}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v", err)
		}
		if _, err := s.Company(ctx, c.ID); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("company after rollback: %v", err)
		}
		entries, err := s.AuditEntries(ctx, c.ID, model.AuditFilter{})
		if err != nil || len(entries) != 0 {
			t.Fatalf("audit after rollback: %v %v", entries, err)
		}
	})
}

func TestTimesRoundTripAndFilter(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newCompany("times", time.Date(2026, 4, 16, 14, 22, 0, 123456000, time.UTC))
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateCompany(ctx, c) }); err != nil {
			t.Fatal(err)
		}
		got, err := s.Company(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.CreatedAt.Equal(c.CreatedAt) {
			t.Fatalf("created_at %v, want %v", got.CreatedAt, c.CreatedAt)
		}
		for i, at := range []time.Time{
			time.Date(2026, 4, 15, 23, 59, 59, 0, time.UTC),
			time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC),
			time.Date(2026, 4, 16, 23, 59, 59, 999999000, time.UTC),
			time.Date(2026, 4, 17, 0, 0, 0, 0, time.UTC),
		} {
			e := model.AuditEntry{ID: model.NewID(), CompanyID: c.ID, CreatedAt: at, Actor: model.SystemActor(),
				Action: "Test", EntityType: "company", EntityID: c.ID, Details: []byte(`{"i":` + string(rune('0'+i)) + `}`)}
			if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.InsertAudit(ctx, e) }); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.AuditEntries(ctx, c.ID, model.AuditFilter{
			From: time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 17, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Fatalf("entries on 16 April: %d, want 2", len(list))
		}
	})
}
