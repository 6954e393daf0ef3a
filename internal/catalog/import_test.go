package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestImportERPExport(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		svc := catalog.New(s, t.TempDir(), nil)
		f, err := os.Open("../csvio/testdata/products-erp-export.csv")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		res, err := svc.ImportProducts(ctx, actor, co, f, catalog.ImportOptions{FileName: "products-erp-export.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if !res.OK() || !res.Applied || res.Created != 4 {
			t.Fatalf("result %+v", res)
		}
		got, _ := s.ProductsBySKU(ctx, co, []string{"PT-2PLY-12", "DS-1GAL", "GL-NIT-M", "CUP-12OZ"})
		pt := got["PT-2PLY-12"]
		if pt.Name != "Paper Towels 2-ply (12 rolls)" || pt.Description != "Soft, strong, two-ply\nIndividually wrapped" ||
			pt.Unit != "case" || pt.Price != 1840 || pt.Stock != 120 || !pt.Active || pt.Category != "Paper goods" {
			t.Fatalf("PT-2PLY-12 = %+v", pt)
		}
		if got["DS-1GAL"].Stock != 0 || !got["GL-NIT-M"].Active || got["CUP-12OZ"].Active || got["CUP-12OZ"].Price != 5400 {
			t.Fatalf("others: %+v", got)
		}
		page, _ := audit.Reader{Store: s}.List(ctx, co, model.AuditFilter{Limit: 100})
		counts := map[string]int{}
		for _, e := range page.Entries {
			counts[e.Action]++
		}
		if counts["ProductsImported"] != 1 || counts["ProductCreated"] != 4 {
			t.Fatalf("audit %v", counts)
		}
	})
}

func TestExportImportRoundTripIsUnchanged(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		svc := catalog.New(s, t.TempDir(), nil)
		tricky := []catalog.ProductInput{
			{Name: "=SUM(A1)", SKU: "-minus", Description: "line1\nline2, \"quoted\"", Category: "@cat", Unit: "+1", Price: "0", Stock: "0", Active: false},
			{Name: "Café crème ☕", SKU: "CAFE", Description: "", Category: "Drinks", Unit: "each", Price: "12.5", Stock: "7", Active: true},
		}
		for _, in := range tricky {
			if _, err := svc.Create(ctx, actor, co, in, catalog.ImageChange{}); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := svc.ExportProducts(ctx, actor, co, &buf); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), "sku,name,description,category,unit,price,stock,isActive\n") || !strings.Contains(buf.String(), "'=SUM(A1)") {
			t.Fatalf("export:\n%s", buf.String())
		}
		res, err := svc.ImportProducts(ctx, actor, co, bytes.NewReader(buf.Bytes()), catalog.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Unchanged != 2 || res.Created != 0 || res.Updated != 0 || !res.OK() {
			t.Fatalf("round trip: %+v", res)
		}
	})
}

func TestOneBadRowWritesNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		svc := catalog.New(s, t.TempDir(), nil)
		var b strings.Builder
		b.WriteString("Item Code;Product Name;Unit Price;Qty\r\n")
		for i := 0; i < 3000; i++ {
			price := fmt.Sprintf("%d.99", i)
			if i == 2500 {
				price = "12.345"
			}
			fmt.Fprintf(&b, "SKU-%05d;\"Item %d; the best\";%s;%d\r\n", i, i, price, i%50)
		}
		res, err := svc.ImportProducts(ctx, actor, co, strings.NewReader("\uFEFF"+b.String()), catalog.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Applied || res.ErrorCount != 1 || res.Errors[0].Row != 2502 || res.Errors[0].Column != "price" ||
			!strings.Contains(res.Errors[0].Error(), "Row 2502: price \"12.345\"") {
			t.Fatalf("result: applied=%v errors=%d %v", res.Applied, res.ErrorCount, res.Errors)
		}
		if res.Created != 2999 {
			t.Fatalf("preview counts: created %d", res.Created)
		}
		if n, _ := s.CountProducts(ctx, co); n != 0 {
			t.Fatalf("%d products written despite a bad row", n)
		}
		// Fixing the row imports all 3000 in one go.
		fixed := strings.Replace(b.String(), "12.345", "12.34", 1)
		res, err = svc.ImportProducts(ctx, actor, co, strings.NewReader(fixed), catalog.ImportOptions{})
		if err != nil || !res.Applied || res.Created != 3000 {
			t.Fatalf("fixed: %+v %v", res, err)
		}
		if n, _ := s.CountProducts(ctx, co); n != 3000 {
			t.Fatalf("%d products", n)
		}
	})
}

