package embeddeddb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// startServer starts a server on a temporary directory and connects a
// client made from its ClientOptions, both stopped when t ends.
func startServer(t *testing.T, o Options) (*Server, *mongo.Client) {
	t.Helper()
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	srv, err := Start(o)
	if err != nil {
		t.Fatal(err)
	}
	client, err := mongo.Connect(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := errors.Join(client.Disconnect(ctx), srv.Stop()); err != nil {
			t.Error(err)
		}
	})
	return srv, client
}

// TestConcurrentUpdatesOfOneDocumentAllLand: FerretDB applies an update as
// a read and a later write of the whole document, so unserialized
// concurrent updates of one document lose many (measured: 5 runs of 5
// lost 47-75% of these 64); through the serializer every acknowledged update is in the
// document, including updates of other fields racing them.
func TestConcurrentUpdatesOfOneDocumentAllLand(t *testing.T) {
	_, client := startServer(t, Options{})
	ctx := t.Context()
	coll := client.Database("serialized").Collection("c")
	if _, err := coll.InsertOne(ctx, bson.D{{Key: "_id", Value: "doc"}, {Key: "n", Value: 0}}); err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 8
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				update := bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}
				if i%2 == 1 { // a different field of the same document
					update = bson.D{{Key: "$set", Value: bson.D{{Key: fmt.Sprintf("f%d_%d", w, i), Value: true}}}}
				}
				if _, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: "doc"}}, update); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	var got bson.M
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: "doc"}}).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if n, fields := got["n"], len(got)-2; n != int32(workers*each/2) || fields != workers*each/2 {
		t.Errorf("n = %v, %d fields set; want %d and %d: acknowledged updates were lost", n, fields, workers*each/2, workers*each/2)
	}
}

// TestLockDir: a second server on a locked directory fails with
// ErrDirInUse, and the directory is free again after Stop.
func TestLockDir(t *testing.T) {
	dir := t.TempDir()
	srv, err := Start(Options{Dir: dir, LockDir: true, Durable: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Start(Options{Dir: dir, LockDir: true}); !errors.Is(err, ErrDirInUse) {
		t.Errorf("second server on the directory: %v", err)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	srv, err = Start(Options{Dir: dir, LockDir: true})
	if err != nil {
		t.Fatalf("after Stop: %v", err)
	}
	srv.Stop()
}
