package embeddeddb

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// How long a test waits for something that must happen, and for something
// that must not.
const (
	mustHappen = 5 * time.Second
	mustNot    = 150 * time.Millisecond
)

// opMsgBytes builds an OP_MSG with the given request id, flag bits and
// command body, and optionally a document sequence after the body.
func opMsgBytes(t testing.TB, requestID int32, flags uint32, body bson.D, seq ...bson.D) []byte {
	t.Helper()
	doc, err := bson.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, headerLen, 64+len(doc))
	b = binary.LittleEndian.AppendUint32(b, flags)
	b = append(b, sectionBody)
	b = append(b, doc...)
	if len(seq) > 0 {
		var docs []byte
		for _, d := range seq {
			raw, err := bson.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, raw...)
		}
		b = append(b, sectionSequence)
		b = binary.LittleEndian.AppendUint32(b, uint32(4+len("documents")+1+len(docs)))
		b = append(b, "documents\x00"...)
		b = append(b, docs...)
	}
	if flags&flagChecksumPresent != 0 {
		b = binary.LittleEndian.AppendUint32(b, 0) // not checked by the serializer
	}
	putHeader(b, requestID, 0, opMsg)
	return b
}

// replyBytes builds the server's reply {ok: 1} to request id.
func replyBytes(t testing.TB, responseTo int32) []byte {
	t.Helper()
	b := opMsgBytes(t, 1000+responseTo, 0, bson.D{{Key: "ok", Value: 1.0}})
	putHeader(b, 1000+responseTo, responseTo, opMsg)
	return b
}

func putHeader(b []byte, requestID, responseTo, opCode int32) {
	binary.LittleEndian.PutUint32(b[0:], uint32(len(b)))
	binary.LittleEndian.PutUint32(b[4:], uint32(requestID))
	binary.LittleEndian.PutUint32(b[8:], uint32(responseTo))
	binary.LittleEndian.PutUint32(b[12:], uint32(opCode))
}

func update(db string) bson.D {
	return bson.D{{Key: "update", Value: "c"}, {Key: "updates", Value: bson.A{}}, {Key: "$db", Value: db}}
}

func find(db string) bson.D {
	return bson.D{{Key: "find", Value: "c"}, {Key: "filter", Value: bson.D{}}, {Key: "$db", Value: db}}
}

// fakeServer is the server end of a net.Pipe: it reads whole messages and
// hands them to the test in arrival order.
type fakeServer struct {
	conn net.Conn
	got  chan []byte
}

// newPair connects a connection wrapped by s to a fake server.
func newPair(t *testing.T, s *Serializer) (net.Conn, *fakeServer) {
	t.Helper()
	client, server := net.Pipe()
	f := &fakeServer{conn: server, got: make(chan []byte, 16)}
	go func() {
		defer close(f.got)
		for {
			var size [4]byte
			if _, err := io.ReadFull(server, size[:]); err != nil {
				return
			}
			msg := make([]byte, binary.LittleEndian.Uint32(size[:]))
			copy(msg, size[:])
			if _, err := io.ReadFull(server, msg[4:]); err != nil {
				return
			}
			f.got <- msg
		}
	}()
	c := s.Wrap(client)
	t.Cleanup(func() { c.Close(); server.Close() })
	return c, f
}

// expectReceived waits for the next message the server receives.
func (f *fakeServer) expectReceived(t *testing.T, what string) []byte {
	t.Helper()
	select {
	case m, ok := <-f.got:
		if !ok {
			t.Fatalf("%s: the connection closed instead", what)
		}
		return m
	case <-time.After(mustHappen):
		t.Fatalf("%s: not received within %v", what, mustHappen)
	}
	return nil
}

// expectNothing checks that the server receives nothing for a while.
func (f *fakeServer) expectNothing(t *testing.T, what string) {
	t.Helper()
	select {
	case m := <-f.got:
		t.Fatalf("%s: received %d bytes while a write of the database awaits its reply", what, len(m))
	case <-time.After(mustNot):
	}
}

// reply sends the reply to request id in chunks of the given sizes (the
// rest in one last chunk), as the server would; the client must read it.
func (f *fakeServer) reply(t *testing.T, id int32, chunks ...int) {
	t.Helper()
	b := replyBytes(t, id)
	go func() {
		for _, n := range chunks {
			if _, err := f.conn.Write(b[:n]); err != nil {
				return
			}
			b = b[n:]
		}
		f.conn.Write(b)
	}()
}

// readReply reads one message as the driver does: its length, then the rest.
func readReply(t *testing.T, c net.Conn) header {
	t.Helper()
	var size [4]byte
	if _, err := io.ReadFull(c, size[:]); err != nil {
		t.Fatalf("read reply length: %v", err)
	}
	msg := make([]byte, binary.LittleEndian.Uint32(size[:]))
	copy(msg, size[:])
	if _, err := io.ReadFull(c, msg[4:]); err != nil {
		t.Fatalf("read reply: %v", err)
	}
	return parseHeader(msg)
}

