package csvio

import (
	"errors"
	"fmt"
	"io"
)

// MaxListedErrors is how many row errors a Result lists; all are counted.
const MaxListedErrors = 100

// MaxSampleRows is how many rows a Result keeps for a preview.
const MaxSampleRows = 10

// MappedColumn is one header of a file and the column it feeds.
type MappedColumn struct {
	Index  int
	Header string
	Column string // "" when ignored
}

// SampleRow is a row as it will be stored, for a preview.
type SampleRow struct {
	Row    int
	Action string // create, update, unchanged
	Cells  []string
}

// Result is what an import run found and did: the same shape for every kind
// of file, so the dashboard, the command line and the API report alike.
type Result struct {
	Created, Updated, Unchanged int
	Rows                        int
	Errors                      []*RowError // the first MaxListedErrors
	ErrorCount                  int
	FileError                   string   // the file as a whole is unusable
	Missing                     []string // required columns no header maps to
	Mapping                     []MappedColumn
	Sample                      []SampleRow
	Applied                     bool
}

// OK reports whether the run found no problem.
func (r Result) OK() bool { return r.FileError == "" && len(r.Missing) == 0 && r.ErrorCount == 0 }

// AddError counts a row error and lists it while there is room.
func (r *Result) AddError(e *RowError) {
	r.ErrorCount++
	if len(r.Errors) < MaxListedErrors {
		r.Errors = append(r.Errors, e)
	}
}

// AddSample keeps a preview row while there is room.
func (r *Result) AddSample(row int, action string, cells []string) {
	if len(r.Sample) < MaxSampleRows {
		r.Sample = append(r.Sample, SampleRow{Row: row, Action: action, Cells: cells})
	}
}

// Count adds one row to the counter of its action.
func (r *Result) Count(action string) {
	switch action {
	case "create":
		r.Created++
	case "update":
		r.Updated++
	default:
		r.Unchanged++
	}
}

// Start opens a reader for an import and records the mapping in res. It
// returns nil (and no error) when the file cannot be used: res.FileError or
// res.Missing then say why.
func Start(src io.Reader, s Schema, o Options, res *Result) (*Reader, error) {
	rd, err := NewReader(src, s, o)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			res.FileError = fe.Message
			return nil, nil
		}
		return nil, fmt.Errorf("read csv: %w", err)
	}
	mapping := rd.Mapping()
	for i, h := range rd.Header() {
		res.Mapping = append(res.Mapping, MappedColumn{Index: i, Header: h, Column: mapping[i]})
	}
	if res.Missing = rd.Missing(); len(res.Missing) > 0 {
		return nil, nil
	}
	return rd, nil
}

// Loop streams every row of rd through parse and hands the valid ones to
// flush in batches of size. Row errors are counted in res and reading goes
// on, so one run reports every problem; a file error stops it. progress, when
// set, is called every `every` rows and at the end.
func Loop[T any](rd *Reader, res *Result, size int, parse func(Row) (T, bool), flush func([]T) error, progress func(int), every int) error {
	batch := make([]T, 0, size)
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re *RowError
			var fe *FileError
			switch {
			case errors.As(err, &re):
				res.AddError(re)
				continue
			case errors.As(err, &fe):
				res.FileError = fe.Message
				return nil
			}
			return fmt.Errorf("read csv: %w", err)
		}
		res.Rows++
		if v, ok := parse(row); ok {
			batch = append(batch, v)
		}
		if len(batch) >= size {
			if err := flush(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
		if progress != nil && every > 0 && res.Rows%every == 0 {
			progress(res.Rows)
		}
	}
	if len(batch) > 0 {
		if err := flush(batch); err != nil {
			return err
		}
	}
	if progress != nil {
		progress(res.Rows)
	}
	return nil
}
