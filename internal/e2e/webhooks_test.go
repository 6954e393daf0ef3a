package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// TestWebhooksAcrossProcesses runs two serve processes on one PostgreSQL
// database with their webhook workers: storefront sign-ups on either one
// reach the receiver exactly once each, and both processes stop gracefully
// with their workers.
func TestWebhooksAcrossProcesses(t *testing.T) {
	if os.Getenv(storetest.EnvPostgres) == "" {
		t.Skipf("needs PostgreSQL: set %s to a postgres:// URL to run it", storetest.EnvPostgres)
	}
	var mu sync.Mutex
	got := map[string]int{}
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		mu.Lock()
		got[r.Header.Get("X-Webhook-Id")]++
		mu.Unlock()
	}))
	t.Cleanup(rcv.Close)

	dsn := storetest.PostgresDSN(t)
	a := startServe(t, dsn, "--webhook-allow-private")
	b := startServe(t, dsn, "--webhook-allow-private")
	c := newClient(t)
	cookie := signup(t, c, a.URL, "Hook Cluster", "Hana", "hana@hookcluster.example")
	r := post(t, c, b.URL+"/dashboard/settings/webhooks", url.Values{"url": {rcv.URL + "/in"}, "events": {"customer.created"}, "isActive": {"true"}}, cookie)
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/dashboard/settings/webhooks/") {
		t.Fatalf("create webhook on B: %d %q\n%s", r.Status, r.Location(), r.Body)
	}

	const n = 12
	for i := range n {
		srv := []*Server{a, b}[i%2]
		shopper := newClient(t)
		r := post(t, shopper, srv.URL+"/store/hook-cluster/register", url.Values{"name": {fmt.Sprintf("Buyer %d", i)},
			"email": {fmt.Sprintf("buyer%d@hookcluster.example", i)}, "password": {"correct horse battery"}}, nil)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("register %d on %s: %d\n%s", i, srv.Addr, r.Status, r.Body)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		k := len(got)
		mu.Unlock()
		if k == n || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A little longer, so a second sending would show.
	time.Sleep(1500 * time.Millisecond)
	mu.Lock()
	seen := map[string]int{}
	for id, k := range got {
		seen[id] = k
	}
	mu.Unlock()
	if len(seen) != n {
		t.Fatalf("receiver got %d distinct events, want %d", len(seen), n)
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("event %s delivered %d times", id, k)
		}
	}
	a.Stop(t)
	b.Stop(t)
}

// TestWebhookSurvivesKill kills the process (SIGKILL) after a change whose
// delivery has not succeeded yet; the next process on the same database
// delivers it with the same event id.
func TestWebhookSurvivesKill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		var mu sync.Mutex
		var ids []string
		failing := true
		rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			ids = append(ids, r.Header.Get("X-Webhook-Id"))
			if failing {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		}))
		t.Cleanup(rcv.Close)
		count := func() int {
			mu.Lock()
			defer mu.Unlock()
			return len(ids)
		}
		waitFor := func(n int, within time.Duration) {
			t.Helper()
			deadline := time.Now().Add(within)
			for count() < n {
				if time.Now().After(deadline) {
					t.Fatalf("receiver got %d requests, want %d", count(), n)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}

		dsn := storetest.DSN(t, e)
		a := startServe(t, dsn, "--webhook-allow-private")
		c := newClient(t)
		cookie := signup(t, c, a.URL, "Kill Hooks", "Kim", "kim@killhooks.example")
		r0 := post(t, c, a.URL+"/dashboard/settings/webhooks", url.Values{"url": {rcv.URL}, "events": {"customer.created"}, "isActive": {"true"}}, cookie)
		if r0.Status != http.StatusSeeOther || !strings.HasPrefix(r0.Location(), "/dashboard/settings/webhooks/") {
			t.Fatalf("create webhook: %d %s\n%s", r0.Status, r0.Location(), r0.Body)
		}
		r := post(t, newClient(t), a.URL+"/store/kill-hooks/register", url.Values{"name": {"Buyer"}, "email": {"buyer@killhooks.example"},
			"password": {"correct horse battery"}}, nil)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("register: %d\n%s", r.Status, r.Body)
		}
		waitFor(1, 10*time.Second) // the first attempt fails (503); the next is due in 5 s
		// Kill once the failed attempt is on record: a process killed in the
		// middle of an attempt keeps its lease (2 minutes) before another
		// process may try (see TestExpiredLeaseIsClaimedAgain).
		page := strings.SplitN(r0.Location(), "#", 2)[0]
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(get(t, c, a.URL+page, cookie).Body, "<td>503</td>") {
			if time.Now().After(deadline) {
				t.Fatalf("the failed attempt never showed on %s", page)
			}
			time.Sleep(50 * time.Millisecond)
		}
		a.Kill(t)

		mu.Lock()
		failing = false
		mu.Unlock()
		startServe(t, dsn, "--webhook-allow-private")
		waitFor(2, 20*time.Second)
		mu.Lock()
		defer mu.Unlock()
		if ids[0] == "" || ids[1] != ids[0] {
			t.Fatalf("retried with another id: %v", ids)
		}
	})
}
