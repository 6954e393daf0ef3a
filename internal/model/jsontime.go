package model

import "time"

// JSONTime formats t as the API and webhooks show times: RFC 3339 in UTC
// with milliseconds and Z (2026-04-16T14:22:00.000Z).
func JSONTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
