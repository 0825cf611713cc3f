package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Timeouts of the database connection.
const (
	connectTimeout    = 10 * time.Second // first ping: a wrong MONGODB_URI fails fast
	disconnectTimeout = 10 * time.Second
	ferretStopTimeout = 30 * time.Second
)

// database is the connected MongoDB database and, in development, the
// embedded FerretDB server behind it.
type database struct {
	DB     *mongo.Database
	client *mongo.Client
	ferret *embeddedFerret // nil with MONGODB_URI
}

// openDatabase connects to MONGODB_URI or, when it is unset, starts
// FerretDB v1.24 in this process on SQLite files in dataDir/db, kept across
// restarts. FerretDB speaks the MongoDB wire protocol, so the server runs
// the same code on both, but it scans whole collections for every query:
// it is a development store, and production uses MongoDB.
func openDatabase(ctx context.Context, cfg config, log *slog.Logger) (*database, error) {
	d := &database{}
	uri, where := cfg.MongoURI, "MongoDB"
	if uri == "" {
		f, err := startFerret(filepath.Join(cfg.DataDir, "db"), log)
		if err != nil {
			return nil, err
		}
		d.ferret, uri, where = f, f.uri, "embedded FerretDB"
		log.Info("embedded database started (development only; set MONGODB_URI in production)", "dir", f.dir)
	}

	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetServerSelectionTimeout(connectTimeout))
	if err == nil {
		d.client = client
		pingCtx, cancel := context.WithTimeout(ctx, connectTimeout)
		err = client.Ping(pingCtx, nil)
		cancel()
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("connect to %s at %s: %w", where, redactURI(uri), err), d.Close())
	}
	d.DB = client.Database(cfg.MongoDB)
	log.Info("database connected", "database", cfg.MongoDB, "server", where)
	return d, nil
}

// Ping checks that the database answers, for the readiness probe.
func (d *database) Ping(ctx context.Context) error { return d.client.Ping(ctx, nil) }

// Close disconnects the client, then stops the embedded server. The order
// matters: FerretDB waits for open connections before it stops.
func (d *database) Close() error {
	var errs []error
	if d.client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), disconnectTimeout)
		defer cancel()
		if err := d.client.Disconnect(ctx); err != nil {
			errs = append(errs, fmt.Errorf("disconnect from the database: %w", err))
		}
	}
	if d.ferret != nil {
		errs = append(errs, d.ferret.stop())
	}
	return errors.Join(errs...)
}

// embeddedFerret is a FerretDB server running in this process.
type embeddedFerret struct {
	uri    string
	dir    string
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned
	unlock func()        // releases the directory lock (see lockDir)
}

// startFerret starts FerretDB (SQLite handler) on a random loopback port
// with its data in dir, the same way blockyardtest does for tests, but on
// durable files: no tmpfs and SQLite's default synchronous mode.
func startFerret(dir string, log *slog.Logger) (*embeddedFerret, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the embedded database directory: %w", err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	f, err := ferretdb.New(&ferretdb.Config{
		// Loopback only: the embedded database is not meant to be shared.
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:  "sqlite",
		// A directory URL (trailing slash). Not mode=memory: it deadlocks
		// on the first update, and the data must survive restarts anyway.
		SQLiteURL: "file:" + filepath.ToSlash(dir) + "/",
		// FerretDB is chatty: it logs every failed command (such as the
		// driver's unsupported endSessions at disconnect) as a warning, so
		// only its errors are logged.
		Logger: slog.New(minLevel{log.Handler(), slog.LevelError}).With("component", "ferretdb"),
	})
	if err != nil {
		unlock()
		return nil, fmt.Errorf("start the embedded database: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &embeddedFerret{uri: f.MongoDBURI(), dir: dir, cancel: cancel, done: make(chan struct{}), unlock: unlock}
	go func() {
		defer close(e.done)
		_ = f.Run(ctx) // returns (nil) when ctx is cancelled
	}()
	return e, nil
}

// stop cancels the server and waits until it has closed its databases.
func (e *embeddedFerret) stop() error {
	e.cancel()
	select {
	case <-e.done:
		e.unlock()
		return nil
	case <-time.After(ferretStopTimeout):
		return fmt.Errorf("the embedded database did not stop within %v", ferretStopTimeout)
	}
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

// redactURI hides the password of a connection string for error messages.
func redactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(unparsable URI)"
	}
	if _, ok := u.User.Password(); !ok {
		return uri
	}
	u.User = url.UserPassword(u.User.Username(), "xxxxx")
	return u.String()
}