func TestImportRowRules(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s)
		svc := catalog.New(s, t.TempDir(), nil)
		if _, err := svc.Create(ctx, actor, co, catalog.ProductInput{Name: "Keep", SKU: "K1", Description: "kept", Category: "Cat", Unit: "box", Price: "5", Stock: "5", Active: false}, catalog.ImageChange{}); err != nil {
			t.Fatal(err)
		}
		// Absent columns leave fields alone; present ones update.
		res, err := svc.ImportProducts(ctx, actor, co, strings.NewReader("sku,name,price,stock\nK1,Keep,6,5\n"), catalog.ImportOptions{})
		if err != nil || res.Updated != 1 {
			t.Fatalf("%+v %v", res, err)
		}
		p, _ := s.ProductsBySKU(ctx, co, []string{"K1"})
		if k := p["K1"]; k.Description != "kept" || k.Category != "Cat" || k.Unit != "box" || k.Active || k.Price != 600 {
			t.Fatalf("absent columns changed fields: %+v", k)
		}
		// Empty cells in present columns clear optional fields; empty isActive is true.
		res, _ = svc.ImportProducts(ctx, actor, co, strings.NewReader("sku,name,price,stock,description,isActive\nK1,Keep,6,5,,\n"), catalog.ImportOptions{})
		p, _ = s.ProductsBySKU(ctx, co, []string{"K1"})
		if k := p["K1"]; k.Description != "" || !k.Active || res.Updated != 1 {
			t.Fatalf("empty cells: %+v", k)
		}
		// Errors name row, column and rule; duplicates name both rows.
		bad := "sku,name,price,stock,isActive\nA,Apple,1,1,yes\n,No SKU,1,1,\nB,,1,1,\nC,Cherry,-1,1,\nD,Date,1,-2,\nE,Egg,1,1,maybe\nA,Apple again,1,1,\n"
		res, err = svc.ImportProducts(ctx, actor, co, strings.NewReader(bad), catalog.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"Row 3: sku is required",
			"Row 4: name is required",
			`Row 5: price "-1" must not be negative`,
			`Row 6: stock "-2" must be a whole number of 0 or more`,
			`Row 7: isActive "maybe"`,
			`Row 8: duplicate sku "A" (also on row 2)`,
		}
		if len(res.Errors) != len(want) {
			t.Fatalf("errors %v", res.Errors)
		}
		for i, w := range want {
			if !strings.HasPrefix(res.Errors[i].Error(), w) {
				t.Errorf("error %d = %q, want prefix %q", i, res.Errors[i].Error(), w)
			}
		}
		// A missing required column is reported, nothing is read.
		res, _ = svc.ImportProducts(ctx, actor, co, strings.NewReader("name,price\nX,1\n"), catalog.ImportOptions{})
		if strings.Join(res.Missing, ",") != "sku,stock" || res.Applied {
			t.Fatalf("missing: %+v", res)
		}
		// Dry run writes nothing.
		res, _ = svc.ImportProducts(ctx, actor, co, strings.NewReader("sku,name,price,stock\nNEW,New,1,1\n"), catalog.ImportOptions{DryRun: true})
		if res.Created != 1 || res.Applied {
			t.Fatalf("dry run %+v", res)
		}
		if n, _ := s.CountProducts(ctx, co); n != 1 {
			t.Fatalf("dry run wrote: %d products", n)
		}
	})
}
