package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// dataCommand holds what import and export share: flags, store, company.
type dataCommand struct {
	cfg     *config.Config
	company string
	dryRun  bool
	fs      *flag.FlagSet
}

func newDataCommand(e env, name string, withDryRun bool) *dataCommand {
	d := &dataCommand{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	d.fs.SetOutput(e.stderr)
	d.cfg = config.Register(d.fs, e.getenv)
	d.fs.StringVar(&d.company, "company", "", "the company's slug (required)")
	if withDryRun {
		d.fs.BoolVar(&d.dryRun, "dry-run", false, "check the file and report what would change; write nothing")
	}
	return d
}

// parse accepts flags before and after positional arguments.
func (d *dataCommand) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := d.fs.Parse(args); err != nil {
			return nil, err
		}
		if d.fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, d.fs.Arg(0))
		args = d.fs.Args()[1:]
	}
}

// open opens the store and finds the company; it prints usage errors itself
// and returns the exit status to use when it fails.
func (d *dataCommand) open(ctx context.Context, e env) (*store.Store, model.Company, int) {
	if d.company == "" {
		fmt.Fprintln(e.stderr, "distribu: --company SLUG is required")
		return nil, model.Company{}, 2
	}
	if err := d.cfg.Validate(); err != nil {
		fmt.Fprintln(e.stderr, "distribu:", err)
		return nil, model.Company{}, 2
	}
	st, err := store.Open(ctx, d.cfg.DB, store.WithLogger(e.log))
	if err != nil {
		e.log.Error("open database", "error", err)
		return nil, model.Company{}, 2
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		e.log.Error("migrate", "error", err)
		return nil, model.Company{}, 1
	}
	c, err := st.CompanyBySlug(ctx, d.company)
	if err != nil {
		st.Close()
		if model.IsCode(err, model.CodeNotFound) {
			fmt.Fprintf(e.stderr, "distribu: no company with slug %q\n", d.company)
			return nil, model.Company{}, 2
		}
		e.log.Error("company", "error", err)
		return nil, model.Company{}, 1
	}
	return st, c, 0
}

// cmdImport runs "distribu import products|customers --company SLUG FILE".
func cmdImport(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || (args[0] != "products" && args[0] != "customers") {
		fmt.Fprintln(e.stderr, "usage: distribu import products|customers --company SLUG [--dry-run] FILE")
		return 2
	}
	kind := args[0]
	d := newDataCommand(e, "import "+kind, true)
	pos, err := d.parse(args[1:])
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintf(e.stderr, "usage: distribu import %s --company SLUG [--dry-run] FILE\n", kind)
		return 2
	}
	f, err := os.Open(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "distribu: cannot read %s: %v\n", pos[0], err)
		return 2
	}
	defer f.Close()
	st, c, code := d.open(ctx, e)
	if code != 0 {
		return code
	}
	defer st.Close()
	start := time.Now()
	progress := func(rows int) {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(e.stderr, "\rrows read: %d (%.0f rows/s)", rows, float64(rows)/max(secs, 0.001))
	}
	src := bufio.NewReaderSize(f, 1<<20)
	var res csvio.Result
	if kind == "products" {
		svc := catalog.New(st, filepath.Join(d.cfg.DataDir, "images"), e.log)
		res, err = svc.ImportProducts(ctx, model.SystemActor(), c.ID, src, catalog.ImportOptions{
			DryRun: d.dryRun, FileName: filepath.Base(pos[0]), Progress: progress})
	} else {
		svc := customer.New(st, nil, d.cfg.BaseURL, e.log)
		res, err = svc.ImportCustomers(ctx, model.SystemActor(), c.ID, src, customer.ImportOptions{
			DryRun: d.dryRun, FileName: filepath.Base(pos[0]), Progress: progress})
	}
	fmt.Fprintln(e.stderr)
	if err != nil {
		fmt.Fprintln(e.stderr, "distribu: import failed:", model.ErrorMessage(err))
		e.log.Error("import", "error", err)
		return 1
	}
	return reportImport(e, res)
}

// reportImport prints one line per row error and the summary line
// `created=N updated=N unchanged=N errors=N`, and returns the exit status:
// 0 when clean, 1 when anything was wrong (nothing written).
func reportImport(e env, res csvio.Result) int {
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	fileError, missing, errs, errCount := res.FileError, res.Missing, res.Errors, res.ErrorCount
	created, updated, unchanged := res.Created, res.Updated, res.Unchanged
	if fileError != "" {
		fmt.Fprintf(w, "file: %s\n", fileError)
		errCount++
	}
	for _, m := range missing {
		fmt.Fprintf(w, "file: no column is mapped to %s\n", m)
		errCount++
	}
	for _, re := range errs {
		col := re.Column
		if col == "" {
			col = "row"
		}
		fmt.Fprintf(w, "row %d: %s: %s\n", re.Row, col, re.Message)
	}
	if hidden := errCount - len(errs) - len(missing); fileError == "" && hidden > 0 {
		fmt.Fprintf(w, "… %d more row errors not listed\n", hidden)
	}
	fmt.Fprintf(w, "created=%d updated=%d unchanged=%d errors=%d\n", created, updated, unchanged, errCount)
	if errCount > 0 {
		return 1
	}
	return 0
}

// cmdExport runs "distribu export products|customers --company SLUG".
func cmdExport(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || (args[0] != "products" && args[0] != "customers") {
		fmt.Fprintln(e.stderr, "usage: distribu export products|customers --company SLUG > file.csv")
		return 2
	}
	kind := args[0]
	d := newDataCommand(e, "export "+args[0], false)
	pos, err := d.parse(args[1:])
	if err != nil {
		return 2
	}
	if len(pos) != 0 {
		fmt.Fprintf(e.stderr, "distribu: unexpected argument %q\n", pos[0])
		return 2
	}
	st, c, code := d.open(ctx, e)
	if code != 0 {
		return code
	}
	defer st.Close()
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	if kind == "products" {
		err = catalog.New(st, filepath.Join(d.cfg.DataDir, "images"), e.log).ExportProducts(ctx, model.SystemActor(), c.ID, w)
	} else {
		err = customer.New(st, nil, d.cfg.BaseURL, e.log).ExportCustomers(ctx, model.SystemActor(), c.ID, model.CustomerFilter{}, w)
	}
	if err != nil {
		e.log.Error("export", "error", err)
		return 1
	}
	if err := w.Flush(); err != nil {
		e.log.Error("export", "error", err)
		return 1
	}
	return 0
}
