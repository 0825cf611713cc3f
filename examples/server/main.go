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
// setting is listed in the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
)

// config is everything the server reads from flags and the environment.
type config struct {
	Addr        string // listen address (-addr, ADDR)
	DataDir     string // embedded database, local files and secrets (-data, DATA_DIR)
	CreateAdmin string // e-mail of the admin to create (or promote, given its password), then exit (-create-admin)
	Promote     string // e-mail of the identity to promote without a password, then exit (-promote)

	MongoURI  string // MONGODB_URI: use this MongoDB instead of the embedded store
	MongoDB   string // MONGODB_DB: database name
	BlobURL   string // BLOB_URL: gocloud.dev bucket URL instead of local files
	PublicURL string // PUBLIC_URL: external base URL of this server

	Secrets       nodeblocks.AuthSecrets // AUTH_ENC_SECRET, AUTH_SIGN_SECRET
	AdminPassword string                 // ADMIN_PASSWORD, for -create-admin
	LogLevel      slog.Level             // LOG_LEVEL

	IdentityTypes     nodeblocks.IdentityTypes     // IDENTITY_TYPE_{ADMIN,GUEST,REGULAR}
	OrganizationRoles nodeblocks.OrganizationRoles // ORG_ROLE_{OWNER,ADMIN,MEMBER}
}

// parseConfig reads flags from args and settings from getenv. A flag wins
// over its environment variable.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	def := nodeblocks.Config{}.Defaults() // the reference's type ids and roles
	c := config{
		MongoURI:      getenv("MONGODB_URI"),
		MongoDB:       env("MONGODB_DB", "blockyard"),
		BlobURL:       getenv("BLOB_URL"),
		PublicURL:     getenv("PUBLIC_URL"),
		Secrets:       nodeblocks.AuthSecrets{Enc: getenv("AUTH_ENC_SECRET"), Sign: getenv("AUTH_SIGN_SECRET")},
		AdminPassword: getenv("ADMIN_PASSWORD"),
		IdentityTypes: nodeblocks.IdentityTypes{
			Admin:   env("IDENTITY_TYPE_ADMIN", def.IdentityTypes.Admin),
			Guest:   env("IDENTITY_TYPE_GUEST", def.IdentityTypes.Guest),
			Regular: env("IDENTITY_TYPE_REGULAR", def.IdentityTypes.Regular),
		},
		OrganizationRoles: nodeblocks.OrganizationRoles{
			Owner:  env("ORG_ROLE_OWNER", def.OrganizationRoles.Owner),
			Admin:  env("ORG_ROLE_ADMIN", def.OrganizationRoles.Admin),
			Member: env("ORG_ROLE_MEMBER", def.OrganizationRoles.Member),
		},
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("LOG_LEVEL: %w", err)
	}

	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.StringVar(&c.Addr, "addr", env("ADDR", ":8080"), "listen `address` (env ADDR)")
	fs.StringVar(&c.DataDir, "data", env("DATA_DIR", "data"), "`directory` of the embedded database, local files and generated secrets (env DATA_DIR)")
	fs.StringVar(&c.CreateAdmin, "create-admin", "", "create the administrator with this `e-mail` (password from ADMIN_PASSWORD or prompted; an existing identity is promoted only if the password is its own), then exit")
	fs.StringVar(&c.Promote, "promote", "", "promote the existing identity with this `e-mail` to administrator WITHOUT checking its password, then exit")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if c.CreateAdmin != "" && c.Promote != "" {
		return c, errors.New("-create-admin and -promote cannot be combined")
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return c, fmt.Errorf("data directory: %w", err)
	}
	c.DataDir = abs
	return c, nil
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(2)
	}
	log := newLogger(os.Stderr, cfg.LogLevel)
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, restore the default handling: a second Ctrl-C
	// kills a shutdown that takes too long.
	context.AfterFunc(ctx, stop)
	err = run(ctx, cfg, log, os.Stdin)
	stop()
	if err != nil {
		log.Error("server failed", "error", err)
		os.Exit(1)
	}
	if cfg.CreateAdmin == "" && cfg.Promote == "" {
		log.Info("shutdown complete: requests finished, database closed")
	}
}

// run opens the database, then either creates (-create-admin) or promotes
// (-promote) the admin, or serves until ctx is cancelled (SIGINT/SIGTERM),
// and releases everything it opened.
func run(ctx context.Context, cfg config, log *slog.Logger, stdin io.Reader) (err error) {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()

	// The domain's configuration: the secrets are added once loaded.
	domain := nodeblocks.Config{IdentityTypes: cfg.IdentityTypes, OrganizationRoles: cfg.OrganizationRoles}
	svc := &primitives.Service{
		DB:     db.DB,
		Logger: log,
		Config: primitives.Config{
			// A request body must arrive within this, or the request is
			// answered 408 and its connection closed (the default, made
			// explicit): a client trickling a body cannot hold a
			// connection, or the shutdown, longer.
			BodyReadTimeout: 30 * time.Second,
		},
		Settings: []any{domain},
	}
	switch {
	case cfg.CreateAdmin != "":
		return createAdmin(ctx, svc, cfg.CreateAdmin, cfg.AdminPassword, stdin, log)
	case cfg.Promote != "":
		return promoteAdmin(ctx, svc, cfg.Promote, log)
	}
	secrets, err := loadSecrets(cfg.DataDir, cfg.Secrets, log)
	if err != nil {
		return err
	}
	domain.AuthSecrets = secrets
	svc.Settings = []any{domain}

	// Listen before opening local storage: its signed URLs need the real
	// address when -addr asks for port 0.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	store, err := openStorage(ctx, cfg, secrets, ln.Addr(), log)
	if err != nil {
		return errors.Join(err, ln.Close())
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	svc.Files = store.Storage

	api, err := svc.Mount(ctx, features.Auth(), features.Identities(), features.Organizations(), features.Profiles())
	if err != nil {
		return errors.Join(err, ln.Close())
	}

	// The API document and its page: /api/openapi.json (3.1),
	// /api/openapi-3.0.json and /api/docs.
	docs, err := openapi.New(api.Routes(), openapi.Options{Title: "Blockyard example server", Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		return errors.Join(err, ln.Close())
	}

	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", docs.Wrap(api)))
	if store.Handler != nil {
		mux.Handle(localFilesPath, primitives.LogRequests(log, store.Handler))
	}
	mux.Handle("GET /healthz", healthz())
	mux.Handle("GET /readyz", readyz(db, log))
	return serve(ctx, ln, mux, log)
}
