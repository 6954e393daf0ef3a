package staff_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// uploadCSV posts a file in the multipart field "file".
func uploadCSV(t *testing.T, c *apptest.Client, path, name string, content []byte) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return apptest.Response{Status: res.StatusCode, Body: string(b), Location: res.Header.Get("Location"), Header: res.Header}
}

func TestProductImportFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		owner := srv.Signup(t, "Import Co", "Ian", "ian@import.example", "password123")
		other := srv.Signup(t, "Other Co", "Oz", "oz@other.example", "password123")
		erp, err := os.ReadFile("../../csvio/testdata/products-erp-export.csv")
		if err != nil {
			t.Fatal(err)
		}
		r := uploadCSV(t, owner, "/dashboard/inventory/import", "products-erp-export.csv", erp)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/dashboard/inventory/import/") {
			t.Fatalf("upload: %d %s\n%s", r.Status, r.Location, apptest.Text(r.Body))
		}
		preview := r.Location
		text := apptest.Text(owner.Get(preview).Body)
		for _, want := range []string{"To create 4", "To update 0", "Errors 0", "Paper Towels 2-ply (12 rolls)", "Item Code", "Qty On Hand"} {
			if !strings.Contains(text, want) {
				t.Fatalf("preview lacks %q:\n%s", want, text)
			}
		}
		if n, _ := srv.App.Store.CountProducts(context.Background(), companyID(t, srv, "import-co")); n != 0 {
			t.Fatal("preview wrote products")
		}
		// Another company can neither see nor apply the upload.
		if r := other.Get(preview); r.Status != http.StatusNotFound {
			t.Fatalf("other company preview: %d", r.Status)
		}
		if r := other.Post(preview+"/apply", url.Values{}); r.Status != http.StatusNotFound {
			t.Fatalf("other company apply: %d", r.Status)
		}
		r = owner.Post(preview+"/apply", url.Values{})
		if r.Status != http.StatusSeeOther || r.Location != "/dashboard/inventory" {
			t.Fatalf("apply: %d %s", r.Status, r.Location)
		}
		if s := apptest.Text(owner.Get("/dashboard/inventory").Body); !strings.Contains(s, "Import applied: 4 created, 0 updated, 0 unchanged.") || !strings.Contains(s, "Nitrile Gloves M (100)") {
			t.Fatalf("after apply:\n%s", s)
		}
		// A second apply does nothing.
		r = owner.Post(preview+"/apply", url.Values{})
		if s := apptest.Text(owner.Get(r.Location).Body); !strings.Contains(s, "already been applied") {
			t.Fatalf("second apply: %s", s)
		}
		if n, _ := srv.App.Store.CountProducts(context.Background(), companyID(t, srv, "import-co")); n != 4 {
			t.Fatalf("%d products after two applies", n)
		}
		// Export then re-import: every row unchanged.
		exp := owner.Get("/dashboard/inventory/export")
		if exp.Status != 200 || !strings.HasPrefix(exp.Header.Get("Content-Disposition"), `attachment; filename="products-`) || !strings.HasPrefix(exp.Body, "sku,name,description,category,unit,price,stock,isActive") {
			t.Fatalf("export: %d %q\n%s", exp.Status, exp.Header.Get("Content-Disposition"), exp.Body)
		}
		r = uploadCSV(t, owner, "/dashboard/inventory/import", "products.csv", []byte(exp.Body))
		if text := apptest.Text(owner.Get(r.Location).Body); !strings.Contains(text, "Unchanged 4") || !strings.Contains(text, "To create 0") {
			t.Fatalf("re-import preview:\n%s", text)
		}
	})
}

func TestProductImportMappingAndErrors(t *testing.T) {
	srv := apptest.Start(t, store.SQLite)
	owner := srv.Signup(t, "Map Co", "M", "m@map.example", "password123")
	r := uploadCSV(t, owner, "/dashboard/inventory/import", "odd.csv", []byte("Code,Label,Cost,Count\nA1,Apple,1.50,3\nA2,Pear,2,abc\n"))
	preview := r.Location
	text := apptest.Text(owner.Get(preview).Body)
	if !strings.Contains(text, "No column is mapped to sku , name , price , stock") {
		t.Fatalf("missing columns not reported:\n%s", text)
	}
	r = owner.Post(preview+"/mapping", url.Values{"col-0": {"sku"}, "col-1": {"name"}, "col-2": {"price"}, "col-3": {"stock"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("mapping: %d", r.Status)
	}
	text = apptest.Text(owner.Get(preview).Body)
	if !strings.Contains(text, `Row 3: stock "abc"`) || !strings.Contains(text, "Errors 1") || strings.Contains(text, "Apply import") {
		t.Fatalf("after mapping:\n%s", text)
	}
	r = owner.Post(preview+"/apply", url.Values{})
	if n, _ := srv.App.Store.CountProducts(context.Background(), companyID(t, srv, "map-co")); n != 0 {
		t.Fatalf("apply with errors wrote %d products", n)
	}
	// Limits: too many rows for the dashboard.
	var b strings.Builder
	b.WriteString("sku,name,price,stock\n")
	for i := 0; i < 5001; i++ {
		fmt.Fprintf(&b, "S%d,N,1,1\n", i)
	}
	r = uploadCSV(t, owner, "/dashboard/inventory/import", "big.csv", []byte(b.String()))
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(apptest.Text(r.Body), "more than 5000 data rows") || !strings.Contains(r.Body, "distribu import products") {
		t.Fatalf("too many rows: %d\n%s", r.Status, apptest.Text(r.Body))
	}
	big := bytes.Repeat([]byte("x"), 3<<20)
	r = uploadCSV(t, owner, "/dashboard/inventory/import", "huge.csv", big)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(apptest.Text(r.Body), "2 MB") {
		t.Fatalf("too large: %d\n%s", r.Status, apptest.Text(r.Body))
	}
}
