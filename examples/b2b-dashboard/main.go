// Command b2b-dashboard is an organizations management dashboard: an API
// for organizations and their users (administrators and co-ordinators),
// for Blockyard administrators only, and the page that uses it, built
// from Blockyard's exported API alone.
//
//	ADMIN_PASSWORD=... go run ./examples/b2b-dashboard -create-admin admin@example.com
//	go run ./examples/b2b-dashboard          # http://localhost:8080/dashboard/
//
// Package app gives it the rest: the embedded database in ./data (or
// MONGODB_URI), generated secrets, -create-admin, /healthz, graceful
// shutdown. See the README.
package main

import (
	"context"
	"flag"
	"net/http"
	"strings"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
)

// corsOrigins are the other origins the dashboard may be served from
// (-cors-origins or CORS_ORIGINS, comma-separated).
var corsOrigins string

var appOptions = app.Options{
	Name:     "b2b-dashboard",
	Embedded: embedded.Open,
	Flags: func(fs *flag.FlagSet, getenv func(string) string) {
		fs.StringVar(&corsOrigins, "cors-origins", getenv("CORS_ORIGINS"),
			"comma-separated `origins` (https://admin.example.com) allowed to call the API from a browser (env CORS_ORIGINS)")
	},
}

func main() { app.Main(appOptions, mount) }

// mount serves the API under /api and the pages beside it.
func mount(ctx context.Context, a *app.App) (http.Handler, error) {
	pages(a.Handle)
	return newAPI(ctx, a.Service, origins(corsOrigins))
}

// origins splits a comma-separated list, dropping empty entries.
func origins(list string) []string {
	var out []string
	for o := range strings.SplitSeq(list, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, strings.TrimSuffix(o, "/"))
		}
	}
	return out
}
