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
}

// orderSelection is the FROM clause and the WHERE condition of the list
// query for one filter, with their arguments in that order.
type orderSelection struct {
	from, where string
	args        []any
	text        bool // a free-text search: page and total come from one scan
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

// Orders returns one page of a company's orders (without lines) and the
// total that match, found on an index first (deferred join). Free-text
// searches read their candidates from the trigram index (see
// orderTextSearch); pages past the middle are read from the end.
func (q Queries) Orders(ctx context.Context, companyID string, f OrderFilter) ([]model.Order, int, error) {
	sel, err := q.orderWhere(ctx, companyID, f)
	if err != nil {
		return nil, 0, err
	}
	per := f.PerPage
	if per <= 0 {
		per = 50
	}
	order, reverse := orderOrder(f.Sort)
	offset := (max(f.Page, 1) - 1) * per
	if sel.text {
		// A text search reads every match anyway: take the page and the
		// total from that one scan.
		var total int
		rows, err := q.query(ctx, `SELECT `+prefixed("o.", orderColumns)+`, p.total FROM (SELECT id, COUNT(*) OVER () AS total FROM `+sel.from+
			` WHERE `+sel.where+` ORDER BY `+order+` LIMIT ? OFFSET ?) p JOIN orders o ON o.id = p.id ORDER BY `+prefixed("o.", order),
			append(sel.args, per, offset)...)
		if err != nil {
			return nil, 0, err
		}
		out, err := scanOrders(rows, &total)
		if err != nil || len(out) > 0 || offset == 0 {
			return out, total, err
		}
		// Past the last page: count alone.
	}
	var total int
	if err := q.row(ctx, `SELECT COUNT(*) FROM `+sel.from+` WHERE `+sel.where, sel.args...).Scan(&total); err != nil {
		return nil, 0, mapErr(fmt.Errorf("count orders: %w", err))
	}
	limit, skip, back, ok := pageWindow(offset, per, total)
	if sel.text || !ok {
		return nil, total, nil
	}
	inner := order
	if back {
		inner = reverse
	}
	rows, err := q.query(ctx, `SELECT `+prefixed("o.", orderColumns)+` FROM (SELECT id FROM `+sel.from+` WHERE `+sel.where+` ORDER BY `+inner+
		` LIMIT ? OFFSET ?) p JOIN orders o ON o.id = p.id ORDER BY `+prefixed("o.", order), append(sel.args, limit, skip)...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanOrders(rows, nil)
	return out, total, err
}
