package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/store"
)

// cmdMigrate brings the schema up to date and exits.
func cmdMigrate(ctx context.Context, e env, args []string) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg := config.Register(fs, e.getenv)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(e.stderr, "distribu:", err)
		return 2
	}
	st, err := store.Open(ctx, cfg.DB, store.WithLogger(e.log))
	if err != nil {
		e.log.Error("open database", "error", err)
		return 1
	}
	defer st.Close()
	n, err := st.Migrate(ctx)
	if err != nil {
		e.log.Error("migrate", "error", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "migrations applied: %d\n", n)
	return 0
}
