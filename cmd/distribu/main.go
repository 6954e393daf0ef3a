// Command distribu runs the Distribu wholesale ordering platform: the web
// server (dashboard, storefront, API, workers) and its operator commands.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env bundles what a command may touch, so commands are testable.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// command is one subcommand; it returns the process exit status.
type command func(ctx context.Context, e env, args []string) int

// run dispatches to a subcommand and returns the exit status: 0 success,
// 1 failure, 2 usage error.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	commands := map[string]command{
		"serve":   cmdServe,
		"migrate": cmdMigrate,
		"version": cmdVersion,
		"company": cmdCompany,
		"import":  cmdImport,
		"export":  cmdExport,
	}
	name := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "distribu: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	return cmd(ctx, e, args)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: distribu [command] [flags]

Commands:
  serve      run the web server (the default); --demo seeds a demo company on an empty database
  migrate    bring the database schema up to date and exit
  import     import products|customers --company SLUG [--dry-run] FILE   (streams files of any size)
  export     export products|customers --company SLUG > FILE.csv
  company    operator commands: company limits SLUG --customers N --products N --seats N --orders-per-month N
  version    print the version

Every command takes --db and --data-dir (or DISTRIBU_DB, DISTRIBU_DATA_DIR).
Run "distribu COMMAND -h" for the flags of a command.
`)
}

func cmdVersion(_ context.Context, e env, _ []string) int {
	fmt.Fprintf(e.stdout, "distribu %s\n", version)
	return 0
}
