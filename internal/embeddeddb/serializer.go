package embeddeddb

import (
	"context"
	"net"
)

// Serialization chooses what the [Serializer] lets run one at a time.
type Serialization int

const (
	// PerDatabase runs the write commands of one database one at a time
	// (the default). FerretDB keeps each database in one SQLite file, and
	// SQLite lets one writer at a time into a file: concurrent writers of a
	// database wait for each other anyway, inside SQLite by busy-waiting,
	// so this lock costs no parallelism and replaces that busy-wait by a
	// queue. See docs/mongo-portable.md.
	PerDatabase Serialization = iota
	// PerCollection runs the write commands of one collection one at a
	// time, for comparison: writes to two collections of a database still
	// meet at SQLite's lock, and commands that act on a whole database
	// (dropDatabase) are not ordered against collection writes.
	PerCollection
	// Unserialized wraps nothing: FerretDB's own behaviour, for comparison.
	Unserialized
)

// String names the mode, for benchmark and log output.
func (s Serialization) String() string {
	switch s {
	case PerDatabase:
		return "per-database"
	case PerCollection:
		return "per-collection"
	case Unserialized:
		return "unserialized"
	}
	return "unknown"
}

// Serializer makes the write commands of every connection it wraps run one
// at a time per database (or collection), from the moment one is sent
// until its reply has been read, so that a command reaches FerretDB only
// when no other write of its database is in flight. Read commands pass
// without waiting. Use it as the mongo-driver client's dialer:
//
//	options.Client().ApplyURI(uri).SetDialer(s)
//
// Every client of one embedded server must share one Serializer (see
// [Server.ClientOptions]); connections of another process, or of a client
// dialing by itself, are not ordered against it. The zero value is not
// usable: call [NewSerializer].
type Serializer struct {
	mode  Serialization
	dial  net.Dialer
	locks lockTable
}

// NewSerializer returns a Serializer with the given granularity.
func NewSerializer(mode Serialization) *Serializer {
	return &Serializer{mode: mode}
}

// DialContext connects like net.Dialer and wraps the connection (see
// [Serializer.Wrap]). It implements options.ContextDialer.
func (s *Serializer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := s.dial.DialContext(ctx, network, address)
	if err != nil {
		return nil, err
	}
	return s.Wrap(c), nil
}

// Wrap returns c with its write commands serialized. With [Unserialized]
// it returns c itself.
func (s *Serializer) Wrap(c net.Conn) net.Conn {
	if s.mode == Unserialized {
		return c
	}
	return newConn(c, s)
}
