package webhook_test

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/webhook"
)

func TestRetriesUntilDelivered(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rcv := newReceiver(t, 500, 503, 200)
		w, _ := f.create(t, rcv.URL+"/hooks", "order.created")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1", "number": 1001})

		steps := []struct {
			advance  time.Duration
			attempts int
		}{
			{0, 1},                // fails (500): next in 5 s
			{4 * time.Second, 0},  // not due yet
			{time.Second, 1},      // fails (503): next in 30 s
			{29 * time.Second, 0}, // not due yet
			{time.Second, 1},      // 200
			{time.Hour, 0},        // delivered: never again
		}
		for i, s := range steps {
			f.clock.Advance(s.advance)
			if n := runOnce(t, f.svc); n != s.attempts {
				t.Fatalf("step %d: %d attempts, want %d", i, n, s.attempts)
			}
		}
		hits := rcv.Hits()
		if len(hits) != 3 {
			t.Fatalf("receiver got %d requests, want 3", len(hits))
		}
		ds := f.deliveries(t, w)
		if len(ds) != 1 {
			t.Fatalf("%d deliveries", len(ds))
		}
		d := ds[0]
		if d.Status != model.DeliveryDelivered || d.AttemptCount != 3 || len(d.Attempts) != 3 || d.LastStatus != 200 {
			t.Fatalf("delivery %+v", d)
		}
		// Attempts are newest first with their codes, responses and errors.
		codes := []int{d.Attempts[2].StatusCode, d.Attempts[1].StatusCode, d.Attempts[0].StatusCode}
		if codes[0] != 500 || codes[1] != 503 || codes[2] != 200 {
			t.Fatalf("codes %v", codes)
		}
		if d.Attempts[2].Response != "answer Internal Server Error" || d.Attempts[2].Error != "the receiver answered 500" || d.Attempts[0].Error != "" {
			t.Fatalf("attempt log %+v", d.Attempts)
		}
		// The same event id on every try, with the headers of the spec.
		first := decode(t, hits[0].Body)
		for i, h := range hits {
			m := decode(t, h.Body)
			if m["id"] != d.EventID || !strings.HasPrefix(d.EventID, "evt_") || m["event"] != "order.created" {
				t.Fatalf("hit %d body %s", i, h.Body)
			}
			if m["timestamp"] != first["timestamp"] || m["data"].(map[string]any)["number"] != float64(1001) {
				t.Fatalf("hit %d body %s", i, h.Body)
			}
			if h.Header.Get("Content-Type") != "application/json" || h.Header.Get("X-Webhook-Event") != "order.created" ||
				h.Header.Get("X-Webhook-Id") != d.EventID || h.Header.Get("X-Webhook-Signature") == "" {
				t.Fatalf("hit %d headers %v", i, h.Header)
			}
		}
		if _, err := time.Parse(time.RFC3339, first["timestamp"].(string)); err != nil {
			t.Fatalf("timestamp: %v", err)
		}
	})
}

