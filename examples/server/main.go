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
)

// options describe the server to package app. The database keeps the name
// it had before the server was built on app.
var options = app.Options{Name: "server", Database: "blockyard", Embedded: embedded.Open}

func main() { app.Main(options, mount) }

// mount serves the built-in features.
func mount(ctx context.Context, a *app.App) (http.Handler, error) {
	return a.Service.Mount(ctx, features.Auth(), features.Identities(), features.Organizations(), features.Profiles())
}
