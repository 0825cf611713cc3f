package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Timeouts of the database connection.
const (
	connectTimeout    = 10 * time.Second // first ping: a wrong MONGODB_URI fails fast
	disconnectTimeout = 10 * time.Second
)

// database is the connected MongoDB database and, in development, the
// embedded server behind it.
type database struct {
	DB     *mongo.Database
	client *mongo.Client
	local  *EmbeddedServer // nil with MONGODB_URI
}

// openDatabase connects to MONGODB_URI or, when it is unset, starts the
// embedded database of o in dataDir/db, kept across restarts. The FerretDB
// one speaks the MongoDB wire protocol, so the program runs the same code
// on both, but it scans whole collections for every query: it is a
// development store, and production uses MongoDB (see package
// app/embedded for why its writes are serialized and its directory
// locked).
func openDatabase(ctx context.Context, o Options, c Config, log *slog.Logger) (*database, error) {
	d := &database{}
	opts, where := options.Client().ApplyURI(c.MongoURI), "MongoDB"
	if c.MongoURI == "" {
		if o.Embedded == nil {
			return nil, fmt.Errorf("MONGODB_URI is not set, and %s has no embedded database (app.Options.Embedded): set MONGODB_URI", o.Name)
		}
		dir := filepath.Join(c.DataDir, "db")
		srv, err := o.Embedded(ctx, dir, log)
		if errors.Is(err, ErrEmbeddedInUse) {
			return nil, inUseError{dir}
		}
		if err != nil {
			return nil, fmt.Errorf("start the embedded database: %w", err)
		}
		d.local, opts, where = srv, srv.ClientOptions, srv.Name
		if where == "" {
			where = "embedded database"
		}
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
		uri := c.MongoURI
		if d.local != nil {
			uri = d.local.URI
		}
		return nil, errors.Join(fmt.Errorf("connect to %s at %s: %w", where, redactURI(uri), err), d.Close())
	}
	d.DB = client.Database(c.MongoDB)
	log.Info("database connected", "database", c.MongoDB, "server", where)
	return d, nil
}

// inUseError is the error of an embedded database whose directory another
// process has open: it says what to do, and wraps ErrEmbeddedInUse.
type inUseError struct{ dir string }

func (e inUseError) Error() string {
	return fmt.Sprintf("the embedded database in %s is in use by another process: stop the server first (or set MONGODB_URI)", e.dir)
}

func (e inUseError) Unwrap() error { return ErrEmbeddedInUse }

// Ping checks that the database answers, for the readiness probe.
func (d *database) Ping(ctx context.Context) error { return d.client.Ping(ctx, nil) }

// Close disconnects the client, then stops the embedded server. The order
// matters: an embedded server waits for open connections before it stops.
func (d *database) Close() error {
	var errs []error
	if d.client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), disconnectTimeout)
		defer cancel()
		if err := d.client.Disconnect(ctx); err != nil {
			errs = append(errs, fmt.Errorf("disconnect from the database: %w", err))
		}
	}
	if d.local != nil && d.local.Stop != nil {
		if err := d.local.Stop(); err != nil {
			errs = append(errs, fmt.Errorf("stop the embedded database: %w", err))
		}
	}
	return errors.Join(errs...)
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
