package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/webhook"
)

// openDSN opens and migrates a store on an existing database.
func openDSN(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn, store.WithLogger(quiet()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// A process that commits a change and dies before its worker runs loses
// nothing: the outbox row and its deliveries were written in the change's
// transaction, and the next process (a new store and Service on the same
// database) delivers them.
func TestNothingLostWhenTheProcessDies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		dsn := storetest.DSN(t, e)
		rcv := newReceiver(t, 200)

		first := openDSN(t, dsn)
		f := newFixture(t, first)
		w, _ := f.create(t, rcv.URL, "order.created")
		emit(t, first, f.company.ID, "order.created", map[string]any{"id": "o1"})
		// The "process" dies: its worker never ran.
		if err := first.Close(); err != nil {
			t.Fatal(err)
		}
		if len(rcv.Hits()) != 0 {
			t.Fatal("delivered before the worker ran")
		}

		second := openDSN(t, dsn)
		t.Cleanup(func() { second.Close() })
		svc := webhook.New(second, quiet(), webhook.Options{AllowPrivate: true})
		if n := runOnce(t, svc); n != 1 || len(rcv.Hits()) != 1 {
			t.Fatalf("after restart: %d attempts, %d received", n, len(rcv.Hits()))
		}
		p, err := svc.Deliveries(context.Background(), f.company.ID, w.ID, "")
		if err != nil || p.Deliveries[0].Status != model.DeliveryDelivered {
			t.Fatalf("delivery after restart: %+v %v", p, err)
		}
	})
}

// A worker that dies holding a claim leaves the delivery to another worker
// once the lease ends.
func TestExpiredLeaseIsClaimedAgain(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rcv := newReceiver(t, 200)
		w, _ := f.create(t, rcv.URL, "order.created")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		now := f.clock.Now().UTC()
		var claimed []store.DueDelivery
		if err := st.InTx(context.Background(), func(tx *store.Tx) error {
			var err error
			claimed, err = tx.ClaimWebhookDeliveries(context.Background(), now, now.Add(webhook.Lease), 10)
			return err
		}); err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %d %v", len(claimed), err)
		}
		// The claimer "dies". Within the lease nobody else takes it.
		if n := runOnce(t, f.svc); n != 0 {
			t.Fatalf("leased delivery sent by another worker: %d", n)
		}
		f.clock.Advance(webhook.Lease + time.Second)
		if n := runOnce(t, f.svc); n != 1 || f.deliveries(t, w)[0].Status != model.DeliveryDelivered {
			t.Fatalf("after the lease: %d attempts", n)
		}
	})
}

// Two workers (two Services, each with its own connection pool, as two
// processes would have) on one PostgreSQL database never send one delivery
// twice, let alone at the same time.
func TestTwoWorkersNeverDeliverTwice(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	a, b := openDSN(t, dsn), openDSN(t, dsn)
	t.Cleanup(func() { a.Close(); b.Close() })
	f := newFixture(t, a)

	var mu sync.Mutex
	got := map[string]int{}
	var inFlight, maxInFlight atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Webhook-Id")
		cur := inFlight.Add(1)
		for {
			m := maxInFlight.Load()
			if cur <= m || maxInFlight.CompareAndSwap(m, cur) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		mu.Lock()
		got[id+" "+r.URL.Path]++
		mu.Unlock()
		inFlight.Add(-1)
	}))
	t.Cleanup(srv.Close)
	const hooks, eventsN = 3, 40
	for i := range hooks {
		f.create(t, fmt.Sprintf("%s/h%d", srv.URL, i), "order.created")
	}
	for i := range eventsN {
		emit(t, a, f.company.ID, "order.created", map[string]any{"id": i})
	}
	opt := webhook.Options{AllowPrivate: true, BatchSize: 7, Concurrency: 4}
	workers := []*webhook.Service{webhook.New(a, quiet(), opt), webhook.New(b, quiet(), opt), webhook.New(a, quiet(), opt), webhook.New(b, quiet(), opt)}
	var wg sync.WaitGroup
	var total atomic.Int32
	for _, w := range workers {
		wg.Go(func() {
			for total.Load() < hooks*eventsN {
				n, err := w.RunOnce(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				total.Add(int32(n))
				if n == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		})
	}
	wg.Wait()
	if total.Load() != hooks*eventsN {
		t.Fatalf("%d attempts, want %d", total.Load(), hooks*eventsN)
	}
	if len(got) != hooks*eventsN {
		t.Fatalf("%d distinct deliveries received, want %d", len(got), hooks*eventsN)
	}
	for k, n := range got {
		if n != 1 {
			t.Fatalf("%s received %d times", k, n)
		}
	}
	if maxInFlight.Load() < 2 {
		t.Logf("the workers never overlapped (max in flight %d)", maxInFlight.Load())
	}
}

// Cleanup removes finished deliveries and events older than the retention
// and keeps everything still pending.
func TestCleanupKeepsPending(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ok, failing := newReceiver(t, 200), newReceiver(t, 500)
		good, _ := f.create(t, ok.URL, "order.created")
		bad, _ := f.create(t, failing.URL, "order.shipped")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		emit(t, st, f.company.ID, "order.shipped", map[string]any{"id": "o1"})
		emit(t, st, f.company.ID, "customer.created", map[string]any{"id": "c1"}) // nobody subscribes: not stored
		if n := runOnce(t, f.svc); n != 2 {
			t.Fatalf("attempts %d", n)
		}
		ctx := context.Background()
		if err := f.svc.Cleanup(ctx); err != nil {
			t.Fatal(err)
		}
		if evs, _ := st.OutboxEvents(ctx, f.company.ID); len(evs) != 2 || len(f.deliveries(t, good)) != 1 {
			t.Fatal("clean-up removed recent rows")
		}
		f.clock.Advance(webhook.Retention + time.Hour)
		if err := f.svc.Cleanup(ctx); err != nil {
			t.Fatal(err)
		}
		evs, _ := st.OutboxEvents(ctx, f.company.ID)
		if len(evs) != 1 || evs[0].Event != "order.shipped" {
			t.Fatalf("events left: %+v", evs)
		}
		if len(f.deliveries(t, good)) != 0 || len(f.deliveries(t, bad)) != 1 {
			t.Fatal("clean-up must remove the delivered one and keep the pending one")
		}
	})
}

// Run polls on its own, and stops when its context ends.
func TestRunDeliversAndStops(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rcv := newReceiver(t, 200)
		f.create(t, rcv.URL, "order.created")
		svc := webhook.New(st, quiet(), webhook.Options{AllowPrivate: true, PollInterval: 20 * time.Millisecond})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			svc.Run(ctx)
		}()
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		deadline := time.Now().Add(5 * time.Second)
		for len(rcv.Hits()) == 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not stop")
		}
		if len(rcv.Hits()) != 1 {
			t.Fatalf("received %d", len(rcv.Hits()))
		}
	})
}

// A webhook deleted while its delivery is in flight: the attempt is
// dropped quietly.
func TestWebhookDeletedDuringDelivery(t *testing.T) {
	storetest.Run(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		var w model.Webhook
		rcv := newReceiver(t)
		rcv.Config.Handler = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if err := f.svc.Delete(context.Background(), staff, f.company.ID, w.ID); err != nil {
				t.Error(err)
			}
		})
		w, _ = f.create(t, rcv.URL, "order.created")
		emit(t, st, f.company.ID, "order.created", map[string]any{"id": "o1"})
		if n := runOnce(t, f.svc); n != 1 {
			t.Fatalf("attempts %d", n)
		}
	})
}
