package store_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// listOrder is what the list tests need of an order.
type listOrder struct {
	po, email, name string
	status          model.OrderStatus
	total           model.Money
}

// searchOrders are the hand-made orders the search tests look for; the
// list gets numbers 1001… in this order.
var searchOrders = []listOrder{
	{po: "PO-Alpha-77", email: "Jane.Doe@Acme.example", name: "Acme Hardware"},
	{email: "bob@builders.example", name: "Discount 100% Store"},
	{po: "alpha_2", email: "x@y.example", name: "Ünïcode Straße"},
	{po: "Gamma-2", email: "g@gamma.example", name: "O'Brien & Sons"},
}

// seedListOrders creates a company with the search orders followed by
// fillers filler orders (mixed statuses, totals with ties) and returns the
// company id and every order, oldest first.
func seedListOrders(t *testing.T, s *store.Store, slug string, fillers int) (string, []model.Order) {
	t.Helper()
	ctx := context.Background()
	base := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	c := newCompany(slug, base)
	all := slices.Clone(searchOrders)
	for i := 0; i < fillers; i++ {
		all = append(all, listOrder{po: fmt.Sprintf("F-%03d", i), email: "filler@z.example", name: "Filler Goods",
			status: model.OrderStatuses()[i%5], total: model.Money(100 * (i % 7))})
	}
	var out []model.Order
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateCompany(ctx, c); err != nil {
			return err
		}
		for i, lo := range all {
			at := base.Add(time.Duration(i) * time.Minute)
			st := lo.status
			if st == "" {
				st = model.OrderSubmitted
			}
			o := model.Order{ID: model.NewIDAt(at), CompanyID: c.ID, Number: 1001 + i, Status: st, CustomerEmail: lo.email,
				CustomerName: lo.name, PONumber: lo.po, PlacedBy: model.PlacedBy{Type: "STAFF", Label: "Staff"},
				Subtotal: lo.total, Total: lo.total, CreatedAt: at, UpdatedAt: at}
			if err := tx.CreateOrder(ctx, o); err != nil {
				return err
			}
			out = append(out, o)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID, out
}

// wantSearch is the search's meaning, done in Go: the text occurs in the
// number (with #), PO, customer e-mail or name, ignoring case. It returns
// the matching numbers, newest first.
func wantSearch(orders []model.Order, text string) []int {
	var out []int
	for _, o := range slices.Backward(orders) {
		hay := strings.ToLower("#" + strconv.Itoa(o.Number) + "\n" + o.PONumber + "\n" + o.CustomerEmail + "\n" + o.CustomerName)
		if strings.Contains(hay, strings.ToLower(strings.TrimSpace(text))) {
			out = append(out, o.Number)
		}
	}
	return out
}

// listSorts are the list's sorts done in Go.
var listSorts = map[string]func(x, y model.Order) int{
	"":         func(x, y model.Order) int { return -strings.Compare(x.ID, y.ID) },
	"date_asc": func(x, y model.Order) int { return strings.Compare(x.ID, y.ID) },
	"status": func(x, y model.Order) int {
		return cmp.Or(strings.Compare(string(x.Status), string(y.Status)), -strings.Compare(x.ID, y.ID))
	},
	"total":     func(x, y model.Order) int { return cmp.Or(int(y.Total-x.Total), -strings.Compare(x.ID, y.ID)) },
	"total_asc": func(x, y model.Order) int { return cmp.Or(int(x.Total-y.Total), strings.Compare(x.ID, y.ID)) },
}

// listOrders calls Orders and returns its rows and exact total; a capped
// total fails the test.
func listOrders(t *testing.T, s *store.Store, companyID string, f store.OrderFilter) ([]model.Order, int, error) {
	t.Helper()
	p, err := s.Orders(context.Background(), companyID, f)
	if p.Capped {
		t.Fatalf("%+v: capped total %d", f, p.Total)
	}
	return p.Orders, p.Total, err
}

func numbers(orders []model.Order) []int {
	out := make([]int, 0, len(orders))
	for _, o := range orders {
		out = append(out, o.Number)
	}
	return out
}

func TestOrderSearch(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		a, orders := seedListOrders(t, s, "search-a", 40)
		b, _ := seedListOrders(t, s, "search-b", 3)
		for _, tc := range []struct {
			q    string
			want []int // nil: only compare with wantSearch
		}{
			{q: "alpha", want: []int{1003, 1001}},
			{q: "ALPHA-7", want: []int{1001}},
			{q: "jane.doe@acme", want: []int{1001}},
			{q: "Acme", want: []int{1001}},
			{q: "hardware", want: []int{1001}},
			{q: "  Hardware  ", want: []int{1001}},
			{q: "100%", want: []int{1002}},   // % is a character, not a wildcard
			{q: "a_2", want: []int{1003}},    // so is _ (Gamma-2 has "a-2")
			{q: "straße", want: []int{1003}}, // beyond ASCII
			{q: "o'brien & s", want: []int{1004}},
			{q: `"quoted"`, want: []int{}},
			{q: "no-such-order", want: []int{}},
			{q: "1002", want: []int{1002}}, // the number without #
			{q: "#1002", want: []int{1002}},
			{q: "77"},  // two characters: numbers #1077… and PO-Alpha-77
			{q: "ü"},   // one character
			{q: "f-0"}, // many fillers
			{q: "filler"},
			{q: "@"},
			// FTS5 query syntax and odd bytes are only text.
			{q: "alp*", want: []int{}},
			{q: "NEAR(alpha 2)", want: []int{}},
			{q: "^alpha OR acme", want: []int{}},
			{q: "al\x00pha", want: []int{}},
			{q: "\xff\xfeabc", want: []int{}},
			{q: "ALPHA\u0130"},
		} {
			t.Run(tc.q, func(t *testing.T) {
				ref := wantSearch(orders, tc.q)
				if tc.want != nil && !slices.Equal(ref, tc.want) {
					t.Fatalf("the test's own expectation is wrong: %v vs %v", ref, tc.want)
				}
				if tc.q == "#1002" {
					ref = []int{1002}
				}
				got, total, err := listOrders(t, s, a, store.OrderFilter{Query: tc.q, PerPage: 200})
				if err != nil {
					t.Fatal(err)
				}
				if total != len(ref) || !slices.Equal(numbers(got), ref) {
					t.Fatalf("q=%q: total %d %v, want %d %v", tc.q, total, numbers(got), len(ref), ref)
				}
				for _, o := range got {
					if o.CompanyID != a {
						t.Fatalf("q=%q: order of another company %s", tc.q, o.CompanyID)
					}
				}
				// Paged: the total stays the count of every match.
				if len(ref) > 5 {
					page, total, err := listOrders(t, s, a, store.OrderFilter{Query: tc.q, PerPage: 5, Page: 2})
					if err != nil || total != len(ref) || !slices.Equal(numbers(page), ref[5:min(10, len(ref))]) {
						t.Fatalf("q=%q page 2: %v total %d %v", tc.q, err, total, numbers(page))
					}
					past, total, err := listOrders(t, s, a, store.OrderFilter{Query: tc.q, PerPage: 5, Page: 99})
					if err != nil || total != len(ref) || len(past) != 0 {
						t.Fatalf("q=%q past the end: %v total %d %v", tc.q, err, total, numbers(past))
					}
				}
			})
		}
		// The other company's orders, with the same texts, never show.
		got, total, err := listOrders(t, s, b, store.OrderFilter{Query: "alpha"})
		if err != nil || total != 2 || len(got) != 2 || got[0].CompanyID != b || got[1].CompanyID != b {
			t.Fatalf("company b: %v %d %v", err, total, got)
		}
		// Search combines with the other filters.
		got, total, err = listOrders(t, s, a, store.OrderFilter{Query: "filler", Status: model.OrderCancelled, Sort: "total"})
		var want []model.Order
		for _, o := range orders {
			if o.CustomerName == "Filler Goods" && o.Status == model.OrderCancelled {
				want = append(want, o)
			}
		}
		slices.SortFunc(want, func(x, y model.Order) int {
			if x.Total != y.Total {
				return int(y.Total - x.Total)
			}
			return strings.Compare(y.ID, x.ID)
		})
		if err != nil || total != len(want) || !slices.Equal(numbers(got), numbers(want)) {
			t.Fatalf("filler cancelled by total: %v %d %v, want %v", err, total, numbers(got), numbers(want))
		}
	})
}

