package embedded_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Open starts the database in a directory and locks it: a second Open of
// the same directory (another process, in a real program) is refused, and
// the data outlives a restart. Package app does all of this for a program
// that passes embedded.Open as app.Options.Embedded.
func ExampleOpen() {
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "embedded-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "db")

	count := func(insert bool) {
		srv, err := embedded.Open(ctx, dir, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer srv.Stop()
		_, err = embedded.Open(ctx, dir, nil)
		fmt.Println("second open refused:", errors.Is(err, app.ErrEmbeddedInUse))

		client, err := mongo.Connect(srv.ClientOptions)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer client.Disconnect(ctx)
		notes := client.Database("example").Collection("notes")
		if insert {
			if _, err := notes.InsertOne(ctx, bson.D{{Key: "id", Value: "n1"}, {Key: "title", Value: "kept"}}); err != nil {
				fmt.Println(err)
				return
			}
		}
		n, err := notes.CountDocuments(ctx, bson.D{})
		fmt.Println("notes:", n, err)
	}
	count(true)
	count(false) // after a restart
	// Output:
	// second open refused: true
	// notes: 1 <nil>
	// second open refused: true
	// notes: 1 <nil>
}
