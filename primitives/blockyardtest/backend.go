package blockyardtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnvURI is the environment variable that points the tests at a real MongoDB instead of the
// in-process FerretDB. It is read once, when the first test asks for a database.
const EnvURI = "MONGODB_URI"

// connectTimeout bounds connecting to and pinging the server, so that a wrong MONGODB_URI fails the
// first test within seconds instead of after the driver's 30 s server selection timeout.
const connectTimeout = 10 * time.Second

// backend is the server the test binary uses and the one client shared by all its tests
// (*mongo.Client is safe for concurrent use and pools connections).
type backend struct {
	uri    string
	ferret *ferretServer // nil when EnvURI is set
	client *mongo.Client
}

// The process-level backend: started by the first test that needs it, stopped by [Main].
var (
	backendMu  sync.Mutex
	current    *backend
	currentErr error // a start-up failure, reported to every later caller instead of retrying
	finished   bool  // Main has shut the backend down
)

// envURIOnce makes the backend choice stable for the whole process, even if a test later calls
// t.Setenv(EnvURI, ...).
var envURIOnce = sync.OnceValue(func() string { return os.Getenv(EnvURI) })

// getBackend returns the process's backend, starting it on first use; it fails t when it cannot.
func getBackend(t testing.TB) *backend {
	t.Helper()
	backendMu.Lock()
	defer backendMu.Unlock()
	switch {
	case finished:
		t.Fatal("blockyardtest: the test database server was already stopped by blockyardtest.Main")
	case current == nil && currentErr == nil:
		current, currentErr = startBackend()
	}
	if currentErr != nil {
		t.Fatalf("blockyardtest: %v", currentErr)
	}
	return current
}

// startBackend connects to MONGODB_URI when set, otherwise starts FerretDB in-process, and checks
// with a ping that the server answers.
func startBackend() (*backend, error) {
	b := &backend{uri: envURIOnce()}
	where := fmt.Sprintf("MongoDB at %s=%s", EnvURI, redact(b.uri))
	if b.uri == "" {
		f, err := startFerret()
		if err != nil {
			return nil, err
		}
		b.ferret, b.uri = f, f.URI()
		where = "in-process FerretDB at " + b.uri
	}

	ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
	defer cancel()
	client, err := mongo.Connect(b.clientOptions().SetServerSelectionTimeout(connectTimeout))
	if err == nil {
		b.client = client
		err = client.Ping(ctx, nil)
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("cannot reach %s: %w", where, err), b.close())
	}
	return b, nil
}

// clientOptions are the options of a client of the backend: the URI and, on the in-process FerretDB,
// the dialer that serializes the writes of all its clients (see package embeddeddb).
func (b *backend) clientOptions() *options.ClientOptions {
	if b.ferret != nil {
		return b.ferret.ClientOptions()
	}
	return options.Client().ApplyURI(b.uri)
}

// close disconnects the shared client first (FerretDB waits for open connections when it stops),
// then stops FerretDB if this process started it.
func (b *backend) close() error {
	var errs []error
	if b.client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		if err := b.client.Disconnect(ctx); err != nil {
			errs = append(errs, fmt.Errorf("disconnect client: %w", err))
		}
	}
	if b.ferret != nil {
		errs = append(errs, b.ferret.stop())
	}
	return errors.Join(errs...)
}

// shutdown closes the process's backend, if one was started, and refuses to start another.
func shutdown() error {
	backendMu.Lock()
	defer backendMu.Unlock()
	finished = true
	if current == nil {
		return nil
	}
	b := current
	current = nil
	return b.close()
}

// URI returns the connection string of the server the tests use: MONGODB_URI when set, otherwise the
// in-process FerretDB's (started if needed), for code under test that connects by itself, such as a
// server started as another process. A client of this process should use [ClientOptions] instead: on
// FerretDB a client connected with the URI alone does not serialize its writes with the others', and
// may lose or lose to their concurrent updates (see docs/mongo-portable.md).
func URI(t testing.TB) string {
	t.Helper()
	return getBackend(t).uri
}

// ClientOptions returns the options with which code under test in this process should connect to the
// server the tests use (starting it if needed): the URI and, on the in-process FerretDB, the dialer
// through which every client of the process serializes its writes per database, as the shared
// client does. The caller disconnects the client it makes.
func ClientOptions(t testing.TB) *options.ClientOptions {
	t.Helper()
	return getBackend(t).clientOptions()
}

// UsingFerretDB reports whether the tests run on the in-process FerretDB rather than a real MongoDB,
// for the few tests that must skip a check one of them gets wrong (see docs/mongo-portable.md).
// It does not start anything.
func UsingFerretDB() bool {
	return envURIOnce() == ""
}

// redact hides the password of a connection string so that it can appear in test output.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(unparsable URI)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
