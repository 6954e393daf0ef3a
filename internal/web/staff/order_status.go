package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// orderStatus moves an order to another status (field status); a move the
// workflow forbids is refused with the spec's message, also when posted by
// hand.
func (h *Handlers) orderStatus(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	o, err := h.Orders.ChangeStatus(r.Context(), s.Actor(), s.Company.ID, id, r.PostFormValue("status"))
	if err != nil {
		if model.IsCode(err, model.CodeRule) {
			cur, gerr := h.Orders.Get(r.Context(), s.Company.ID, id)
			if gerr != nil {
				h.fail(w, r, gerr)
				return
			}
			h.Pages.Render(w, r, http.StatusUnprocessableEntity, "order_show", &web.View{Title: "Order #" + itoa(cur.Number), Nav: "orders",
				Session: s, Error: model.ErrorMessage(err), Data: orderPage{Order: cur, Next: model.NextStatuses(cur.Status)}})
			return
		}
		h.fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/dashboard/orders/"+id, "Order #"+itoa(o.Number)+" is now "+string(o.Status)+".")
}
