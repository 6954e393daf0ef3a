package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// OrderFilter narrows and orders the dashboard's order list.
type OrderFilter struct {
	Query      string
	Status     model.OrderStatus
	CustomerID string
	From, To   time.Time // To is exclusive
	Min, Max   *model.Money
	Sort       string // date (default, newest first), date_asc, status, total, total_asc
	Page       int
	PerPage    int
	// CountCap is how many matches of a text search are counted before the
	// search counts as broad; 0 means OrderCountCap.
	CountCap int
}

// OrderCountCap is how many orders a text search counts before it stops and
// reports "more than OrderCountCap" (see Orders).
const OrderCountCap = 5000

// OrderBroadDepth is how many matches of a broad search (one matching more
// than the count cap) can be paged through, in the list's sort order: each
// page walks the sort's index from the start (see broadOrders).
const OrderBroadDepth = 500

// OrderPage is one page of the dashboard's order list.
type OrderPage struct {
	Orders []model.Order
	// Total is how many orders match. When Capped, more than Total match:
	// a broad text search stops counting at the cap.
	Total  int
	Capped bool
	// Listed is, for a capped list, how many of its first matches can be
	// paged through (OrderBroadDepth); More reports whether a page follows
	// this one within them.
	Listed int
	More   bool
}

// orderSelection is the FROM clause and the WHERE condition of the list
// query for one filter, with their arguments in that order.
type orderSelection struct {
	from, where string
	args        []any
	text        bool // a free-text search
	// countFirst: a text search likely to be broad (see Orders).
	countFirst bool
}

// countCap is the filter's count cap.
func countCap(f OrderFilter) int {
	if f.CountCap > 0 {
		return f.CountCap
	}
	return OrderCountCap
}

func (q Queries) orderWhere(ctx context.Context, companyID string, f OrderFilter) (orderSelection, error) {
	sel := orderSelection{from: "orders"}
	where := []string{"company_id = ?"}
	var args []any
	// Bad bytes in a search are replaced rather than sent to the database
	// (PostgreSQL refuses them); a NUL cannot be in any order's text.
	text := strings.ToValidUTF8(strings.TrimSpace(f.Query), "\uFFFD")
	if strings.ContainsRune(text, 0) {
		where = append(where, "1 = 0")
	} else if n, err := strconv.Atoi(strings.TrimPrefix(text, "#")); err == nil && strings.HasPrefix(text, "#") {
		// "#1001" is an order number, exactly.
		where = append(where, "number = ?")
		args = append(args, n)
	} else if text != "" {
		m, err := q.orderTextSearch(ctx, text)
		if err != nil {
			return sel, err
		}
		sel.from, sel.text = m.from, true
		sel.countFirst = m.scan && f.Status == "" && f.CustomerID == "" && f.From.IsZero() && f.To.IsZero() && f.Min == nil && f.Max == nil
		sel.args = append(sel.args, m.fromArgs...)
		where = append(where, m.cond)
		args = append(args, m.condArgs...)
	}
	if f.Status != "" {
		where = append(where, "status = ?")
		args = append(args, f.Status)
	}
	if f.CustomerID != "" {
		where = append(where, "customer_id = ?")
		args = append(args, f.CustomerID)
	}
	// Ids are time-ordered, so a date range is also an id range the index
	// on (company_id, id) can walk. An id is made within a minute of its
	// order's timestamp (in the placing transaction), so only the orders
	// whose id is within a minute of a bound need created_at to be exact:
	// the others are decided on the index alone, and the OR stops before
	// reading the row.
	if !f.From.IsZero() {
		where = append(where, "id >= ?", "(id >= ? OR created_at >= ?)")
		args = append(args, model.IDBoundAt(f.From.Add(-time.Minute)), model.IDBoundAt(f.From.Add(time.Minute)), dbTime{f.From})
	}
	if !f.To.IsZero() {
		where = append(where, "id < ?", "(id < ? OR created_at < ?)")
		args = append(args, model.IDBoundAt(f.To.Add(time.Minute)), model.IDBoundAt(f.To.Add(-time.Minute)), dbTime{f.To})
	}
	if f.Min != nil {
		where = append(where, "total >= ?")
		args = append(args, *f.Min)
	}
	if f.Max != nil {
		where = append(where, "total <= ?")
		args = append(args, *f.Max)
	}
	sel.where = strings.Join(where, " AND ")
	sel.args = append(append(sel.args, companyID), args...)
	return sel, nil
}

