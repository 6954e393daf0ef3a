package model

import "time"

// CustomerStatus is ACTIVE or BLOCKED.
type CustomerStatus string

// The customer statuses.
const (
	CustomerActive  CustomerStatus = "ACTIVE"
	CustomerBlocked CustomerStatus = "BLOCKED"
)

// Customer is a business account a company sells to.
type Customer struct {
	ID              string
	CompanyID       string
	Email           string
	Name            string // "" when unset
	PasswordHash    string // "" until a password is set
	Status          CustomerStatus
	Notes           string
	CreditLimit     *Money
	TaxRateOverride *Rate // nil: the company's rate applies
	EmailVerified   bool
	CreatedAt       time.Time
	UpdatedAt       time.Time

	// Order statistics, kept in step with the orders (CANCELLED excluded).
	OrderCount  int
	TotalSpent  Money
	LastOrderAt time.Time // zero when none
}

// DisplayName is the name, or the e-mail when there is no name.
func (c Customer) DisplayName() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Email
}

// AverageOrder is total spent ÷ orders, and false when there are none.
func (c Customer) AverageOrder() (Money, bool) {
	if c.OrderCount == 0 {
		return 0, false
	}
	return Money((int64(c.TotalSpent)*2 + int64(c.OrderCount)) / (int64(c.OrderCount) * 2)), true
}

// ContactRole is a contact's permission level on the storefront.
type ContactRole string

// The contact roles.
const (
	ContactAdmin  ContactRole = "ADMIN"
	ContactBuyer  ContactRole = "BUYER"
	ContactViewer ContactRole = "VIEWER"
)

// Valid reports whether r is a contact role.
func (r ContactRole) Valid() bool {
	return r == ContactAdmin || r == ContactBuyer || r == ContactViewer
}

// Contact is an extra person who signs in under a customer account.
type Contact struct {
	ID            string
	CompanyID     string
	CustomerID    string
	Email         string
	Name          string
	Role          ContactRole
	Active        bool
	PasswordHash  string
	EmailVerified bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Address is a customer's shipping address.
type Address struct {
	ID         string
	CompanyID  string
	CustomerID string
	Label      string
	Line1      string
	Line2      string
	City       string
	Region     string
	PostalCode string
	Country    string // ISO 3166-1 alpha-2
	IsDefault  bool
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// PriceOverride is a customer's own price for one product.
type PriceOverride struct {
	CompanyID    string
	CustomerID   string
	ProductID    string
	ProductName  string
	ProductSKU   string
	CatalogPrice Money
	Price        Money
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// DiffPercent is the override's difference from the catalog price in
// percent (+15.0 markup, -15.0 discount); 0 when the catalog price is 0.
func (o PriceOverride) DiffPercent() float64 {
	if o.CatalogPrice == 0 {
		return 0
	}
	return float64(o.Price-o.CatalogPrice) * 100 / float64(o.CatalogPrice)
}

// SetupLink is a single-use link to set a first password.
type SetupLink struct {
	ID         string
	CompanyID  string
	CustomerID string
	ContactID  string // "" for the primary account
	TokenHash  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     time.Time
}

// SetupLinkTTL is how long a setup link is valid.
const SetupLinkTTL = 7 * 24 * time.Hour

// CustomerFilter narrows and orders the customer list.
type CustomerFilter struct {
	Query   string         // substring of e-mail or name, any case
	Status  CustomerStatus // "" for all
	Sort    string         // newest (default), oldest, name, email, spent, orders, last_order
	Page    int
	PerPage int
}

// CustomerPage is one page of customers and the total that match.
type CustomerPage struct {
	Customers []Customer
	Total     int
	Page      int
	PerPage   int
}

// Pages returns the number of pages.
func (p CustomerPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// ShopperRole is who is signed in at a storefront: the primary account
// holder or a contact with its role.
type ShopperRole string

// The shopper roles: the primary holder, and the three contact roles.
const (
	ShopperPrimary ShopperRole = "PRIMARY"
	ShopperAdmin   ShopperRole = "ADMIN"
	ShopperBuyer   ShopperRole = "BUYER"
	ShopperViewer  ShopperRole = "VIEWER"
)

// CanOrder reports whether the role may use a cart and place orders.
func (r ShopperRole) CanOrder() bool { return r != ShopperViewer }

// CanManage reports whether the role may manage addresses and contacts.
func (r ShopperRole) CanManage() bool { return r == ShopperPrimary || r == ShopperAdmin }

// Shopper is a signed-in storefront session, re-checked on every request.
type Shopper struct {
	TokenHash string
	Company   Company
	Customer  Customer
	Contact   *Contact // nil for the primary account holder
	Role      ShopperRole
	// CatalogVersion is the company's catalog version read with the
	// session, before anything else of the request: what the catalog
	// showed at this version is still true (see store.CatalogVersion).
	CatalogVersion int64
	// ShopperVersion is the customer's shopper version read with the
	// session: bumped with every change to the customer's cart lines (of
	// any holder) and addresses, so what the cart showed at this version
	// (and catalog version) is still true.
	ShopperVersion int64
}

// Holder is the cart key of the person: "" for the primary holder, else
// the contact id.
func (s *Shopper) Holder() string {
	if s.Contact != nil {
		return s.Contact.ID
	}
	return ""
}

// Email is the signed-in person's e-mail.
func (s *Shopper) Email() string {
	if s.Contact != nil {
		return s.Contact.Email
	}
	return s.Customer.Email
}

// Name is the signed-in person's name, or e-mail.
func (s *Shopper) Name() string {
	if s.Contact != nil {
		if s.Contact.Name != "" {
			return s.Contact.Name
		}
		return s.Contact.Email
	}
	return s.Customer.DisplayName()
}

// Actor returns the audit actor: the customer's e-mail as label.
func (s *Shopper) Actor() Actor {
	id := s.Customer.ID
	if s.Contact != nil {
		id = s.Contact.ID
	}
	return Actor{Type: ActorCustomer, ID: id, Label: s.Email()}
}

// ShopProduct is a catalog product with the price for one customer.
type ShopProduct struct {
	Product
	CustomerPrice Money // the override, else the catalog price
}

// ShopFilter narrows and orders the storefront catalog.
type ShopFilter struct {
	Query    string
	Category string
	Sort     string // "" (category, then name), name, name_desc, price, price_desc, stock
	Page     int
	PerPage  int
}

// ShopPage is one page of the storefront catalog.
type ShopPage struct {
	Products   []ShopProduct
	Total      int
	Page       int
	PerPage    int
	Categories []string
}

// Pages returns the number of pages.
func (p ShopPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// CartLine is one product in a cart, priced for the customer now.
type CartLine struct {
	Product   ShopProduct
	Quantity  int
	LineTotal Money
}