// TestOrderSearchFollowsChanges checks the trigram index keeps up with a
// status change (the row is rewritten) and new orders.
func TestOrderSearchFollowsChanges(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, orders := seedListOrders(t, s, "search-changes", 0)
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.SetOrderStatus(ctx, a, orders[0].ID, model.OrderConfirmed, tx.Now)
		}); err != nil {
			t.Fatal(err)
		}
		got, total, err := listOrders(t, s, a, store.OrderFilter{Query: "jane.doe"})
		if err != nil || total != 1 || len(got) != 1 || got[0].Status != model.OrderConfirmed {
			t.Fatalf("after status change: %v %d %v", err, total, got)
		}
	})
}

// TestOrderSearchMigrationIndexesExistingOrders removes migration 0006,
// places orders without it, and applies it again: the orders placed before
// are found.
func TestOrderSearchMigrationIndexesExistingOrders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		ctx := context.Background()
		dsn := storetest.DSN(t, e)
		s, err := store.Open(ctx, dsn, store.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		driver, undo := "sqlite", []string{"DROP TRIGGER orders_search_insert", "DROP TRIGGER orders_search_update",
			"DROP TRIGGER orders_search_delete", "DROP TABLE order_search", "DROP TABLE order_search_keys"}
		if e == store.Postgres {
			driver, undo = "pgx", []string{"DROP INDEX orders_search_trgm"}
		}
		raw, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		for _, q := range append(undo, "DELETE FROM schema_migrations WHERE version = 6") {
			if _, err := raw.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		raw.Close()
		a, _ := seedListOrders(t, s, "before-0006", 5)
		if n, err := s.Migrate(ctx); err != nil || n != 1 {
			t.Fatalf("migrate again: %d %v", n, err)
		}
		got, total, err := listOrders(t, s, a, store.OrderFilter{Query: "acme hard"})
		if err != nil || total != 1 || len(got) != 1 || got[0].Number != 1001 {
			t.Fatalf("search after migration: %v %d %v", err, total, got)
		}
		if _, total, _ := listOrders(t, s, a, store.OrderFilter{Query: "f-00"}); total != 5 {
			t.Fatalf("fillers found: %d, want 5", total)
		}
	})
}

