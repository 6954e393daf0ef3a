package model

import "testing"

func TestEmailProblem(t *testing.T) {
	good := []string{"a@b.co", "bob@example.com", "x.y+z@sub.example.org"}
	bad := []string{"", "bob@example", "@example.com", "bob@", "a b@c.com", "a@b@c.com", "a@.com", "a@b.c", "a@b.c0m"}
	for _, e := range good {
		if p := EmailProblem(e); p != "" {
			t.Errorf("%q: %s", e, p)
		}
	}
	for _, e := range bad {
		if EmailProblem(e) == "" {
			t.Errorf("%q accepted", e)
		}
	}
	long := make([]byte, 250)
	for i := range long {
		long[i] = 'a'
	}
	if EmailProblem(string(long)+"@b.co") == "" {
		t.Error("over 254 accepted")
	}
}

func FuzzEmailProblem(f *testing.F) {
	for _, s := range []string{"a@b.co", "bob@example", "", "x@y.z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := NormalizeEmail(s)
		if EmailProblem(e) == "" && (len(e) > 254 || len(e) < 6) {
			t.Fatalf("accepted %q", e)
		}
	})
}
