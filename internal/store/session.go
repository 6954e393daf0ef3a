package store

import (
	"context"
	"fmt"
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

// ReserveLoginAttempt counts a sign-in attempt for an e-mail in a scope
// before the password is checked, so parallel attempts cannot slip past the
// limit. It reports false while the e-mail is locked. The count restarts
// when the window since the first counted attempt has passed; reaching max
// locks the e-mail for window from that attempt. Call inside a transaction.
func (q Queries) ReserveLoginAttempt(ctx context.Context, scope, email string, now time.Time, window time.Duration, max int) (bool, error) {
	if _, err := q.exec(ctx, `INSERT INTO login_throttle (scope, email, failures, window_start) VALUES (?, ?, 0, ?)
		ON CONFLICT (scope, email) DO NOTHING`, scope, email, dbTime{now}); err != nil {
		return false, err
	}
	lq := q
	lq.lock = true
	var failures int
	var start, locked dbTime
	if err := lq.row(ctx, `SELECT failures, window_start, locked_until FROM login_throttle WHERE scope = ? AND email = ?`+lq.forUpdate(),
		scope, email).Scan(&failures, &start, &locked); err != nil {
		return false, mapErr(fmt.Errorf("login throttle: %w", err))
	}
	if locked.Time.After(now) {
		return false, nil
	}
	if now.Sub(start.Time) >= window {
		failures, start.Time = 0, now
	}
	failures++
	var lockedUntil any
	if failures >= max {
		lockedUntil = dbTime{now.Add(window)}
	}
	_, err := q.exec(ctx, `UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ? WHERE scope = ? AND email = ?`,
		failures, start, lockedUntil, scope, email)
	return err == nil, err
}

// ClearLoginThrottle forgets an e-mail's attempts after a successful
// sign-in.
func (q Queries) ClearLoginThrottle(ctx context.Context, scope, email string) error {
	_, err := q.exec(ctx, `DELETE FROM login_throttle WHERE scope = ? AND email = ?`, scope, email)
	return err
}

// DeleteStaleLoginThrottles removes counters whose window and lock ended
// before t.
func (q Queries) DeleteStaleLoginThrottles(ctx context.Context, t time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM login_throttle WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)`, dbTime{t}, dbTime{t})
	return err
}