// writeAsync writes the chunks of msg in order from another goroutine.
func writeAsync(c net.Conn, msg []byte, chunks ...int) <-chan error {
	errc := make(chan error, 1)
	go func() {
		for _, n := range chunks {
			if _, err := c.Write(msg[:n]); err != nil {
				errc <- err
				return
			}
			msg = msg[n:]
		}
		_, err := c.Write(msg)
		errc <- err
	}()
	return errc
}

func expectWritten(t *testing.T, errc <-chan error, what string) {
	t.Helper()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	case <-time.After(mustHappen):
		t.Fatalf("%s: Write still blocked after %v", what, mustHappen)
	}
}

// TestSecondWriteWaitsForFirstReply: while a write of database d awaits
// its reply, a second write of d is not sent; a read of d and a write of
// another database are. The second goes out once the first's reply has
// been read to its last byte.
func TestSecondWriteWaitsForFirstReply(t *testing.T) {
	s := NewSerializer(PerDatabase)
	a, sa := newPair(t, s)
	b, sb := newPair(t, s)
	c, sc := newPair(t, s)

	expectWritten(t, writeAsync(a, opMsgBytes(t, 1, 0, update("d"))), "first write")
	sa.expectReceived(t, "first write")

	second := writeAsync(b, opMsgBytes(t, 2, 0, update("d")))
	sb.expectNothing(t, "second write of d")

	expectWritten(t, writeAsync(c, opMsgBytes(t, 3, 0, find("d"))), "read of d")
	sc.expectReceived(t, "read of d")
	expectWritten(t, writeAsync(c, opMsgBytes(t, 4, 0, update("other"))), "write of another database")
	sc.expectReceived(t, "write of another database")
	sc.reply(t, 4)
	readReply(t, c)

	sa.reply(t, 1)
	if h := readReply(t, a); h.responseTo != 1 {
		t.Fatalf("reply to %d", h.responseTo)
	}
	expectWritten(t, second, "second write")
	sb.expectReceived(t, "second write, after the first reply")
	sb.reply(t, 2)
	readReply(t, b)
	if n := s.locks.size(); n != 0 {
		t.Errorf("%d locks left", n)
	}
}

// TestSplitWritesAndReads: a write sent in pieces (across the header, the
// flags and the body) still takes the lock and reaches the server intact,
// and the lock is held until the last byte of a reply read byte by byte.
func TestSplitWritesAndReads(t *testing.T) {
	s := NewSerializer(PerDatabase)
	a, sa := newPair(t, s)
	b, sb := newPair(t, s)

	msg := opMsgBytes(t, 7, 0, update("d"), bson.D{{Key: "x", Value: 1}})
	expectWritten(t, writeAsync(a, msg, 3, 10, 5, 1, 9), "split write")
	if got := sa.expectReceived(t, "split write"); string(got) != string(msg) {
		t.Fatalf("server received %x, want %x", got, msg)
	}
	second := writeAsync(b, opMsgBytes(t, 8, 0, update("d")), 2)
	sb.expectNothing(t, "second write during the first")

	reply := replyBytes(t, 7)
	go func() {
		for i := range reply {
			sa.conn.Write(reply[i : i+1])
		}
	}()
	one := make([]byte, 1)
	for i := range len(reply) - 1 {
		if _, err := io.ReadFull(a, one); err != nil {
			t.Fatal(err)
		}
		if i == 0 || i == len(reply)-2 {
			sb.expectNothing(t, "second write before the reply's last byte")
		}
	}
	if _, err := io.ReadFull(a, one); err != nil {
		t.Fatal(err)
	}
	expectWritten(t, second, "second write")
	sb.expectReceived(t, "second write after the reply")
}

// TestMoreToComeReleasesAfterWrite: a write flagged moreToCome gets no
// reply, so its lock is released once it is sent.
func TestMoreToComeReleasesAfterWrite(t *testing.T) {
	s := NewSerializer(PerDatabase)
	a, sa := newPair(t, s)
	b, sb := newPair(t, s)
	expectWritten(t, writeAsync(a, opMsgBytes(t, 1, flagMoreToCome, update("d"))), "unacknowledged write")
	sa.expectReceived(t, "unacknowledged write")
	expectWritten(t, writeAsync(b, opMsgBytes(t, 2, flagMoreToCome|flagChecksumPresent, update("d"))), "next write")
	sb.expectReceived(t, "next write")
	if n := s.locks.size(); n != 0 {
		t.Errorf("%d locks left", n)
	}
}

