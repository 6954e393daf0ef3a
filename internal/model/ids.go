package model

import (
	"strings"

	"github.com/oklog/ulid/v2"
)

// NewID returns a new opaque, URL-safe, time-ordered identifier (a ULID in
// lower case). Sorting identifiers sorts them by creation time.
func NewID() string {
	return strings.ToLower(ulid.Make().String())
}

// ValidID reports whether s has the shape of an identifier made by NewID.
func ValidID(s string) bool {
	if len(s) != ulid.EncodedSize {
		return false
	}
	_, err := ulid.ParseStrict(strings.ToUpper(s))
	return err == nil
}
