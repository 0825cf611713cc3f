// Command server is a complete Blockyard backend: authentication, identity
// administration, organizations and profiles under /api, with a database
// and file storage that work out of the box.
//
//	go run ./examples/server                                  # http://localhost:8080/api
//	ADMIN_PASSWORD=... go run ./examples/server -create-admin admin@example.com
//	go run ./examples/server -promote member@example.com     # no password check
//
// With no configuration it keeps everything in ./data: an embedded FerretDB
// (a MongoDB-wire database on SQLite, for development only: it scans whole
// collections), uploaded files and generated auth secrets. In production set
// MONGODB_URI, a BLOB_URL or PUBLIC_URL, and the AUTH_* secrets; every
// setting is listed in the README. Package app does all of this; this
// command only chooses the features.
package main

import (
	"context"
	"net/http"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/openapi"
)

// options describe the server to package app. The database keeps the name
// it had before the server was built on app.
var options = app.Options{Name: "server", Database: "blockyard", Embedded: embedded.Open}

func main() { app.Main(options, mount) }

// mount serves the built-in features, and their API document and its
// page: /api/openapi.json (3.1), /api/openapi-3.0.json and /api/docs.
func mount(ctx context.Context, a *app.App) (http.Handler, error) {
	api, err := a.Service.Mount(ctx, features.Auth(), features.Identities(), features.Organizations(), features.Profiles())
	if err != nil {
		return nil, err
	}
	docs, err := openapi.New(api.Routes(), openapi.Options{Title: "Blockyard example server", Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		return nil, err
	}
	return docs.Wrap(api), nil
}
