package ordering

import (
	"time"

	"github.com/distribu/distribu/internal/model"
)

// OrderPayload is an order's API shape (05-orders.md, 06-api.md).
func OrderPayload(o model.Order) map[string]any {
	items := make([]map[string]any, len(o.Items))
	for i, it := range o.Items {
		items[i] = map[string]any{"id": it.ID, "productId": it.ProductID, "productName": it.ProductName, "productSku": it.ProductSKU,
			"quantity": it.Quantity, "unitPrice": it.UnitPrice.Float(), "lineTotal": it.LineTotal.Float()}
	}
	var customerID any
	if o.CustomerID != "" {
		customerID = o.CustomerID
	}
	a := o.ShippingAddress
	return map[string]any{
		"id": o.ID, "number": o.Number, "status": o.Status, "customerId": customerID,
		"placedBy":      map[string]any{"type": o.PlacedBy.Type, "id": o.PlacedBy.ID, "label": o.PlacedBy.Label},
		"customerEmail": o.CustomerEmail, "poNumber": o.PONumber, "notes": o.Notes,
		"shippingAddress": map[string]any{"label": a.Label, "line1": a.Line1, "line2": a.Line2, "city": a.City, "region": a.Region,
			"postalCode": a.PostalCode, "country": a.Country},
		"items": items, "subtotal": o.Subtotal.Float(), "tax": o.Tax.Float(), "shipping": o.Shipping.Float(), "total": o.Total.Float(),
		"createdAt": model.JSONTime(o.CreatedAt), "updatedAt": model.JSONTime(o.UpdatedAt),
	}
}

// monthStart is the first instant of t's calendar month (UTC).
func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
