// Package csvio is the streaming CSV engine behind the customer and product
// imports and exports (specs 02-catalog.md and 03-customers.md).
//
// A Reader detects the delimiter, strips a byte-order mark, maps the header
// row onto a Schema of canonical columns through normalised synonyms (with
// user overrides), and then hands out one Row at a time, numbered as a
// spreadsheet shows it: the header is row 1, the first data record row 2. It
// holds one record in memory at a time, so files of any size can be read.
//
// The cell parsers (ParseMoneyCell, ParseIntCell, ParseBoolCell,
// ParseEmailCell, ParseChoiceCell, CheckLength) and DuplicateError return
// *RowError values whose text is the user-facing message, e.g.
//
//	Row 7: email "bob@example" is not a valid e-mail address
//
// A Writer writes CSV with formula-like cells escaped by a leading
// apostrophe, which the Reader removes again, so an export imports back
// unchanged. Dupes finds repeated keys (e-mails, SKUs) in little memory.
//
// The package imports only the standard library and internal/model.
package csvio