// orderOrder returns the ORDER BY of a sort and its exact reverse (every
// sort ends on id, so both are total orders).
func orderOrder(sort string) (forward, reverse string) {
	switch sort {
	case "date_asc":
		return "id", "id DESC"
	case "status":
		return "status, id DESC", "status DESC, id"
	case "total":
		return "total DESC, id DESC", "total, id"
	case "total_asc":
		return "total, id", "total DESC, id DESC"
	}
	return "id DESC", "id"
}

// pageWindow returns the LIMIT and OFFSET that read the page at offset of
// total rows, and whether to read them in the reverse order: a page in the
// second half is counted from the end, so the deepest page skips as few
// index entries as the first one. ok is false when there is nothing to read
// (no rows, or a page past the end).
func pageWindow(offset, per, total int) (limit, skip int, reverse, ok bool) {
	if offset >= total {
		return 0, 0, false, false
	}
	if offset <= total/2 {
		return per, offset, false, true
	}
	end := min(offset+per, total) // the page is rows [offset, end)
	return end - offset, total - end, true, true
}

// scanOrders reads list rows (orderColumns, then total when not nil).
func scanOrders(rows *sql.Rows, total *int) ([]model.Order, error) {
	defer rows.Close()
	var out []model.Order
	for rows.Next() {
		var o model.Order
		dest, finish := orderDest(&o)
		if total != nil {
			dest = append(dest, total)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(fmt.Errorf("scan order: %w", err))
		}
		finish()
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// Orders returns one page of a company's orders (without lines) and how
// many match, found on an index first (deferred join). Pages past the middle
// are read from the end.
//
// Free-text searches (see orderTextSearch) are counted only up to the count
// cap: one query takes up to cap+1 matches, counts them, and sorts them for
// the page. A search matching more (a broad one, like "shop" or "42") is
// Capped, and its page is read by broadOrders instead. A search likely to
// be broad (SQLite scans for its text, and no other filter narrows it) is
// counted up to the cap first, which is cheaper than taking and sorting the
// matches that the walk would then throw away.
func (q Queries) Orders(ctx context.Context, companyID string, f OrderFilter) (OrderPage, error) {
	sel, err := q.orderWhere(ctx, companyID, f)
	if err != nil {
		return OrderPage{}, err
	}
	per := f.PerPage
	if per <= 0 {
		per = 50
	}
	order, reverse := orderOrder(f.Sort)
	offset := (max(f.Page, 1) - 1) * per
	var total int
	if sel.text {
		c := countCap(f)
		if sel.countFirst {
			n, err := q.countUpTo(ctx, sel, c)
			if err != nil {
				return OrderPage{}, err
			}
			if n > c {
				return q.broadOrders(ctx, sel, f.Sort, offset, per, c)
			}
		}
		// The matches (at most c+1, in whatever order the plan finds them)
		// with the sort's columns, counted and sorted for the page. The
		// count's alias must not be a column name: ORDER BY would take
		// "total" for it.
		rows, err := q.query(ctx, `SELECT `+prefixed("o.", orderColumns)+`, p.n_match FROM (SELECT id, COUNT(*) OVER () AS n_match FROM (SELECT `+
			sortColumns(f.Sort)+` FROM `+sel.from+` WHERE `+sel.where+` LIMIT ?) c ORDER BY `+order+` LIMIT ? OFFSET ?) p
			JOIN orders o ON o.id = p.id ORDER BY `+prefixed("o.", order), append(sel.args, c+1, per, offset)...)
		if err != nil {
			return OrderPage{}, err
		}
		out, err := scanOrders(rows, &total)
		switch {
		case err != nil:
			return OrderPage{}, err
		case total > c:
			return q.broadOrders(ctx, sel, f.Sort, offset, per, c)
		case len(out) > 0 || offset == 0:
			return OrderPage{Orders: out, Total: total}, nil
		}
		// Past the last page: count alone.
		if total, err = q.countUpTo(ctx, sel, c); err != nil {
			return OrderPage{}, err
		}
		if total > c {
			return q.broadOrders(ctx, sel, f.Sort, offset, per, c)
		}
		return OrderPage{Total: total}, nil
	}
	if err := q.row(ctx, `SELECT COUNT(*) FROM `+sel.from+` WHERE `+sel.where, sel.args...).Scan(&total); err != nil {
		return OrderPage{}, mapErr(fmt.Errorf("count orders: %w", err))
	}
	limit, skip, back, ok := pageWindow(offset, per, total)
	if !ok {
		return OrderPage{Total: total}, nil
	}
	inner := order
	if back {
		inner = reverse
	}
	rows, err := q.query(ctx, `SELECT `+prefixed("o.", orderColumns)+` FROM (SELECT id FROM `+sel.from+` WHERE `+sel.where+` ORDER BY `+inner+
		` LIMIT ? OFFSET ?) p JOIN orders o ON o.id = p.id ORDER BY `+prefixed("o.", order), append(sel.args, limit, skip)...)
	if err != nil {
		return OrderPage{}, err
	}
	out, err := scanOrders(rows, nil)
	return OrderPage{Orders: out, Total: total}, err
}

// countUpTo counts the selection's orders, stopping at c+1.
func (q Queries) countUpTo(ctx context.Context, sel orderSelection, c int) (int, error) {
	var n int
	if err := q.row(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+sel.from+` WHERE `+sel.where+` LIMIT ?) c`,
		append(sel.args, c+1)...).Scan(&n); err != nil {
		return 0, mapErr(fmt.Errorf("count orders up to %d: %w", c, err))
	}
	return n, nil
}

// sortColumns are the columns a sort's ORDER BY needs (see orderOrder).
func sortColumns(sort string) string {
	switch sort {
	case "status":
		return "id, status"
	case "total", "total_asc":
		return "id, total"
	}
	return "id"
}

// broadOrders reads the page at offset of a text search known to match
// more than c orders: the orders are walked in the sort's own index order
// (see walkIndex) and checked until the page's rows (and one more, to know
// whether a next page exists) are found. Matches are dense, so the walk is
// short; it grows with the offset, so only the first OrderBroadDepth
// matches (or c, if less) are paged through and pages past them are not read.
func (q Queries) broadOrders(ctx context.Context, sel orderSelection, sort string, offset, per, c int) (OrderPage, error) {
	depth := min(OrderBroadDepth, c)
	page := OrderPage{Total: c, Capped: true, Listed: depth}
	if offset >= depth {
		return page, nil
	}
	order, _ := orderOrder(sort)
	from := sel.from
	if from == "orders" {
		from += q.walkIndex(sort)
	}
	rows, err := q.query(ctx, `SELECT `+prefixed("o.", orderColumns)+` FROM (SELECT id FROM `+from+` WHERE `+sel.where+` ORDER BY `+order+
		` LIMIT ? OFFSET ?) p JOIN orders o ON o.id = p.id ORDER BY `+prefixed("o.", order), append(sel.args, per+1, offset)...)
	if err != nil {
		return page, err
	}
	out, err := scanOrders(rows, nil)
	if err != nil {
		return page, err
	}
	if len(out) > per {
		out = out[:per]
		page.More = offset+per < depth
	}
	page.Orders = out
	return page, nil
}
