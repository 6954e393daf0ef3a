package web

import "testing"

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 5060: "5,060", 200000: "200,000",
		1234567: "1,234,567", -1234: "-1,234", -999: "-999"} {
		if got := groupThousands(n); got != want {
			t.Errorf("groupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}
