package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// App is the open stack a [MountFunc] builds its handler on.
type App struct {
	// Config is the parsed configuration.
	Config Config
	// Logger is the program's logger (also slog's default under [Main]).
	Logger *slog.Logger
	// Client is the connected MongoDB client, for a program that opens
	// other databases than DB (one per tenant, say). Run disconnects it.
	Client *mongo.Client
	// DB is the database named by MONGODB_DB (Service.DB).
	DB *mongo.Database
	// Service is ready to Mount: DB, Files, Logger, a 30-second
	// Config.BodyReadTimeout, and the nodeblocks.Config with the secrets,
	// identity types and organization roles as its only setting. A
	// MountFunc may add settings or change it before mounting.
	Service *primitives.Service

	addr net.Addr
	mux  *http.ServeMux
}

// Addr is the address the server listens on: Config.Addr with the port
// chosen when it asked for port 0.
func (a *App) Addr() net.Addr { return a.addr }

// Handle serves h at pattern (http.ServeMux syntax) beside the API, the
// health endpoints and /files/: for pages, a documentation site or
// anything that is not under the API prefix. It panics on a pattern that
// conflicts with another, as http.ServeMux does.
func (a *App) Handle(pattern string, h http.Handler) { a.mux.Handle(pattern, h) }

// Main runs the program: it parses os.Args and the environment
// ([ParseConfig]), sets up the logger ([NewLogger]) as slog's default,
// and calls [Run] until SIGINT or SIGTERM. After the first signal a
// second one kills a shutdown that takes too long. It exits the process
// with status 2 on a configuration error, 1 when Run fails, and returns
// normally otherwise (0).
func Main(o Options, mount MountFunc) {
	o = o.withDefaults()
	cfg, err := ParseConfig(o, os.Args[1:], os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", o.Name, err)
		os.Exit(2)
	}
	log := NewLogger(os.Stderr, cfg.LogLevel)
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, restore the default handling: a second Ctrl-C
	// kills a shutdown that takes too long.
	context.AfterFunc(ctx, stop)
	err = Run(ctx, o, cfg, log, mount)
	stop()
	if err != nil {
		log.Error(o.Name+" failed", "error", err)
		os.Exit(1)
	}
	if cfg.CreateAdmin == "" && cfg.Promote == "" {
		log.Info("shutdown complete: requests finished, database closed")
	}
}

// Run opens the database, then either creates (-create-admin) or promotes
// (-promote) the administrator, or serves until ctx is cancelled, and
// releases everything it opened. Serving means: load the secrets, listen
// on c.Addr, open the file storage, build the [App], call mount, and
// serve its handler under o.APIPrefix with GET /healthz, GET /readyz and
// the local files' /files/; when ctx is cancelled, stop accepting
// connections, wait for in-flight requests (at most 25 seconds), then
// close the storage and the database. mount may be nil only for
// -create-admin and -promote. Tests call it with a cancellable context and
// a Config from [ParseConfig].
func Run(ctx context.Context, o Options, c Config, log *slog.Logger, mount MountFunc) (err error) {
	o = o.withDefaults()
	if log == nil {
		log = slog.Default()
	}
	db, err := openDatabase(ctx, o, c, log)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()

	// The domain's configuration: the secrets are added once loaded.
	domain := o.Nodeblocks
	domain.IdentityTypes, domain.OrganizationRoles = c.IdentityTypes, c.OrganizationRoles
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
	case c.CreateAdmin != "":
		stdin := o.Stdin
		if stdin == nil {
			stdin = os.Stdin
		}
		return createAdmin(ctx, svc, c.CreateAdmin, c.AdminPassword, stdin)
	case c.Promote != "":
		return Promote(ctx, svc, c.Promote)
	}
	secrets, err := loadSecrets(c.DataDir, c.Secrets, o.Name, log)
	if err != nil {
		return err
	}
	domain.AuthSecrets = secrets
	svc.Settings = []any{domain}

	// Listen before opening local storage: its signed URLs need the real
	// address when -addr asks for port 0.
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	store, err := openStorage(ctx, c, secrets, ln.Addr(), log)
	if err != nil {
		return errors.Join(err, ln.Close())
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	svc.Files = store.Storage

	if mount == nil {
		return errors.Join(errors.New("app.Run: no MountFunc"), ln.Close())
	}
	a := &App{Config: c, Logger: log, Client: db.client, DB: db.DB, Service: svc, addr: ln.Addr(), mux: http.NewServeMux()}
	api, err := mount(ctx, a)
	if err != nil {
		return errors.Join(err, ln.Close())
	}
	if api == nil {
		return errors.Join(errors.New("the MountFunc returned no handler"), ln.Close())
	}
	prefix := strings.TrimSuffix(o.APIPrefix, "/") // "" for "/": the root, nothing stripped
	a.mux.Handle(prefix+"/", http.StripPrefix(prefix, api))
	if store.Handler != nil {
		a.mux.Handle(localFilesPath, primitives.LogRequests(log, store.Handler))
	}
	a.mux.Handle("GET /healthz", healthz())
	a.mux.Handle("GET /readyz", readyz(db, log))
	return serve(ctx, ln, a.mux, o.APIPrefix, log)
}

// domainConfig is the nodeblocks configuration of svc, for the admin
// commands.
func domainConfig(svc *primitives.Service) nodeblocks.Config { return nodeblocks.Settings.Of(svc) }
