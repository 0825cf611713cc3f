package features_test

import (
	"context"
	"log"
	"net/http"
	"net/url"
	"os"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
	"github.com/blockyard/blockyard/routes"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// A host app mounts the ready features on its own mux, under its own
// prefix, next to its own handlers. Mount creates the indexes (idempotent)
// and installs the token authenticator.
func Example() {
	ctx := context.Background()
	client, err := mongo.Connect(options.Client().ApplyURI(os.Getenv("MONGODB_URI")))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Disconnect(ctx)

	base, _ := url.Parse("http://localhost:8080/files/")
	store, err := blobstore.OpenLocal("./data/files", base, []byte(os.Getenv("FILES_SECRET")), blobstore.Options{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &primitives.Service{
		DB:    client.Database("app"),
		Files: store,
		Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{
			Enc: os.Getenv("AUTH_ENC_SECRET"), Sign: os.Getenv("AUTH_SIGN_SECRET"), // the Node service's secrets
		}}},
	}
	api, err := svc.Mount(ctx, features.Auth(), features.Identities(), features.Organizations(), features.Profiles())
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", api))
	mux.Handle("/files/", store.Handler())
	log.Fatal(http.ListenAndServe(":8080", mux))
}

// A single route mounts alone: its schema and indexes come with it.
func Example_singleRoute() {
	ctx := context.Background()
	var db *mongo.Database // the app's database
	svc := &primitives.Service{DB: db, Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: "…", Sign: "…"}}}}
	api, err := svc.Mount(ctx, routes.Login, routes.GetOrganization)
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/api/", http.StripPrefix("/api", api))
}
