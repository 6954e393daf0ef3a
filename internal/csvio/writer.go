package csvio

import (
	"bufio"
	"encoding/csv"
	"io"
)

// Writer writes RFC 4180 CSV: ',' delimiter, "\n" line endings (the
// encoding/csv default, which every spreadsheet reads), quotes only where
// needed, and formula-like cells escaped with EscapeFormula. Output is
// buffered; call Flush at the end.
type Writer struct {
	bw  *bufio.Writer
	cw  *csv.Writer
	buf []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	bw := bufio.NewWriter(w)
	return &Writer{bw: bw, cw: csv.NewWriter(bw)}
}

// WriteBOM writes a UTF-8 byte-order mark, which makes Excel open the file
// as UTF-8. Call it before the first Write, if at all; Reader skips it.
func (w *Writer) WriteBOM() error {
	_, err := w.bw.WriteString("\uFEFF")
	return err
}

// Write writes one record, passing every field through EscapeFormula. The
// fields slice is not modified.
func (w *Writer) Write(fields []string) error {
	w.buf = w.buf[:0]
	for _, f := range fields {
		w.buf = append(w.buf, EscapeFormula(f))
	}
	return w.cw.Write(w.buf)
}

// Flush writes any buffered data to the underlying writer and returns the
// first error met while writing, if any.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// isFormulaStart reports whether b makes a spreadsheet treat a cell as a
// formula.
func isFormulaStart(b byte) bool { return b == '=' || b == '+' || b == '-' || b == '@' }

// EscapeFormula returns s with a leading apostrophe when it starts with '=',
// '+', '-' or '@', so a spreadsheet shows it as text instead of running it.
// Other values are returned unchanged.
func EscapeFormula(s string) string {
	if s != "" && isFormulaStart(s[0]) {
		return "'" + s
	}
	return s
}

// UnescapeFormula undoes EscapeFormula: a leading apostrophe followed by
// '=', '+', '-' or '@' is removed. (A value that itself starts with such an
// apostrophe therefore does not survive an export and import unchanged.)
func UnescapeFormula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && isFormulaStart(s[1]) {
		return s[1:]
	}
	return s
}
