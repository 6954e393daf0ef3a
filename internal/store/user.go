package store

import (
	"context"
	"fmt"

	"github.com/distribu/distribu/internal/model"
)

// CreateUser inserts a staff user. A taken e-mail is CodeConflict on "email".
func (q Queries) CreateUser(ctx context.Context, u model.User) error {
	_, err := q.exec(ctx, `INSERT INTO users (id, name, email, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, u.ID, u.Name, u.Email, u.PasswordHash, dbTime{u.CreatedAt}, dbTime{u.CreatedAt})
	return err
}

// UserByEmail returns the staff user with a normalised e-mail.
func (q Queries) UserByEmail(ctx context.Context, email string) (model.User, error) {
	var u model.User
	var created dbTime
	err := q.row(ctx, `SELECT id, name, email, password_hash, created_at FROM users WHERE email = ?`, email).
		Scan(&u.ID, &u.Name, &u.Email, &u.PasswordHash, &created)
	if err != nil {
		return u, notFound(err, "User")
	}
	u.CreatedAt = created.Time
	return u, nil
}

// CreateMembership adds a user to a company with a role.
func (q Queries) CreateMembership(ctx context.Context, m model.Membership) error {
	_, err := q.exec(ctx, `INSERT INTO memberships (company_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`,
		m.CompanyID, m.UserID, m.Role, dbTime{m.CreatedAt})
	return err
}

// Memberships lists a user's companies, oldest membership first.
func (q Queries) Memberships(ctx context.Context, userID string) ([]model.Membership, error) {
	rows, err := q.query(ctx, `SELECT m.company_id, c.name, c.slug, m.user_id, m.role, m.created_at
		FROM memberships m JOIN companies c ON c.id = m.company_id
		WHERE m.user_id = ? ORDER BY m.created_at, c.name`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Membership
	for rows.Next() {
		var m model.Membership
		var created dbTime
		if err := rows.Scan(&m.CompanyID, &m.CompanyName, &m.CompanySlug, &m.UserID, &m.Role, &created); err != nil {
			return nil, mapErr(fmt.Errorf("scan membership: %w", err))
		}
		m.CreatedAt = created.Time
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// CompanyStaff lists the staff of a company with their roles.
func (q Queries) CompanyStaff(ctx context.Context, companyID string) ([]model.User, []model.Role, error) {
	rows, err := q.query(ctx, `SELECT u.id, u.name, u.email, u.created_at, m.role
		FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.company_id = ? ORDER BY m.created_at`, companyID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var users []model.User
	var roles []model.Role
	for rows.Next() {
		var u model.User
		var r model.Role
		var created dbTime
		if err := rows.Scan(&u.ID, &u.Name, &u.Email, &created, &r); err != nil {
			return nil, nil, mapErr(fmt.Errorf("scan staff: %w", err))
		}
		u.CreatedAt = created.Time
		users = append(users, u)
		roles = append(roles, r)
	}
	return users, roles, mapErr(rows.Err())
}
