package keylock

import (
	"fmt"
	"hash/maphash"
	"sync"
	"testing"
	"time"
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

// A key on another stripe can be locked while a stripe is held.
func TestKeysOnOtherStripesDoNotWait(t *testing.T) {
	var s Stripes
	unlock := s.Lock("a")
	defer unlock()
	other := ""
	for i := 0; other == ""; i++ {
		if k := fmt.Sprint("key-", i); stripe(k) != stripe("a") {
			other = k
		}
	}
	done := make(chan struct{})
	go func() {
		s.Lock(other)()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("locking %q waited for the stripe of \"a\"", other)
	}
}

// stripe is the index Lock uses for k.
func stripe(k string) uint64 { return maphash.String(seed, k) % uint64(len(Stripes{})) }
