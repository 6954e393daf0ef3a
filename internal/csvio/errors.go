package csvio

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrTooManyRows is matched (with errors.Is) by the error Next returns once
// a file has more data rows than Options.MaxRows allows.
var ErrTooManyRows = errors.New("csvio: too many rows")

// ErrEmptyFile is matched (with errors.Is) by the error NewReader returns for
// a file with no header row: zero bytes, only a byte-order mark, or only
// blank lines.
var ErrEmptyFile = errors.New("csvio: empty file")

// RowError is a problem with one data row. Message is user-facing and
// complete without the row ("email is required"); Error prefixes the row.
type RowError struct {
	Row     int    // spreadsheet row number (the header is row 1)
	Column  string // canonical column name, or "" when the row as a whole is at fault
	Message string // e.g. `email "bob@example" is not a valid e-mail address`
}

// Error returns "Row N: message".
func (e *RowError) Error() string { return fmt.Sprintf("Row %d: %s", e.Row, e.Message) }

// Errf builds a RowError whose message is fmt.Sprintf(format, args...).
func Errf(row int, column, format string, args ...any) *RowError {
	return &RowError{Row: row, Column: column, Message: fmt.Sprintf(format, args...)}
}

// DuplicateError is the error for a key already seen on an earlier row:
// `duplicate email "bob@acme.com" (also on row 12)`.
func DuplicateError(row int, column, value string, firstRow int) *RowError {
	return Errf(row, column, "duplicate %s %s (also on row %d)", column, Quote(value), firstRow)
}

// FileError is a problem with the file as a whole (empty, not UTF-8, not
// CSV, too large). Message is a user-facing sentence; Err, when set, is a
// sentinel such as ErrEmptyFile or ErrTooManyRows for errors.Is.
type FileError struct {
	Message string
	Err     error
}

// Error returns the user-facing message.
func (e *FileError) Error() string { return e.Message }

// Unwrap returns the sentinel or cause, if any.
func (e *FileError) Unwrap() error { return e.Err }

// maxQuoted is how many characters of a cell an error message repeats.
const maxQuoted = 60

// Quote returns s in double quotes for an error message, shortened to 60
// characters with "…" when longer, and with invalid UTF-8 replaced.
func Quote(s string) string {
	if !utf8.ValidString(s) {
		s = toValidUTF8(s)
	}
	if utf8.RuneCountInString(s) > maxQuoted {
		n := 0
		for i := range s {
			if n == maxQuoted {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	return fmt.Sprintf("%q", s)
}
