// Package account holds companies, staff users, memberships, roles,
// passwords and staff sessions.
package account

import (
	"log/slog"
	"sync"
	"time"

	"github.com/distribu/distribu/internal/store"
)

// SessionTTL is how long a staff session lasts.
const SessionTTL = 7 * 24 * time.Hour

// Login throttling: this many failures for one e-mail within the window lock
// further attempts for the window.
const (
	MaxLoginFailures = 10
	LoginWindow      = 15 * time.Minute
)

// Service runs every account use case. Each method opens at most one
// transaction and writes its audit entry in it.
type Service struct {
	Store  *store.Store
	Hasher Hasher
	Log    *slog.Logger

	dummyOnce sync.Once
	dummy     string
}

// New returns a Service.
func New(s *store.Store, h Hasher, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{Store: s, Hasher: h, Log: log}
}
