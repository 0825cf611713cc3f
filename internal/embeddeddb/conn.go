package embeddeddb

import (
	"errors"
	"net"
	"sync"
	"time"
)

// drainTimeout bounds how long a connection closed while the server runs
// one of its writes keeps that write's lock, waiting for the reply. The
// server finishes a command even when its client has gone, so releasing
// the lock at once would let the next write of the database race it (the
// very lost update the lock prevents), for a write the caller gave up on.
// FerretDB's SQLite busy timeout is 10 s too.
const drainTimeout = 10 * time.Second

// maxKeptHead is the largest buffer a connection keeps for the start of the
// next message; larger ones (a split write of a big insert) are dropped.
const maxKeptHead = 64 << 10

// conn is a connection whose write commands hold their key's lock from
// the first byte sent to the last byte of the reply read.
//
// The driver writes each message with one Write and reads a reply as its
// 4-byte length then the rest, but conn does not rely on it: it buffers
// the start of a message until it can tell what the message is, and it
// follows message boundaries in the read stream byte by byte.
type conn struct {
	net.Conn
	s *Serializer

	// Write side, guarded by wmu.
	wmu       sync.Mutex
	head      []byte  // the start of the current message, not sent yet
	cur       request // the current message, once head tells what it is
	curLocked bool    // cur holds its key's lock and is not completely sent
	rest      int     // bytes of cur still to send after head
	wOpaque   bool    // stream not parseable any more: pass everything

	// Read side, guarded by rmu.
	rmu     sync.Mutex
	rhdr    [headerLen]byte // the header of the message being read
	rhdrN   int             // bytes of rhdr read
	rrest   int             // bytes of that message after its header still to read
	rOpaque bool

	// Locks, guarded by mu.
	mu        sync.Mutex
	held      map[string]*hold // key → the lock this connection holds
	replies   map[int32]string // request id of a sent write → its key
	closed    bool
	closedCh  chan struct{} // closed by Close: stops waiting for a lock
	wdeadline time.Time     // write deadline, which bounds waiting for a lock
}

// hold is a lock a connection holds, and how many of its messages use it
// (more than one only if a caller pipelines writes on one connection,
// which the driver does not).
type hold struct {
	lock *keyLock
	n    int
}

func newConn(c net.Conn, s *Serializer) *conn {
	return &conn{
		Conn:     c,
		s:        s,
		held:     make(map[string]*hold),
		replies:  make(map[int32]string),
		closedCh: make(chan struct{}),
	}
}

// Write sends p, first waiting for the lock of each write command that
// starts in p. It returns net.ErrClosed after Close, and the socket's
// timeout error when the write deadline passes while it waits.
func (c *conn) Write(p []byte) (n int, err error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.isClosed() {
		return 0, net.ErrClosed
	}
	for len(p) > 0 {
		switch {
		case c.wOpaque:
			m, err := c.Conn.Write(p)
			return n + m, err
		case c.rest > 0:
			m, err := c.Conn.Write(p[:min(c.rest, len(p))])
			n, c.rest, p = n+m, c.rest-m, p[m:]
			if err != nil {
				c.abort()
				return n, err
			}
			if c.rest == 0 {
				c.sent()
			}
		default:
			used, decided := c.collect(p)
			n, p = n+used, p[used:]
			if !decided {
				return n, nil // the start of the message is buffered
			}
			if err := c.begin(); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// collect gathers the start of a message until inspect can tell what it
// is. It returns how many bytes of p it moved into head (none when p alone
// tells) and whether c.cur is now known.
func (c *conn) collect(p []byte) (used int, decided bool) {
	if len(c.head) == 0 {
		if r, need := inspect(p, c.s.mode); need == 0 {
			c.cur = r
			return 0, true
		}
	}
	for {
		r, need := inspect(c.head, c.s.mode)
		if need == 0 {
			c.cur = r
			return used, true
		}
		if used == len(p) {
			return used, false
		}
		take := min(need-len(c.head), len(p)-used)
		c.head = append(c.head, p[used:used+take]...)
		used += take
	}
}

// begin takes the lock of c.cur if it is a write, then sends the buffered
// start of it.
func (c *conn) begin() error {
	if c.cur.opaque {
		c.wOpaque = true
	} else {
		if c.cur.write {
			if err := c.lock(c.cur.key); err != nil {
				c.resetHead()
				c.wOpaque = true // the message is lost: the caller must close
				return err
			}
			c.curLocked = true
		}
		c.rest = int(c.cur.length) - len(c.head)
	}
	if len(c.head) > 0 {
		_, err := c.Conn.Write(c.head)
		c.resetHead()
		if err != nil {
			c.abort()
			return err
		}
	}
	if c.rest == 0 && !c.wOpaque {
		c.sent()
	}
	return nil
}

func (c *conn) resetHead() {
	if cap(c.head) > maxKeptHead {
		c.head = nil
	}
	c.head = c.head[:0]
}

// sent records that c.cur has been sent completely: a locked write now
// waits for its reply, or releases its lock if no reply will come.
func (c *conn) sent() {
	if !c.curLocked {
		return
	}
	c.curLocked = false
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur.moreToCome {
		c.unhold(c.cur.key)
		return
	}
	if old, dup := c.replies[c.cur.requestID]; dup {
		c.unhold(old) // a reused request id: the older reply is not told apart
	}
	c.replies[c.cur.requestID] = c.cur.key
}

// abort gives up the current message after a failed write. The server
// cannot run a message it did not receive completely, so its lock goes;
// what is left of the stream is not parsed (the driver closes a connection
// whose write failed).
func (c *conn) abort() {
	c.resetHead()
	c.rest = 0
	c.wOpaque = true
	if c.curLocked {
		c.curLocked = false
		c.mu.Lock()
		c.unhold(c.cur.key)
		c.mu.Unlock()
	}
}

// lock takes the lock of key for one more message of this connection.
func (c *conn) lock(key string) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return net.ErrClosed
	}
	if h := c.held[key]; h != nil {
		h.n++
		c.mu.Unlock()
		return nil
	}
	deadline := c.wdeadline
	c.mu.Unlock()

	l, err := c.s.locks.acquire(key, deadline, c.closedCh)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		c.s.locks.release(key, l)
		return net.ErrClosed
	}
	c.held[key] = &hold{lock: l, n: 1}
	return nil
}

