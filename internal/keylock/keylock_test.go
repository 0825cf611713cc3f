package keylock

import (
	"hash/maphash"
	"sync"
	"testing"
)

func TestLockSerializesTheSameKey(t *testing.T) {
	var s Stripes
	counter := 0
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			for range 100 {
				unlock := s.Lock("organizations:42")
				v := counter // a non-atomic read-modify-write, safe only under the lock
				counter = v + 1
				unlock()
			}
		})
	}
	wg.Wait()
	if counter != 5000 {
		t.Fatalf("counter = %d, want 5000: the lock did not serialize", counter)
	}
}

func TestDifferentKeysDoNotBlockForever(t *testing.T) {
	var s Stripes
	unlock := s.Lock("a")
	done := make(chan struct{})
	go func() {
		// Some key lands on another stripe and can be locked meanwhile.
		for i := range 1000 {
			k := string(rune('b' + i%20000))
			if &s[maphash64(k)] != &s[maphash64("a")] {
				s.Lock(k)()
				close(done)
				return
			}
		}
	}()
	<-done
	unlock()
}

func maphash64(k string) uint64 { return maphash.String(seed, k) % uint64(len(Stripes{})) }
