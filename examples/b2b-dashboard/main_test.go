package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// TestZeroSetup runs the program as `go run` does, through package app:
// -create-admin with ADMIN_PASSWORD into a fresh DATA_DIR (the embedded
// database), then the server on ADDR, where the administrator logs in,
// creates an organization and gets the page; then a graceful stop.
func TestZeroSetup(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATA_DIR": t.TempDir(), "ADMIN_PASSWORD": password, "ADDR": "127.0.0.1:0", "CORS_ORIGINS": testOrigin}
	getenv := func(k string) string { return env[k] }
	log := blockyardtest.Logger(t)

	cfg, err := app.ParseConfig(appOptions, []string{"-create-admin", adminEmail}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Run(t.Context(), appOptions, cfg, log, mount); err != nil {
		t.Fatalf("-create-admin: %v", err)
	}

	// CORS_ORIGINS comes from getenv, not the process environment.
	cfg, err = app.ParseConfig(appOptions, nil, getenv)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- app.Run(ctx, appOptions, cfg, log, func(ctx context.Context, a *app.App) (http.Handler, error) {
			addrs <- a.Addr()
			return mount(ctx, a)
		})
	}()
	var base string
	select {
	case a := <-addrs:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("server stopped: %v", err)
	}

	call := func(method, path, token string, body any) (int, http.Header, []byte) {
		t.Helper()
		var rd io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
		req, _ := http.NewRequestWithContext(ctx, method, base+path, rd)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", testOrigin)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		// The listener is open before mount runs: a request sent now
		// waits in its backlog until the server serves.
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header, b
	}

	if status, _, body := call(http.MethodGet, "/readyz", "", nil); status != http.StatusOK {
		t.Fatalf("readyz: %d %s", status, body)
	}
	if status, _, body := call(http.MethodGet, "/", "", nil); status != http.StatusOK || string(body) != upText {
		t.Errorf("GET /: %d %q", status, body)
	}
	if status, _, body := call(http.MethodGet, "/dashboard/", "", nil); status != http.StatusOK || !strings.Contains(string(body), "<title>Organizations dashboard</title>") {
		t.Errorf("GET /dashboard/: %d", status)
	}
	status, _, body := call(http.MethodPost, "/api/auth/login", "", map[string]string{"email": adminEmail, "password": password})
	var login struct{ AccessToken string }
	if json.Unmarshal(body, &login); status != http.StatusOK || login.AccessToken == "" {
		t.Fatalf("login: %d %s", status, body)
	}
	// The API's document and its page, under /api like the other examples'.
	status, _, body = call(http.MethodGet, "/api/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); status != http.StatusOK || err != nil || doc.Paths["/organizations/{id}"]["put"] == nil ||
		doc.Paths["/auth/login"]["post"] == nil || !strings.Contains(string(body), `Not Found: \"Organization not found\"`) {
		t.Errorf("openapi.json: %d %v, the paths or the 404's message missing (%d bytes)", status, err, len(body))
	}
	if status, _, _ := call(http.MethodGet, "/api/docs", "", nil); status != http.StatusOK {
		t.Errorf("GET /api/docs: %d", status)
	}
	status, hdr, body := call(http.MethodPost, "/api/organizations", login.AccessToken, map[string]string{"name": "Acme Corp", "email": "hello@acme.example"})
	if status != http.StatusCreated || !strings.Contains(string(body), `"slug":"acme-corp"`) || hdr.Get("Access-Control-Allow-Origin") != testOrigin {
		t.Errorf("create: %d %s %v", status, body, hdr)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("graceful stop: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop")
	}
}

func TestOrigins(t *testing.T) {
	got := origins(" https://a.example/, ,https://b.example ")
	if len(got) != 2 || got[0] != "https://a.example" || got[1] != "https://b.example" {
		t.Errorf("origins: %q", got)
	}
}
