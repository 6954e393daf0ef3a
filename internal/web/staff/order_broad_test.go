package staff_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// seedShopOrders inserts n orders of a company, a minute apart from base,
// numbered from 1001, each with a customer e-mail at a shop. It returns
// nothing: the numbers say which order is which.
func seedShopOrders(t *testing.T, srv *apptest.Server, companyID, domain string, n int, base time.Time) {
	t.Helper()
	ctx := context.Background()
	err := srv.App.Store.InTx(ctx, func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			at := base.Add(time.Duration(i) * time.Minute)
			o := model.Order{ID: model.NewIDAt(at), CompanyID: companyID, Number: 1001 + i, Status: model.OrderSubmitted,
				CustomerEmail: fmt.Sprintf("buyer%d@%s", i%40, domain), CustomerName: "Corner Shop",
				PlacedBy: model.PlacedBy{Type: "STAFF", Label: "Staff"}, Total: model.Money(100 + i), CreatedAt: at, UpdatedAt: at}
			if err := tx.CreateOrder(ctx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var listedNumberRE = regexp.MustCompile(`<a href="/dashboard/orders/[0-9a-z]{26}">#(\d+)</a>`)

// listedNumbers returns the order numbers of a list page, in order.
func listedNumbers(body string) []int {
	var out []int
	for _, m := range listedNumberRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// thousands formats n as the list shows counts: 5000 → "5,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestOrderListBroadSearch drives the orders page with a search matching
// more orders than store.OrderCountCap: the page says "More than 5,000
// orders match", lists the newest matches of this company only, and pages
// with Previous and Next through the first store.OrderBroadDepth; narrower searches keep an exact
// count and numbered pages.
func TestOrderListBroadSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds more than 5,000 orders")
	}
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		owner := srv.Signup(t, "Broad Co", "Owner", "owner@broad.example", "password123")
		other := srv.Signup(t, "Other Co", "Owner", "owner@other-broad.example", "password123")
		n := store.OrderCountCap + 60
		base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		seedShopOrders(t, srv, companyID(t, srv, "broad-co"), "shop.example", n, base)
		// The other company's orders match too and are all newer.
		seedShopOrders(t, srv, companyID(t, srv, "other-co"), "othershop.example", 80, base.Add(time.Duration(n)*time.Minute))

		for _, q := range []string{"shop", "op"} {
			r := owner.Get("/dashboard/orders?q=" + q)
			text := apptest.Text(r.Body)
			if r.Status != http.StatusOK || !strings.Contains(text, "More than "+thousands(store.OrderCountCap)+" orders match") {
				t.Fatalf("q=%s: %d, no capped total in %q", q, r.Status, text)
			}
			got := listedNumbers(r.Body)
			if len(got) != 50 || got[0] != 1000+n || got[49] != 1000+n-49 {
				t.Fatalf("q=%s: rows %v, want the newest 50 from #%d", q, got, 1000+n)
			}
			if !strings.Contains(r.Body, `href="/dashboard/orders?page=2&amp;q=`+q+`"`) || strings.Contains(text, "Page 1 of") || strings.Contains(text, "Previous") {
				t.Fatalf("q=%s: pager of a capped list wrong: %q", q, text)
			}
		}
		// Sorted by total, lowest first: the cheapest (oldest) orders.
		if got := listedNumbers(owner.Get("/dashboard/orders?q=shop&sort=total_asc").Body); len(got) != 50 || got[0] != 1001 || got[49] != 1050 {
			t.Fatalf("by total: %v", got)
		}
		// The last page shown stops at the cap, without Next; past it the
		// page says why it is empty and goes back to the last one.
		last := store.OrderBroadDepth / 50
		r := owner.Get("/dashboard/orders?q=shop&page=" + strconv.Itoa(last))
		if got := listedNumbers(r.Body); len(got) != 50 || got[49] != 1000+n-store.OrderBroadDepth+1 || strings.Contains(r.Body, "Next →") {
			t.Fatalf("page %d: rows %v, next %v", last, got, strings.Contains(r.Body, "Next →"))
		}
		r = owner.Get("/dashboard/orders?q=shop&page=" + strconv.Itoa(last+7))
		if got := listedNumbers(r.Body); len(got) != 0 || !strings.Contains(r.Body, `href="/dashboard/orders?page=`+strconv.Itoa(last)+`&amp;q=shop"`) ||
			!strings.Contains(apptest.Text(r.Body), "only the first "+thousands(store.OrderBroadDepth)+" can be paged through") ||
			!strings.Contains(apptest.Text(r.Body), "This search lists its first "+thousands(store.OrderBroadDepth)+" orders only.") {
			t.Fatalf("past the cap: rows %v in %q", got, apptest.Text(r.Body))
		}
		// Narrower searches: exact counts and numbered pages.
		r = owner.Get("/dashboard/orders?q=buyer7%40")
		if text := apptest.Text(r.Body); !strings.Contains(text, fmt.Sprintf("%d orders", (n+32)/40)) || !strings.Contains(text, "Page 1 of 3") {
			t.Fatalf("buyer7@: %q", text)
		}
		r = owner.Get("/dashboard/orders?q=%231101")
		if got := listedNumbers(r.Body); len(got) != 1 || got[0] != 1101 || !strings.Contains(r.Body, `<span id="order-total">1</span> order</p>`) {
			t.Fatalf("#1101: %v in %q", got, apptest.Text(r.Body))
		}
		// The whole list is counted exactly, with separators.
		if text := apptest.Text(owner.Get("/dashboard/orders").Body); !strings.Contains(text, thousands(n)+" orders") {
			t.Fatalf("all orders: %q", text)
		}
		// The other company sees only its own 80.
		r = other.Get("/dashboard/orders?q=shop")
		if got := listedNumbers(r.Body); !strings.Contains(apptest.Text(r.Body), "80 orders") || len(got) != 50 || got[0] != 1080 {
			t.Fatalf("other company: %v in %q", got, apptest.Text(r.Body))
		}
	})
}
