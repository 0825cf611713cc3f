// Command custom-block is a host application that takes from Blockyard
// only what it needs and adds a route of its own: it mounts login and ONE
// ready-made organization route (GET /organizations/{organizationId}), next
// to GET /organizations/{organizationId}/summary, built from Blockyard's
// validators and blocks plus one custom block (see summary.go).
//
//	MONGODB_URI=mongodb://localhost:27017 AUTH_ENC_SECRET=... AUTH_SIGN_SECRET=... go run ./examples/custom-block
//
// Its API document and page are /api/openapi.json, /api/openapi-3.0.json
// and /api/docs. It shares its database and secrets with examples/server, which creates
// the identities and organizations it reads.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/routes"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// mountAPI mounts the app's routes on svc.
func mountAPI(ctx context.Context, svc *primitives.Service) (*primitives.Router, error) {
	return svc.Mount(ctx, routes.Login, routes.GetOrganization, GetOrganizationSummary)
}

// newHandler mounts the app's routes on svc, with their OpenAPI document
// and its page (openapi.json, openapi-3.0.json and docs beside them, under
// /api once mounted there): the custom route is documented like the
// library's, from its declared handler type and validators.
func newHandler(ctx context.Context, svc *primitives.Service) (http.Handler, error) {
	api, err := mountAPI(ctx, svc)
	if err != nil {
		return nil, err
	}
	docs, err := openapi.New(api.Routes(), openapi.Options{Title: "custom-block", Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		return nil, err
	}
	return docs.Wrap(api), nil
}

func main() {
	addr := flag.String("addr", ":8081", "listen `address`")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr); err != nil {
		slog.Error("custom-block", "error", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr string) error {
	client, err := mongo.Connect(options.Client().ApplyURI(cmp.Or(os.Getenv("MONGODB_URI"), "mongodb://localhost:27017")))
	if err != nil {
		return err
	}
	defer client.Disconnect(context.Background())

	svc := &primitives.Service{
		DB:       client.Database(cmp.Or(os.Getenv("MONGODB_DB"), "blockyard")),
		Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: os.Getenv("AUTH_ENC_SECRET"), Sign: os.Getenv("AUTH_SIGN_SECRET")}}},
		// No Files: this app returns no logos. An organization that has one
		// answers 500 "Failed to normalize logo." until Files is set.
	}
	api, err := newHandler(ctx, svc)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", api))

	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	stopped := make(chan error, 1)
	go func() {
		<-ctx.Done() // SIGINT or SIGTERM: let in-flight requests finish
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		stopped <- srv.Shutdown(shutdownCtx)
	}()
	slog.Info("listening", "addr", addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-stopped
}
