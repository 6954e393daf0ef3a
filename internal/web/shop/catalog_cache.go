package shop

import (
	"container/list"
	"sync"
)

// DefaultCatalogCacheBytes bounds the rendered catalog lists a process
// keeps: about 1,500 pages of 24 products.
const DefaultCatalogCacheBytes = 48 << 20

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
// empty cart quantities: the part above the product rows, each row, and
// the part below. It is never changed after it is stored.
type catalogEntry struct {
	key       catalogKey
	version   int64
	head      string
	rows      []catalogRowHTML
	tail      string
	size      int
	listBytes int
}

// catalogRowHTML is one product row and what it was rendered from, to
// render it again with the shopper's cart quantity.
type catalogRowHTML struct {
	row  catalogRow
	html string
}

// CatalogCache keeps rendered catalog lists across requests, least
// recently used first out once their total size passes the bound. An entry
// is served only for the catalog version it was built at. Safe for
// concurrent use.
type CatalogCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	order    *list.List // of *catalogEntry, most recently used first
	entries  map[catalogKey]*list.Element
	hits     int64
	misses   int64
}

// NewCatalogCache returns a cache of at most maxBytes of rendered lists
// (0 or less: nothing is cached).
func NewCatalogCache(maxBytes int) *CatalogCache {
	return &CatalogCache{maxBytes: maxBytes, order: list.New(), entries: map[catalogKey]*list.Element{}}
}

// get returns the entry for key if it was built at version. An entry of
// another version is dropped.
func (c *CatalogCache) get(key catalogKey, version int64) (*catalogEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if ok {
		e := el.Value.(*catalogEntry)
		if e.version == version {
			c.order.MoveToFront(el)
			c.hits++
			return e, true
		}
		c.remove(el)
	}
	c.misses++
	return nil, false
}

// put stores e, replacing any entry of its key, and evicts the least
// recently used entries past the bound.
func (c *CatalogCache) put(e *catalogEntry) {
	if e.size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[e.key]; ok {
		c.remove(el)
	}
	c.entries[e.key] = c.order.PushFront(e)
	c.bytes += e.size
	for c.bytes > c.maxBytes {
		c.remove(c.order.Back())
	}
}

func (c *CatalogCache) remove(el *list.Element) {
	e := c.order.Remove(el).(*catalogEntry)
	delete(c.entries, e.key)
	c.bytes -= e.size
}

// Clear empties the cache (its counters stay).
func (c *CatalogCache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.entries)
	c.bytes = 0
}

// CatalogCacheStats are a cache's counters.
type CatalogCacheStats struct {
	Entries, Bytes int
	Hits, Misses   int64
}

// Stats returns the cache's size and its hit and miss counts.
func (c *CatalogCache) Stats() CatalogCacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CatalogCacheStats{Entries: len(c.entries), Bytes: c.bytes, Hits: c.hits, Misses: c.misses}
}
