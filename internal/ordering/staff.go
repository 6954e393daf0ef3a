package ordering

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Filter narrows the dashboard's order list (see store.OrderFilter).
type Filter = store.OrderFilter

// Page is one page of the dashboard's order list (see store.OrderPage).
type Page = store.OrderPage

// List returns one page of a company's orders and how many match; a broad
// text search counts only up to store.OrderCountCap (Page.Capped).
func (s *Service) List(ctx context.Context, companyID string, f Filter) (Page, error) {
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	return s.Store.Orders(ctx, companyID, f)
}

// Get returns one order of a company with its lines. Errors: CodeNotFound
// (also for another company's order).
func (s *Service) Get(ctx context.Context, companyID, id string) (model.Order, error) {
	return s.Store.Order(ctx, companyID, id)
}

// ChangeStatus moves an order along the workflow of 05-orders.md and, in
// the same transaction, writes OrderStatusChanged (from, to), queues the
// order.status_changed webhook plus order.shipped or order.cancelled,
// notifies the staff, and updates the customer's statistics (a cancelled
// order no longer counts). Stock is not put back on cancel. Errors:
// CodeRule "Cannot change order status from X to Y." for any other move
// (also the same status, or an unknown one); CodeNotFound.
func (s *Service) ChangeStatus(ctx context.Context, actor model.Actor, companyID, id, status string) (model.Order, error) {
	to := model.OrderStatus(strings.ToUpper(strings.TrimSpace(status)))
	var o model.Order
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if o, err = tx.Locking().Order(ctx, companyID, id); err != nil {
			return err
		}
		from := o.Status
		if !model.CanMove(from, to) {
			return &model.Error{Code: model.CodeRule, Message: fmt.Sprintf("Cannot change order status from %s to %s.", from, to)}
		}
		if err := tx.SetOrderStatus(ctx, companyID, id, to, tx.Now); err != nil {
			return err
		}
		o.Status, o.UpdatedAt = to, tx.Now
		if o.CustomerID != "" {
			if err := tx.RecomputeCustomerStats(ctx, companyID, o.CustomerID); err != nil {
				return err
			}
		}
		if err := audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "OrderStatusChanged",
			EntityType: "order", EntityID: id, Details: map[string]any{"number": o.Number, "from": from, "to": to}}); err != nil {
			return err
		}
		payload := OrderPayload(o)
		payload["previousStatus"] = from
		if err := events.Webhook(ctx, tx, companyID, "order.status_changed", payload); err != nil {
			return err
		}
		switch to {
		case model.OrderShipped:
			err = events.Webhook(ctx, tx, companyID, "order.shipped", payload)
		case model.OrderCancelled:
			err = events.Webhook(ctx, tx, companyID, "order.cancelled", payload)
		}
		if err != nil {
			return err
		}
		return events.Notify(ctx, tx, companyID, events.AllStaff, "ORDER_STATUS_CHANGED", fmt.Sprintf("Order #%d is %s", o.Number, to),
			fmt.Sprintf("Order #%d moved from %s to %s.", o.Number, from, to), "/dashboard/orders/"+id)
	})
	if err != nil {
		return o, fmt.Errorf("order status: %w", err)
	}
	return o, nil
}

// Export columns of 05-orders.md.
func summaryColumns() []string {
	return []string{"orderNumber", "createdAt", "status", "subtotal", "tax", "shipping", "total", "itemCount", "customerEmail",
		"customerName", "poNumber", "notes", "shippingCity", "shippingRegion", "shippingCountry"}
}

func lineColumns() []string {
	return []string{"orderNumber", "createdAt", "status", "customerEmail", "productSku", "productName", "quantity", "unitPrice", "lineTotal"}
}

// Export streams a company's orders placed in [from, to) as CSV: one row
// per order in "summary" mode, one per line in "lines" mode, with formula
// escaping; memory does not grow with the count. Errors: CodeInvalid for
// an unknown mode.
func (s *Service) Export(ctx context.Context, companyID string, f Filter, mode string, w io.Writer) error {
	if mode == "" {
		mode = "summary"
	}
	if mode != "summary" && mode != "lines" {
		return &model.Error{Code: model.CodeInvalid, Message: "mode must be summary or lines."}
	}
	cw := csvio.NewWriter(w)
	head := summaryColumns()
	if mode == "lines" {
		head = lineColumns()
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	n := 0
	err := s.Store.ExportOrders(ctx, companyID, f.From, f.To, func(o model.Order) error {
		at := model.JSONTime(o.CreatedAt)
		num := strconv.Itoa(o.Number)
		if mode == "summary" {
			items := len(o.Items)
			a := o.ShippingAddress
			if err := cw.Write([]string{num, at, string(o.Status), o.Subtotal.String(), o.Tax.String(), o.Shipping.String(),
				o.Total.String(), strconv.Itoa(items), o.CustomerEmail, o.CustomerName, o.PONumber, o.Notes, a.City, a.Region, a.Country}); err != nil {
				return err
			}
		} else {
			for _, it := range o.Items {
				if err := cw.Write([]string{num, at, string(o.Status), o.CustomerEmail, it.ProductSKU, it.ProductName,
					strconv.Itoa(it.Quantity), it.UnitPrice.String(), it.LineTotal.String()}); err != nil {
					return err
				}
			}
		}
		n++
		if n%500 == 0 {
			return cw.Flush()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export orders: %w", err)
	}
	return cw.Flush()
}
