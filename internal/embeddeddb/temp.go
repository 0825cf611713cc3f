package embeddeddb

import (
	"context"
	"errors"
	"os"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// TempDatabase starts a throw-away server in a new temporary directory and
// connects a serialized client to its database name, for examples and
// tools that have no testing.T (tests use primitives/blockyardtest). stop
// disconnects, stops the server and removes the directory.
func TempDatabase(name string) (db *mongo.Database, stop func() error, err error) {
	dir, err := os.MkdirTemp("", "embeddeddb-")
	if err != nil {
		return nil, nil, err
	}
	srv, err := Start(Options{Dir: dir})
	if err != nil {
		return nil, nil, errors.Join(err, os.RemoveAll(dir))
	}
	client, err := mongo.Connect(srv.ClientOptions())
	if err != nil {
		return nil, nil, errors.Join(err, srv.Stop(), os.RemoveAll(dir))
	}
	return client.Database(name), func() error {
		return errors.Join(client.Disconnect(context.Background()), srv.Stop(), os.RemoveAll(dir))
	}, nil
}
