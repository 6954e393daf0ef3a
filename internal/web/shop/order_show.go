package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// orderShow renders one order of the account; another account's order is
// 404.
func (h *Handlers) orderShow(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	o, err := h.Ordering.AccountOrder(r.Context(), sh, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	v := view("Order #"+itoa(o.Number), "orders", sh.Company, sh)
	v.Data = o
	h.Pages.Render(w, r, http.StatusOK, "shop_order", v)
}
