package shop

import (
	"sync"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// DefaultCatalogCacheBytes bounds the rendered catalog lists a process
// keeps: about 1,000 pages of 24 products (an entry counts its HTML and
// about 0.6 KB per row for what the row was rendered from).
const DefaultCatalogCacheBytes = 48 << 20

// DefaultCartCacheBytes bounds the rendered carts a process keeps, and
// (separately, the same amount) the cart data it keeps.
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

// cartDataKey names what a shopper's cart shows, read from the database:
// the lines of one holder with their current prices and stock (which
// change only with the shopper version — cart lines of the customer — or
// the catalog version — products, price overrides), the tax rate the cart
// applies (the company's, or the customer's override: both read with the
// session), the shipping fee, and the customer's addresses (the shopper
// version). A key holds every input of the data, so an entry is never
// invalidated, only no longer asked for.
type cartDataKey struct {
	companyID, customerID, holder  string
	shopperVersion, catalogVersion int64
	taxRate                        model.Rate
	shipping                       model.Money
}

// cartData is a shopper's cart and addresses (nil when the cart is empty:
// the page then shows no address choice). Never changed after it is stored.
type cartData struct {
	cart  ordering.Cart
	addrs []model.Address
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
	cartData             *lru[cartDataKey, *cartData]
	hits, misses         int64
	cartHits, cartMisses int64
	dataHits, dataMisses int64
}

// NewCatalogCache returns a cache of at most listBytes of rendered lists
// and cartBytes of rendered carts, and cartBytes of cart data (0: nothing
// of that kind is cached).
func NewCatalogCache(listBytes, cartBytes int) *CatalogCache {
	return &CatalogCache{lists: newLRU[catalogKey, *catalogEntry](listBytes), carts: newLRU[string, string](cartBytes),
		cartData: newLRU[cartDataKey, *cartData](cartBytes)}
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

// data returns the cart data stored under key.
func (c *CatalogCache) data(key cartDataKey) (*cartData, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.cartData.get(key)
	if ok {
		c.dataHits++
	} else {
		c.dataMisses++
	}
	return d, ok
}

// putData stores cart data under the key of everything it was read from.
func (c *CatalogCache) putData(key cartDataKey, d *cartData) {
	size := len(key.companyID) + len(key.customerID) + len(key.holder) + entryOverhead
	size += len(d.cart.Lines) * 640 // a product row and its quantity
	size += len(d.addrs) * 320
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cartData.put(key, d, size)
}

// Clear empties the cache (its counters stay).
func (c *CatalogCache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lists.clear()
	c.carts.clear()
	c.cartData.clear()
}

// CatalogCacheStats are a cache's counters.
type CatalogCacheStats struct {
	Entries, Bytes         int // rendered lists
	Hits, Misses           int64
	CartEntries, CartBytes int // rendered carts
	CartHits, CartMisses   int64
	DataEntries, DataBytes int // cart data (lines, prices, addresses)
	DataHits, DataMisses   int64
}

// Stats returns the cache's sizes and its hit and miss counts.
func (c *CatalogCache) Stats() CatalogCacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CatalogCacheStats{Entries: len(c.lists.items), Bytes: c.lists.bytes, Hits: c.hits, Misses: c.misses,
		CartEntries: len(c.carts.items), CartBytes: c.carts.bytes, CartHits: c.cartHits, CartMisses: c.cartMisses,
		DataEntries: len(c.cartData.items), DataBytes: c.cartData.bytes, DataHits: c.dataHits, DataMisses: c.dataMisses}
}
