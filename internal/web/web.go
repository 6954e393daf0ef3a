// Package web is the page engine shared by the dashboard and the
// storefront: embedded templates parsed once at start-up, static assets,
// cookies and flash messages.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/distribu/distribu/internal/model"
)

//go:embed templates static
var files embed.FS

// Renderer renders the pages declared in pageTable.
type Renderer struct {
	pages   map[string]*template.Template
	log     *slog.Logger
	version string    // hash of the static assets, for cache-busting URLs
	bufs    sync.Pool // *bytes.Buffer of rendered pages, reused across requests
	frames  *frames
}

// maxPooledBuffer is the largest page buffer kept for reuse.
const maxPooledBuffer = 1 << 20

// pageTable declares every page: its name and the layout it uses. Adding a
// page means adding a line here and a file templates/pages/<name>.html.
func pageTable() map[string]string {
	return map[string]string{
		"signup":            "public",
		"login":             "public",
		"error":             "public",
		"home":              "dashboard",
		"settings_company":  "dashboard",
		"audit":             "dashboard",
		"settings_api_keys": "dashboard",
		"settings_webhooks": "dashboard",
		"settings_webhook":  "dashboard",
		"inventory_list":    "dashboard",
		"product_form":      "dashboard",
		"import_upload":     "dashboard",
		"import_preview":    "dashboard",
		"customer_list":     "dashboard",
		"customer_show":     "dashboard",
		"order_list":        "dashboard",
		"order_show":        "dashboard",
		"order_new":         "dashboard",
		"shop_landing":      "shop",
		"shop_register":     "shop",
		"shop_login":        "shop",
		"shop_setup":        "shop",
		"shop_catalog":      "shop",
		"shop_orders":       "shop",
		"shop_order":        "shop",
		"shop_account":      "shop",
		"shop_error":        "shop",
	}
}

// NewRenderer parses every page of pageTable and fails on the first broken
// template, so a bad template stops the server at start, not at a request.
func NewRenderer(log *slog.Logger) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, log: log}
	sum := sha256.New()
	for _, f := range []string{"static/app.css", "static/app.js", "static/favicon.svg"} {
		b, err := files.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		sum.Write(b)
	}
	r.version = hex.EncodeToString(sum.Sum(nil))[:12]
	fm := funcs()
	fm["asset"] = func(name string) string { return "/static/" + name + "?v=" + r.version }
	r.frames = &frames{done: map[frameKey]template.HTML{}}
	fm["frame"] = r.frames.render
	set, err := template.New("frames").Funcs(fm).ParseFS(files, "templates/layouts/shop.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse frames: %w", err)
	}
	r.frames.set = set
	for name, layout := range pageTable() {
		t := template.New(name).Funcs(fm)
		var err error
		t, err = t.ParseFS(files, "templates/layouts/"+layout+".html", "templates/partials/*.html", "templates/pages/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		r.pages[name] = t
	}
	return r, nil
}

