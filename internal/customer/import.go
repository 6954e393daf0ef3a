package customer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/upload"
)

// CustomersSchema is the customers CSV of 03-customers.md.
func CustomersSchema() csvio.Schema {
	return csvio.Schema{Columns: []csvio.Column{
		{Name: "email", Required: true, Synonyms: []string{"email", "emailaddress", "mail", "contactemail", "customeremail"}},
		{Name: "name", Synonyms: []string{"name", "fullname", "customername", "contactname", "companyname", "company", "businessname"}},
		{Name: "status", Synonyms: []string{"status", "state", "accountstatus"}},
		{Name: "notes", Synonyms: []string{"notes", "note", "comments", "comment", "remarks"}},
		{Name: "creditLimit", Synonyms: []string{"creditlimit", "credit", "limit", "creditline"}},
	}}
}

// SampleHeader names the preview columns.
func SampleHeader() []string { return []string{"Email", "Name", "Status", "Notes", "Credit limit"} }

// ProgressEvery is how often ImportOptions.Progress is called.
const ProgressEvery = 10000

const importBatch = 1000

// ImportOptions tune an import run (the same for every kind of file).
type ImportOptions = upload.Options

// ImportCustomers reads a customers CSV and creates or updates customers
// matched by lower-cased e-mail, all in one transaction: any row error, or a
// dry run, writes nothing. Absent columns leave fields unchanged; empty
// cells set them to null (status: ACTIVE). It never sets passwords. It
// writes CustomersImported plus CustomerCreated, CustomerUpdated and
// CustomerStatusChanged per affected customer; blocking ends sessions. The
// file is streamed. A returned error means the import could not run (for
// example a concurrent change created one of the customers: CodeConflict,
// nothing written); row problems are in the result.
func (s *Service) ImportCustomers(ctx context.Context, actor model.Actor, companyID string, src io.Reader, opt ImportOptions) (csvio.Result, error) {
	var res csvio.Result
	rd, err := csvio.Start(src, CustomersSchema(), csvio.Options{Overrides: opt.Overrides, MaxRows: opt.MaxRows}, &res)
	if err != nil || rd == nil {
		return res, err
	}
	err = upload.Run(ctx, s.Store, opt, &res, upload.Job{CompanyID: companyID, Actor: actor, Action: "CustomersImported",
		Body: func(q store.Queries, tx *store.Tx) error {
			imp := customerImport{ctx: ctx, actor: actor, companyID: companyID, q: q, tx: tx, res: &res, dupes: csvio.NewDupes(), opt: opt, now: s.Store.Now()}
			if tx != nil {
				imp.now = tx.Now
			}
			return csvio.Loop(rd, &res, importBatch, imp.parse, imp.flush, opt.Progress, ProgressEvery)
		},
		Check: func(tx *store.Tx) error { return checkCustomerLimit(ctx, tx, companyID) },
	})
	if model.IsCode(err, model.CodeConflict) {
		err = &model.Error{Code: model.CodeConflict, Err: err,
			Message: "Another change added one of these customers while the import ran; nothing was imported. Run the import again."}
	}
	return res, err
}

// atCustomerLimit reports whether the company already has as many
// customers as its limit allows (false when it has no limit).
func atCustomerLimit(ctx context.Context, tx *store.Tx, company model.Company) (bool, error) {
	if company.Limits.Customers == nil {
		return false, nil
	}
	n, err := tx.CountCustomers(ctx, company.ID)
	if err != nil {
		return false, err
	}
	return n >= *company.Limits.Customers, nil
}

// checkCustomerLimit refuses an import that would leave the company over
// its customer limit.
func checkCustomerLimit(ctx context.Context, tx *store.Tx, companyID string) error {
	c, err := tx.Locking().Company(ctx, companyID)
	if err != nil || c.Limits.Customers == nil {
		return err
	}
	n, err := tx.CountCustomers(ctx, companyID)
	if err != nil {
		return err
	}
	if n > *c.Limits.Customers {
		return &model.Error{Code: model.CodeRule, Message: fmt.Sprintf(
			"This import would bring your customers to %d, over your company's limit of %d. Nothing was imported.", n, *c.Limits.Customers)}
	}
	return nil
}

// parsedCustomer is a valid row: its values and which columns the file has.
type parsedCustomer struct {
	row    int
	c      model.Customer
	fields map[string]bool
}

type customerImport struct {
	ctx       context.Context
	actor     model.Actor
	companyID string
	q         store.Queries
	tx        *store.Tx
	res       *csvio.Result
	dupes     *csvio.Dupes
	opt       ImportOptions
	now       time.Time
}

