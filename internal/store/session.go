package store

import (
	"context"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// CreateStaffSession stores a staff session under the hash of its token.
func (q Queries) CreateStaffSession(ctx context.Context, tokenHash, userID, companyID string, created, expires time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO staff_sessions (token_hash, user_id, company_id, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, tokenHash, userID, companyID, dbTime{created}, dbTime{expires})
	return err
}

// StaffSession loads the live session with this token hash together with its
// user, company and role. An expired session, or one whose user is no longer
// a member of the company, is CodeNotFound.
func (q Queries) StaffSession(ctx context.Context, tokenHash string, now time.Time) (model.StaffSession, error) {
	var s model.StaffSession
	var expires, userCreated dbTime
	row := q.row(ctx, `SELECT s.token_hash, s.expires_at, u.id, u.name, u.email, u.created_at, m.role, `+prefixed("c.", companyColumns)+`
		FROM staff_sessions s
		JOIN users u ON u.id = s.user_id
		JOIN memberships m ON m.user_id = s.user_id AND m.company_id = s.company_id
		JOIN companies c ON c.id = s.company_id
		WHERE s.token_hash = ? AND s.expires_at > ?`, tokenHash, dbTime{now})
	dest, finish := companyDest(&s.Company)
	err := row.Scan(append([]any{&s.TokenHash, &expires, &s.User.ID, &s.User.Name, &s.User.Email, &userCreated, &s.Role}, dest...)...)
	if err != nil {
		return s, notFound(err, "Session")
	}
	finish()
	s.ExpiresAt = expires.Time
	s.User.CreatedAt = userCreated.Time
	return s, nil
}

// SetStaffSessionCompany moves a session to another company of its user.
func (q Queries) SetStaffSessionCompany(ctx context.Context, tokenHash, companyID string) error {
	res, err := q.exec(ctx, `UPDATE staff_sessions SET company_id = ? WHERE token_hash = ?`, companyID, tokenHash)
	if err != nil {
		return err
	}
	return expectOne(res, "Session")
}

// DeleteStaffSession ends one session.
func (q Queries) DeleteStaffSession(ctx context.Context, tokenHash string) error {
	_, err := q.exec(ctx, `DELETE FROM staff_sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// DeleteExpiredSessions removes sessions that expired before now.
func (q Queries) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := q.exec(ctx, `DELETE FROM staff_sessions WHERE expires_at <= ?`, dbTime{now})
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// RecordLoginFailure notes one failed sign-in for an e-mail in a scope
// ("staff", or "store:<companyID>").
func (q Queries) RecordLoginFailure(ctx context.Context, scope, email string, at time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO login_attempts (id, scope, email, created_at) VALUES (?, ?, ?, ?)`,
		model.NewID(), scope, email, dbTime{at})
	return err
}

// CountLoginFailures counts failures for an e-mail in a scope since a time.
func (q Queries) CountLoginFailures(ctx context.Context, scope, email string, since time.Time) (int, error) {
	var n int
	err := q.row(ctx, `SELECT COUNT(*) FROM login_attempts WHERE scope = ? AND email = ? AND created_at > ?`,
		scope, email, dbTime{since}).Scan(&n)
	return n, mapErr(err)
}

// ClearLoginFailures forgets the failures of an e-mail in a scope (after a
// successful sign-in).
func (q Queries) ClearLoginFailures(ctx context.Context, scope, email string) error {
	_, err := q.exec(ctx, `DELETE FROM login_attempts WHERE scope = ? AND email = ?`, scope, email)
	return err
}

// DeleteLoginFailuresBefore forgets sign-in failures older than t.
func (q Queries) DeleteLoginFailuresBefore(ctx context.Context, t time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM login_attempts WHERE created_at < ?`, dbTime{t})
	return err
}
