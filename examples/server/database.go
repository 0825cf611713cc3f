package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"time"

	"github.com/blockyard/blockyard/internal/embeddeddb"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Timeouts of the database connection.
const (
	connectTimeout    = 10 * time.Second // first ping: a wrong MONGODB_URI fails fast
	disconnectTimeout = 10 * time.Second
)

// database is the connected MongoDB database and, in development, the
// embedded FerretDB server behind it.
type database struct {
	DB     *mongo.Database
	client *mongo.Client
	ferret *embeddeddb.Server // nil with MONGODB_URI
}

// openDatabase connects to MONGODB_URI or, when it is unset, starts
// FerretDB v1.24 in this process on SQLite files in dataDir/db, kept across
// restarts. FerretDB speaks the MongoDB wire protocol, so the server runs
// the same code on both, but it scans whole collections for every query:
// it is a development store, and production uses MongoDB.
//
// On the embedded database the client runs the write commands of the
// database one at a time (package embeddeddb): FerretDB does not apply an
// update atomically, so concurrent writes of one document would otherwise
// lose acknowledged updates, and SQLite's single writer would make them
// busy-wait. The directory lock keeps a second process (whose writes would
// not be ordered with this one's) away.
func openDatabase(ctx context.Context, cfg config, log *slog.Logger) (*database, error) {
	d := &database{}
	opts, where := options.Client().ApplyURI(cfg.MongoURI), "MongoDB"
	if cfg.MongoURI == "" {
		dir := filepath.Join(cfg.DataDir, "db")
		srv, err := embeddeddb.Start(embeddeddb.Options{
			Dir:     dir,
			Durable: true,
			LockDir: true,
			// FerretDB is chatty: it logs every failed command (such as
			// the driver's unsupported endSessions at disconnect) as a
			// warning, so only its errors are logged.
			Logger: slog.New(minLevel{log.Handler(), slog.LevelError}).With("component", "ferretdb"),
			Writes: embeddedWrites(ctx),
		})
		if errors.Is(err, embeddeddb.ErrDirInUse) {
			return nil, fmt.Errorf("the embedded database in %s is in use by another process: stop the server first (or set MONGODB_URI)", dir)
		}
		if err != nil {
			return nil, fmt.Errorf("start the embedded database: %w", err)
		}
		d.ferret, opts, where = srv, srv.ClientOptions(), "embedded FerretDB"
		log.Info("embedded database started (development only; set MONGODB_URI in production)", "dir", dir)
	}

	client, err := mongo.Connect(opts.SetServerSelectionTimeout(connectTimeout))
	if err == nil {
		d.client = client
		pingCtx, cancel := context.WithTimeout(ctx, connectTimeout)
		err = client.Ping(pingCtx, nil)
		cancel()
	}
	if err != nil {
		uri := cfg.MongoURI
		if d.ferret != nil {
			uri = d.ferret.URI()
		}
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
		if err := d.ferret.Stop(); err != nil {
			errs = append(errs, fmt.Errorf("stop the embedded database: %w", err))
		}
	}
	return errors.Join(errs...)
}

// embeddedWritesKey is the context key of the embeddeddb.Serialization the
// embedded database's client uses. Only the load benchmark sets it, to
// measure the server without serialization (or per collection) beside the
// default; the server itself always serializes per database.
type embeddedWritesKey struct{}

// embeddedWrites returns the serialization ctx asks for, PerDatabase by
// default.
func embeddedWrites(ctx context.Context) embeddeddb.Serialization {
	s, _ := ctx.Value(embeddedWritesKey{}).(embeddeddb.Serialization)
	return s
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
