package main

import (
	"context"
	"flag"
	"fmt"
	"net"

	"github.com/distribu/distribu/internal/app"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/demo"
)

// cmdServe runs the web server until SIGINT or SIGTERM.
func cmdServe(ctx context.Context, e env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg := config.Register(fs, e.getenv)
	cfg.RegisterServe(fs, e.getenv)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(e.stderr, "distribu:", err)
		return 2
	}
	a, err := app.New(ctx, *cfg, e.log, app.Options{})
	if err != nil {
		e.log.Error("start", "error", err)
		return 1
	}
	defer a.Close()
	if cfg.Demo {
		res, err := demo.Seed(ctx, a.Accounts, a.Catalog, a.Customers, e.log)
		if err != nil {
			e.log.Error("demo", "error", err)
			return 1
		}
		if res.Seeded {
			fmt.Fprintf(e.stderr, "\n  Demo company ready.\n  Dashboard:  %s/login\n    Sign in as %s with password %s\n",
				cfg.BaseURL, demo.OwnerEmail, res.OwnerPassword)
			fmt.Fprintf(e.stderr, "  Storefront: %s/store/%s/login\n    every one of these signs in with password %s:\n", cfg.BaseURL, demo.CompanySlug, res.ShopPassword)
			for _, l := range res.ShopLogins {
				fmt.Fprintf(e.stderr, "      %-44s %s\n", l.Email, l.Role)
			}
			fmt.Fprintf(e.stderr, "  REST API:   %s/api/v1 (every scope; make your own in Settings → API keys)\n", cfg.BaseURL)
			fmt.Fprintf(e.stderr, "    curl -H 'Authorization: Bearer %s' %s/api/v1/orders\n", res.APIKey, cfg.BaseURL)
			fmt.Fprintln(e.stderr)
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		e.log.Error("listen", "addr", cfg.Addr, "error", err)
		return 1
	}
	if err := a.Serve(ctx, ln); err != nil {
		e.log.Error("serve", "error", err)
		return 1
	}
	e.log.Info("stopped")
	return 0
}
