package tenancy

import (
	"container/list"
	"sync"
	"time"
)

// lru is a bounded map that forgets its least recently used entry when
// full, and an entry whose expiry has passed (zero: never). One mutex
// guards it: its critical sections are a map lookup and a list move.
type lru[V any] struct {
	mu  sync.Mutex
	max int
	ll  *list.List // front: most recently used
	m   map[string]*list.Element
}

type lruEntry[V any] struct {
	key string
	val V
	exp time.Time
}

func newLRU[V any](max int) *lru[V] {
	return &lru[V]{max: max, ll: list.New(), m: make(map[string]*list.Element)}
}

// get returns the live value of key at now.
func (c *lru[V]) get(key string, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	el, ok := c.m[key]
	if !ok {
		return zero, false
	}
	e := el.Value.(*lruEntry[V])
	if !e.exp.IsZero() && !now.Before(e.exp) {
		c.ll.Remove(el)
		delete(c.m, key)
		return zero, false
	}
	c.ll.MoveToFront(el)
	return e.val, true
}

// getOrAdd returns the live value of key, or stores and returns make().
func (c *lru[V]) getOrAdd(key string, now time.Time, exp time.Time, make func() V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		e := el.Value.(*lruEntry[V])
		if e.exp.IsZero() || now.Before(e.exp) {
			c.ll.MoveToFront(el)
			return e.val
		}
		c.ll.Remove(el)
		delete(c.m, key)
	}
	v := make()
	c.addLocked(key, v, exp)
	return v
}

// put stores val under key until exp (zero: until evicted).
func (c *lru[V]) put(key string, val V, exp time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		c.ll.Remove(el)
		delete(c.m, key)
	}
	c.addLocked(key, val, exp)
}

func (c *lru[V]) addLocked(key string, val V, exp time.Time) {
	c.m[key] = c.ll.PushFront(&lruEntry[V]{key: key, val: val, exp: exp})
	for c.ll.Len() > c.max {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.m, old.Value.(*lruEntry[V]).key)
	}
}

// remove forgets key, if it holds val when match is non-nil.
func (c *lru[V]) remove(key string, match func(V) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok && (match == nil || match(el.Value.(*lruEntry[V]).val)) {
		c.ll.Remove(el)
		delete(c.m, key)
	}
}

// len returns the number of entries, live or not yet collected.
func (c *lru[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}
