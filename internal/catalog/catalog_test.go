package catalog_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

var actor = model.Actor{Type: model.ActorUser, ID: "u1", Label: "Tester"}

func newCompany(t *testing.T, s *store.Store) string {
	t.Helper()
	now := time.Now().UTC()
	c := model.Company{ID: model.NewID(), Name: "Cat Co", Slug: storetest.Name("cat"), ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateCompany(context.Background(), c) }); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func input(name, sku, price, stock string) catalog.ProductInput {
	return catalog.ProductInput{Name: name, SKU: sku, Price: price, Stock: stock, Unit: "case", Category: "Paper", Active: true}
}

// pngBytes is a valid 1×1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

func TestProductLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		other := newCompany(t, s)
		svc := catalog.New(s, filepath.Join(t.TempDir(), "images"), nil)

		p, err := svc.Create(ctx, actor, co, input("Paper Towels", "PT-1", "18.40", "120"), catalog.ImageChange{Upload: pngBytes})
		if err != nil {
			t.Fatal(err)
		}
		if p.Image == "" || p.Price != 1840 || p.Unit != "case" {
			t.Fatalf("created %+v", p)
		}
		if _, err := os.Stat(svc.Images.Path(p.Image)); err != nil {
			t.Fatalf("image file: %v", err)
		}
		if _, err := svc.Create(ctx, actor, co, input("Dup", "PT-1", "1", "1"), catalog.ImageChange{}); model.ErrorCode(err) != model.CodeConflict {
			t.Fatalf("duplicate SKU: %v", err)
		}
		// The same SKU at another company is fine.
		if _, err := svc.Create(ctx, actor, other, input("Other", "PT-1", "1", "1"), catalog.ImageChange{}); err != nil {
			t.Fatalf("same SKU elsewhere: %v", err)
		}
		// Another company's id is not found and changes nothing.
		if _, err := svc.Update(ctx, actor, other, p.ID, input("Hijack", "X", "1", "1"), catalog.ImageChange{}); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company update: %v", err)
		}
		if _, err := svc.AdjustStock(ctx, actor, other, p.ID, "-5", "theft"); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company stock: %v", err)
		}
		if err := svc.Delete(ctx, actor, other, p.ID); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("cross-company delete: %v", err)
		}
		// Replacing the image deletes the old file after commit.
		jpeg := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte{1}, 100)...)
		in := catalog.InputOf(p)
		in.Name = "Paper Towels 2-ply"
		p2, err := svc.Update(ctx, actor, co, p.ID, in, catalog.ImageChange{Upload: jpeg})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(svc.Images.Path(p.Image)); !os.IsNotExist(err) {
			t.Fatalf("old image still on disk: %v", err)
		}
		if _, err := os.Stat(svc.Images.Path(p2.Image)); err != nil {
			t.Fatalf("new image: %v", err)
		}
		// A failed update (SKU conflict) keeps the old image and removes the new upload.
		webp := []byte("RIFF\x00\x00\x00\x00WEBPVP8 xxxxxxxx")
		in.SKU = "PT-2"
		if _, err := svc.Create(ctx, actor, co, input("Second", "PT-2", "1", "1"), catalog.ImageChange{}); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Update(ctx, actor, co, p.ID, in, catalog.ImageChange{Upload: webp})
		if model.ErrorCode(err) != model.CodeConflict {
			t.Fatalf("conflicting update: %v", err)
		}
		files, _ := filepath.Glob(filepath.Join(svc.Images.Dir, "*", "*.webp"))
		if len(files) != 0 {
			t.Fatalf("orphan upload left: %v", files)
		}
		// Stock.
		if _, err := svc.AdjustStock(ctx, actor, co, p.ID, "-121", "count"); model.ErrorCode(err) != model.CodeRule {
			t.Fatalf("below zero: %v", err)
		}
		got, err := svc.AdjustStock(ctx, actor, co, p.ID, "-20", "damaged in transit")
		if err != nil || got.Stock != 100 {
			t.Fatalf("adjust: %v %+v", err, got)
		}
		if _, err := svc.AdjustStock(ctx, actor, co, p.ID, "1.5", "x"); model.ErrorCode(err) != model.CodeInvalid {
			t.Fatalf("fractional delta: %v", err)
		}
		if _, err := svc.AdjustStock(ctx, actor, co, p.ID, "5", " "); model.ErrorCode(err) != model.CodeInvalid {
			t.Fatalf("no reason: %v", err)
		}
		// Active toggle and delete.
		if got, err := svc.SetActive(ctx, actor, co, p.ID, false); err != nil || got.Active {
			t.Fatalf("deactivate: %v", err)
		}
		if err := svc.Delete(ctx, actor, co, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(svc.Images.Path(p2.Image)); !os.IsNotExist(err) {
			t.Fatal("deleted product's image still on disk")
		}
		page, _ := audit.Reader{Store: s}.List(ctx, co, model.AuditFilter{EntityType: "product", Limit: 100})
		actions := map[string]int{}
		for _, e := range page.Entries {
			actions[e.Action]++
		}
		if actions["ProductCreated"] != 2 || actions["ProductUpdated"] != 2 || actions["ProductStockAdjusted"] != 1 || actions["ProductDeleted"] != 1 {
			t.Fatalf("audit actions %v", actions)
		}
	})
}

