package model

import (
	"bytes"
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

// IDBoundAt returns the smallest identifier NewID could make at time t:
// every id made at or after t sorts at or above it.
func IDBoundAt(t time.Time) string {
	var zero [10]byte
	id, err := ulid.New(ulid.Timestamp(t), bytes.NewReader(zero[:]))
	if err != nil {
		return strings.Repeat("0", ulid.EncodedSize)
	}
	return strings.ToLower(id.String())
}

// Keyset asks for one page of a keyset list: the rows after Cursor (the
// last id of the page before; "" for the first page), at most Limit.
type Keyset struct {
	Cursor string
	Limit  int
}
