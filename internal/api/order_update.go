package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// orderUpdate serves PATCH /api/v1/orders/{id} with {"status": "…"}: the
// workflow of 05-orders.md; a move it forbids is 422.
func (s *Server) orderUpdate(w http.ResponseWriter, r *http.Request, c call) {
	var b struct {
		Status string `json:"status"`
	}
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	st := model.OrderStatus(strings.ToUpper(strings.TrimSpace(b.Status)))
	if !slices.Contains(model.OrderStatuses(), st) {
		writeError(w, r, s.Log, invalid("status", "status must be one of SUBMITTED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED."))
		return
	}
	o, err := s.Ordering.ChangeStatus(r.Context(), c.actor, c.company(), r.PathValue("id"), string(st))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusOK, ordering.OrderPayload(o))
}
