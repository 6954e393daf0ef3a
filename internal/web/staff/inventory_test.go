package staff_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

// postMultipart posts a product form with an optional image.
func postMultipart(t *testing.T, c *apptest.Client, path string, fields map[string]string, image []byte, imageName string) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if image != nil {
		fw, _ := mw.CreateFormFile("image", imageName)
		_, _ = fw.Write(image)
	}
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

func productFields(name, sku, price, stock string) map[string]string {
	return map[string]string{"name": name, "sku": sku, "price": price, "stock": stock, "unit": "case", "category": "Paper goods", "isActive": "true", "description": "Soft"}
}

func TestInventoryPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		owner := srv.Signup(t, "Inv Co", "Ivy", "ivy@inv.example", "password123")
		r := postMultipart(t, owner, "/dashboard/inventory", productFields("Paper Towels", "PT-12", "18.40", "120"), tinyPNG, "towels.png")
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "/edit") {
			t.Fatalf("create: %d %s\n%s", r.Status, r.Location, apptest.Text(r.Body))
		}
		editPath := r.Location
		id := strings.TrimSuffix(strings.TrimPrefix(editPath, "/dashboard/inventory/"), "/edit")
		r = owner.Get(editPath)
		if r.Status != 200 || !strings.Contains(r.Body, `value="Paper Towels"`) || !strings.Contains(r.Body, "/media/images/") {
			t.Fatalf("edit page: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		// The image is served with long cache headers.
		i := strings.Index(r.Body, "/media/images/")
		imgURL := r.Body[i : i+strings.IndexByte(r.Body[i:], '"')]
		img := owner.Get(imgURL)
		if img.Status != 200 || img.Body != string(tinyPNG) || !strings.Contains(img.Header.Get("Cache-Control"), "immutable") || img.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("image: %d %q %q", img.Status, img.Header.Get("Cache-Control"), img.Header.Get("Content-Type"))
		}
		// Bad input keeps what was typed and writes nothing.
		r = postMultipart(t, owner, "/dashboard/inventory", productFields("Soap", "DS-1", "7.255", "3"), nil, "")
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Price must have at most 2 decimal places.") || !strings.Contains(r.Body, `value="7.255"`) || !strings.Contains(r.Body, `value="Soap"`) {
			t.Fatalf("bad price: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		r = postMultipart(t, owner, "/dashboard/inventory", productFields("Soap", "DS-1", "7.25", "3"), []byte("GIF89a not allowed"), "soap.gif")
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Only JPG, PNG, WebP, and AVIF images are allowed.") {
			t.Fatalf("gif: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		r = postMultipart(t, owner, "/dashboard/inventory", productFields("Dup", "PT-12", "1", "1"), nil, "")
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusConflict || !strings.Contains(r.Body, "Another product already uses this SKU.") {
			t.Fatalf("dup sku: %d\n%s", r.Status, apptest.Text(r.Body))
		}
		// More products for the filters.
		postMultipart(t, owner, "/dashboard/inventory", map[string]string{"name": "Dish Soap", "sku": "DS-1", "price": "7.25", "stock": "0", "category": "Cleaning", "isActive": "true"}, nil, "")
		postMultipart(t, owner, "/dashboard/inventory", map[string]string{"name": "Gloves", "sku": "GL-1", "price": "9.99", "stock": "4", "category": "PPE"}, nil, "")
		list := func(q string) string { return apptest.Text(owner.Get("/dashboard/inventory" + q).Body) }
		if s := list(""); !strings.Contains(s, "3 products") {
			t.Fatalf("list: %s", s)
		}
		if s := list("?stock=out"); !strings.Contains(s, "Dish Soap") || strings.Contains(s, "Gloves") || !strings.Contains(s, "1 product") {
			t.Fatalf("out of stock filter: %s", s)
		}
		if s := list("?stock=low"); !strings.Contains(s, "Gloves") || strings.Contains(s, "Dish Soap") {
			t.Fatalf("low stock filter: %s", s)
		}
		if s := list("?active=false"); !strings.Contains(s, "Gloves") || strings.Contains(s, "Paper Towels") {
			t.Fatalf("inactive filter: %s", s)
		}
		if s := list("?q=gl"); !strings.Contains(s, "Gloves") || strings.Contains(s, "Dish Soap") {
			t.Fatalf("search: %s", s)
		}
		if s := list("?category=Cleaning"); !strings.Contains(s, "Dish Soap") || strings.Contains(s, "Gloves") {
			t.Fatalf("category: %s", s)
		}
		if s := list("?sort=price"); strings.Index(s, "Dish Soap") > strings.Index(s, "Gloves") || strings.Index(s, "Gloves") > strings.Index(s, "Paper Towels") {
			t.Fatalf("sort by price: %s", s)
		}
		// Toggle, stock, delete.
		if r := owner.Post("/dashboard/inventory/"+id+"/active", url.Values{"active": {"false"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("toggle: %d", r.Status)
		}
		r = owner.Post("/dashboard/inventory/"+id+"/stock", url.Values{"delta": {"-500"}, "reason": {"count"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(apptest.Text(r.Body), "Stock can't go below zero") || !strings.Contains(r.Body, `value="-500"`) {
			t.Fatalf("stock below zero: %d %s", r.Status, apptest.Text(r.Body))
		}
		if r := owner.Post("/dashboard/inventory/"+id+"/stock", url.Values{"delta": {"-20"}, "reason": {"damaged"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("stock: %d", r.Status)
		}
		p, _ := srv.App.Catalog.Get(context.Background(), companyID(t, srv, "inv-co"), id)
		if p.Active || p.Stock != 100 {
			t.Fatalf("after toggle and stock: %+v", p)
		}
		if r := owner.Post("/dashboard/inventory/"+id+"/delete", url.Values{}); r.Status != http.StatusSeeOther || r.Location != "/dashboard/inventory" {
			t.Fatalf("delete: %d %s", r.Status, r.Location)
		}
		if r := owner.Get(editPath); r.Status != http.StatusNotFound {
			t.Fatalf("deleted product page: %d", r.Status)
		}
		if r := owner.Get(imgURL); r.Status != http.StatusNotFound {
			t.Fatalf("deleted product's image still served: %d", r.Status)
		}
	})
}

func companyID(t *testing.T, srv *apptest.Server, slug string) string {
	t.Helper()
	c, err := srv.App.Store.CompanyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func TestInventoryTenancy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		a := srv.Signup(t, "Alpha Inv", "A", "a@alpha-inv.example", "password123")
		b := srv.Signup(t, "Beta Inv", "B", "b@beta-inv.example", "password123")
		r := postMultipart(t, a, "/dashboard/inventory", productFields("Alpha Secret", "AS-1", "10", "10"), nil, "")
		id := strings.TrimSuffix(strings.TrimPrefix(r.Location, "/dashboard/inventory/"), "/edit")
		for _, req := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/dashboard/inventory/" + id + "/edit", nil},
			{"POST", "/dashboard/inventory/" + id + "/active", url.Values{"active": {"false"}}},
			{"POST", "/dashboard/inventory/" + id + "/stock", url.Values{"delta": {"-5"}, "reason": {"x"}}},
			{"POST", "/dashboard/inventory/" + id + "/delete", url.Values{}},
		} {
			if r := b.Do(req.method, req.path, req.form); r.Status != http.StatusNotFound {
				t.Errorf("%s %s by another company: %d, want 404", req.method, req.path, r.Status)
			}
		}
		if r := postMultipart(t, b, "/dashboard/inventory/"+id, productFields("Hijacked", "AS-1", "1", "1"), nil, ""); r.Status != http.StatusNotFound {
			t.Errorf("update by another company: %d", r.Status)
		}
		if s := apptest.Text(b.Get("/dashboard/inventory?q=Alpha").Body); strings.Contains(s, "Alpha Secret") {
			t.Error("B's list shows A's product")
		}
		p, err := srv.App.Catalog.Get(context.Background(), companyID(t, srv, "alpha-inv"), id)
		if err != nil || p.Name != "Alpha Secret" || !p.Active || p.Stock != 10 {
			t.Fatalf("A's product changed: %+v %v", p, err)
		}
	})
}

func TestOversizedImageKeepsTypedFields(t *testing.T) {
	srv := apptest.Start(t, store.SQLite)
	owner := srv.Signup(t, "Big Co", "B", "b@big.example", "password123")
	big := append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, 7<<20)...)
	r := postMultipart(t, owner, "/dashboard/inventory", productFields("Huge Photo Product", "HP-1", "12.34", "5"), big, "big.jpg")
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Image too large. Maximum size is 5 MB.") ||
		!strings.Contains(r.Body, `value="Huge Photo Product"`) || !strings.Contains(r.Body, `value="12.34"`) {
		t.Fatalf("oversized image: %d\n%s", r.Status, apptest.Text(r.Body))
	}
	if n, _ := srv.App.Store.CountProducts(context.Background(), companyID(t, srv, "big-co")); n != 0 {
		t.Fatal("product saved despite the refused image")
	}
}
