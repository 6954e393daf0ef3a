package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// sessionCookieName is the staff session cookie set by sign-up and sign-in.
const sessionCookieName = "staff_session"

// requestTimeout bounds one HTTP request of a test.
const requestTimeout = time.Minute

// newClient returns an HTTP client that does not follow redirects (so tests
// see every 303) and keeps no cookies (tests pass the session cookie
// explicitly, which lets one cookie travel between processes). Its idle
// connections are closed when the test ends.
func newClient(t testing.TB) *http.Client {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport:     tr,
		Timeout:       requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// reply is a whole HTTP response, read.
type reply struct {
	Status int
	Header http.Header
	Body   string
	resp   *http.Response
}

// Location returns the response's Location header.
func (r reply) Location() string { return r.Header.Get("Location") }

// Cookie returns the response's Set-Cookie named name, or nil.
func (r reply) Cookie(name string) *http.Cookie {
	for _, c := range r.resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// tryDo sends a GET (form nil) or a form POST to rawURL with cookie (when
// not nil) and reads the whole response.
func tryDo(c *http.Client, method, rawURL string, form url.Values, cookie *http.Cookie) (reply, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, rawURL, body)
	if err != nil {
		return reply{}, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != nil {
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	}
	resp, err := c.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, fmt.Errorf("%s %s: read body: %w", method, rawURL, err)
	}
	return reply{Status: resp.StatusCode, Header: resp.Header, Body: string(b), resp: resp}, nil
}

// get sends a GET and fails the test when no response comes.
func get(t testing.TB, c *http.Client, rawURL string, cookie *http.Cookie) reply {
	t.Helper()
	r, err := tryDo(c, http.MethodGet, rawURL, nil, cookie)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	return r
}

// post sends a form POST and fails the test when no response comes.
func post(t testing.TB, c *http.Client, rawURL string, form url.Values, cookie *http.Cookie) reply {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	r, err := tryDo(c, http.MethodPost, rawURL, form, cookie)
	if err != nil {
		t.Fatalf("POST %s: %v", rawURL, err)
	}
	return r
}

// signupForm is the sign-up form for a company, owner name and e-mail with
// a fixed valid password.
func signupForm(company, name, email string) url.Values {
	return url.Values{"company": {company}, "name": {name}, "email": {email}, "password": {"correct horse battery"}}
}

// signup signs a company up through base and returns the staff session
// cookie, failing the test unless the answer is 303 to /dashboard with the
// cookie set.
func signup(t testing.TB, c *http.Client, base, company, name, email string) *http.Cookie {
	t.Helper()
	r := post(t, c, base+"/signup", signupForm(company, name, email), nil)
	if r.Status != http.StatusSeeOther || r.Location() != "/dashboard" {
		t.Fatalf("POST /signup %q: got %d to %q, want 303 to /dashboard\n%s", company, r.Status, r.Location(), r.Body)
	}
	cookie := r.Cookie(sessionCookieName)
	if cookie == nil || cookie.Value == "" {
		t.Fatalf("POST /signup %q: no %s cookie in %v", company, sessionCookieName, r.Header["Set-Cookie"])
	}
	return cookie
}

// settingsForm is the Settings → Company form.
func settingsForm(name, slug, taxRate, shippingFee, returnWindowDays string) url.Values {
	return url.Values{"name": {name}, "slug": {slug}, "taxRate": {taxRate},
		"shippingFee": {shippingFee}, "returnWindowDays": {returnWindowDays}}
}

// openStore opens the database a server uses, from the test process,
// without migrating it; it is closed when the test ends.
func openStore(t testing.TB, dsn string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// companyBySlug returns the company with slug, failing the test when there
// is none.
func companyBySlug(t testing.TB, s *store.Store, slug string) model.Company {
	t.Helper()
	c, err := s.CompanyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("company %q: %v", slug, err)
	}
	return c
}