func (imp *customerImport) parse(row csvio.Row) (parsedCustomer, bool) {
	n := row.Num
	pc := parsedCustomer{row: n, fields: map[string]bool{}}
	errs := 0
	fail := func(e *csvio.RowError) {
		imp.res.AddError(e)
		errs++
	}
	get := func(col string) (string, bool) {
		v, ok := row.Get(col)
		if ok {
			pc.fields[col] = true
		}
		return v, ok
	}
	raw, _ := get("email")
	email, e := csvio.ParseEmailCell(n, "email", raw)
	if e != nil {
		fail(e)
	} else if first, dup := imp.dupes.See(email, n); dup {
		fail(csvio.DuplicateError(n, "email", email, first))
	}
	pc.c.Email = email
	if v, ok := get("name"); ok {
		if e := csvio.CheckLength(n, "name", v, 100); e != nil {
			fail(e)
		}
		pc.c.Name = v
	}
	pc.c.Status = model.CustomerActive
	if v, ok := get("status"); ok && v != "" {
		st, e := csvio.ParseChoiceCell(n, "status", strings.ToUpper(v), string(model.CustomerActive), string(model.CustomerBlocked))
		if e != nil {
			e.Message = fmt.Sprintf("status %s must be ACTIVE or BLOCKED", csvio.Quote(v))
			fail(e)
		} else {
			pc.c.Status = model.CustomerStatus(st)
		}
	}
	if v, ok := get("notes"); ok {
		if e := csvio.CheckLength(n, "notes", v, 2000); e != nil {
			fail(e)
		}
		pc.c.Notes = v
	}
	if v, ok := get("creditLimit"); ok && v != "" {
		m, e := csvio.ParseMoneyCell(n, "creditLimit", v)
		if e != nil {
			fail(e)
		} else {
			pc.c.CreditLimit = &m
		}
	}
	return pc, errs == 0
}

// merge applies the file's columns onto an existing customer.
func merge(old model.Customer, pc parsedCustomer) model.Customer {
	c := old
	if pc.fields["name"] {
		c.Name = pc.c.Name
	}
	if pc.fields["status"] {
		c.Status = pc.c.Status
	}
	if pc.fields["notes"] {
		c.Notes = pc.c.Notes
	}
	if pc.fields["creditLimit"] {
		c.CreditLimit = pc.c.CreditLimit
	}
	return c
}

func sampleCells(c model.Customer) []string {
	credit := ""
	if c.CreditLimit != nil {
		credit = c.CreditLimit.String()
	}
	return []string{c.Email, c.Name, string(c.Status), c.Notes, credit}
}

func (imp *customerImport) flush(batch []parsedCustomer) error {
	emails := make([]string, len(batch))
	for i, pc := range batch {
		emails[i] = pc.c.Email
	}
	existing, err := imp.q.CustomersByEmail(imp.ctx, imp.companyID, emails)
	if err != nil {
		return err
	}
	contacts, err := imp.q.ContactEmails(imp.ctx, imp.companyID, emails)
	if err != nil {
		return err
	}
	write := imp.tx != nil && imp.res.ErrorCount == 0
	var creates []model.Customer
	var entries []audit.Entry
	var hooks []events.WebhookEvent
	for _, pc := range batch {
		old, found := existing[pc.c.Email]
		if !found && contacts[pc.c.Email] {
			// The e-mail signs in as a contact: a customer cannot take it.
			imp.res.AddError(csvio.Errf(pc.row, "email", "email %s already signs in as a contact of another customer", csvio.Quote(pc.c.Email)))
			write = false
			continue
		}
		var action string
		var c model.Customer
		switch {
		case !found:
			action = "create"
			c = pc.c
			c.ID, c.CompanyID = model.NewID(), imp.companyID
			c.CreatedAt, c.UpdatedAt = imp.now, imp.now
			if write {
				creates = append(creates, c)
				entries = append(entries, audit.Entry{CompanyID: imp.companyID, Actor: imp.actor, Action: "CustomerCreated",
					EntityType: "customer", EntityID: c.ID, Details: map[string]any{"after": viewOf(c), "importId": imp.opt.ImportID}})
				hooks = append(hooks, events.WebhookEvent{Event: "customer.created", Data: customerPayload(c)})
			}
		default:
			c = merge(old, pc)
			if sameFields(old, c) && old.Status == c.Status {
				action = "unchanged"
				break
			}
			action = "update"
			c.UpdatedAt = imp.now
			if write {
				if err := imp.writeUpdate(old, c, &entries); err != nil {
					return err
				}
				hooks = append(hooks, events.WebhookEvent{Event: "customer.updated", Data: customerPayload(c)})
			}
		}
		imp.res.Count(action)
		imp.res.AddSample(pc.row, action, sampleCells(c))
	}
	if write && imp.res.ErrorCount == 0 {
		if err := imp.tx.CreateCustomers(imp.ctx, creates); err != nil {
			return err
		}
		if err := audit.WriteMany(imp.ctx, imp.tx, entries); err != nil {
			return err
		}
		// customer.created and customer.updated, one per changed row.
		return events.Webhooks(imp.ctx, imp.tx, imp.companyID, hooks)
	}
	return nil
}

