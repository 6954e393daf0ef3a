package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// orderPage is the data of the dashboard's order page.
type orderPage struct {
	Order model.Order
	Next  []model.OrderStatus
}

// orderShow renders one order with the allowed next statuses as buttons.
func (h *Handlers) orderShow(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	o, err := h.Orders.Get(r.Context(), s.Company.ID, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.Pages.Render(w, r, http.StatusOK, "order_show", &web.View{Title: "Order #" + itoa(o.Number), Nav: "orders", Session: s,
		Data: orderPage{Order: o, Next: model.NextStatuses(o.Status)}})
}
