package catalog

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/events"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/upload"
)

// ProductsSchema is the products CSV: columns in export order with the
// header names accepted on import (02-catalog.md).
func ProductsSchema() csvio.Schema {
	return csvio.Schema{Columns: []csvio.Column{
		{Name: "sku", Required: true, Synonyms: []string{"sku", "itemcode", "productcode", "itemnumber", "itemid", "partnumber", "partno"}},
		{Name: "name", Required: true, Synonyms: []string{"name", "productname", "title", "itemname", "product"}},
		{Name: "description", Synonyms: []string{"description", "desc", "productdescription", "longdescription", "details"}},
		{Name: "category", Synonyms: []string{"category", "cat", "productcategory", "group", "department"}},
		{Name: "unit", Synonyms: []string{"unit", "uom", "units", "unitofmeasure"}},
		{Name: "price", Required: true, Synonyms: []string{"price", "unitprice", "listprice", "sellprice", "msrp"}},
		{Name: "stock", Required: true, Synonyms: []string{"stock", "quantity", "qty", "onhand", "qtyonhand", "quantityonhand", "inventory", "available", "stocklevel"}},
		{Name: "isActive", Synonyms: []string{"isactive", "active", "enabled", "status"}},
	}}
}

// ProgressEvery is how often ImportOptions.Progress is called.
const ProgressEvery = 10000

// ImportOptions tune an import run (the same for every kind of file).
type ImportOptions = upload.Options

// SampleCells are the preview columns of a product row.
func sampleCells(p model.Product) []string {
	return []string{p.SKU, p.Name, p.Category, p.Unit, p.Price.String(), strconv.Itoa(p.Stock), strconv.FormatBool(p.Active)}
}

// SampleHeader names the preview columns.
func SampleHeader() []string {
	return []string{"SKU", "Name", "Category", "Unit", "Price", "Stock", "Active"}
}

// ImportProducts reads a products CSV and creates or updates products
// matched by SKU, all in one transaction: any row error, or a dry run,
// writes nothing. It writes ProductsImported plus one ProductCreated or
// ProductUpdated per affected product. The file is streamed; memory does not
// grow with its length. A returned error means the import could not run
// (database, limit); row problems are in the result.
func (s *Service) ImportProducts(ctx context.Context, actor model.Actor, companyID string, src io.Reader, opt ImportOptions) (csvio.Result, error) {
	var res csvio.Result
	rd, err := csvio.Start(src, ProductsSchema(), csvio.Options{Overrides: opt.Overrides, MaxRows: opt.MaxRows}, &res)
	if err != nil || rd == nil {
		return res, err
	}
	err = upload.Run(ctx, s.Store, opt, &res, upload.Job{CompanyID: companyID, Actor: actor, Action: "ProductsImported",
		Body: func(q store.Queries, tx *store.Tx) error {
			imp := productImport{svc: s, ctx: ctx, actor: actor, companyID: companyID, q: q, tx: tx, res: &res,
				dupes: csvio.NewDupes(), opt: opt}
			return csvio.Loop(rd, &res, importBatch, imp.parse, imp.flush, opt.Progress, ProgressEvery)
		},
		Check: func(tx *store.Tx) error { return checkProductLimit(ctx, tx, companyID, 0) },
	})
	return res, err
}

// productImport is one run over a file.
type productImport struct {
	svc       *Service
	ctx       context.Context
	actor     model.Actor
	companyID string
	q         store.Queries
	tx        *store.Tx // nil for a dry run
	res       *csvio.Result
	dupes     *csvio.Dupes
	opt       ImportOptions
}

// parsedProduct is a valid row: its values and which columns the file has.
type parsedProduct struct {
	row    int
	p      model.Product
	fields map[string]bool
}

const importBatch = 1000

// parse validates one row; errors go to the result.
func (imp *productImport) parse(row csvio.Row) (parsedProduct, bool) {
	n := row.Num
	pp := parsedProduct{row: n, fields: map[string]bool{}}
	errs := 0
	fail := func(e *csvio.RowError) {
		imp.res.AddError(e)
		errs++
	}
	get := func(col string) (string, bool) {
		v, ok := row.Get(col)
		if ok {
			pp.fields[col] = true
		}
		return v, ok
	}
	sku, _ := get("sku")
	switch {
	case sku == "":
		fail(csvio.Errf(n, "sku", "sku is required"))
	default:
		if e := csvio.CheckLength(n, "sku", sku, 100); e != nil {
			fail(e)
		} else if first, dup := imp.dupes.See(sku, n); dup {
			fail(csvio.DuplicateError(n, "sku", sku, first))
		}
	}
	pp.p.SKU = sku
	if name, _ := get("name"); name == "" {
		fail(csvio.Errf(n, "name", "name is required"))
	} else if e := csvio.CheckLength(n, "name", name, 200); e != nil {
		fail(e)
	} else {
		pp.p.Name = name
	}
	if v, ok := get("description"); ok {
		if e := csvio.CheckLength(n, "description", v, 2000); e != nil {
			fail(e)
		}
		pp.p.Description = v
	}
	if v, ok := get("category"); ok {
		if e := csvio.CheckLength(n, "category", v, 100); e != nil {
			fail(e)
		}
		pp.p.Category = v
	}
	pp.p.Unit = "each"
	if v, ok := get("unit"); ok && v != "" {
		if e := csvio.CheckLength(n, "unit", v, 20); e != nil {
			fail(e)
		}
		pp.p.Unit = v
	}
	if v, _ := get("price"); v == "" {
		fail(csvio.Errf(n, "price", "price is required"))
	} else if m, e := csvio.ParseMoneyCell(n, "price", v); e != nil {
		fail(e)
	} else {
		pp.p.Price = m
	}
	if v, _ := get("stock"); v == "" {
		fail(csvio.Errf(n, "stock", "stock is required"))
	} else if st, e := csvio.ParseIntCell(n, "stock", v); e != nil {
		fail(e)
	} else if st > model.MaxStock {
		fail(csvio.Errf(n, "stock", "stock %s must be at most %d", csvio.Quote(v), model.MaxStock))
	} else {
		pp.p.Stock = st
	}
	pp.p.Active = true
	if v, ok := get("isActive"); ok {
		if b, e := csvio.ParseBoolCell(n, "isActive", v); e != nil {
			fail(e)
		} else {
			pp.p.Active = b
		}
	}
	return pp, errs == 0
}