func TestBackoffSchedule(t *testing.T) {
	want := []time.Duration{5 * time.Second, 30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 3 * time.Hour, 3 * time.Hour}
	for i, w := range want {
		if got := webhook.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestFailsAfterTwentyFourHours(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rcv := newReceiver(t, 500)
		w, _ := f.create(t, rcv.URL, "product.low_stock")
		emit(t, st, f.company.ID, "product.low_stock", map[string]any{"id": "p1"})
		// Follow the schedule: every attempt fails; the last one whose next
		// try would fall after the deadline marks the delivery failed.
		attempts := 0
		for i := 0; i < 40; i++ {
			attempts += runOnce(t, f.svc)
			d := f.deliveries(t, w)[0]
			if d.Status == model.DeliveryFailed {
				break
			}
			if d.Status != model.DeliveryPending {
				t.Fatalf("status %s", d.Status)
			}
			f.clock.Advance(d.NextAttemptAt.Sub(f.clock.Now()) + time.Millisecond)
		}
		d := f.deliveries(t, w)[0]
		// 5 s, 30 s, 2 min, 10 min, 1 h, then 3 h: attempts at about 0 s,
		// 5 s, 35 s, 2 m 35 s, 12 m 35 s, 1 h 12 m, then every 3 h up to
		// 22 h 12 m: 13 in all.
		if d.Status != model.DeliveryFailed || attempts != 13 || d.AttemptCount != 13 || len(rcv.Hits()) != 13 {
			t.Fatalf("status %s after %d attempts (%d recorded, %d received)", d.Status, attempts, d.AttemptCount, len(rcv.Hits()))
		}
		if last := d.Attempts[0].AttemptedAt; last.Sub(d.CreatedAt) > 24*time.Hour {
			t.Fatalf("attempted after the deadline: %v", last.Sub(d.CreatedAt))
		}
		// Failed deliveries are not retried; "Send again" retries them.
		f.clock.Advance(48 * time.Hour)
		if n := runOnce(t, f.svc); n != 0 {
			t.Fatalf("failed delivery retried: %d", n)
		}
		if _, err := f.svc.Redeliver(context.Background(), staff, f.company.ID, d.ID); err != nil {
			t.Fatal(err)
		}
		rcv.mu.Lock()
		rcv.answers = []int{204}
		rcv.mu.Unlock()
		if n := runOnce(t, f.svc); n != 1 {
			t.Fatalf("redelivery attempts %d", n)
		}
		d = f.deliveries(t, w)[0]
		if d.Status != model.DeliveryDelivered || d.AttemptCount != 14 || d.LastStatus != 204 {
			t.Fatalf("after send again: %+v", d)
		}
		if got := decode(t, rcv.Hits()[13].Body)["id"]; got != d.EventID {
			t.Fatalf("send again changed the event id: %v", got)
		}
	})
}

func TestSignatureAndRotation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rcv := newReceiver(t, 200)
		w, oldSecret := f.create(t, rcv.URL, "customer.created")
		send := func() hit {
			t.Helper()
			emit(t, st, f.company.ID, "customer.created", map[string]any{"id": "c1"})
			if n := runOnce(t, f.svc); n != 1 {
				t.Fatalf("attempts %d", n)
			}
			hits := rcv.Hits()
			return hits[len(hits)-1]
		}
		h := send()
		sig := h.Header.Get("X-Webhook-Signature")
		if strings.Contains(sig, ",") || sig != webhook.Sign(oldSecret, h.Body) || !webhook.Verify(oldSecret, h.Body, sig) {
			t.Fatalf("signature %q", sig)
		}
		if webhook.Verify(oldSecret, append(h.Body, ' '), sig) || webhook.Verify("whsec_other", h.Body, sig) {
			t.Fatal("a changed body or another secret verifies")
		}
		newSecret, err := f.svc.RotateSecret(context.Background(), staff, f.company.ID, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		// During the grace both signatures, new first.
		h = send()
		parts := strings.Split(h.Header.Get("X-Webhook-Signature"), ",")
		if len(parts) != 2 || parts[0] != webhook.Sign(newSecret, h.Body) || parts[1] != webhook.Sign(oldSecret, h.Body) {
			t.Fatalf("rotation signatures %v", parts)
		}
		if !webhook.Verify(oldSecret, h.Body, h.Header.Get("X-Webhook-Signature")) || !webhook.Verify(newSecret, h.Body, h.Header.Get("X-Webhook-Signature")) {
			t.Fatal("both secrets must verify during the grace")
		}
		// After 24 hours only the new one.
		f.clock.Advance(webhook.RotationGrace + time.Minute)
		h = send()
		sig = h.Header.Get("X-Webhook-Signature")
		if sig != webhook.Sign(newSecret, h.Body) || webhook.Verify(oldSecret, h.Body, sig) {
			t.Fatalf("after the grace: %q", sig)
		}
	})
}

