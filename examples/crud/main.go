// Command crud is a back office of generic CRUD resources (package crud):
// organizations, their campuses, and the roles and users that grant
// access, under /api, with authentication and the API's OpenAPI document
// and page (/api/openapi.json, /api/openapi-3.0.json, /api/docs).
//
//	ADMIN_PASSWORD=... go run ./examples/crud -create-admin admin@example.com
//	go run ./examples/crud                      # http://localhost:8080/api
//
// With no configuration it keeps its data in ./data (-data, DATA_DIR): an
// embedded FerretDB (development only) and generated auth secrets. Set
// MONGODB_URI (and MONGODB_DB) for a MongoDB, AUTH_ENC_SECRET and
// AUTH_SIGN_SECRET for fixed secrets, ADDR for the listen address: package
// app does all of this; this command only declares the resources
// (api.go).
package main

import (
	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
)

// options describe the program to package app: its database is named
// "crud" unless MONGODB_DB says otherwise.
var options = app.Options{Name: "crud", Embedded: embedded.Open}

// mount serves authentication, identity administration and the resources,
// with their API document and its page.
var mount = app.Features(api()...)

func main() { app.Main(options, mount) }
