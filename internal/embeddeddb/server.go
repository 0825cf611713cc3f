package embeddeddb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// stopTimeout bounds how long Stop waits for FerretDB's Run to return. With
// every client disconnected it returns at once; a client still connected
// makes it wait about 3 s.
const stopTimeout = 30 * time.Second

// ErrDirInUse is returned (wrapped, with the directory) by [Start] with
// Options.LockDir when another process has the directory open.
var ErrDirInUse = errors.New("the database directory is in use by another process")

// Options configure [Start].
type Options struct {
	// Dir is the data directory (one SQLite file per database), created
	// if missing.
	Dir string
	// Durable keeps SQLite's default synchronous mode, which survives a
	// power cut. Without it SQLite does not wait for the disk
	// (synchronous=OFF): fine for tests on tmpfs, whose data dies with the
	// process anyway.
	Durable bool
	// LockDir takes an exclusive lock on Dir for the server's lifetime and
	// fails with [ErrDirInUse] if another process holds it. A server whose
	// data outlives it should set it: a second process would see stale
	// collection metadata, and its writes would not be serialized with
	// this one's.
	LockDir bool
	// Logger receives FerretDB's logs; nil discards them.
	Logger *slog.Logger
	// Writes chooses how the clients made by [Server.ClientOptions]
	// serialize write commands; the zero value is [PerDatabase].
	Writes Serialization
}

// Server is a FerretDB v1.24 server (SQLite handler) running in this
// process, on a random 127.0.0.1 port.
type Server struct {
	uri    string
	dir    string
	writes *Serializer
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned
	unlock func()        // releases the directory lock
}

// Start starts FerretDB on a random loopback port with its data in
// o.Dir. Stop it with [Server.Stop] after disconnecting its clients.
func Start(o Options) (*Server, error) {
	if o.Dir == "" {
		return nil, errors.New("embeddeddb: no data directory")
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the database directory: %w", err)
	}
	unlock := func() {}
	if o.LockDir {
		var err error
		if unlock, err = lockDir(o.Dir); err != nil {
			return nil, err
		}
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// A directory URL (trailing slash). Not mode=memory: it deadlocks on
	// the first update.
	url := "file:" + filepath.ToSlash(o.Dir) + "/"
	if !o.Durable {
		url += "?_pragma=synchronous(OFF)"
	}
	f, err := ferretdb.New(&ferretdb.Config{
		// Loopback only: the embedded database is not meant to be shared.
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: url,
		Logger:    log,
	})
	if err != nil {
		unlock()
		return nil, fmt.Errorf("start FerretDB: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		uri:    f.MongoDBURI(), // safe before Run: New has opened the listener
		dir:    o.Dir,
		writes: NewSerializer(o.Writes),
		cancel: cancel,
		done:   make(chan struct{}),
		unlock: unlock,
	}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx) // always nil; it returns when ctx is cancelled
	}()
	return s, nil
}

// URI is the server's connection string. A client connecting with it
// alone is not serialized with the others: use [Server.ClientOptions].
func (s *Server) URI() string { return s.uri }

// Dir is the data directory.
func (s *Server) Dir() string { return s.dir }

// ClientOptions returns the options of a client of this server: its URI
// and the dialer that serializes its writes with those of every other
// client made from ClientOptions (see [Serializer]). Callers may add
// options, but not another dialer or compression (a compressed message
// cannot be told apart and passes unserialized; FerretDB does not offer
// compression anyway).
func (s *Server) ClientOptions() *options.ClientOptions {
	return options.Client().ApplyURI(s.uri).SetDialer(s.writes)
}

// Stop cancels the server and waits until it has closed its listener and
// databases, then releases the directory lock. Disconnect every client
// first, or stopping waits for their connections to time out.
func (s *Server) Stop() error {
	s.cancel()
	select {
	case <-s.done:
		s.unlock()
		return nil
	case <-time.After(stopTimeout):
		return fmt.Errorf("FerretDB did not stop within %v", stopTimeout)
	}
}
