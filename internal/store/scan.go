package store

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// timeFormats are the text forms SQLite may hand back for a timestamp
// (aggregates lose the column type and arrive as text).
var timeFormats = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999",
	time.RFC3339Nano,
}

// dbTime scans a timestamp from either engine, including NULL (zero time).
type dbTime struct{ time.Time }

// Scan implements sql.Scanner.
func (t *dbTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = x.UTC()
	case string:
		return t.parse(x)
	case []byte:
		return t.parse(string(x))
	default:
		return fmt.Errorf("cannot scan %T into a time", v)
	}
	return nil
}

func (t *dbTime) parse(s string) error {
	for _, f := range timeFormats {
		if v, err := time.Parse(f, s); err == nil {
			t.Time = v.UTC()
			return nil
		}
	}
	return fmt.Errorf("unrecognised time %q", s)
}

// Value implements driver.Valuer.
func (t dbTime) Value() (driver.Value, error) { return t.Time, nil }

// nullInt converts a nullable int to a driver value.
func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