// unhold ends one message's use of key's lock, releasing it after the
// last. c.mu must be held.
func (c *conn) unhold(key string) {
	h := c.held[key]
	if h == nil {
		return
	}
	if h.n--; h.n == 0 {
		delete(c.held, key)
		c.s.locks.release(key, h.lock)
	}
}

// Read reads from the server and releases the lock of a write once its
// reply has been read completely. A read error other than a timeout means
// no reply will come: the locks go.
func (c *conn) Read(p []byte) (int, error) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if c.isClosed() {
		return 0, net.ErrClosed
	}
	n, err := c.Conn.Read(p)
	c.track(p[:n])
	if err != nil && !isTimeout(err) {
		c.mu.Lock()
		c.dropReplies()
		c.mu.Unlock()
	}
	return n, err
}

// track follows the message boundaries of the bytes b read from the
// server. c.rmu must be held.
func (c *conn) track(b []byte) {
	for len(b) > 0 && !c.rOpaque {
		if c.rhdrN < headerLen {
			k := copy(c.rhdr[c.rhdrN:], b)
			c.rhdrN, b = c.rhdrN+k, b[k:]
			if c.rhdrN < headerLen {
				return
			}
			h := parseHeader(c.rhdr[:])
			if h.length < headerLen {
				// Not a message: the boundaries are lost, and so are
				// the replies (the driver will close the connection).
				c.rOpaque = true
				c.mu.Lock()
				c.dropReplies()
				c.mu.Unlock()
				return
			}
			c.rrest = int(h.length) - headerLen
		}
		k := min(c.rrest, len(b))
		c.rrest, b = c.rrest-k, b[k:]
		if c.rrest == 0 {
			c.rhdrN = 0
			c.answered(parseHeader(c.rhdr[:]).responseTo)
		}
	}
}

// answered releases the lock of the write with request id id, if one
// waits for its reply.
func (c *conn) answered(id int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if key, ok := c.replies[id]; ok {
		delete(c.replies, id)
		c.unhold(key)
	}
}

// dropReplies stops waiting for every reply and releases their locks.
// c.mu must be held.
func (c *conn) dropReplies() {
	for id, key := range c.replies {
		delete(c.replies, id)
		c.unhold(key)
	}
}

// Close closes the connection. If it holds a lock, a goroutine keeps the
// socket open until the replies of the writes it sent have arrived (at
// most drainTimeout), then releases the locks and closes it; blocked Reads
// and Writes return at once either way.
func (c *conn) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return net.ErrClosed
	}
	c.closed = true
	close(c.closedCh)
	holding := len(c.held) > 0
	if holding {
		// Interrupt a blocked Read or Write; drain sets its own deadline.
		_ = c.Conn.SetDeadline(time.Now())
	}
	c.mu.Unlock()
	if !holding {
		return c.Conn.Close()
	}
	go c.drain()
	return nil
}

// drain is the rest of Close for a connection holding locks.
func (c *conn) drain() {
	c.wmu.Lock() // the writer has returned: the state of cur is final
	if c.curLocked {
		c.curLocked = false
		c.mu.Lock()
		c.unhold(c.cur.key) // not sent completely: the server cannot run it
		c.mu.Unlock()
	}
	c.wmu.Unlock()

	c.rmu.Lock()
	defer c.rmu.Unlock()
	if err := c.Conn.SetReadDeadline(time.Now().Add(drainTimeout)); err == nil {
		buf := make([]byte, 4096)
		for c.awaiting() {
			n, err := c.Conn.Read(buf)
			c.track(buf[:n])
			if err != nil {
				break
			}
		}
	}
	c.mu.Lock()
	c.dropReplies()
	c.mu.Unlock()
	_ = c.Conn.Close()
}

// awaiting reports whether a write's reply is still expected.
func (c *conn) awaiting() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.replies) > 0
}

func (c *conn) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// SetDeadline sets both deadlines; the write deadline also bounds waiting
// for a lock.
func (c *conn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	c.wdeadline = t
	return c.Conn.SetDeadline(t)
}

// SetWriteDeadline sets the write deadline, which also bounds waiting for
// a lock.
func (c *conn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	c.wdeadline = t
	return c.Conn.SetWriteDeadline(t)
}

// SetReadDeadline sets the read deadline.
func (c *conn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	return c.Conn.SetReadDeadline(t)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
