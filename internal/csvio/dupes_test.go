package csvio

import (
	"strconv"
	"testing"
)

func TestDupes(t *testing.T) {
	d := NewDupes()
	if first, dup := d.See("bob@acme.com", 12); dup || first != 12 {
		t.Fatalf("first See = %d, %v", first, dup)
	}
	if first, dup := d.See("ann@acme.com", 13); dup || first != 13 {
		t.Fatalf("See = %d, %v", first, dup)
	}
	if first, dup := d.See("bob@acme.com", 47); !dup || first != 12 {
		t.Fatalf("repeat See = %d, %v", first, dup)
	}
	// A third occurrence still points at the first row.
	if first, dup := d.See("bob@acme.com", 50); !dup || first != 12 {
		t.Fatalf("third See = %d, %v", first, dup)
	}
	if d.Len() != 2 {
		t.Errorf("Len = %d", d.Len())
	}
	if first, dup := d.See("", 60); dup || first != 60 {
		t.Errorf("empty key = %d, %v", first, dup)
	}
}

func TestDupesMillionKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const n = 1_000_000
	before := heapAlloc()
	d := NewDupes()
	for i := 0; i < n; i++ {
		if _, dup := d.See("customer"+strconv.Itoa(i)+"@example.com", i+2); dup {
			t.Fatalf("false duplicate at %d", i)
		}
	}
	used := heapAlloc() - before
	for i := 0; i < n; i += 997 {
		if first, dup := d.See("customer"+strconv.Itoa(i)+"@example.com", n+10); !dup || first != i+2 {
			t.Fatalf("key %d: %d, %v", i, first, dup)
		}
	}
	if d.Len() != n {
		t.Errorf("Len = %d", d.Len())
	}
	if used > 30<<20 {
		t.Errorf("1M keys use %d MiB", used>>20)
	}
	t.Logf("1M keys: %d MiB", used>>20)
}
