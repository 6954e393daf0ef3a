package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/config"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// cmdCompany runs the operator's company commands.
func cmdCompany(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || args[0] != "limits" {
		fmt.Fprintln(e.stderr, "usage: distribu company limits SLUG [--customers N] [--products N] [--seats N] [--orders-per-month N]")
		return 2
	}
	return cmdCompanyLimits(ctx, e, args[1:])
}

// limitFlag is a limit value: a whole number ≥ 0, or "none" to remove it.
type limitFlag struct {
	set   bool
	value *int
}

func (l *limitFlag) String() string {
	if l.value == nil {
		return "none"
	}
	return strconv.Itoa(*l.value)
}

func (l *limitFlag) Set(s string) error {
	l.set = true
	if s == "none" || s == "" {
		l.value = nil
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("must be a whole number ≥ 0 or \"none\"")
	}
	l.value = &n
	return nil
}

// cmdCompanyLimits shows or sets a company's limits. Without limit flags it
// prints the current ones.
func cmdCompanyLimits(ctx context.Context, e env, args []string) int {
	fs := flag.NewFlagSet("company limits", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg := config.Register(fs, e.getenv)
	var customers, products, seats, orders limitFlag
	fs.Var(&customers, "customers", "maximum customers (or none)")
	fs.Var(&products, "products", "maximum products (or none)")
	fs.Var(&seats, "seats", "maximum staff seats (or none)")
	fs.Var(&orders, "orders-per-month", "maximum orders per calendar month (or none)")
	// The slug comes first; flags may follow it.
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprintln(e.stderr, "usage: distribu company limits SLUG [--customers N] [--products N] [--seats N] [--orders-per-month N]")
		return 2
	}
	slug := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "distribu: unexpected argument %q\n", fs.Arg(0))
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
	if _, err := st.Migrate(ctx); err != nil {
		e.log.Error("migrate", "error", err)
		return 1
	}
	accounts := account.New(st, account.Hasher{}, e.log)
	c, err := st.CompanyBySlug(ctx, slug)
	if err != nil {
		if model.IsCode(err, model.CodeNotFound) {
			fmt.Fprintf(e.stderr, "distribu: no company with slug %q\n", slug)
			return 2
		}
		e.log.Error("company", "error", err)
		return 1
	}
	if customers.set || products.set || seats.set || orders.set {
		l := c.Limits
		for _, f := range []struct {
			flag *limitFlag
			dst  **int
		}{{&customers, &l.Customers}, {&products, &l.Products}, {&seats, &l.Seats}, {&orders, &l.OrdersPerMonth}} {
			if f.flag.set {
				*f.dst = f.flag.value
			}
		}
		if c, err = accounts.SetLimits(ctx, slug, l); err != nil {
			e.log.Error("set limits", "error", err)
			return 1
		}
	}
	show := func(p *int) string {
		if p == nil {
			return "none"
		}
		return strconv.Itoa(*p)
	}
	fmt.Fprintf(e.stdout, "%s: customers=%s products=%s seats=%s orders-per-month=%s\n", c.Slug,
		show(c.Limits.Customers), show(c.Limits.Products), show(c.Limits.Seats), show(c.Limits.OrdersPerMonth))
	return 0
}
