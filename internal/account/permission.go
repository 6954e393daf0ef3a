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

// Can reports whether role may do p. It is the one permission check every
// handler uses.
func Can(role model.Role, p Permission) bool {
	switch p {
	case PermDashboard:
		return role == model.RoleOwner || role == model.RoleAdmin || role == model.RoleMember
	case PermInviteMembers, PermRemoveMembers, PermSettings:
		return role == model.RoleOwner || role == model.RoleAdmin
	case PermChangeRoles, PermDeleteCompany:
		return role == model.RoleOwner
	}
	return false
}
