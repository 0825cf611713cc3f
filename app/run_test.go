package app_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// running is a Run in a goroutine.
type running struct {
	base string       // http://127.0.0.1:port
	app  *app.App     // as the MountFunc received it
	stop func() error // cancels Run's context and returns its error
}

// syncBuffer is a log sink Run writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs app.Run with args and env on a free port, wraps mount to
// learn the address, and waits until /readyz answers 200.
func start(t *testing.T, o app.Options, args []string, env map[string]string, log io.Writer, mount app.MountFunc) *running {
	t.Helper()
	c, err := app.ParseConfig(o, append([]string{"-addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	mounted := make(chan *app.App, 1)
	done := make(chan error, 1)
	go func() {
		done <- app.Run(ctx, o, c, slog.New(slog.NewJSONHandler(log, nil)), func(ctx context.Context, a *app.App) (http.Handler, error) {
			mounted <- a
			return mount(ctx, a)
		})
	}()
	r := &running{}
	var once sync.Once
	var runErr error
	r.stop = func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() { _ = r.stop() })
	select {
	case r.app = <-mounted:
	case err := <-done:
		t.Fatalf("Run returned before mounting: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("Run did not mount within a minute")
	}
	r.base = "http://" + r.app.Addr().String()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if code, _ := get(t, r.base+"/readyz"); code == http.StatusOK {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz not 200 within 30 s")
		}
	}
}

// get returns the status and body of a GET.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// TestRunEmbedded runs a program on the embedded database in a fresh data
// directory: its API under /api, its own page and flag, the health
// endpoints, the directory lock against a second process's database, and a
// clean return when its context is cancelled.
func TestRunEmbedded(t *testing.T) {
	data := t.TempDir()
	var greeting string
	o := app.Options{
		Name:     "runtest",
		Embedded: embedded.Open,
		Flags: func(fs *flag.FlagSet, _ func(string) string) {
			fs.StringVar(&greeting, "greeting", "hello", "the page's text")
		},
	}
	var logs syncBuffer
	r := start(t, o, []string{"-data", data, "-greeting", "bonjour"}, nil, &logs, func(ctx context.Context, a *app.App) (http.Handler, error) {
		a.Handle("GET /{$}", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, greeting) }))
		return a.Service.Mount(ctx, features.Auth())
	})
	if r.app.DB.Name() != "runtest" || r.app.Client == nil || r.app.Service.DB != r.app.DB || r.app.Service.Files == nil {
		t.Errorf("app: database %q (want runtest), client set %v, service on it %v, files set %v",
			r.app.DB.Name(), r.app.Client != nil, r.app.Service.DB == r.app.DB, r.app.Service.Files != nil)
	}
	if s := nodeblocks.Settings.Of(r.app.Service).AuthSecrets; len(s.Enc) < 18 || len(s.Sign) < 18 {
		t.Errorf("the service's nodeblocks settings lack the generated secrets: %+v", s)
	}
	for _, tc := range []struct {
		path string
		code int
		body string
	}{
		{"/healthz", http.StatusOK, `{"status":"ok"}` + "\n"},
		{"/readyz", http.StatusOK, `{"status":"ok"}` + "\n"},
		{"/", http.StatusOK, "bonjour"},
		{"/api/auth/login", http.StatusNotFound, ""}, // GET: no such route, but the API's own 404
		{"/auth/login", http.StatusNotFound, "404 page not found\n"},
	} {
		code, body := get(t, r.base+tc.path)
		if code != tc.code || (tc.body != "" && body != tc.body) {
			t.Errorf("GET %s: %d %q, want %d %q", tc.path, code, body, tc.code, tc.body)
		}
	}
	res, err := http.Post(r.base+"/api/auth/register", "application/json", strings.NewReader(`{"email":"a@example.com","password":"a-password-1"}`))
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("register under /api: %v %v", res, err)
	}
	res.Body.Close()

	// The embedded database belongs to one process at a time.
	c, err := app.ParseConfig(o, []string{"-data", data, "-promote", "a@example.com"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	err = app.Run(t.Context(), o, c, slog.New(slog.DiscardHandler), nil)
	if !errors.Is(err, app.ErrEmbeddedInUse) || !strings.Contains(err.Error(), "is in use by another process: stop the server first") {
		t.Errorf("a second Run on the data directory: %v", err)
	}

	if err := r.stop(); err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
	for _, want := range []string{`"msg":"embedded database started`, `"server":"embedded FerretDB"`, `"msg":"listening"`, `"api":"/api"`, `"msg":"shutdown: HTTP server stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
	// Stopped, it released the directory: -promote now runs.
	if err := app.Run(t.Context(), o, c, slog.New(slog.DiscardHandler), nil); err != nil {
		t.Errorf("-promote after the server stopped: %v", err)
	}
}

// TestRunWithoutEmbedded: a program that passes no Embedded needs
// MONGODB_URI, says so, and runs on it; -create-admin makes an
// administrator who logs in, and APIPrefix "/" serves the API at the root.
func TestRunWithoutEmbedded(t *testing.T) {
	o := app.Options{Name: "mongoonly", APIPrefix: "/"}
	c, err := app.ParseConfig(o, []string{"-data", t.TempDir()}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	err = app.Run(t.Context(), o, c, slog.New(slog.DiscardHandler), nil)
	if err == nil || !strings.Contains(err.Error(), "MONGODB_URI is not set, and mongoonly has no embedded database") {
		t.Fatalf("Run without MONGODB_URI nor Embedded: %v", err)
	}

	db := blockyardtest.Database(t)
	env := map[string]string{"MONGODB_URI": blockyardtest.URI(t), "MONGODB_DB": db.Name(), "ADMIN_PASSWORD": "root-password-1"}
	data := t.TempDir()
	c, err = app.ParseConfig(o, []string{"-data", data, "-create-admin", "root@example.com"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Run(t.Context(), o, c, slog.New(slog.DiscardHandler), nil); err != nil {
		t.Fatalf("-create-admin: %v", err)
	}

	var logs syncBuffer
	r := start(t, o, []string{"-data", data}, env, &logs, func(ctx context.Context, a *app.App) (http.Handler, error) {
		return a.Service.Mount(ctx, features.Auth(), features.Identities())
	})
	res, err := http.Post(r.base+"/auth/login", "application/json", strings.NewReader(`{"email":"root@example.com","password":"root-password-1"}`))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the administrator's login at the root: %v %v", res, err)
	}
	res.Body.Close()
	if code, body := get(t, r.base+"/healthz"); code != http.StatusOK || body != `{"status":"ok"}`+"\n" {
		t.Errorf("/healthz beside an API at the root: %d %s", code, body)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if log := logs.String(); !strings.Contains(log, `"server":"MongoDB"`) || !strings.Contains(log, fmt.Sprintf(`"database":%q`, db.Name())) {
		t.Errorf("log:\n%s", log)
	}
}
