package api

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/report"
)

// FuzzDecodeBodies feeds arbitrary bytes to the JSON decoding of every
// request body: it must never panic, and what it accepts must turn into
// service input without panicking either.
func FuzzDecodeBodies(f *testing.F) {
	for _, s := range []string{`{"name":"Tea","price":1.5,"stock":3,"isActive":true}`, `{"sku":null}`, `{"price":"1"}`,
		`{"email":"a@b.co","creditLimit":null,"taxRateOverride":0.08}`, `{"customerId":"x","items":[{"productId":"p","quantity":2}]}`,
		`{"status":"CONFIRMED"}`, `{`, `[]`, `null`, `{"a":1}`, `{"price":1e400}`, `{"name":"x"} {}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p productBody
		if decode(httptest.NewRequest("POST", "/", bytes.NewReader(b)), &p) == nil {
			_ = p.patch()
			_ = p.input()
		}
		var c customerBody
		if decode(httptest.NewRequest("POST", "/", bytes.NewReader(b)), &c) == nil {
			_ = c.input()
		}
		var o orderBody
		_ = decode(httptest.NewRequest("POST", "/", bytes.NewReader(b)), &o)
		if err := decode(httptest.NewRequest("POST", "/", bytes.NewReader(b)), &c); err != nil && model.ErrorCode(err) != model.CodeInvalid {
			t.Fatalf("decode error is not a validation error: %v", err)
		}
	})
}

// FuzzQueryParameters feeds arbitrary text to the parsers of list and
// report query parameters.
func FuzzQueryParameters(f *testing.F) {
	for _, s := range []string{"2026-04-01", "2026-04-01T10:00:00Z", "month", "", "x", "2026-13-45", "-1", "100"} {
		f.Add(s, s)
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, a, b string) {
		p, err := report.ParsePeriod(a, "", "", now)
		if err == nil && p.Preset == "" {
			t.Fatalf("preset %q accepted without a name", a)
		}
		if p, err := report.ParsePeriod("", a, b, now); err == nil && !p.From.IsZero() && !p.To.IsZero() && !p.To.After(p.From) {
			t.Fatalf("from %q to %q accepted backwards", a, b)
		}
		r := httptest.NewRequest("GET", "/", nil)
		q := r.URL.Query()
		q.Set("limit", a)
		q.Set("cursor", b)
		r.URL.RawQuery = q.Encode()
		if k, err := keyset(r); err == nil && (k.Limit < 1 || k.Limit > 100) {
			t.Fatalf("limit %q gave %d", a, k.Limit)
		}
	})
}
