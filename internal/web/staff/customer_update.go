package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// customerUpdate saves name, notes, credit limit and tax rate override.
func (h *Handlers) customerUpdate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	id := r.PathValue("id")
	_ = r.ParseForm()
	f := r.PostForm
	_, err := h.Customers.Update(r.Context(), s.Actor(), s.Company.ID, id, customer.UpdateInput{
		Name: f.Get("name"), Notes: f.Get("notes"), CreditLimit: f.Get("creditLimit"), TaxRateOverride: f.Get("taxRateOverride")})
	if err != nil {
		h.customerFormFailed(w, r, s, id, err, "edit")
		return
	}
	web.Redirect(w, r, "/dashboard/customers/"+id+"#edit", "Customer saved.")
}

// customerFormFailed re-renders the customer page with a form's error and
// typed values, or the error page for missing records and internal errors.
func (h *Handlers) customerFormFailed(w http.ResponseWriter, r *http.Request, s *model.StaffSession, id string, err error, section string) {
	if model.IsCode(err, model.CodeNotFound) || httpx.Status(err) >= 500 {
		h.fail(w, r, err)
		return
	}
	h.renderCustomer(w, r, s, http.StatusUnprocessableEntity, id, err, section, nil)
}
