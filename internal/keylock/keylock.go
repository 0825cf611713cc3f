package keylock

import (
	"hash/maphash"
	"sync"
)

// Stripes is a set of mutexes selected by the hash of a key. The zero value
// is ready to use; a Stripes must not be copied after first use.
type Stripes [64]sync.Mutex

var seed = maphash.MakeSeed()

// Lock locks the stripe of key and returns its unlock function.
func (s *Stripes) Lock(key string) (unlock func()) {
	m := &s[maphash.String(seed, key)%uint64(len(s))]
	m.Lock()
	return m.Unlock
}
