package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/web"
)

// orderPlace places the order from the cart and opens it with a
// confirmation. Problems (stock, address) show on the cart with what was
// typed.
func (h *Handlers) orderPlace(w http.ResponseWriter, r *http.Request, sh *model.Shopper) {
	if !sh.Role.CanOrder() {
		h.fail(w, r, sh.Company, sh, &model.Error{Code: model.CodeForbidden, Message: "Your account can browse the catalog but not place orders."})
		return
	}
	_ = r.ParseForm()
	cart, err := h.Ordering.CartOf(r.Context(), sh)
	if err != nil {
		h.fail(w, r, sh.Company, sh, err)
		return
	}
	lines := make([]ordering.LineInput, len(cart.Lines))
	for i, l := range cart.Lines {
		lines[i] = ordering.LineInput{ProductID: l.Product.ID, Quantity: l.Quantity}
	}
	holder := sh.Holder()
	placedBy := model.PlacedBy{Type: "CUSTOMER", ID: sh.Customer.ID, Label: sh.Email()}
	if sh.Contact != nil {
		placedBy = model.PlacedBy{Type: "CONTACT", ID: sh.Contact.ID, Label: sh.Email()}
	}
	o, err := h.Ordering.Place(r.Context(), ordering.PlaceInput{CompanyID: sh.Company.ID, CustomerID: sh.Customer.ID,
		PlacedBy: placedBy, Actor: sh.Actor(), Lines: lines, AddressID: r.PostForm.Get("addressId"),
		PONumber: r.PostForm.Get("poNumber"), Notes: r.PostForm.Get("notes"), CartHolder: &holder, Webhook: true})
	if err != nil {
		if httpx.Status(err) >= 500 {
			h.fail(w, r, sh.Company, sh, err)
			return
		}
		h.renderCatalog(w, r, sh, formStatus(err), err)
		return
	}
	web.Redirect(w, r, "/store/"+sh.Company.Slug+"/orders/"+o.ID, "Thank you! Your order #"+itoa(o.Number)+" has been placed.")
}
