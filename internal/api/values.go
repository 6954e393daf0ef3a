package api

import (
	"time"

	"github.com/distribu/distribu/internal/model"
)

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
	return model.JSONTime(t)
}
