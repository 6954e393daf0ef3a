package model

import "time"

// Company is a distributor: the tenant every other record belongs to.
type Company struct {
	ID               string
	Name             string
	Slug             string
	TaxRate          Rate
	ShippingFee      Money
	ReturnWindowDays int
	Limits           Limits
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Limits are the operator's caps on a company; nil means no limit.
type Limits struct {
	Customers      *int
	Products       *int
	Seats          *int
	OrdersPerMonth *int
}

// Role is a staff member's role in one company.
type Role string

// The staff roles.
const (
	RoleOwner  Role = "OWNER"
	RoleAdmin  Role = "ADMIN"
	RoleMember Role = "MEMBER"
)

// Valid reports whether r is one of the staff roles.
func (r Role) Valid() bool { return r == RoleOwner || r == RoleAdmin || r == RoleMember }

// User is a staff person; users are global and join companies through
// memberships.
type User struct {
	ID           string
	Name         string
	Email        string
	PasswordHash string
	CreatedAt    time.Time
}

// Membership ties a user to a company with a role.
type Membership struct {
	CompanyID   string
	CompanyName string
	CompanySlug string
	UserID      string
	Role        Role
	CreatedAt   time.Time
}

// StaffSession is a signed-in staff member working in one company.
type StaffSession struct {
	TokenHash   string
	User        User
	Company     Company
	Role        Role
	Memberships []Membership
	ExpiresAt   time.Time
}

// Actor returns the audit actor of the session's user.
func (s *StaffSession) Actor() Actor {
	return Actor{Type: ActorUser, ID: s.User.ID, Label: s.User.Name}
}