// flush classifies the batch against the database and, when writing and no
// error has been seen, writes it.
func (imp *productImport) flush(batch []parsedProduct) error {
	skus := make([]string, len(batch))
	for i, pp := range batch {
		skus[i] = pp.p.SKU
	}
	existing, err := imp.q.ProductsBySKU(imp.ctx, imp.companyID, skus)
	if err != nil {
		return err
	}
	write := imp.tx != nil && imp.res.ErrorCount == 0
	var now = imp.svc.Store.Now()
	if imp.tx != nil {
		now = imp.tx.Now
	}
	var creates []model.Product
	var entries []audit.Entry
	var hooks []events.WebhookEvent
	for _, pp := range batch {
		old, found := existing[pp.p.SKU]
		var action string
		var p model.Product
		switch {
		case !found:
			p = pp.p
			p.ID, p.CompanyID, p.CreatedAt, p.UpdatedAt = model.NewID(), imp.companyID, now, now
			action = "create"
			if write {
				creates = append(creates, p)
				entries = append(entries, audit.Entry{CompanyID: imp.companyID, Actor: imp.actor, Action: "ProductCreated",
					EntityType: "product", EntityID: p.ID, Details: map[string]any{"after": viewOf(p), "importId": imp.opt.ImportID}})
			}
		default:
			p = merge(old, pp)
			if p == old {
				action = "unchanged"
				break
			}
			action = "update"
			p.UpdatedAt = now
			if write {
				if err := imp.tx.UpdateProduct(imp.ctx, p); err != nil {
					return err
				}
				entries = append(entries, audit.Entry{CompanyID: imp.companyID, Actor: imp.actor, Action: "ProductUpdated",
					EntityType: "product", EntityID: p.ID, Details: map[string]any{"before": viewOf(old), "after": viewOf(p), "importId": imp.opt.ImportID}})
				hooks = append(hooks, events.WebhookEvent{Event: "product.updated", Data: ProductPayload(p)})
			}
		}
		imp.res.Count(action)
		imp.res.AddSample(pp.row, action, sampleCells(p))
	}
	if write {
		if err := imp.tx.CreateProducts(imp.ctx, creates); err != nil {
			return err
		}
		if err := audit.WriteMany(imp.ctx, imp.tx, entries); err != nil {
			return err
		}
		return events.Webhooks(imp.ctx, imp.tx, imp.companyID, hooks)
	}
	return nil
}

// merge applies the columns the file has onto an existing product; absent
// columns keep their stored values.
func merge(old model.Product, pp parsedProduct) model.Product {
	p := old
	p.Name, p.Price, p.Stock = pp.p.Name, pp.p.Price, pp.p.Stock
	if pp.fields["description"] {
		p.Description = pp.p.Description
	}
	if pp.fields["category"] {
		p.Category = pp.p.Category
	}
	if pp.fields["unit"] {
		p.Unit = pp.p.Unit
	}
	if pp.fields["isActive"] {
		p.Active = pp.p.Active
	}
	return p
}

// ExportProducts writes ProductsExported and streams the company's products
// as CSV to w in the canonical columns, with formula escaping. Memory does
// not grow with the number of products.
func (s *Service) ExportProducts(ctx context.Context, actor model.Actor, companyID string, w io.Writer) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "ProductsExported", EntityType: "product"})
	})
	if err != nil {
		return fmt.Errorf("export products: %w", err)
	}
	cw := csvio.NewWriter(w)
	if err := cw.Write(ProductsSchema().Names()); err != nil {
		return err
	}
	n := 0
	err = s.Store.ExportProducts(ctx, companyID, func(p model.Product) error {
		n++
		if err := cw.Write([]string{p.SKU, p.Name, p.Description, p.Category, p.Unit, p.Price.String(),
			strconv.Itoa(p.Stock), strconv.FormatBool(p.Active)}); err != nil {
			return err
		}
		if n%1000 == 0 {
			return cw.Flush()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export products: %w", err)
	}
	return cw.Flush()
}
