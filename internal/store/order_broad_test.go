package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestOrderBroadSearch checks the text searches that match more orders
// than the count cap (lowered here to 20 so that a few hundred orders make
// a broad search): their total says "more than the cap", their pages are
// the right orders in every sort, Next stops at the cap, and no order of
// another company with the same texts shows. It covers a search the
// trigram index serves ("filler") and short texts that scan ("z.", "e").
func TestOrderBroadSearch(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, orders := seedListOrders(t, s, "broad-a", 123)
		seedListOrders(t, s, "broad-b", 60) // same texts, same times
		const capped, per = 20, 5
		for _, q := range []string{"filler", "z.", "e", "FILLER GOODS"} {
			for _, status := range []model.OrderStatus{"", model.OrderShipped} {
				for sort, cmp := range listSorts {
					var want []model.Order
					for _, o := range orders {
						if slices.Contains(wantSearch(orders, q), o.Number) && (status == "" || o.Status == status) {
							want = append(want, o)
						}
					}
					if len(want) <= capped {
						t.Fatalf("q=%q status %q: only %d matches, the test needs more than %d", q, status, len(want), capped)
					}
					slices.SortFunc(want, cmp)
					name := "q=" + q + " status=" + string(status) + " sort=" + sort
					for page := 1; page <= capped/per+1; page++ {
						p, err := s.Orders(ctx, a, store.OrderFilter{Query: q, Status: status, Sort: sort, Page: page, PerPage: per, CountCap: capped})
						if err != nil {
							t.Fatalf("%s page %d: %v", name, page, err)
						}
						from, to := min((page-1)*per, capped), min(page*per, capped)
						if !p.Capped || p.Total != capped || !slices.Equal(numbers(p.Orders), numbers(want[from:to])) {
							t.Fatalf("%s page %d: capped %v total %d %v, want capped %d %v", name, page, p.Capped, p.Total,
								numbers(p.Orders), capped, numbers(want[from:to]))
						}
						if more := page*per < capped; p.More != more {
							t.Fatalf("%s page %d: more %v, want %v", name, page, p.More, more)
						}
						for _, o := range p.Orders {
							if o.CompanyID != a {
								t.Fatalf("%s page %d: order of another company %s", name, page, o.CompanyID)
							}
						}
					}
				}
			}
		}
		// The newest first by default: the first page is the newest fillers.
		p, err := s.Orders(ctx, a, store.OrderFilter{Query: "filler", PerPage: 3, CountCap: capped})
		if got := numbers(p.Orders); err != nil || !slices.Equal(got, []int{1127, 1126, 1125}) {
			t.Fatalf("newest fillers: %v %v", err, got)
		}
		// At or under the cap the total is exact, and so are the last pages.
		for _, c := range []int{123, 200} {
			p, err := s.Orders(ctx, a, store.OrderFilter{Query: "filler", Page: 25, PerPage: 5, CountCap: c})
			if err != nil || p.Capped || p.Total != 123 || !slices.Equal(numbers(p.Orders), []int{1007, 1006, 1005}) {
				t.Fatalf("cap %d: %v capped %v total %d %v", c, err, p.Capped, p.Total, numbers(p.Orders))
			}
		}
		// Under the cap every page of every sort is exact, in order across
		// pages too (the count's alias once shadowed the total column).
		for sort, cmp := range listSorts {
			var want []model.Order
			for _, o := range orders {
				if slices.Contains(wantSearch(orders, "filler"), o.Number) {
					want = append(want, o)
				}
			}
			slices.SortFunc(want, cmp)
			for page := 1; page <= 19; page++ {
				p, err := s.Orders(ctx, a, store.OrderFilter{Query: "filler", Sort: sort, Page: page, PerPage: 7})
				from, to := min((page-1)*7, len(want)), min(page*7, len(want))
				if err != nil || p.Capped || p.Total != 123 || !slices.Equal(numbers(p.Orders), numbers(want[from:to])) {
					t.Fatalf("sort %q page %d: %v total %d %v, want %v", sort, page, err, p.Total, numbers(p.Orders), numbers(want[from:to]))
				}
			}
		}
		p, err = s.Orders(ctx, a, store.OrderFilter{Query: "filler", CountCap: 122})
		if err != nil || !p.Capped || p.Total != 122 || len(p.Orders) != 50 || !p.More {
			t.Fatalf("cap 122: %v capped %v total %d rows %d more %v", err, p.Capped, p.Total, len(p.Orders), p.More)
		}
		// Narrow searches and plain lists keep their exact totals under the
		// default cap, and an order number stays exact.
		for q, want := range map[string]int{"alpha": 2, "#1101": 1, "": 127, "z.": 123} {
			p, err := s.Orders(ctx, a, store.OrderFilter{Query: q})
			if err != nil || p.Capped || p.Total != want {
				t.Fatalf("q=%q: %v capped %v total %d, want %d", q, err, p.Capped, p.Total, want)
			}
		}
		if p, err := s.Orders(ctx, a, store.OrderFilter{Query: "#1101", CountCap: 1}); err != nil || p.Capped ||
			len(p.Orders) != 1 || p.Orders[0].Number != 1101 {
			t.Fatalf("#1101: %v %+v", err, p)
		}
	})
}
