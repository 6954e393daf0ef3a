package shop

import "container/list"

// lru is a map bounded by the total size of its values: putting past the
// bound evicts the least recently used entries. Not safe for concurrent
// use; CatalogCache guards it.
type lru[K comparable, V any] struct {
	maxBytes int
	bytes    int
	order    *list.List // of *lruItem[K, V], most recently used first
	items    map[K]*list.Element
}

type lruItem[K comparable, V any] struct {
	key  K
	val  V
	size int
}

func newLRU[K comparable, V any](maxBytes int) *lru[K, V] {
	return &lru[K, V]{maxBytes: maxBytes, order: list.New(), items: map[K]*list.Element{}}
}

// get returns the value of k and marks it most recently used.
func (l *lru[K, V]) get(k K) (V, bool) {
	el, ok := l.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	l.order.MoveToFront(el)
	return el.Value.(*lruItem[K, V]).val, true
}

// put stores v under k as size bytes, unless it alone passes the bound.
func (l *lru[K, V]) put(k K, v V, size int) {
	if size > l.maxBytes {
		return
	}
	l.remove(k)
	l.items[k] = l.order.PushFront(&lruItem[K, V]{key: k, val: v, size: size})
	l.bytes += size
	for l.bytes > l.maxBytes {
		l.remove(l.order.Back().Value.(*lruItem[K, V]).key)
	}
}

// remove drops k.
func (l *lru[K, V]) remove(k K) {
	el, ok := l.items[k]
	if !ok {
		return
	}
	l.order.Remove(el)
	delete(l.items, k)
	l.bytes -= el.Value.(*lruItem[K, V]).size
}

// clear drops everything.
func (l *lru[K, V]) clear() {
	l.order.Init()
	clear(l.items)
	l.bytes = 0
}