// Render writes page name with data and status. The page is rendered to a
// buffer first so a template error never sends half a page.
func (r *Renderer) Render(w http.ResponseWriter, req *http.Request, status int, name string, v *View) {
	t, ok := r.pages[name]
	if !ok {
		r.log.ErrorContext(req.Context(), "unknown page", "page", name)
		http.Error(w, "Something went wrong.", http.StatusInternalServerError)
		return
	}
	v.RequestID = model.RequestID(req.Context())
	v.Path = req.URL.Path
	if v.Flash == "" {
		v.Flash = TakeFlash(w, req)
	}
	buf, _ := r.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			r.bufs.Put(buf)
		}
	}()
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		r.log.ErrorContext(req.Context(), "render", "page", name, "error", err, "request_id", v.RequestID)
		http.Error(w, "Something went wrong. Request id: "+v.RequestID, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// View is what every page template receives.
type View struct {
	Title     string
	Nav       string // the active navigation item
	Session   *model.StaffSession
	Store     *model.Company // the storefront's company
	Shopper   *model.Shopper // the signed-in storefront person
	Flash     string
	Error     string            // message above a form
	Form      url.Values        // what the user typed, shown back
	Errors    map[string]string // field name → message
	Data      any
	RequestID string
	Path      string
}

// FormError fills Error, Errors and keeps the typed form from err.
func (v *View) FormError(err error, form url.Values) {
	v.Form = form
	v.Errors = map[string]string{}
	var me *model.Error
	if e, ok := err.(*model.Error); ok {
		me = e
	} else if model.ErrorCode(err) != model.CodeInternal {
		me = unwrapModel(err)
	}
	if me == nil {
		v.Error = "Something went wrong. Request id: " + v.RequestID
		return
	}
	for _, f := range me.Fields {
		v.Errors[f.Field] = f.Message
	}
	if len(me.Fields) == 0 || len(me.Fields) > 1 {
		v.Error = me.Message
		if len(me.Fields) > 1 {
			v.Error = "Please correct the highlighted fields."
		}
	}
}

func unwrapModel(err error) *model.Error {
	for e := err; e != nil; {
		if m, ok := e.(*model.Error); ok {
			return m
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return nil
		}
		e = u.Unwrap()
	}
	return nil
}

// Checked tells whether a checkbox is ticked: as posted when the form was
// posted (an unticked box is absent), else def.
func (v *View) Checked(field string, def bool) bool {
	if v.Form != nil {
		return v.Form.Get(field) == "true"
	}
	return def
}

// Value returns the typed value of a form field, or def when the form was
// not posted.
func (v *View) Value(field, def string) string {
	if v.Form != nil {
		if _, ok := v.Form[field]; ok {
			return v.Form.Get(field)
		}
	}
	return def
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"money":    func(m model.Money) string { return m.String() },
		"percent":  func(r model.Rate) string { return r.Percent() },
		"date":     func(t time.Time) string { return t.UTC().Format("Jan 2, 2006") },
		"datetime": func(t time.Time) string { return t.UTC().Format("Jan 2, 2006 15:04 UTC") },
		"isodate":  func(t time.Time) string { return t.UTC().Format("2006-01-02") },
		"initial": func(s string) string {
			for _, r := range strings.TrimSpace(s) {
				return strings.ToUpper(string(r))
			}
			return "?"
		},
		"prettyjson": func(raw []byte) string {
			var out bytes.Buffer
			if err := json.Indent(&out, raw, "", "  "); err != nil {
				return string(raw)
			}
			return out.String()
		},
		"add":   func(a, b int) int { return a + b },
		"count": groupThousands,
		"statusVerb": func(s model.OrderStatus) string {
			switch s {
			case model.OrderConfirmed:
				return "Confirm"
			case model.OrderShipped:
				return "Mark shipped"
			case model.OrderDelivered:
				return "Mark delivered"
			case model.OrderCancelled:
				return "Cancel order"
			}
			return string(s)
		},
		"clip": func(s string, n int) string {
			r := []rune(strings.Join(strings.Fields(s), " "))
			if len(r) <= n {
				return string(r)
			}
			return strings.TrimSpace(string(r[:n])) + "…"
		},
		"addrForm": addrForm,
		"pageParam": func(n int) string {
			if n <= 1 {
				return ""
			}
			return strconv.Itoa(n)
		},
		"avgOrder": func(c model.Customer) string {
			if m, ok := c.AverageOrder(); ok {
				return m.String()
			}
			return ""
		},
		"deref": func(m *model.Money) model.Money { return *m },
		"signedPct": func(p float64) string {
			if p > 0 {
				return fmt.Sprintf("+%.1f%%", p)
			}
			return fmt.Sprintf("%.1f%%", p)
		},
		"roles": func() []model.ContactRole {
			return []model.ContactRole{model.ContactAdmin, model.ContactBuyer, model.ContactViewer}
		},
		"sub": func(a, b int) int { return a - b },
		"hasString": func(list []string, s string) bool {
			for _, x := range list {
				if x == s {
					return true
				}
			}
			return false
		},
		"canSettings": func(s *model.StaffSession) bool {
			return s != nil && (s.Role == model.RoleOwner || s.Role == model.RoleAdmin)
		},
		"query": func(kv ...string) template.URL {
			q := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i+1] != "" {
					q.Set(kv[i], kv[i+1])
				}
			}
			if len(q) == 0 {
				return ""
			}
			return template.URL("?" + q.Encode())
		},
	}
}

// Static serves the embedded assets under /static/ with long cache headers;
// asset URLs carry a version query so a new release is fetched anew.
func Static() http.Handler {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		fsrv.ServeHTTP(w, r)
	})
}

// AddressForm feeds the address_form partial: the values to show and the
// errors of a failed post of this very form.
type AddressForm struct {
	Action string
	values map[string]string
	errs   map[string]string
}

// Get returns a field's value.
func (f AddressForm) Get(field string) string { return f.values[field] }

// Err returns a field's error message, if this form failed.
func (f AddressForm) Err(field string) string { return f.errs[field] }

// addrForm builds the address form for section: typed values and errors
// when the failed post was this form, else the address a (or empty).
func addrForm(v *View, section, action string, a any) AddressForm {
	f := AddressForm{Action: action, values: map[string]string{}}
	if d, ok := v.Data.(interface{ FailedSection() string }); ok && d.FailedSection() == section && v.Form != nil {
		for _, k := range []string{"label", "line1", "line2", "city", "region", "postalCode", "country"} {
			f.values[k] = v.Form.Get(k)
		}
		f.errs = v.Errors
		return f
	}
	if addr, ok := a.(model.Address); ok {
		f.values = map[string]string{"label": addr.Label, "line1": addr.Line1, "line2": addr.Line2, "city": addr.City,
			"region": addr.Region, "postalCode": addr.PostalCode, "country": addr.Country}
	}
	return f
}

// groupThousands formats n with commas between groups of three digits
// (200000 → "200,000").
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
