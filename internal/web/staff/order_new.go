package staff

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/web"
)

// newOrderPage is the data of /dashboard/orders/new.
type newOrderPage struct {
	ordering.Draft
	CustomerEmail, Query, AddressID, PONumber, Notes string
}

// Qty returns the quantity of a product in the draft.
func (p newOrderPage) Qty(productID string) int {
	for _, l := range p.Lines {
		if l.Product.ID == productID {
			return l.Quantity
		}
	}
	return 0
}

// draftInput reads the new-order form: the customer, the search and one
// "line.<productId>" field per line, then applies the button pressed
// ("op": add:<id>, inc:<id>, dec:<id>, remove:<id>).
func draftInput(form url.Values) ordering.DraftInput {
	in := ordering.DraftInput{CustomerEmail: form.Get("customer"), Query: form.Get("q"), Quantities: map[string]int{}}
	for k, v := range form {
		if id, ok := strings.CutPrefix(k, "line."); ok && len(v) > 0 {
			if n, err := strconv.Atoi(v[0]); err == nil && n > 0 {
				in.Quantities[id] = n
			}
		}
	}
	op, id, _ := strings.Cut(form.Get("op"), ":")
	switch op {
	case "add", "inc":
		in.Quantities[id]++
	case "dec":
		in.Quantities[id]--
	case "remove":
		delete(in.Quantities, id)
	}
	return in
}

// orderNew renders the new-order page: a product browser (active, in
// stock, searchable), the order being built with steppers capped at the
// stock, and an optional customer whose prices, tax rate and addresses
// then apply. Every step is a form post, so it works without JavaScript.
func (h *Handlers) orderNew(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	_ = r.ParseForm()
	form := r.Form
	d, err := h.Orders.BuildDraft(r.Context(), s.Company, draftInput(form))
	status := http.StatusOK
	v := &web.View{Title: "New order", Nav: "orders", Session: s}
	if err != nil {
		if httpx.Status(err) >= 500 {
			h.fail(w, r, err)
			return
		}
		v.FormError(err, form)
		status = http.StatusUnprocessableEntity
		typed := form.Get("customer")
		form.Set("customer", "")
		d, err = h.Orders.BuildDraft(r.Context(), s.Company, draftInput(form))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("customer", typed)
	}
	if r.Method == http.MethodPost && form.Get("op") == "place" && err == nil && v.Error == "" && len(v.Errors) == 0 {
		o, perr := h.Orders.PlaceDraft(r.Context(), s.Actor(), s.Company, d, form.Get("addressId"), form.Get("poNumber"), form.Get("notes"))
		if perr == nil {
			web.Redirect(w, r, "/dashboard/orders/"+o.ID, "Order #"+itoa(o.Number)+" placed.")
			return
		}
		if httpx.Status(perr) >= 500 {
			h.fail(w, r, perr)
			return
		}
		v.FormError(perr, form)
		status = http.StatusUnprocessableEntity
	}
	v.Data = newOrderPage{Draft: d, CustomerEmail: form.Get("customer"), Query: form.Get("q"), AddressID: form.Get("addressId"),
		PONumber: form.Get("poNumber"), Notes: form.Get("notes")}
	h.Pages.Render(w, r, status, "order_new", v)
}
