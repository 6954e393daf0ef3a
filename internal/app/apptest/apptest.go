// Package apptest starts the whole application for tests: a real store
// (SQLite, or PostgreSQL when DISTRIBU_TEST_POSTGRES is set), the real
// handler stack behind httptest, and clients with cookie jars.
package apptest

import (
	"context"
	stdhtml "html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/app"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// FastHasher keeps password hashing cheap in tests.
func FastHasher() account.Hasher {
	return account.Hasher{Params: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
}

// Server is a running application.
type Server struct {
	*httptest.Server
	App *app.App
	DSN string
}

// Start runs the application on a fresh database of engine e. Logs go to
// the test log only when DISTRIBU_TEST_VERBOSE is set.
func Start(t testing.TB, e store.Engine) *Server {
	t.Helper()
	return StartDSN(t, storetest.DSN(t, e))
}

// StartDSN runs the application on an existing database; each configure
// function may change the configuration first.
func StartDSN(t testing.TB, dsn string, configure ...func(*config.Config)) *Server {
	t.Helper()
	cfg := config.Default()
	cfg.DB = dsn
	cfg.DataDir = t.TempDir()
	cfg.WebhookAllowPrivate = true
	for _, f := range configure {
		f(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("DISTRIBU_TEST_VERBOSE") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	h := FastHasher()
	a, err := app.New(context.Background(), cfg, log, app.Options{Hasher: &h})
	if err != nil {
		t.Fatalf("start app: %v", err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &Server{Server: srv, App: a, DSN: dsn}
}

// Client is a browser-like HTTP client: it keeps cookies and does not follow
// redirects, so tests see every 303.
type Client struct {
	*http.Client
	Base string
	t    testing.TB
}

// NewClient returns a client for the server with an empty cookie jar.
func (s *Server) NewClient(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Base: s.URL, t: t, Client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Response is a read response.
type Response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

// Get fetches a path.
func (c *Client) Get(path string) Response {
	c.t.Helper()
	return c.Do("GET", path, nil)
}

// Post posts a form.
func (c *Client) Post(path string, form url.Values) Response {
	c.t.Helper()
	return c.Do("POST", path, form)
}

// Do sends a request with an optional form body.
func (c *Client) Do(method, path string, form url.Values) Response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.Base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Client.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return Response{Status: res.StatusCode, Body: string(b), Location: res.Header.Get("Location"), Header: res.Header}
}

// Signup signs up a new company through the form and returns the client
// holding its owner's session.
func (s *Server) Signup(t testing.TB, company, name, email, password string) *Client {
	t.Helper()
	c := s.NewClient(t)
	r := c.Post("/signup", url.Values{"company": {company}, "name": {name}, "email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther || r.Location != "/dashboard" {
		t.Fatalf("signup %s: %d %s\n%s", email, r.Status, r.Location, r.Body)
	}
	return c
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// Text returns the page body without tags and with spaces collapsed, for
// asserting on what a person reads.
func Text(html string) string {
	return strings.Join(strings.Fields(stdhtml.UnescapeString(tagRe.ReplaceAllString(html, " "))), " ")
}