// TestCloseWaitsForTheSentWrite: closing a connection whose write the
// server is running keeps the lock until the server answers (the server
// finishes the command anyway), then releases it.
func TestCloseWaitsForTheSentWrite(t *testing.T) {
	s := NewSerializer(PerDatabase)
	a, sa := newPair(t, s)
	b, sb := newPair(t, s)
	expectWritten(t, writeAsync(a, opMsgBytes(t, 1, 0, update("d"))), "first write")
	sa.expectReceived(t, "first write")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Write([]byte{1}); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	second := writeAsync(b, opMsgBytes(t, 2, 0, update("d")))
	sb.expectNothing(t, "second write while the closed connection's write runs")
	sa.reply(t, 1, 5)
	expectWritten(t, second, "second write")
	sb.expectReceived(t, "second write after the reply")
}

// TestCloseReleases: a connection closed before its write was completely
// sent, or whose server went away, releases the lock at once; and a Write
// waiting for the lock returns when its connection is closed.
func TestCloseReleases(t *testing.T) {
	s := NewSerializer(PerDatabase)

	// A message cut in its document sequence, after the command (so its
	// lock is taken): the server cannot run it.
	a, _ := newPair(t, s)
	msg := opMsgBytes(t, 1, 0, update("d"), bson.D{{Key: "x", Value: 1}})
	expectWritten(t, writeAsync(a, msg[:len(msg)-3]), "half a write")
	waiter, sw := newPair(t, s)
	waiting := writeAsync(waiter, opMsgBytes(t, 2, 0, update("d")))
	sw.expectNothing(t, "write during a half-sent one")
	a.Close()
	expectWritten(t, waiting, "write after the half-sent one was closed")
	sw.expectReceived(t, "write after the half-sent one was closed")

	// The waiter now holds d; a third connection waits, and is closed.
	third, st := newPair(t, s)
	blocked := writeAsync(third, opMsgBytes(t, 3, 0, update("d")))
	st.expectNothing(t, "third write")
	third.Close()
	select {
	case err := <-blocked:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("Write waiting for the lock, after Close: %v", err)
		}
	case <-time.After(mustHappen):
		t.Fatal("Write still waiting for the lock after Close")
	}

	// The server of the holder goes away: reading fails, the lock goes.
	sw.conn.Close()
	if _, err := waiter.Read(make([]byte, 4)); err == nil {
		t.Fatal("read from a closed server succeeded")
	}
	fourth, sf := newPair(t, s)
	expectWritten(t, writeAsync(fourth, opMsgBytes(t, 4, 0, update("d"))), "write after the server went away")
	sf.expectReceived(t, "write after the server went away")
	sf.reply(t, 4)
	readReply(t, fourth)
	waiter.Close()
	if n := s.locks.size(); n != 0 {
		t.Errorf("%d locks left", n)
	}
}

// TestLockWaitHonoursWriteDeadline: waiting for the lock ends at the write
// deadline with a timeout error, as a socket write would.
func TestLockWaitHonoursWriteDeadline(t *testing.T) {
	s := NewSerializer(PerDatabase)
	a, sa := newPair(t, s)
	b, sb := newPair(t, s)
	expectWritten(t, writeAsync(a, opMsgBytes(t, 1, 0, update("d"))), "first write")
	sa.expectReceived(t, "first write")
	b.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
	start := time.Now()
	_, err := b.Write(opMsgBytes(t, 2, 0, update("d")))
	if !errors.Is(err, os.ErrDeadlineExceeded) || !isTimeout(err) {
		t.Fatalf("Write past the deadline: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Write returned after %v", d)
	}
	sb.expectNothing(t, "timed-out write")
	sa.reply(t, 1)
	readReply(t, a)
	if n := s.locks.size(); n != 0 {
		t.Errorf("%d locks left", n)
	}
}

// TestOtherOpCodesPassThrough: a message other than OP_MSG (the legacy
// OP_QUERY hello of a handshake) is sent untouched while a write holds the
// lock.
func TestOtherOpCodesPassThrough(t *testing.T) {
	s := NewSerializer(PerDatabase)
	a, sa := newPair(t, s)
	b, sb := newPair(t, s)
	expectWritten(t, writeAsync(a, opMsgBytes(t, 1, 0, update("d"))), "write")
	sa.expectReceived(t, "write")
	query := opMsgBytes(t, 2, 0, update("d")) // an OP_QUERY would look the same to the serializer
	binary.LittleEndian.PutUint32(query[12:], 2004)
	expectWritten(t, writeAsync(b, query, 7), "OP_QUERY")
	if got := sb.expectReceived(t, "OP_QUERY"); string(got) != string(query) {
		t.Errorf("OP_QUERY changed: %x", got)
	}
}

// TestUnserializedWrapsNothing: Wrap in Unserialized mode returns the
// connection itself.
func TestUnserializedWrapsNothing(t *testing.T) {
	c, _ := net.Pipe()
	defer c.Close()
	if NewSerializer(Unserialized).Wrap(c) != c {
		t.Error("Unserialized wrapped the connection")
	}
}
