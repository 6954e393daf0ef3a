package upload

import (
	"context"
	"errors"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// Options tune an import run of any kind of file.
type Options struct {
	DryRun    bool
	FileName  string
	ImportID  string         // the dashboard upload being applied, if any
	Overrides map[int]string // the user's column mapping
	MaxRows   int            // 0 = unlimited
	// Progress, when set, is called every so many rows and at the end.
	Progress func(rows int)
}

// Job is one import run: what Run needs besides the options.
type Job struct {
	CompanyID string
	Actor     model.Actor
	Action    string // the summary audit action, e.g. CustomersImported
	// Body streams the file through the domain's rules, counting into the
	// result; tx is nil on a dry run, which reads through q only.
	Body func(q store.Queries, tx *store.Tx) error
	// Check runs before commit, for the company's limits.
	Check func(tx *store.Tx) error
}

// errRollback ends a transaction that must write nothing.
var errRollback = errors.New("rollback")

// Run runs an import the same way for every kind of file: a dry run reads
// through the read pool and writes nothing; a real run claims the dashboard
// upload (so a second apply does nothing), streams the body, and commits
// only when no row failed and the limits hold, writing the summary audit
// entry with the counts. res.Applied says whether it landed.
func Run(ctx context.Context, st *store.Store, opt Options, res *csvio.Result, job Job) error {
	run := func(q store.Queries, tx *store.Tx) error {
		if tx != nil && opt.ImportID != "" {
			if err := Claim(ctx, tx, job.CompanyID, opt.ImportID); err != nil {
				return err
			}
		}
		if err := job.Body(q, tx); err != nil {
			return err
		}
		if tx == nil || !res.OK() {
			return errRollback
		}
		if err := job.Check(tx); err != nil {
			return err
		}
		res.Applied = true
		if opt.ImportID != "" {
			if err := Finish(ctx, tx, job.CompanyID, opt.ImportID, *res); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: job.CompanyID, Actor: job.Actor, Action: job.Action,
			EntityType: "import", EntityID: opt.ImportID, Details: map[string]any{"fileName": opt.FileName, "importId": opt.ImportID,
				"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged, "rows": res.Rows}})
	}
	var err error
	if opt.DryRun {
		err = run(st.Queries, nil)
	} else {
		err = st.InTx(ctx, func(tx *store.Tx) error { return run(tx.Locking(), tx) })
	}
	if errors.Is(err, errRollback) {
		err = nil
	}
	if err != nil || !res.OK() || opt.DryRun {
		res.Applied = false
	}
	return err
}
