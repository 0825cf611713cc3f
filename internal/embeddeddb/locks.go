package embeddeddb

import (
	"net"
	"os"
	"sync"
	"time"
)

// lockTable holds one mutex per key (a database, or a collection), created
// on first use and dropped when nobody holds or waits for it, so that the
// thousands of databases a test binary creates leave nothing behind.
//
// A mutex is a one-slot channel rather than a sync.Mutex so that waiting
// for it can give up at the connection's write deadline or when the
// connection is closed (the driver closes it to cancel an operation), and
// so that waiters are served in arrival order: a blocked channel send is
// queued FIFO, which keeps the tail latency of a busy key close to its
// median.
type lockTable struct {
	mu    sync.Mutex
	locks map[string]*keyLock
}

// keyLock is the mutex of one key.
type keyLock struct {
	slot chan struct{} // full while held
	refs int           // holders and waiters, guarded by lockTable.mu
}

// acquire locks key. It gives up with os.ErrDeadlineExceeded (a net.Error
// whose Timeout() is true, as a socket write past its deadline reports) at
// deadline, unless it is zero, and with net.ErrClosed when closed is
// closed.
func (t *lockTable) acquire(key string, deadline time.Time, closed <-chan struct{}) (*keyLock, error) {
	t.mu.Lock()
	if t.locks == nil {
		t.locks = make(map[string]*keyLock)
	}
	l := t.locks[key]
	if l == nil {
		l = &keyLock{slot: make(chan struct{}, 1)}
		t.locks[key] = l
	}
	l.refs++
	t.mu.Unlock()

	select {
	case l.slot <- struct{}{}:
		return l, nil
	default:
	}
	var expired <-chan time.Time
	if !deadline.IsZero() {
		timer := time.NewTimer(time.Until(deadline))
		defer timer.Stop()
		expired = timer.C
	}
	select {
	case l.slot <- struct{}{}:
		return l, nil
	case <-expired:
		t.forget(key, l)
		return nil, os.ErrDeadlineExceeded
	case <-closed:
		t.forget(key, l)
		return nil, net.ErrClosed
	}
}

// release unlocks l, the lock of key.
func (t *lockTable) release(key string, l *keyLock) {
	<-l.slot
	t.forget(key, l)
}

// forget drops one reference to l and the table's entry with the last.
func (t *lockTable) forget(key string, l *keyLock) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if l.refs--; l.refs == 0 {
		delete(t.locks, key)
	}
}

// size is the number of keys held or waited for, for tests.
func (t *lockTable) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.locks)
}
