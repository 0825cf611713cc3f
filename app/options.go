package app

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Options describe the program to [Main] and [Run]. Only Name is usually
// set, with Embedded for a program that runs without MONGODB_URI.
type Options struct {
	// Name names the program in its usage text, its error messages and
	// its generated secrets file, and is the default database name.
	// Defaults to "app".
	Name string
	// Embedded starts the development database when MONGODB_URI is unset;
	// pass embedded.Open (package app/embedded). Nil makes MONGODB_URI
	// required, and keeps FerretDB out of the binary.
	Embedded Embedded
	// Database is the database name when MONGODB_DB is unset; defaults to
	// Name. Programs sharing one MongoDB (or one data directory) keep their
	// data apart by it.
	Database string
	// Nodeblocks is the base configuration of the built-in domain (auth
	// mode, cookies, token lifetimes...). Run fills in the secrets and the
	// identity types and organization roles of the environment (their
	// defaults are Nodeblocks' own, else the reference's).
	Nodeblocks nodeblocks.Config
	// APIPrefix is where the handler of the MountFunc is served, stripped
	// from the request path; defaults to "/api". "/" serves it at the root
	// (the health endpoints and /files/ still win, being more specific).
	APIPrefix string
	// Flags, when set, registers the program's own flags on the flag set
	// that [ParseConfig] parses, beside -addr, -data, -create-admin and
	// -promote. Their values are set when the MountFunc runs. getenv is
	// ParseConfig's (os.Getenv in [Main], a test's map in a test): read a
	// flag's default from it, as app's own flags do, so that a flag wins
	// over its variable and a test sets both without touching the process
	// environment:
	//
	//	Flags: func(fs *flag.FlagSet, getenv func(string) string) {
	//		fs.StringVar(&origins, "cors-origins", getenv("CORS_ORIGINS"), "allowed `origins` (env CORS_ORIGINS)")
	//	},
	Flags func(fs *flag.FlagSet, getenv func(string) string)
	// Stdin is where -create-admin prompts for a password when
	// ADMIN_PASSWORD is unset; defaults to os.Stdin. The prompt needs a
	// terminal.
	Stdin io.Reader
}

// MountFunc builds the program's HTTP handler from the ready [App]: it
// typically mounts features on a.Service. It runs once, after the
// database, the secrets and the file storage are open and the listener is
// bound, and not at all for -create-admin or -promote. An error stops the
// program before it serves.
type MountFunc func(ctx context.Context, a *App) (http.Handler, error)

// Embedded starts a development database with its files in dir, which it
// creates if missing and locks against other processes (returning an
// error wrapping [ErrEmbeddedInUse] when one has it). log receives its
// logs. Package app/embedded provides the FerretDB one.
type Embedded func(ctx context.Context, dir string, log *slog.Logger) (*EmbeddedServer, error)

// EmbeddedServer is a running development database, as an [Embedded]
// returns it.
type EmbeddedServer struct {
	// ClientOptions connect a client to it, with whatever its connections
	// need (the FerretDB one serializes writes).
	ClientOptions *options.ClientOptions
	// Name names it in logs ("embedded FerretDB").
	Name string
	// URI is its address, for error messages.
	URI string
	// Stop stops it and releases its directory; [Run] calls it after
	// disconnecting its client.
	Stop func() error
}

// ErrEmbeddedInUse is wrapped by the error of an [Embedded] whose
// directory another process has open: two processes on one embedded
// database would not see each other's writes in order.
var ErrEmbeddedInUse = errors.New("the embedded database is in use by another process")

// withDefaults fills in the defaults of Options.
func (o Options) withDefaults() Options {
	if o.Name == "" {
		o.Name = "app"
	}
	if o.Database == "" {
		o.Database = o.Name
	}
	if o.APIPrefix == "" {
		o.APIPrefix = "/api"
	}
	return o
}

// Features is the MountFunc of a program that serves Blockyard features
// and routes: it mounts them on the App's service and serves, beside them
// under the API prefix, their OpenAPI document and its page
// (openapi.json, openapi-3.0.json and docs: see package openapi), titled
// with Options.Name. It keeps the smallest main a one-liner:
//
//	app.Main(app.Options{Name: "notes", Embedded: embedded.Open}, app.Features(features.Auth(), notes))
//
// A program that wants no document, or wants it elsewhere, writes its own
// MountFunc around a.Service.Mount.
func Features(fs ...primitives.Mountable) MountFunc {
	return func(ctx context.Context, a *App) (http.Handler, error) {
		api, err := a.Service.Mount(ctx, fs...)
		if err != nil {
			return nil, err
		}
		docs, err := openapi.New(api.Routes(), openapi.Options{
			Title:   a.Options.Name,
			Servers: []openapi.Server{{URL: a.Options.APIPrefix}},
		})
		if err != nil {
			return nil, err
		}
		return docs.Wrap(api), nil
	}
}
