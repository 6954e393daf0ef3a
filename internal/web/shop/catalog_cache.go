package shop

import (
	"sync"
)

// DefaultCatalogCacheBytes bounds the rendered catalog lists a process
// keeps: about 1,000 pages of 24 products (an entry counts its HTML and
// about 0.6 KB per row for what the row was rendered from).
const DefaultCatalogCacheBytes = 48 << 20

// DefaultCartCacheBytes bounds the rendered carts a process keeps.
const DefaultCartCacheBytes = 8 << 20

// catalogKey names one rendered catalog list. The customer is part of it
// because the prices are theirs; the slug because the list's links hold
// it; canOrder because it decides the + Add buttons; query is the page's
// whole canonical query string (filters, sort, page and anything else its
// links carry).
type catalogKey struct {
	companyID, customerID, slug, query string
	canOrder                           bool
}

// catalogEntry is a catalog list rendered at one catalog version with
// empty cart quantities: the whole list, and where in it each product row
// is. It is never changed after it is stored.
type catalogEntry struct {
	key     catalogKey
	version int64
	html    string
	rows    []catalogRowSpan
	size    int
}

// catalogRowSpan is one product row: what it was rendered from, to render
// it again with the shopper's cart quantity, and where it is in the list.
type catalogRowSpan struct {
	row        catalogRow
	start, end int
}

// CatalogCache keeps, across requests, rendered catalog lists (served only
// at the catalog version they were built at) and rendered carts (keyed by
// everything they show), each bounded in size with the least recently used
// out first. Safe for concurrent use.
type CatalogCache struct {
	mu                   sync.Mutex
	lists                *lru[catalogKey, *catalogEntry]
	carts                *lru[string, string]
	hits, misses         int64
	cartHits, cartMisses int64
}

// NewCatalogCache returns a cache of at most listBytes of rendered lists
// and cartBytes of rendered carts (0: nothing of that kind is cached).
func NewCatalogCache(listBytes, cartBytes int) *CatalogCache {
	return &CatalogCache{lists: newLRU[catalogKey, *catalogEntry](listBytes), carts: newLRU[string, string](cartBytes)}
}

// get returns the list for key if it was built at version. A list of
// another version is dropped.
func (c *CatalogCache) get(key catalogKey, version int64) (*catalogEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.lists.get(key)
	if ok && e.version == version {
		c.hits++
		return e, true
	}
	if ok {
		c.lists.remove(key)
	}
	c.misses++
	return nil, false
}

// put stores a list, replacing any of its key.
func (c *CatalogCache) put(e *catalogEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lists.put(e.key, e, e.size)
}

// cart returns the cart rendered from exactly the data encoded in key.
func (c *CatalogCache) cart(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	html, ok := c.carts.get(key)
	if ok {
		c.cartHits++
	} else {
		c.cartMisses++
	}
	return html, ok
}

// putCart stores a rendered cart under the encoding of its data.
func (c *CatalogCache) putCart(key, html string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.carts.put(key, html, len(key)+len(html)+entryOverhead)
}

// Clear empties the cache (its counters stay).
func (c *CatalogCache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lists.clear()
	c.carts.clear()
}

// CatalogCacheStats are a cache's counters.
type CatalogCacheStats struct {
	Entries, Bytes         int // rendered lists
	Hits, Misses           int64
	CartEntries, CartBytes int // rendered carts
	CartHits, CartMisses   int64
}

// Stats returns the cache's sizes and its hit and miss counts.
func (c *CatalogCache) Stats() CatalogCacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CatalogCacheStats{Entries: len(c.lists.items), Bytes: c.lists.bytes, Hits: c.hits, Misses: c.misses,
		CartEntries: len(c.carts.items), CartBytes: c.carts.bytes, CartHits: c.cartHits, CartMisses: c.cartMisses}
}
