package features_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/internal/embeddeddb"
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

// exampleDatabase starts a throw-away FerretDB in the process for the
// examples that need a database; a host app connects to its MongoDB
// instead (mongo.Connect(options.Client().ApplyURI(uri))).
func exampleDatabase() (db *mongo.Database, stop func()) {
	db, stopDB, err := embeddeddb.TempDatabase("app")
	if err != nil {
		log.Fatal(err)
	}
	return db, func() { _ = stopDB() }
}

// The features answer over HTTP as soon as they are mounted: seed the
// first administrator, log in, create an organization and read it back.
func Example_requests() {
	ctx := context.Background()
	db, stop := exampleDatabase()
	defer stop()

	svc := &primitives.Service{
		DB:     db,
		Logger: slog.New(slog.DiscardHandler),
		Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{
			Enc: "an-encryption-secret-of-18+-chars", Sign: "a-signing-secret-of-18+-characters",
		}}},
	}
	api, err := svc.Mount(ctx, features.Auth(), features.Organizations())
	if err != nil {
		log.Fatal(err)
	}
	admin, err := features.EnsureAdmin(ctx, svc, "admin@example.com", "correct horse battery staple")
	if err != nil {
		log.Fatal(err)
	}

	// call sends one JSON request to api and decodes the answer into out.
	call := func(method, path, token string, body, out any) int {
		var buf bytes.Buffer
		if body != nil {
			_ = json.NewEncoder(&buf).Encode(body)
		}
		req := httptest.NewRequest(method, path, &buf)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		if out != nil {
			_ = json.Unmarshal(rec.Body.Bytes(), out)
		}
		return rec.Code
	}

	var session struct{ AccessToken string }
	fmt.Println("login:", call(http.MethodPost, "/auth/login", "",
		map[string]string{"email": "admin@example.com", "password": "correct horse battery staple"}, &session))

	var created struct{ ID, Name string }
	fmt.Println("create:", call(http.MethodPost, "/organizations", session.AccessToken, map[string]any{
		"organization": map[string]string{"name": "Acme", "description": "Anvils", "contact_email": "hello@acme.example"},
		"ownerId":      admin.Identity.ID,
	}, &created), created.Name)

	var read struct{ Name string }
	fmt.Println("read:", call(http.MethodGet, "/organizations/"+created.ID, session.AccessToken, nil, &read), read.Name)

	var failure struct{ Error struct{ Message string } }
	fmt.Println("anonymous:", call(http.MethodGet, "/organizations/"+created.ID, "", nil, &failure), failure.Error.Message)
	// Output:
	// login: 200
	// create: 200 Acme
	// read: 200 Acme
	// anonymous: 401 token could not be verified
}
