package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/app/apptest"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

func TestAPIWebhooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		srv := apptest.Start(t, e)
		env := envOn(t, srv, "Hook Foods")
		k := env.allKey()
		r := env.call("POST", "/api/v1/webhooks", k, map[string]any{"url": "https://erp.example/in", "events": []string{"order.created", "order.shipped"}}).want(t, 201)
		d := r.Data(t)
		secret, _ := d["secret"].(string)
		if !strings.HasPrefix(secret, "whsec_") || d["isActive"] != true || len(d["events"].([]any)) != 2 {
			t.Fatalf("created %v", d)
		}
		id := d["id"].(string)
		got := env.call("GET", "/api/v1/webhooks/"+id, k, nil).want(t, 200)
		if strings.Contains(string(got.Body), secret) || strings.Contains(string(got.Body), `"secret"`) {
			t.Fatalf("the secret is returned again: %s", got.Body)
		}
		if list := env.call("GET", "/api/v1/webhooks", k, nil).want(t, 200); strings.Contains(string(list.Body), "whsec_") {
			t.Fatal("the list returns secrets")
		}
		p := env.call("PATCH", "/api/v1/webhooks/"+id, k, map[string]any{"isActive": false, "events": []string{"order.cancelled"}}).want(t, 200).Data(t)
		if p["isActive"] != false || p["url"] != "https://erp.example/in" || fmt.Sprint(p["events"]) != "[order.cancelled]" {
			t.Fatalf("patched %v", p)
		}
		for _, tc := range []struct {
			name  string
			body  any
			field string
		}{
			{"no url", map[string]any{"events": []string{"order.created"}}, "url"},
			{"ftp url", map[string]any{"url": "ftp://x.example", "events": []string{"order.created"}}, "url"},
			{"no events", map[string]any{"url": "https://x.example", "events": []string{}}, "events"},
			{"unknown event", map[string]any{"url": "https://x.example", "events": []string{"order.eaten"}}, "events"},
			{"active not a bool", map[string]any{"url": "https://x.example", "events": []string{"order.created"}, "isActive": "yes"}, "isActive"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := env.call("POST", "/api/v1/webhooks", k, tc.body).want(t, 400)
				if !strings.Contains(string(r.Body), `"field":"`+tc.field+`"`) {
					t.Fatalf("details: %s", r.Body)
				}
			})
		}
		// Ten at most.
		for i := 0; i < 9; i++ {
			env.call("POST", "/api/v1/webhooks", k, map[string]any{"url": fmt.Sprintf("https://h%d.example", i), "events": []string{"order.created"}}).want(t, 201)
		}
		env.call("POST", "/api/v1/webhooks", k, map[string]any{"url": "https://eleven.example", "events": []string{"order.created"}}).want(t, 422)
		// Newest first, cursor pages.
		page := env.call("GET", "/api/v1/webhooks?limit=4", k, nil).want(t, 200)
		items := page.List(t)
		next := page.JSON(t)["pagination"].(map[string]any)["nextCursor"].(string)
		if len(items) != 4 || items[0]["url"] != "https://h8.example" || next != items[3]["id"] {
			t.Fatalf("page %s", page.Body)
		}
		rest := env.call("GET", "/api/v1/webhooks?limit=10&cursor="+next, k, nil).want(t, 200).List(t)
		if len(rest) != 6 || rest[5]["id"] != id {
			t.Fatalf("second page %v", rest)
		}
		// Another company's key: 404, nothing changed.
		other := envOn(t, srv, "Other Foods")
		ko := other.allKey()
		other.call("GET", "/api/v1/webhooks/"+id, ko, nil).want(t, 404)
		other.call("PATCH", "/api/v1/webhooks/"+id, ko, map[string]any{"isActive": true}).want(t, 404)
		other.call("DELETE", "/api/v1/webhooks/"+id, ko, nil).want(t, 404)
		if n := len(other.call("GET", "/api/v1/webhooks", ko, nil).want(t, 200).List(t)); n != 0 {
			t.Fatalf("other company lists %d webhooks", n)
		}
		env.call("DELETE", "/api/v1/webhooks/"+id, k, nil).want(t, http.StatusNoContent)
		env.call("GET", "/api/v1/webhooks/"+id, k, nil).want(t, 404)
	})
}
