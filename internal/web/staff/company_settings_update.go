package staff

import (
	"net/http"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// companySettingsUpdate saves Settings → Company; bad input re-renders the
// form with what was typed and writes nothing.
func (h *Handlers) companySettingsUpdate(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad form.", http.StatusBadRequest)
		return
	}
	f := r.PostForm
	_, err := h.Accounts.UpdateSettings(r.Context(), s.Actor(), s.Company.ID, account.SettingsInput{
		Name: f.Get("name"), Slug: f.Get("slug"), TaxRate: f.Get("taxRate"),
		ShippingFee: f.Get("shippingFee"), ReturnWindowDays: f.Get("returnWindowDays"),
	})
	if err != nil {
		if httpx.Status(err) >= 500 || model.IsCode(err, model.CodeNotFound) {
			h.fail(w, r, err)
			return
		}
		v := &web.View{Title: "Company settings", Nav: "settings_company", Session: s, Data: s.Company}
		v.FormError(err, f)
		h.Pages.Render(w, r, http.StatusUnprocessableEntity, "settings_company", v)
		return
	}
	web.Redirect(w, r, "/dashboard/settings/company", "Settings saved.")
}