func TestFanOut(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		rcv := newReceiver(t, 200)
		orders, _ := f.create(t, rcv.URL+"/orders", "order.created", "order.shipped")
		products, _ := f.create(t, rcv.URL+"/products", "product.updated")
		paused, _ := f.create(t, rcv.URL+"/paused", "order.created")
		off := false
		if _, err := f.svc.Update(ctx, staff, f.company.ID, paused.ID, webhook.Patch{IsActive: &off}); err != nil {
			t.Fatal(err)
		}
		other := newCompany(t, st, "Other")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		emit(t, st, other.ID, "order.created", map[string]any{"id": "o2"})
		if n := runOnce(t, f.svc); n != 1 {
			t.Fatalf("attempts %d, want 1 (one subscribed active webhook)", n)
		}
		if len(f.deliveries(t, orders)) != 1 || len(f.deliveries(t, products)) != 0 || len(f.deliveries(t, paused)) != 0 {
			t.Fatal("fan-out went to the wrong webhooks")
		}
		if p := rcv.Hits()[0]; decode(t, p.Body)["data"].(map[string]any)["id"] != "o1" {
			t.Fatalf("delivered %s", p.Body)
		}
		// An event no webhook listens to is not stored at all.
		if evs, _ := st.OutboxEvents(ctx, other.ID); len(evs) != 0 {
			t.Fatalf("the other company stored %d events without webhooks", len(evs))
		}
		// A rolled-back change queues nothing.
		_ = st.InTx(ctx, func(tx *store.Tx) error {
			emitTx(t, tx, f.company.ID)
			return model.Errorf(model.CodeRule, "changed my mind")
		})
		if n := runOnce(t, f.svc); n != 0 {
			t.Fatalf("rolled-back event delivered: %d", n)
		}
	})
}

func TestPrivateTargetsRefused(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		strict := webhook.New(st, quiet(), webhook.Options{Now: f.clock.Now})
		rcv := newReceiver(t, 200)
		// "localhost" resolves to loopback: the dial-time check refuses it
		// whatever the name.
		url := strings.Replace(rcv.URL, "127.0.0.1", "localhost", 1)
		w, _ := f.create(t, url, "order.created")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		if n := runOnce(t, strict); n != 1 {
			t.Fatalf("attempts %d", n)
		}
		if len(rcv.Hits()) != 0 {
			t.Fatal("a loopback target was reached")
		}
		d := f.deliveries(t, w)[0]
		a := d.Attempts[0]
		if d.Status != model.DeliveryPending || a.StatusCode != 0 || !strings.Contains(a.Error, "refused: ") ||
			!strings.Contains(a.Error, "--webhook-allow-private") {
			t.Fatalf("refused attempt %+v (delivery %s)", a, d.Status)
		}
		// Allowed, the same delivery gets through on its retry.
		f.clock.Advance(webhook.Backoff(1))
		if n := runOnce(t, f.svc); n != 1 || len(rcv.Hits()) != 1 {
			t.Fatalf("allowed retry: %d attempts, %d hits", n, len(rcv.Hits()))
		}
	})
}

func TestIsInternal(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1": true, "::1": true, "10.1.2.3": true, "172.16.0.1": true, "192.168.1.1": true,
		"169.254.169.254": true, "fe80::1": true, "fd00::1": true, "0.0.0.0": true, "::": true,
		"224.0.0.1": true, "ff02::1": true, "100.64.0.1": true, "255.255.255.255": true, "::ffff:127.0.0.1": true,
		"64:ff9b::a00:1": true, "2002:c0a8:101::1": true, "64:ff9b::808:808": false, "2002:808:808::1": false,
		"93.184.216.34": false, "2606:4700::1111": false, "8.8.8.8": false, "100.128.0.1": false,
	} {
		if got := webhook.IsInternal(netip.MustParseAddr(addr)); got != want {
			t.Errorf("IsInternal(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestReceiverTimeoutIsAFailedAttempt(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		slow := webhook.New(st, quiet(), webhook.Options{AllowPrivate: true, Now: f.clock.Now, Timeout: 200 * time.Millisecond})
		block := make(chan struct{})
		rcv := newReceiver(t)
		rcv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block })
		t.Cleanup(func() { close(block) })
		w, _ := f.create(t, rcv.URL, "order.created")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		start := time.Now()
		runOnce(t, slow)
		if time.Since(start) > 5*time.Second {
			t.Fatal("the timeout did not cut the attempt")
		}
		a := f.deliveries(t, w)[0].Attempts[0]
		if a.StatusCode != 0 || !strings.Contains(a.Error, "timed out") {
			t.Fatalf("attempt %+v", a)
		}
	})
}
