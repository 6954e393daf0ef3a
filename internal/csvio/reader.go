package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Options tune a Reader. The zero value reads any number of rows with the
// automatic header mapping.
type Options struct {
	// Overrides maps a header index (0-based) to a column name chosen by the
	// user; "" means ignore that header. Overridden headers are mapped first;
	// the remaining headers are then matched automatically to the columns
	// still free. An override on a "password" header is ignored.
	Overrides map[int]string
	// MaxRows is the largest number of data rows (blank rows not counted)
	// allowed; 0 means unlimited. Going over makes Next return an error
	// matching ErrTooManyRows.
	MaxRows int
	// MaxRecordBytes bounds the size of one record so that a quote that is
	// never closed cannot pull the whole file into memory. 0 means 1 MiB.
	// The check is approximate (within 64 KiB) and values below 128 KiB are
	// raised to 128 KiB.
	MaxRecordBytes int
}

const (
	bufSize           = 64 << 10
	defaultMaxRecord  = 1 << 20
	minMaxRecordBytes = 2 * bufSize
)

// errRecordTooLarge is returned by limitReader once a record is too long.
var errRecordTooLarge = errors.New("csvio: record too large")

// limitReader fails reads once more than max bytes were read since the last
// reset. Once tripped it stays tripped.
type limitReader struct {
	r       io.Reader
	n, max  int64
	tripped bool
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.tripped || l.n > l.max {
		l.tripped = true
		return 0, errRecordTooLarge
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// layout is the immutable column placement shared by a Reader and its Rows.
type layout struct {
	colPos map[string]int // canonical column name → schema index
	hdrOf  []int          // schema index → header index, or -1 when absent
}

// Reader reads a CSV file row by row against a Schema. It is not safe for
// concurrent use.
type Reader struct {
	schema  Schema
	lim     *limitReader
	cr      *csv.Reader
	delim   rune
	header  []string
	mapping []string // per header index: column name or ""
	l       *layout

	row      int // spreadsheet number of the last record read
	lastLine int // last physical line consumed by the csv reader
	dataRows int
	maxRows  int
	err      error // sticky: io.EOF or a fatal error
}

// NewReader reads the start of a CSV file: an optional UTF-8 byte-order
// mark, the delimiter (',' unless the header line has more ';' or tab
// characters outside quotes), and the header row, which it maps onto s (see
// Options.Overrides). Blank lines before the header are skipped. Errors about
// the file itself are *FileError with a user-facing message; an error from
// src is returned as is.
func NewReader(src io.Reader, s Schema, o Options) (*Reader, error) {
	maxRec := o.MaxRecordBytes
	if maxRec <= 0 {
		maxRec = defaultMaxRecord
	}
	maxRec = max(maxRec, minMaxRecordBytes)
	lim := &limitReader{r: src, max: int64(maxRec)}
	br := bufio.NewReaderSize(lim, bufSize)

	head, err := br.Peek(4)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return nil, &FileError{Message: "The file is saved as UTF-16 (\"Unicode text\"); save it as CSV UTF-8 and upload it again."}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, &FileError{Message: "This looks like an Excel workbook (.xlsx), not a CSV file; save it as CSV UTF-8 and upload it again."}
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0")):
		return nil, &FileError{Message: "This looks like an Excel workbook (.xls), not a CSV file; save it as CSV UTF-8 and upload it again."}
	}
	start, err := br.Peek(bufSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	delim := detectDelimiter(start)

	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	r := &Reader{schema: s, lim: lim, cr: cr, delim: delim, maxRows: o.MaxRows}
	var rec []string
	for {
		lim.n = 0
		rec, err = cr.Read()
		if err == io.EOF {
			return nil, &FileError{Message: "The file is empty.", Err: ErrEmptyFile}
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				num := r.advance(pe.StartLine, pe.Line)
				return nil, &FileError{Message: fmt.Sprintf("The header row (row %d) is not valid CSV (%s).", num, describeParseError(pe.Err)), Err: err}
			}
			if errors.Is(err, errRecordTooLarge) {
				return nil, r.tooLarge(r.row + 1)
			}
			return nil, err
		}
		r.advance(r.recordLines(rec))
		if !blank(rec, len(rec)) {
			break
		}
	}

	r.header = make([]string, len(rec))
	for i, h := range rec {
		r.header[i] = strings.TrimSpace(strings.TrimLeft(toValidUTF8(h), "\uFEFF"))
	}
	colOf, ferr := mapHeaders(s, r.header, o.Overrides)
	if ferr != nil {
		return nil, ferr
	}
	r.l = &layout{colPos: make(map[string]int, len(s.Columns)), hdrOf: make([]int, len(s.Columns))}
	for ci, c := range s.Columns {
		r.l.colPos[c.Name] = ci
		r.l.hdrOf[ci] = -1
	}
	r.mapping = make([]string, len(r.header))
	for hi, ci := range colOf {
		if ci >= 0 {
			r.mapping[hi] = s.Columns[ci].Name
			r.l.hdrOf[ci] = hi
		}
	}
	return r, nil
}

// mapHeaders applies the overrides, then matches the remaining headers by
// synonym to the columns still free. It returns header index → column index
// (or -1).
func mapHeaders(s Schema, headers []string, overrides map[int]string) ([]int, error) {
	colOf := make([]int, len(headers))
	for i := range colOf {
		colOf[i] = -1
	}
	used := make([]int, len(s.Columns)) // column index → header index + 1
	overridden := make([]bool, len(headers))
	keys := make([]int, 0, len(overrides))
	for hi := range overrides {
		keys = append(keys, hi)
	}
	slices.Sort(keys)
	for _, hi := range keys {
		name := overrides[hi]
		if hi < 0 || hi >= len(headers) {
			return nil, &FileError{Message: fmt.Sprintf("The file has no column %d to map.", hi+1)}
		}
		overridden[hi] = true
		if name == "" || Normalize(headers[hi]) == neverRead {
			continue
		}
		ci := slices.IndexFunc(s.Columns, func(c Column) bool { return c.Name == name })
		if ci < 0 {
			return nil, &FileError{Message: fmt.Sprintf("%q is not a column that can be imported.", name)}
		}
		if prev := used[ci]; prev != 0 {
			return nil, &FileError{Message: fmt.Sprintf("Both %s and %s are mapped to %s; choose one.", Quote(headers[prev-1]), Quote(headers[hi]), name)}
		}
		colOf[hi] = ci
		used[ci] = hi + 1
	}
	lookup := synonymLookup(s)
	for hi, h := range headers {
		if overridden[hi] {
			continue
		}
		// The first header matching a free column wins; "password" is not in lookup.
		if ci, ok := lookup[Normalize(h)]; ok && used[ci] == 0 {
			colOf[hi] = ci
			used[ci] = hi + 1
		}
	}
	return colOf, nil
}

// detectDelimiter counts ',', ';' and tab outside quotes on the first line
// of b that holds anything besides those characters and white space (the
// header), and returns the most frequent; ',' wins ties and lines with none.
func detectDelimiter(b []byte) rune {
	var commas, semis, tabs int
	inQuotes, content := false, false
	for _, c := range b {
		switch {
		case c == '"':
			inQuotes = !inQuotes
			content = true
		case inQuotes:
		case c == '\n' || c == '\r':
			if content {
				return pickDelimiter(commas, semis, tabs)
			}
			commas, semis, tabs = 0, 0, 0
		case c == ',':
			commas++
		case c == ';':
			semis++
		case c == '\t':
			tabs++
		case c != ' ':
			content = true
		}
	}
	return pickDelimiter(commas, semis, tabs)
}

func pickDelimiter(commas, semis, tabs int) rune {
	switch {
	case semis > commas && semis >= tabs:
		return ';'
	case tabs > commas && tabs > semis:
		return '\t'
	}
	return ','
}

// recordLines returns the first and last physical line of the record just
// read: line breaks only occur inside quoted fields, where encoding/csv
// keeps each as one '\n'.
func (r *Reader) recordLines(rec []string) (start, end int) {
	start, _ = r.cr.FieldPos(0)
	last := len(rec) - 1
	end, _ = r.cr.FieldPos(last)
	return start, end + strings.Count(rec[last], "\n")
}

// advance numbers the record spanning lines start..end: the blank lines
// skipped before it still count as spreadsheet rows.
func (r *Reader) advance(start, end int) int {
	if start <= r.lastLine {
		start = r.lastLine + 1
	}
	r.row += start - r.lastLine
	r.lastLine = max(end, start)
	return r.row
}

func (r *Reader) tooLarge(row int) error {
	limit := r.lim.max
	size := fmt.Sprintf("%d KB", limit>>10)
	if limit%(1<<20) == 0 {
		size = fmt.Sprintf("%d MB", limit>>20)
	}
	return &FileError{Message: fmt.Sprintf("Row %d is larger than %s; check for a quotation mark that is never closed.", row, size), Err: errRecordTooLarge}
}

// blank reports whether the first width cells of rec are all empty or white
// space.
func blank(rec []string, width int) bool {
	for i, c := range rec {
		if i >= width {
			break
		}
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func describeParseError(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a " appears inside a value that is not enclosed in quotes`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted value is not closed, or has text after its closing "`
	}
	return err.Error()
}

// validText reports whether s is UTF-8 without NUL bytes (which no database
// column accepts and which betray a UTF-16 file).
func validText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Header returns the raw header names (byte-order mark removed, trimmed),
// in file order.
func (r *Reader) Header() []string { return slices.Clone(r.header) }

// Mapping returns, per header index, the canonical column the header is
// mapped to, or "" when it is ignored.
func (r *Reader) Mapping() []string { return slices.Clone(r.mapping) }

// Has reports whether column is mapped to a header, i.e. present in the
// file. An absent column leaves existing values unchanged on import.
func (r *Reader) Has(column string) bool {
	ci, ok := r.l.colPos[column]
	return ok && r.l.hdrOf[ci] >= 0
}

// Missing returns the required columns that no header is mapped to, in
// schema order; nil when the file is usable.
func (r *Reader) Missing() []string {
	var out []string
	for ci, c := range r.schema.Columns {
		if c.Required && r.l.hdrOf[ci] < 0 {
			out = append(out, c.Name)
		}
	}
	return out
}

// Delimiter returns the field delimiter in use: ',', ';' or '\t'.
func (r *Reader) Delimiter() rune { return r.delim }

// Next returns the next data row, skipping records whose cells are all
// blank (they still use up their row number). At the end it returns io.EOF.
//
// A record that is not valid CSV, or whose mapped cells are not valid UTF-8,
// yields a *RowError together with a Row carrying only Num; reading may go
// on with the following record. Any other error (too many rows, a record
// over Options.MaxRecordBytes, a read error) is final and returned again by
// every later call.
func (r *Reader) Next() (Row, error) {
	if r.err != nil {
		return Row{}, r.err
	}
	for {
		r.lim.n = 0
		rec, err := r.cr.Read()
		if err != nil {
			var pe *csv.ParseError
			switch {
			case err == io.EOF:
				r.err = io.EOF
			case errors.As(err, &pe):
				num := r.advance(pe.StartLine, pe.Line)
				if err := r.countRow(); err != nil {
					return Row{}, err
				}
				return Row{Num: num}, &RowError{Row: num, Message: "the file is not valid CSV here (" + describeParseError(pe.Err) + ")"}
			case errors.Is(err, errRecordTooLarge):
				r.err = r.tooLarge(r.row + 1)
			default:
				r.err = err
			}
			return Row{}, r.err
		}
		num := r.advance(r.recordLines(rec))
		width := len(r.header)
		if blank(rec, width) {
			continue
		}
		if err := r.countRow(); err != nil {
			return Row{}, err
		}
		for _, hi := range r.l.hdrOf {
			if hi >= 0 && hi < len(rec) && !validText(rec[hi]) {
				col := r.mapping[hi]
				return Row{Num: num}, &RowError{Row: num, Column: col, Message: col + " is not valid UTF-8 text; save the file as CSV UTF-8"}
			}
		}
		cells := make([]string, width)
		copy(cells, rec)
		return Row{Num: num, cells: cells, l: r.l}, nil
	}
}

func (r *Reader) countRow() error {
	r.dataRows++
	if r.maxRows > 0 && r.dataRows > r.maxRows {
		r.err = &FileError{Message: fmt.Sprintf("The file has more than %d data rows.", r.maxRows), Err: ErrTooManyRows}
		return r.err
	}
	return nil
}

// Row is one data row. Its values stay valid after later calls to Next.
type Row struct {
	// Num is the row number a spreadsheet shows: the header is row 1, and a
	// quoted value spanning several lines still makes one row.
	Num int

	cells []string // aligned with the header: padded, extra cells dropped
	l     *layout
}

// Get returns the value of column and whether the column is present in the
// file. The value is trimmed of white space and loses the apostrophe that
// export puts before a leading '=', '+', '-' or '@'. A short row reads as
// empty cells.
func (r Row) Get(column string) (value string, present bool) {
	if r.l == nil {
		return "", false
	}
	ci, ok := r.l.colPos[column]
	if !ok {
		return "", false
	}
	hi := r.l.hdrOf[ci]
	if hi < 0 {
		return "", false
	}
	return UnescapeFormula(strings.TrimSpace(r.cells[hi])), true
}

// Raw returns a copy of the row's cells as read, aligned with Header (short
// rows padded with "", extra cells dropped), with invalid UTF-8 replaced.
// It is meant for previews.
func (r Row) Raw() []string {
	out := make([]string, len(r.cells))
	for i, c := range r.cells {
		out[i] = toValidUTF8(c)
	}
	return out
}
