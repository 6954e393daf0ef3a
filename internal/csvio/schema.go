package csvio

import (
	"strings"
	"unicode"
)

// Column is one canonical column of a CSV schema.
type Column struct {
	Name     string   // canonical name, e.g. "email", "creditLimit"; also the export header
	Synonyms []string // accepted header names, compared after Normalize, e.g. "email", "emailaddress"
	Required bool     // must be mapped for the file to be usable (e.g. email, sku)
}

// Schema is the ordered list of columns a file is read into. Normalize(Name)
// is always accepted as a header name besides the Synonyms.
type Schema struct{ Columns []Column }

// Names returns the canonical column names in schema order (the export
// header).
func (s Schema) Names() []string {
	out := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = c.Name
	}
	return out
}

// Column returns the column named name and whether it exists.
func (s Schema) Column(name string) (Column, bool) {
	for _, c := range s.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// neverRead is the normalised header name that is never mapped, whatever the
// schema or the user's overrides say.
const neverRead = "password"

// Normalize turns a header into its comparable form: lowercased, with spaces
// (any white space), '_' and '-' removed and any byte-order mark dropped, so
// "E-mail", " Email_Address " and "\uFEFFemail" become "email" and
// "emailaddress".
func Normalize(header string) string {
	var b strings.Builder
	b.Grow(len(header))
	for _, r := range header {
		switch {
		case r == '_' || r == '-' || r == '\uFEFF' || unicode.IsSpace(r):
			continue
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// synonymLookup maps every accepted normalised header name to its column
// index. A name listed by two columns belongs to the first; "password" is
// never accepted.
func synonymLookup(s Schema) map[string]int {
	lookup := make(map[string]int, 8*len(s.Columns))
	for ci, c := range s.Columns {
		for _, syn := range append([]string{c.Name}, c.Synonyms...) {
			n := Normalize(syn)
			if _, taken := lookup[n]; !taken && n != neverRead {
				lookup[n] = ci
			}
		}
	}
	return lookup
}
