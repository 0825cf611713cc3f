package embeddeddb_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/blockyard/blockyard/internal/embeddeddb"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// A program starts the server, connects with the server's client options
// (which serialize the writes), uses MongoDB as usual, then disconnects
// before it stops the server.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "embeddeddb-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	srv, err := embeddeddb.Start(embeddeddb.Options{Dir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Stop() // deferred first, so it runs after Disconnect
	client, err := mongo.Connect(srv.ClientOptions())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Disconnect(ctx)

	counters := client.Database("app").Collection("counters")
	if _, err := counters.InsertOne(ctx, bson.D{{Key: "_id", Value: "visits"}, {Key: "n", Value: 0}}); err != nil {
		log.Fatal(err)
	}
	for range 3 {
		if _, err := counters.UpdateByID(ctx, "visits", bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}); err != nil {
			log.Fatal(err)
		}
	}
	var got struct {
		N int `bson:"n"`
	}
	if err := counters.FindOne(ctx, bson.D{{Key: "_id", Value: "visits"}}).Decode(&got); err != nil {
		log.Fatal(err)
	}
	fmt.Println("visits:", got.N)
	// Output: visits: 3
}
