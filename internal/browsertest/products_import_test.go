package browsertest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/browsertest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestProductsImportPreviewApply uploads an ERP-style CSV in a real browser,
// reads the preview, applies it and finds the products in the inventory.
func TestProductsImportPreviewApply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		b := browsertest.New(t, apptest.Start(t, e).URL)
		signUp(t, b)

		b.Click("//aside" + browsertest.Link("Inventory"))
		b.See("No products yet.")
		b.Click(browsertest.Link("Import CSV"))
		if got := b.Path(); got != "/dashboard/inventory/import" {
			t.Fatalf("path %q", got)
		}
		// A file shaped like an Excel export in a European locale.
		file := filepath.Join(t.TempDir(), "Artikel Export.csv")
		content := "\uFEFFItem Code;Product Name;Description;UOM;Unit Price;Qty\r\n" +
			"PT-12;Paper Towels (12 rolls);\"Soft; strong\r\ntwo-ply\";case;18.40;120\r\n" +
			"GL-M;Nitrile Gloves M;;box;9.99;4\r\n"
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		b.Do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
		b.Click(browsertest.Button("Upload and preview"))
		b.See("Import preview", "Artikel Export.csv", "Paper Towels (12 rolls)", "Nitrile Gloves M")
		if got := b.Text("#count-create"); got != "2" {
			t.Fatalf("to create: %q, want 2", got)
		}
		if got := b.Text("#count-errors"); got != "0" {
			t.Fatalf("errors: %q, want 0", got)
		}
		b.Screenshot("import-preview")
		b.Click("#apply-import")
		if got := b.Path(); got != "/dashboard/inventory" {
			t.Fatalf("after apply: path %q", got)
		}
		b.See("Import applied: 2 created, 0 updated, 0 unchanged.", "Paper Towels (12 rolls)", "Nitrile Gloves M", "PT-12", "GL-M")
		b.Screenshot("inventory")
	})
}
