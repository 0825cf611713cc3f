// Package embedded supplies the development database of package app:
// FerretDB v1.24 on SQLite files, started inside the process, so that a
// program runs with nothing installed.
//
//	app.Main(app.Options{Name: "notes", Embedded: embedded.Open}, mount)
//
// # Why a package of its own
//
// FerretDB and the SQLite it runs on are heavy: a program that always
// runs on MongoDB (MONGODB_URI) leaves them out of its binary by not
// importing this package, and package app never imports it.
//
// # What it guarantees
//
// The database lives in the directory app gives it (DATA_DIR/db), kept
// across restarts, synced to disk, and locked: a second process on the
// same directory fails with an error wrapping [app.ErrEmbeddedInUse], since
// its writes would not be ordered with this one's and it would see stale
// collection metadata. FerretDB does not apply an update atomically, so
// its clients run the write commands of a database one at a time:
// concurrent updates of one document would otherwise lose acknowledged
// writes, and SQLite's single writer would make them busy-wait (see
// docs/mongo-portable.md). FerretDB scans whole collections for every
// query: this is a development store.
package embedded

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/internal/embeddeddb"
)

// Open is an [app.Embedded]: it starts FerretDB with its files in dir,
// with [Options] zero value.
func Open(ctx context.Context, dir string, log *slog.Logger) (*app.EmbeddedServer, error) {
	return Options{}.Open(ctx, dir, log)
}

// Options tune the embedded database; the zero value is right for a
// program, and the fields are there for benchmarks and comparisons.
type Options struct {
	// Writes chooses what the clients run one write command at a time
	// of; the zero value is [PerDatabase].
	Writes Serialization
}

// Serialization chooses what the embedded database's clients serialize.
type Serialization = embeddeddb.Serialization

// The serializations of write commands.
const (
	// PerDatabase runs the write commands of one database one at a time
	// (the default): SQLite lets one writer at a time into a database's
	// file anyway, so this costs no parallelism and replaces SQLite's
	// busy-wait by a queue.
	PerDatabase = embeddeddb.PerDatabase
	// PerCollection runs the write commands of one collection one at a
	// time, for comparison.
	PerCollection = embeddeddb.PerCollection
	// Unserialized is FerretDB's own behaviour, for comparison: it loses
	// concurrent updates of one document.
	Unserialized = embeddeddb.Unserialized
)

// Open is an [app.Embedded] with the options o (pass the method value
// o.Open as app.Options.Embedded).
func (o Options) Open(_ context.Context, dir string, log *slog.Logger) (*app.EmbeddedServer, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv, err := embeddeddb.Start(embeddeddb.Options{
		Dir:     dir,
		Durable: true,
		LockDir: true,
		// FerretDB is chatty: it logs every failed command (such as the
		// driver's unsupported endSessions at disconnect) as a warning,
		// so only its errors are logged.
		Logger: slog.New(minLevel{log.Handler(), slog.LevelError}).With("component", "ferretdb"),
		Writes: o.Writes,
	})
	if errors.Is(err, embeddeddb.ErrDirInUse) {
		return nil, fmt.Errorf("%w: %w", app.ErrEmbeddedInUse, err)
	}
	if err != nil {
		return nil, err
	}
	return &app.EmbeddedServer{ClientOptions: srv.ClientOptions(), Name: "embedded FerretDB", URI: srv.URI(), Stop: srv.Stop}, nil
}

// minLevel drops records below a minimum level, whatever its handler's
// own level.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