// TestOrderPages compares every page of every sort, with and without a
// filter, to the orders sorted in Go: pages past the middle are read from
// the end and must come out the same.
func TestOrderPages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		a, orders := seedListOrders(t, s, "pages", 123)
		seedListOrders(t, s, "pages-other", 20)
		sorts := listSorts
		// Date ranges: orders are a minute apart, so bounds on and between
		// orders, and ids within a minute of a bound, are all exercised.
		base := orders[0].CreatedAt
		for _, r := range [][2]time.Duration{{10 * time.Minute, 50 * time.Minute}, {10*time.Minute + 30*time.Second, 49*time.Minute + time.Second},
			{0, 200 * time.Minute}, {-time.Hour, time.Minute}, {90 * time.Minute, 91 * time.Minute}} {
			from, to := base.Add(r[0]), base.Add(r[1])
			var want []int
			for _, o := range slices.Backward(orders) {
				if !o.CreatedAt.Before(from) && o.CreatedAt.Before(to) {
					want = append(want, o.Number)
				}
			}
			got, total, err := listOrders(t, s, a, store.OrderFilter{From: from, To: to, PerPage: 200})
			if err != nil || total != len(want) || !slices.Equal(numbers(got), want) {
				t.Fatalf("from %v to %v: %v total %d %v, want %v", r[0], r[1], err, total, numbers(got), want)
			}
		}
		for _, status := range []model.OrderStatus{"", model.OrderShipped} {
			for sort, cmp := range sorts {
				var want []model.Order
				for _, o := range orders {
					if status == "" || o.Status == status {
						want = append(want, o)
					}
				}
				slices.SortFunc(want, cmp)
				const per = 10
				for page := 1; page <= (len(want)+per-1)/per+1; page++ {
					got, total, err := listOrders(t, s, a, store.OrderFilter{Status: status, Sort: sort, Page: page, PerPage: per})
					from, to := min((page-1)*per, len(want)), min(page*per, len(want))
					if err != nil || total != len(want) || !slices.Equal(numbers(got), numbers(want[from:to])) {
						t.Fatalf("status %q sort %q page %d: %v total %d %v, want %d %v", status, sort, page, err, total,
							numbers(got), len(want), numbers(want[from:to]))
					}
				}
			}
		}
	})
}
