package shop

import (
	"net/http"
	"strconv"

	"github.com/distribu/distribu/internal/model"
)

func itoa(n int) string { return strconv.Itoa(n) }

// orderList lists every order of the account (all its people's orders).
func (h *Handlers) orderList(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	orders, err := h.Ordering.AccountOrders(r.Context(), sh)
	if err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	v := view("My orders", "orders", sh.Company, sh)
	v.Data = orders
	h.Pages.Render(w, r, http.StatusOK, "shop_orders", v)
}
