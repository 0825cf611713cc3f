// Command crud is a back office of generic CRUD resources (package crud):
// organizations, their campuses, and the roles and users that grant
// access, under /api, with authentication.
//
//	ADMIN_PASSWORD=... go run ./examples/crud -create-admin admin@example.com
//	go run ./examples/crud                      # http://localhost:8080/api
//
// With no configuration it keeps its data in ./data (DATA_DIR): an
// embedded FerretDB (development only) and generated auth secrets. Set
// MONGODB_URI (and MONGODB_DB) for a MongoDB, AUTH_ENC_SECRET and
// AUTH_SIGN_SECRET for fixed secrets, ADDR for the listen address.
//
// This main stands alone until the zero-setup package app lands; it then
// becomes a few lines of app.Main.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/internal/embeddeddb"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "crud:", err)
		os.Exit(1)
	}
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func run(args []string) error {
	fs := flag.NewFlagSet("crud", flag.ContinueOnError)
	createAdmin := fs.String("create-admin", "", "create (or promote) this administrator, with the password in ADMIN_PASSWORD, then exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	dataDir := env("DATA_DIR", "data")
	db, closeDB, err := openDatabase(dataDir)
	if err != nil {
		return err
	}
	defer closeDB()
	secrets, err := loadSecrets(dataDir)
	if err != nil {
		return err
	}
	svc := &primitives.Service{DB: db, Logger: log, Settings: []any{nodeblocks.Config{AuthSecrets: secrets}}}
	h, err := mountAPI(ctx, svc)
	if err != nil {
		return err
	}
	if *createAdmin != "" {
		pw := os.Getenv("ADMIN_PASSWORD")
		if pw == "" {
			return errors.New("-create-admin needs the password in ADMIN_PASSWORD")
		}
		if _, err := features.EnsureAdmin(ctx, svc, *createAdmin, pw); err != nil {
			return err
		}
		log.Info("administrator ready", "email", *createAdmin)
		return nil
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", h)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
	srv := &http.Server{Addr: env("ADDR", ":8080"), Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	log.Info("listening", "addr", srv.Addr, "api", "/api")
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openDatabase connects to MONGODB_URI, or starts the embedded database
// in dataDir/db (locked: one process at a time).
func openDatabase(dataDir string) (*mongo.Database, func(), error) {
	opts := options.Client().ApplyURI(os.Getenv("MONGODB_URI"))
	var srv *embeddeddb.Server
	if os.Getenv("MONGODB_URI") == "" {
		var err error
		srv, err = embeddeddb.Start(embeddeddb.Options{Dir: filepath.Join(dataDir, "db"), Durable: true, LockDir: true, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			return nil, nil, fmt.Errorf("start the embedded database: %w", err)
		}
		opts = srv.ClientOptions()
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, nil, err
	}
	closeAll := func() {
		_ = client.Disconnect(context.Background())
		if srv != nil {
			_ = srv.Stop()
		}
	}
	return client.Database(env("MONGODB_DB", "blockyard")), closeAll, nil
}

// loadSecrets reads AUTH_ENC_SECRET and AUTH_SIGN_SECRET, or the secrets
// generated once into dataDir/secrets.json (mode 0600).
func loadSecrets(dataDir string) (nodeblocks.AuthSecrets, error) {
	if s := (nodeblocks.AuthSecrets{Enc: os.Getenv("AUTH_ENC_SECRET"), Sign: os.Getenv("AUTH_SIGN_SECRET")}); s.Enc != "" && s.Sign != "" {
		return s, nil
	}
	path := filepath.Join(dataDir, "secrets.json")
	var s nodeblocks.AuthSecrets
	if b, err := os.ReadFile(path); err == nil {
		return s, json.Unmarshal(b, &s)
	}
	s = nodeblocks.AuthSecrets{Enc: random(), Sign: random()}
	b, _ := json.Marshal(s)
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return s, err
	}
	return s, os.WriteFile(path, b, 0o600)
}

func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
