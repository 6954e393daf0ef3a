package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/webhook"
)

var staff = model.Actor{Type: model.ActorUser, ID: "u1", Label: "Sam Staff"}

// clock is a test clock the worker reads; tests move it forward.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

type fixture struct {
	st      *store.Store
	svc     *webhook.Service
	clock   *clock
	company model.Company
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	f := &fixture{st: st, clock: &clock{}}
	f.company = newCompany(t, st, "Acme")
	f.svc = webhook.New(st, quiet(), webhook.Options{AllowPrivate: true, Now: f.clock.Now, Timeout: 2 * time.Second})
	return f
}

func newCompany(t *testing.T, st *store.Store, name string) model.Company {
	t.Helper()
	now := time.Now().UTC()
	c := model.Company{ID: model.NewID(), Name: name, Slug: storetest.Name(name), ReturnWindowDays: 30, CreatedAt: now, UpdatedAt: now}
	if err := st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateCompany(context.Background(), c) }); err != nil {
		t.Fatal(err)
	}
	return c
}

// create registers a webhook and fails the test on an error.
func (f *fixture) create(t *testing.T, url string, evs ...string) (model.Webhook, string) {
	t.Helper()
	w, secret, err := f.svc.Create(context.Background(), staff, f.company.ID, webhook.Input{URL: url, Events: evs})
	if err != nil {
		t.Fatalf("create webhook: %v", err)
	}
	return w, secret
}

// emit queues an event the way a change does: inside a transaction.
func emit(t *testing.T, st *store.Store, companyID, event string, data any) {
	t.Helper()
	err := st.InTx(context.Background(), func(tx *store.Tx) error { return events.Webhook(context.Background(), tx, companyID, event, data) })
	if err != nil {
		t.Fatal(err)
	}
}

// runOnce makes one worker pass and returns how many attempts it made.
func runOnce(t *testing.T, svc *webhook.Service) int {
	t.Helper()
	n, err := svc.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("run once: %v", err)
	}
	return n
}

// hit is one request a receiver got.
type hit struct {
	Header http.Header
	Body   []byte
}

// receiver is an httptest server answering with the status codes of
// answers in turn (the last one repeats) and recording every request.
type receiver struct {
	*httptest.Server
	mu      sync.Mutex
	hits    []hit
	answers []int
}

func newReceiver(t *testing.T, answers ...int) *receiver {
	t.Helper()
	r := &receiver{answers: answers}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.hits = append(r.hits, hit{Header: req.Header.Clone(), Body: b})
		code := http.StatusOK
		if len(r.answers) > 0 {
			code = r.answers[min(len(r.hits), len(r.answers))-1]
		}
		r.mu.Unlock()
		w.WriteHeader(code)
		_, _ = w.Write([]byte("answer " + http.StatusText(code)))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) Hits() []hit {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hit(nil), r.hits...)
}

// deliveries returns the webhook's deliveries with their attempts.
func (f *fixture) deliveries(t *testing.T, w model.Webhook) []model.WebhookDelivery {
	t.Helper()
	p, err := f.svc.Deliveries(context.Background(), f.company.ID, w.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return p.Deliveries
}

// decode parses a delivery body.
func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body %s: %v", b, err)
	}
	return m
}

// emitTx queues an order.created inside tx.
func emitTx(t *testing.T, tx *store.Tx, companyID string) {
	t.Helper()
	if err := events.Webhook(context.Background(), tx, companyID, "order.created", map[string]any{"id": "rolled back"}); err != nil {
		t.Fatal(err)
	}
}
