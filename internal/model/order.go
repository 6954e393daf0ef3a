package model

import "time"

// OrderStatus is where an order is in its workflow.
type OrderStatus string

// The order statuses.
const (
	OrderSubmitted OrderStatus = "SUBMITTED"
	OrderConfirmed OrderStatus = "CONFIRMED"
	OrderShipped   OrderStatus = "SHIPPED"
	OrderDelivered OrderStatus = "DELIVERED"
	OrderCancelled OrderStatus = "CANCELLED"
)

// OrderStatuses lists every status in workflow order.
func OrderStatuses() []OrderStatus {
	return []OrderStatus{OrderSubmitted, OrderConfirmed, OrderShipped, OrderDelivered, OrderCancelled}
}

// NextStatuses returns the statuses an order may move to from s.
func NextStatuses(s OrderStatus) []OrderStatus {
	switch s {
	case OrderSubmitted:
		return []OrderStatus{OrderConfirmed, OrderCancelled}
	case OrderConfirmed:
		return []OrderStatus{OrderShipped, OrderCancelled}
	case OrderShipped:
		return []OrderStatus{OrderDelivered}
	}
	return nil
}

// CanMove reports whether the workflow allows from → to.
func CanMove(from, to OrderStatus) bool {
	for _, s := range NextStatuses(from) {
		if s == to {
			return true
		}
	}
	return false
}

// PlacedBy says who placed an order.
type PlacedBy struct {
	Type  string // CUSTOMER, CONTACT, STAFF, API
	ID    string
	Label string
}

// ShippingAddress is the frozen copy of an address on an order.
type ShippingAddress struct {
	Label, Line1, Line2, City, Region, PostalCode, Country string
}

// Order is a placed order with frozen copies of everything it depends on.
type Order struct {
	ID              string
	CompanyID       string
	Number          int
	Status          OrderStatus
	CustomerID      string // "" for a dashboard order without a customer
	CustomerName    string // copy at placement
	PlacedBy        PlacedBy
	CustomerEmail   string
	PONumber        string
	Notes           string
	ShippingAddress ShippingAddress
	Items           []OrderItem
	Subtotal        Money
	Tax             Money
	TaxRate         Rate
	Shipping        Money
	Total           Money
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// OrderItem is one line of an order.
type OrderItem struct {
	ID          string
	OrderID     string
	ProductID   string
	ProductName string
	ProductSKU  string
	Quantity    int
	UnitPrice   Money
	LineTotal   Money
}
