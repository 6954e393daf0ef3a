package model

import "testing"

func TestParseDecimal(t *testing.T) {
	cases := []struct {
		in    string
		scale int
		want  int64
		err   error
	}{
		{"12", 2, 1200, nil},
		{"12.5", 2, 1250, nil},
		{"12.50", 2, 1250, nil},
		{"0.01", 2, 1, nil},
		{".5", 2, 50, nil},
		{"7.", 2, 700, nil},
		{"1.005", 2, 0, ErrTooPrecise},
		{"1.000", 2, 100, nil},
		{"-1", 2, 0, ErrNegative},
		{"-1.005", 2, 0, ErrNegative},
		{"1,000", 2, 0, ErrNotNumber},
		{"abc", 2, 0, ErrNotNumber},
		{"", 2, 0, ErrNotNumber},
		{".", 2, 0, ErrNotNumber},
		{"1e5", 2, 0, ErrNotNumber},
		{"+1", 2, 0, ErrNotNumber},
		{"8.875", 3, 8875, nil},
		{"30", 3, 30000, nil},
		{"99999999999999", 2, 0, ErrNumberTooBig},
	}
	for _, c := range cases {
		got, err := ParseDecimal(c.in, c.scale)
		if err != c.err || (err == nil && got != c.want) {
			t.Errorf("ParseDecimal(%q,%d) = %d, %v; want %d, %v", c.in, c.scale, got, err, c.want, c.err)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1", "1.25", "-3", "1,000", ".5", "9999999999999.99", "0.001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDecimal(s, 2)
		if err != nil {
			return
		}
		if v < 0 {
			t.Fatalf("negative result %d for %q", v, s)
		}
		// Round trip: formatting and parsing again gives the same value.
		again, err := ParseDecimal(Money(v).String(), 2)
		if err != nil || again != v {
			t.Fatalf("round trip of %q: %d -> %q -> %d, %v", s, v, Money(v).String(), again, err)
		}
	})
}

func TestMoneyAndRate(t *testing.T) {
	if got := Money(123450).String(); got != "1234.50" {
		t.Errorf("Money.String = %q", got)
	}
	if got := Money(5).String(); got != "0.05" {
		t.Errorf("Money.String = %q", got)
	}
	if got := Rate(8875).Percent(); got != "8.875" {
		t.Errorf("Percent = %q", got)
	}
	if got := Rate(8000).Percent(); got != "8" {
		t.Errorf("Percent = %q", got)
	}
	if got := Rate(0).Percent(); got != "0" {
		t.Errorf("Percent = %q", got)
	}
	// 8.875 % of 10.00 = 0.8875 -> 0.89 (half-up)
	if got := Rate(8875).Apply(1000); got != 89 {
		t.Errorf("Apply = %d", got)
	}
	// 5 % of 0.10 = 0.005 -> 0.01 (half-up)
	if got := Rate(5000).Apply(10); got != 1 {
		t.Errorf("Apply half = %d", got)
	}
}