// writeUpdate saves one changed customer with CustomerUpdated and/or
// CustomerStatusChanged (which ends sessions when blocking).
func (imp *customerImport) writeUpdate(old, c model.Customer, entries *[]audit.Entry) error {
	if !sameFields(old, c) {
		withOldStatus := c
		withOldStatus.Status = old.Status
		if err := imp.tx.UpdateCustomer(imp.ctx, old, withOldStatus); err != nil {
			return err
		}
		*entries = append(*entries, audit.Entry{CompanyID: imp.companyID, Actor: imp.actor, Action: "CustomerUpdated",
			EntityType: "customer", EntityID: c.ID, Details: map[string]any{"before": viewOf(old), "after": viewOf(withOldStatus), "importId": imp.opt.ImportID}})
		old = withOldStatus
	}
	if old.Status != c.Status {
		return changeStatus(imp.ctx, imp.tx, imp.actor, old, c)
	}
	return nil
}

// ExportCustomers writes CustomersExported and streams the company's
// customers matching f (newest first) as CSV in the canonical columns with
// formula escaping; memory does not grow with the count.
func (s *Service) ExportCustomers(ctx context.Context, actor model.Actor, companyID string, f model.CustomerFilter, w io.Writer) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "CustomersExported", EntityType: "customer",
			Details: map[string]any{"q": f.Query, "status": f.Status}})
	})
	if err != nil {
		return fmt.Errorf("export customers: %w", err)
	}
	cw := csvio.NewWriter(w)
	if err := cw.Write(CustomersSchema().Names()); err != nil {
		return err
	}
	n := 0
	err = s.Store.ExportCustomers(ctx, companyID, f, func(c model.Customer) error {
		n++
		if err := cw.Write(sampleCells(c)); err != nil {
			return err
		}
		if n%1000 == 0 {
			return cw.Flush()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export customers: %w", err)
	}
	return cw.Flush()
}

// UploadCustomers checks and keeps a customers CSV for preview.
func (s *Service) UploadCustomers(ctx context.Context, actor model.Actor, companyID, fileName string, content []byte) (model.ImportUpload, error) {
	if err := upload.Check("customers", content, s.UploadLimits, CustomersSchema()); err != nil {
		return model.ImportUpload{}, err
	}
	return upload.Save(ctx, s.Store, companyID, "customers", fileName, content, actor.Label)
}

// PreviewCustomers runs a dry run of an upload with its current mapping.
func (s *Service) PreviewCustomers(ctx context.Context, actor model.Actor, companyID, importID string) (model.ImportUpload, csvio.Result, error) {
	u, err := upload.Load(ctx, s.Store, companyID, "customers", importID)
	if err != nil {
		return u, csvio.Result{}, err
	}
	res, err := s.ImportCustomers(ctx, actor, companyID, bytes.NewReader(u.Content),
		ImportOptions{DryRun: true, FileName: u.FileName, ImportID: u.ID, Overrides: u.Overrides})
	return u, res, err
}

// MapCustomers stores the user's column mapping of an upload.
func (s *Service) MapCustomers(ctx context.Context, companyID, importID string, overrides map[int]string) error {
	return upload.Map(ctx, s.Store, companyID, "customers", importID, overrides)
}

// ApplyCustomers applies an upload in one transaction, re-validated now. A
// second apply does nothing and says so (CodeConflict).
func (s *Service) ApplyCustomers(ctx context.Context, actor model.Actor, companyID, importID string) (csvio.Result, error) {
	u, err := upload.Load(ctx, s.Store, companyID, "customers", importID)
	if err != nil {
		return csvio.Result{}, err
	}
	if !u.AppliedAt.IsZero() {
		return csvio.Result{}, upload.ErrAlreadyApplied()
	}
	return s.ImportCustomers(ctx, actor, companyID, bytes.NewReader(u.Content),
		ImportOptions{FileName: u.FileName, ImportID: u.ID, Overrides: u.Overrides})
}
