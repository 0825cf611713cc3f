// Package embeddeddb runs FerretDB v1.24 (SQLite handler) inside the
// process, for the tests (blockyardtest) and the example server, and makes
// its writes linearizable within the process. It lets `go test` and a
// single-machine deployment run on a MongoDB-wire database without a
// server to install.
//
// # Why writes are serialized
//
// FerretDB 1.24 applies every update as a query followed, in a separate
// SQLite transaction, by a write of the whole document. Two concurrent
// writes to one document can therefore overwrite each other: an update
// that read the document before another one committed writes the old
// fields back, and the other update is lost although it was acknowledged.
// SQLite also lets only one writer at a time into a database file, and
// FerretDB waits for it by polling (1, 2, 5, … 100 ms), which makes the
// tail latency of concurrent writes hundreds of milliseconds.
//
// # The serializer
//
// The [Serializer] fixes both below every caller: it wraps the driver's
// connections and lets one write command per database be in flight at a
// time, from the moment it is sent until its reply has been read. Read
// commands pass freely (SQLite runs in WAL mode, so reads never wait for
// the writer). Every client of a [Server] made from [Server.ClientOptions]
// shares one Serializer; see docs/mongo-portable.md for what this
// guarantees and what it does not.
//
// # Usage
//
// Start a [Server] with [Options], connect with its client options, and
// disconnect every client before [Server.Stop]:
//
//	srv, err := embeddeddb.Start(embeddeddb.Options{Dir: dir, Durable: true, LockDir: true})
//	...
//	client, err := mongo.Connect(srv.ClientOptions())
//	...
//	defer srv.Stop() // after client.Disconnect
package embeddeddb
