package model

import (
	"crypto/rand"
	"strings"
	"time"

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

// NewIDAt returns an identifier whose time part is t, for records whose
// creation time lies in the past (demo data), so sorting by id still sorts
// by creation time.
func NewIDAt(t time.Time) string {
	return strings.ToLower(ulid.MustNew(ulid.Timestamp(t), rand.Reader).String())
}
