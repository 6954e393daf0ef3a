// Package archtest keeps the import arrows of ../shared/DESIGN.md pointing
// down: it parses every package's imports and fails on an arrow that points
// the wrong way.
package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/distribu/distribu/"

// rules maps a package (relative to internal/) to the internal packages it
// must never import. Test files are included: tests follow the same arrows,
// except the *_test packages of apptest users, which may import app.
var rules = map[string][]string{
	"model":    {"*"},
	"config":   {"*"},
	"httpx":    {"store", "account", "customer", "catalog", "ordering", "audit", "webhook", "csvio", "web", "api", "app"},
	"store":    {"account", "customer", "catalog", "ordering", "audit", "webhook", "csvio", "httpx", "web", "api", "app"},
	"audit":    {"account", "customer", "catalog", "ordering", "webhook", "csvio", "httpx", "web", "api", "app"},
	"csvio":    {"store", "account", "customer", "catalog", "ordering", "audit", "webhook", "httpx", "web", "api", "app"},
	"account":  {"customer", "catalog", "ordering", "webhook", "httpx", "web", "api", "app"},
	"customer": {"httpx", "web", "api", "app"},
	"catalog":  {"httpx", "web", "api", "app"},
	"ordering": {"httpx", "web", "api", "app"},
	"webhook":  {"httpx", "web", "api", "app"},
	"report":   {"account", "customer", "catalog", "ordering", "webhook", "httpx", "web", "api", "app"},
	"upload":   {"account", "customer", "catalog", "ordering", "webhook", "httpx", "web", "api", "app"},
	"events":   {"account", "customer", "catalog", "ordering", "webhook", "httpx", "web", "api", "app"},
	"web":      {"store", "api", "app"},
	"api":      {"store", "web", "app"},
}

// httpClients are the files of domain packages that may import net/http:
// the webhook delivery client (an HTTP client, never a server or handler).
var httpClients = []string{"webhook/send.go"}

// domain packages must not import net/http or templates.
var domain = []string{"account", "customer", "catalog", "ordering", "audit", "webhook", "csvio", "upload", "events", "report", "store", "model"}

func TestImportArrowsPointDown(t *testing.T) {
	root := filepath.Join("..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		pkg := filepath.ToSlash(filepath.Dir(rel))
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		isTest := strings.HasSuffix(path, "_test.go")
		top := strings.SplitN(pkg, "/", 2)[0]
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if p == "net/http" && contains(httpClients, filepath.ToSlash(rel)) {
				continue
			}
			if !isTest && contains(domain, top) && (p == "net/http" || p == "html/template" || p == "text/template") {
				t.Errorf("%s imports %s: domain packages stay free of HTTP and templates", rel, p)
			}
			if !strings.HasPrefix(p, module+"internal/") {
				continue
			}
			target := strings.SplitN(strings.TrimPrefix(p, module+"internal/"), "/", 2)[0]
			if target == top {
				continue
			}
			forbidden := rules[top]
			if isTest && (target == "app" || target == "store") {
				// Tests may start the whole app and seed data through the store.
				continue
			}
			if contains(forbidden, "*") || contains(forbidden, target) {
				t.Errorf("%s imports internal/%s: arrows must point down (see docs/ARCHITECTURE.md)", rel, target)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
