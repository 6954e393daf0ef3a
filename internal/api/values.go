package api

import "time"

// nullable is null for "".
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// timeOrNil is a time in the API's form (RFC 3339, milliseconds, Z), or
// null for the zero time.
func timeOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
