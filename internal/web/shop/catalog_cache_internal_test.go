package shop

import (
	"strconv"
	"testing"
)

// TestCatalogCacheBounds checks the cache's rules: an entry is served only
// at its version (and dropped at another), and the least recently used
// entries leave once the size passes the bound.
func TestCatalogCacheBounds(t *testing.T) {
	c := NewCatalogCache(3000, 3000)
	entry := func(customer string, version int64) *catalogEntry {
		return &catalogEntry{key: catalogKey{companyID: "co", customerID: customer}, version: version, size: 1000}
	}
	c.put(entry("a", 1))
	if _, ok := c.get(catalogKey{companyID: "co", customerID: "a"}, 1); !ok {
		t.Fatal("miss at the entry's version")
	}
	if _, ok := c.get(catalogKey{companyID: "co", customerID: "b"}, 1); ok {
		t.Fatal("another customer's key hit")
	}
	if _, ok := c.get(catalogKey{companyID: "co", customerID: "a"}, 2); ok {
		t.Fatal("hit at another version")
	}
	if s := c.Stats(); s.Entries != 0 || s.Bytes != 0 {
		t.Fatalf("a stale entry was kept: %+v", s)
	}
	for i := range 3 {
		c.put(entry(strconv.Itoa(i), 1))
	}
	c.get(catalogKey{companyID: "co", customerID: "0"}, 1) // 0 is now the most recently used
	c.put(entry("3", 1))
	if _, ok := c.get(catalogKey{companyID: "co", customerID: "1"}, 1); ok {
		t.Error("the least recently used entry was not evicted")
	}
	for _, k := range []string{"0", "2", "3"} {
		if _, ok := c.get(catalogKey{companyID: "co", customerID: k}, 1); !ok {
			t.Errorf("entry %s was evicted", k)
		}
	}
	if s := c.Stats(); s.Bytes > 3000 || s.Entries != 3 {
		t.Errorf("over the bound: %+v", s)
	}
	c.put(&catalogEntry{key: catalogKey{customerID: "huge"}, size: 4000})
	if s := c.Stats(); s.Entries != 3 {
		t.Errorf("an entry larger than the bound was stored: %+v", s)
	}
	c.putCart("k", "<aside></aside>")
	if html, ok := c.cart("k"); !ok || html != "<aside></aside>" {
		t.Errorf("cart: %q %v", html, ok)
	}
	c.Clear()
	if s := c.Stats(); s.Entries != 0 || s.Bytes != 0 || s.CartEntries != 0 || s.CartBytes != 0 {
		t.Errorf("Clear left %+v", s)
	}
}
