package account

import "github.com/distribu/distribu/internal/model"

// Permission is something a staff role may or may not do.
type Permission int

// The permissions of the role table in 01-platform.md.
const (
	// PermDashboard: products, customers, orders (view, create, edit,
	// import, export).
	PermDashboard Permission = iota
	// PermInviteMembers: invite new staff.
	PermInviteMembers
	// PermRemoveMembers: remove staff (ADMIN may not remove admins).
	PermRemoveMembers
	// PermChangeRoles: change a member's role.
	PermChangeRoles
	// PermSettings: API keys, webhooks, audit log, company settings.
	PermSettings
	// PermDeleteCompany: delete the company.
	PermDeleteCompany
)

// grants is the role table; it is read-only.
var grants = map[Permission][]model.Role{
	PermDashboard:     {model.RoleOwner, model.RoleAdmin, model.RoleMember},
	PermInviteMembers: {model.RoleOwner, model.RoleAdmin},
	PermRemoveMembers: {model.RoleOwner, model.RoleAdmin},
	PermChangeRoles:   {model.RoleOwner},
	PermSettings:      {model.RoleOwner, model.RoleAdmin},
	PermDeleteCompany: {model.RoleOwner},
}

// Can reports whether role may do p. It is the one permission check every
// handler uses.
func Can(role model.Role, p Permission) bool {
	for _, r := range grants[p] {
		if r == role {
			return true
		}
	}
	return false
}