func TestProductValidation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		svc := catalog.New(s, t.TempDir(), nil)
		cases := []struct {
			field string
			in    catalog.ProductInput
		}{
			{"name", input("", "A", "1", "1")},
			{"price", input("A", "A", "1.005", "1")},
			{"price", input("A", "A", "-1", "1")},
			{"price", input("A", "A", "", "1")},
			{"stock", input("A", "A", "1", "-1")},
			{"stock", input("A", "A", "1", "2.5")},
		}
		for _, c := range cases {
			_, err := svc.Create(ctx, actor, co, c.in, catalog.ImageChange{})
			var me *model.Error
			if !asErr(err, &me) || me.Field(c.field) == "" {
				t.Errorf("%s %+v: %v", c.field, c.in, err)
			}
		}
		if _, err := svc.Create(ctx, actor, co, input("Img", "I", "1", "1"), catalog.ImageChange{Upload: []byte("GIF89a....")}); model.ErrorMessage(err) != "Only JPG, PNG, WebP, and AVIF images are allowed." {
			t.Fatalf("gif: %v", err)
		}
		big := append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, catalog.MaxImageBytes)...)
		if _, err := svc.Create(ctx, actor, co, input("Img", "I", "1", "1"), catalog.ImageChange{Upload: big}); model.ErrorMessage(err) != "Image too large. Maximum size is 5 MB." {
			t.Fatalf("big: %v", err)
		}
		if n, _ := s.CountProducts(ctx, co); n != 0 {
			t.Fatalf("%d products written by bad input", n)
		}
	})
}

func TestProductLimit(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		two := 2
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.SetCompanyLimits(ctx, co, model.Limits{Products: &two}, tx.Now)
		}); err != nil {
			t.Fatal(err)
		}
		svc := catalog.New(s, t.TempDir(), nil)
		for i, sku := range []string{"A", "B"} {
			if _, err := svc.Create(ctx, actor, co, input("P", sku, "1", "1"), catalog.ImageChange{}); err != nil {
				t.Fatalf("product %d: %v", i, err)
			}
		}
		if _, err := svc.Create(ctx, actor, co, input("P", "C", "1", "1"), catalog.ImageChange{}); model.ErrorCode(err) != model.CodeRule {
			t.Fatalf("over the limit: %v", err)
		}
	})
}

func TestSniff(t *testing.T) {
	avif := []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf")
	avifCompat := []byte("\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf")
	heic := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"png": {pngBytes, "png"}, "jpg": {[]byte{0xFF, 0xD8, 0xFF, 0xDB}, "jpg"},
		"webp": {[]byte("RIFF\x10\x00\x00\x00WEBPVP8 "), "webp"}, "avif": {avif, "avif"}, "avif-compat": {avifCompat, "avif"},
		"heic": {heic, ""}, "gif": {[]byte("GIF89a"), ""}, "text": {[]byte("hello"), ""}, "empty": {nil, ""},
	} {
		if got := catalog.Sniff(c.b); got != c.want {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
}

func FuzzSniff(f *testing.F) {
	f.Add(pngBytes)
	f.Add([]byte("\x00\x00\x00\x1cftypavif"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = catalog.Sniff(b)
	})
}

func asErr(err error, target **model.Error) bool {
	for e := err; e != nil; {
		if m, ok := e.(*model.Error); ok {
			*target = m
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
