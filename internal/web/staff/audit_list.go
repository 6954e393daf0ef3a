package staff

import (
	"net/http"
	"net/url"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/web"
)

// auditPage is the data of the audit log page.
type auditPage struct {
	Entries                          []model.AuditEntry
	ActorTypes, EntityTypes, Actions []string
	Actor, Entity, Action, From, To  string
	NewerURL, OlderURL, Problem      string
	companyID                        string
	existing                         map[string]bool
}

// Link returns the dashboard address of an entry's entity when it still
// has a page, or "".
func (p auditPage) Link(e model.AuditEntry) string {
	switch {
	case e.EntityType == "company" && e.EntityID == p.companyID:
		return "/dashboard/settings/company"
	case e.EntityType == "product" && p.existing["product:"+e.EntityID]:
		return "/dashboard/inventory/" + e.EntityID + "/edit"
	case e.EntityType == "order" && e.EntityID != "":
		return "/dashboard/orders/" + e.EntityID
	case e.EntityType == "customer" && p.existing["customer:"+e.EntityID]:
		return "/dashboard/customers/" + e.EntityID
	case e.EntityType == "webhook" && p.existing["webhook:"+e.EntityID]:
		return "/dashboard/settings/webhooks/" + e.EntityID
	}
	return ""
}

// auditList renders the audit log with its filters, all kept in the URL.
func (h *Handlers) auditList(w http.ResponseWriter, r *http.Request, s *model.StaffSession) {
	q := r.URL.Query()
	d := auditPage{Actor: q.Get("actor"), Entity: q.Get("entity"), Action: q.Get("action"),
		From: q.Get("from"), To: q.Get("to"), companyID: s.Company.ID,
		ActorTypes: []string{string(model.ActorUser), string(model.ActorCustomer), string(model.ActorSystem)}}
	f := model.AuditFilter{ActorType: model.ActorType(d.Actor), EntityType: d.Entity, Action: d.Action,
		Before: q.Get("before"), After: q.Get("after")}
	var err error
	if d.From != "" {
		if f.From, err = time.Parse("2006-01-02", d.From); err != nil {
			d.Problem, d.From = "From must be a date like 2026-04-16.", ""
		}
	}
	if d.To != "" {
		if f.To, err = time.Parse("2006-01-02", d.To); err != nil {
			d.Problem, d.To = "To must be a date like 2026-04-16.", ""
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		d.Problem = "The To date is before the From date, so nothing can match."
	}
	page, err := h.Audit.List(r.Context(), s.Company.ID, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Entries = page.Entries
	if d.existing, err = h.Audit.Existing(r.Context(), s.Company.ID, page.Entries); err != nil {
		h.fail(w, r, err)
		return
	}
	// A company has at most ten webhooks: list them rather than look up.
	hooks, err := h.Webhooks.List(r.Context(), s.Company.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, hook := range hooks {
		d.existing["webhook:"+hook.ID] = true
	}
	if d.Actions, d.EntityTypes, err = h.Audit.Filters(r.Context(), s.Company.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	base := url.Values{}
	for _, k := range []string{"actor", "entity", "action", "from", "to"} {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	link := func(key, id string) string {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		v.Set(key, id)
		return "/dashboard/settings/audit?" + v.Encode()
	}
	if page.NewerCursor != "" {
		d.NewerURL = link("after", page.NewerCursor)
	}
	if page.OlderCursor != "" {
		d.OlderURL = link("before", page.OlderCursor)
	}
	h.Pages.Render(w, r, http.StatusOK, "audit", &web.View{Title: "Audit log", Nav: "audit", Session: s, Data: d})
}
