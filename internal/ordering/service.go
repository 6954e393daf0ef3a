// Package ordering holds carts, order placement with its totals and stock,
// and the order status workflow.
package ordering

import (
	"log/slog"

	"github.com/distribu/distribu/internal/store"
)

// Service runs the ordering use cases.
type Service struct {
	Store *store.Store
	Log   *slog.Logger
}

// New returns a Service.
func New(s *store.Store, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{Store: s, Log: log}
}
