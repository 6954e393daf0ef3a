// Package app is the composition root: it opens the store, migrates, builds
// the services, mounts the dashboard, storefront and health routes, starts
// the background workers and stops everything gracefully.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/api"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/httpx"
	"github.com/distribu/distribu/internal/mail"
	"github.com/distribu/distribu/internal/ordering"
	"github.com/distribu/distribu/internal/report"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/upload"
	"github.com/distribu/distribu/internal/web"
	"github.com/distribu/distribu/internal/web/shop"
	"github.com/distribu/distribu/internal/web/staff"
	"github.com/distribu/distribu/internal/webhook"
)

// Options are settings that are not part of the operator's configuration.
type Options struct {
	// Hasher overrides the password hasher (tests use cheaper costs).
	Hasher *account.Hasher
}

// App is a running Distribu: store, services and HTTP handler.
type App struct {
	Config    config.Config
	Log       *slog.Logger
	Store     *store.Store
	Accounts  *account.Service
	Catalog   *catalog.Service
	Customers *customer.Service
	Ordering  *ordering.Service
	Reports   *report.Service
	Webhooks  *webhook.Service
	// CatalogCache keeps the storefront's rendered catalog lists.
	CatalogCache *shop.CatalogCache
	handler      http.Handler
}

// New opens and migrates the database and builds the services and routes.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opt Options) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.DB, store.WithLogger(log))
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	hasher := account.Hasher{}
	if opt.Hasher != nil {
		hasher = *opt.Hasher
	}
	a := &App{Config: cfg, Log: log, Store: st, Accounts: account.New(st, hasher, log),
		Catalog: catalog.New(st, filepath.Join(cfg.DataDir, "images"), log)}
	limits := upload.Limits{MaxBytes: cfg.ImportMaxBytes, MaxRows: cfg.ImportMaxRows}
	a.Catalog.UploadLimits = limits
	mailer, err := mail.New(cfg.SMTPURL, "Distribu <no-reply@"+hostOf(cfg.BaseURL)+">", log)
	if err != nil {
		st.Close()
		return nil, err
	}
	a.Customers = customer.New(st, mailer, cfg.BaseURL, log)
	a.Customers.Hasher = hasher
	a.Customers.UploadLimits = limits
	pages, err := web.NewRenderer(log)
	if err != nil {
		st.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /static/", web.Static())
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	a.Ordering = ordering.New(st, log)
	a.Webhooks = webhook.New(st, log, webhook.Options{AllowPrivate: cfg.WebhookAllowPrivate})
	a.CatalogCache = shop.NewCatalogCache(shop.DefaultCatalogCacheBytes, shop.DefaultCartCacheBytes)
	(&staff.Handlers{Accounts: a.Accounts, Audit: audit.Reader{Store: st}, Catalog: a.Catalog, Customers: a.Customers, Orders: a.Ordering,
		Webhooks: a.Webhooks, Pages: pages,
		SecureCookies: cfg.SecureCookies(), Log: log}).Mount(mux)
	(&shop.Handlers{Accounts: a.Accounts, Customers: a.Customers, Ordering: a.Ordering, Pages: pages,
		SecureCookies: cfg.SecureCookies(), Log: log, CatalogCache: a.CatalogCache}).Mount(mux)
	a.Reports = report.New(st)
	(&api.Server{Accounts: a.Accounts, Catalog: a.Catalog, Customers: a.Customers, Ordering: a.Ordering, Reports: a.Reports,
		Webhooks: a.Webhooks, RateLimit: cfg.APIRateLimit, Log: log}).Mount(mux)
	a.handler = httpx.Chain(mux, httpx.RequestID, httpx.Logging(log), httpx.Recover(log), httpx.SecurityHeaders, httpx.CrossOrigin,
		web.SecureCookies(cfg.SecureCookies()))
	return a, nil
}

// Handler returns the whole HTTP stack.
func (a *App) Handler() http.Handler { return a.handler }

// Close closes the store.
func (a *App) Close() error { return a.Store.Close() }

func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := a.Store.Ping(ctx); err != nil {
		a.Log.WarnContext(ctx, "not ready", "error", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// Serve serves HTTP on ln and runs the background workers until ctx ends,
// then stops taking requests, lets in-flight requests finish (up to 20
// seconds) and returns.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	workers, stopWorkers := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { a.runJanitor(workers) })
	// One webhook worker per process; several processes on one PostgreSQL
	// database claim different deliveries.
	wg.Go(func() { a.Webhooks.Run(workers) })
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.Log.Info("serving", "addr", ln.Addr().String(), "engine", a.Store.Engine(), "base_url", a.Config.BaseURL)
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		a.Log.Info("shutting down: finishing in-flight requests")
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
	}
	stopWorkers()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// runJanitor removes expired staff and storefront sessions, stale sign-in
// counters and old webhook deliveries every hour.
func (a *App) runJanitor(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := a.Accounts.Cleanup(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("cleanup", "error", err)
		}
		if err := a.Customers.Cleanup(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("cleanup", "error", err)
		}
		if err := a.Webhooks.Cleanup(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("cleanup", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// hostOf returns the host of a base URL for the sender address.
func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Hostname() == "" {
		return "localhost"
	}
	return u.Hostname()
}
