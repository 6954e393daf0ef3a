package shop

import (
	"net/http"
	"strings"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// cartUpdate sets a product's quantity in the cart (0 removes it). VIEWER
// contacts get 403.
func (h *Handlers) cartUpdate(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	_ = r.ParseForm()
	err := h.Ordering.SetCartQuantity(r.Context(), sh, r.PostForm.Get("productId"), r.PostForm.Get("quantity"))
	if err != nil {
		switch status := httpx.Status(err); {
		case status == http.StatusForbidden, status == http.StatusNotFound, status >= 500:
			h.fail(w, r, sh.Company, sh, err)
		default:
			h.renderCatalog(w, r, sh, formStatus(err), err)
		}
		return
	}
	back := r.PostForm.Get("back")
	if !strings.HasPrefix(back, "/store/"+sh.Company.Slug+"/catalog") {
		back = "/store/" + sh.Company.Slug + "/catalog"
	}
	web.Redirect(w, r, back, "")
}
