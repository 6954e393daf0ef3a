package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/distribu/distribu/internal/api"
	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// env is a running Distribu with one company, its owner signed in to the
// dashboard, and the OpenAPI document every API response is checked
// against.
type env struct {
	t       *testing.T
	srv     *apptest.Server
	owner   *apptest.Client
	company model.Company
	router  routers.Router
}

func newEnv(t *testing.T, e store.Engine) *env {
	t.Helper()
	return envOn(t, apptest.Start(t, e), "Acme Supply")
}

// envOn signs up a company on srv.
func envOn(t *testing.T, srv *apptest.Server, company string) *env {
	t.Helper()
	slug := strings.ToLower(strings.ReplaceAll(company, " ", "-"))
	owner := srv.Signup(t, company, "Olivia Owner", "owner@"+slug+".example", "owner password 1")
	c, err := srv.App.Store.CompanyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, srv: srv, owner: owner, company: c, router: openAPIRouter(t, srv.URL)}
}

// on returns the env talking to another server (process) on the same
// database.
func (e *env) on(srv *apptest.Server) *env {
	e.t.Helper()
	out := *e
	out.srv, out.router = srv, openAPIRouter(e.t, srv.URL)
	return &out
}

// openAPIRouter loads and validates the OpenAPI document and routes
// requests to base against it.
func openAPIRouter(t *testing.T, base string) routers.Router {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatalf("load openapi: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi document invalid: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: base + "/api/v1"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return router
}

var secretRe = regexp.MustCompile(`id="new-key-secret" value="(dk_[A-Za-z0-9_-]+)"`)

// key creates an API key with the scopes through Settings → API keys and
// returns its secret, read from the page that shows it once.
func (e *env) key(name string, scopes ...model.Scope) string {
	e.t.Helper()
	form := url.Values{"name": {name}}
	for _, s := range scopes {
		form.Add("scopes", string(s))
	}
	r := e.owner.Post("/dashboard/settings/api-keys", form)
	if r.Status != http.StatusSeeOther {
		e.t.Fatalf("create key: %d\n%s", r.Status, r.Body)
	}
	page := e.owner.Get("/dashboard/settings/api-keys")
	m := secretRe.FindStringSubmatch(page.Body)
	if m == nil {
		e.t.Fatalf("new key not shown:\n%s", page.Body)
	}
	return m[1]
}

// allKey is a key with every scope.
func (e *env) allKey() string { return e.key("all scopes", model.AllScopes()...) }

// reply is an API response.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic map.
func (r reply) JSON(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%d): %s", r.Status, r.Body)
	}
	return m
}

// Data is the "data" object of a single-resource reply.
func (r reply) Data(t *testing.T) map[string]any {
	t.Helper()
	d, ok := r.JSON(t)["data"].(map[string]any)
	if !ok {
		t.Fatalf("no data object (%d): %s", r.Status, r.Body)
	}
	return d
}

// List is the "data" array of a list reply.
func (r reply) List(t *testing.T) []map[string]any {
	t.Helper()
	raw, ok := r.JSON(t)["data"].([]any)
	if !ok {
		t.Fatalf("no data array (%d): %s", r.Status, r.Body)
	}
	out := make([]map[string]any, len(raw))
	for i, x := range raw {
		out[i] = x.(map[string]any)
	}
	return out
}

// Error is the "error" message of an error reply.
func (r reply) Error(t *testing.T) string {
	t.Helper()
	s, _ := r.JSON(t)["error"].(string)
	return s
}

// call sends an API request with a bearer key ("" for none) and a JSON
// body (a string is sent as is), and checks the reply against the OpenAPI
// document.
func (e *env) call(method, path, key string, body any, headers ...string) reply {
	e.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(raw))
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	r := reply{Status: res.StatusCode, Header: res.Header, Body: out}
	e.validate(req, raw, r)
	return r
}

// validate checks a reply against the OpenAPI document: the route exists,
// the status is documented, and the body matches its schema.
func (e *env) validate(req *http.Request, body []byte, r reply) {
	e.t.Helper()
	if r.Status == http.StatusNotFound && !strings.Contains(req.URL.Path, "/api/v1/") {
		return
	}
	vreq := req.Clone(context.Background())
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := e.router.FindRoute(vreq)
	if err != nil {
		if r.Status == http.StatusNotFound || r.Status == http.StatusMethodNotAllowed {
			return // an undocumented path or method: the API says so
		}
		e.t.Fatalf("%s %s: no route in the OpenAPI document: %v", req.Method, req.URL.Path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true}}
	err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: r.Status, Header: r.Header, Body: io.NopCloser(bytes.NewReader(r.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
	if err != nil {
		e.t.Fatalf("%s %s → %d does not match the OpenAPI document: %v\n%s", req.Method, req.URL.RequestURI(), r.Status, err, r.Body)
	}
}

// want fails unless the reply has the status.
func (r reply) want(t *testing.T, status int) reply {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	return r
}

// send makes an API request from any goroutine and returns only its
// status (0 when it could not be sent); it checks nothing.
func (e *env) send(method, path, key string, body any, headers ...string) int {
	raw, _ := json.Marshal(body)
	req, err := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(raw))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}
