package app

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/blockyard/blockyard/nodeblocks"
)

// parseConfig parses the configuration of examples/server, whose tests
// these were.
func parseConfig(args []string, getenv func(string) string) (Config, error) {
	return ParseConfig(Options{Name: "server", Database: "blockyard"}, args, getenv)
}

func TestParseConfigDefaults(t *testing.T) {
	c, err := parseConfig(nil, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if c.Addr != ":8080" || c.DataDir != filepath.Join(wd, "data") || c.MongoDB != "blockyard" || c.LogLevel != slog.LevelInfo {
		t.Errorf("defaults: %+v", c)
	}
	want := nodeblocks.IdentityTypes{Admin: "100", Guest: "000", Regular: "001"}
	if c.IdentityTypes != want {
		t.Errorf("identity types %+v, want %+v", c.IdentityTypes, want)
	}
	if r := c.OrganizationRoles; r.Owner != "owner" || r.Admin != "admin" || r.Member != "member" {
		t.Errorf("roles %+v", r)
	}
}

func TestParseConfigEnvAndFlags(t *testing.T) {
	env := map[string]string{
		"ADDR": ":9000", "DATA_DIR": "/srv/by", "MONGODB_URI": "mongodb://db", "MONGODB_DB": "prod",
		"IDENTITY_TYPE_ADMIN": "9", "ORG_ROLE_MEMBER": "crew", "LOG_LEVEL": "debug",
	}
	c, err := parseConfig([]string{"-addr", "127.0.0.1:1", "-create-admin", "a@b.c"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:1" {
		t.Errorf("a flag must win over its variable: addr %q", c.Addr)
	}
	if c.DataDir != "/srv/by" || c.MongoURI != "mongodb://db" || c.MongoDB != "prod" || c.CreateAdmin != "a@b.c" {
		t.Errorf("config %+v", c)
	}
	if c.IdentityTypes.Admin != "9" || c.IdentityTypes.Guest != "000" || c.OrganizationRoles.Member != "crew" || c.LogLevel != slog.LevelDebug {
		t.Errorf("overrides %+v %+v %v", c.IdentityTypes, c.OrganizationRoles, c.LogLevel)
	}

	if _, err := parseConfig([]string{"extra"}, func(string) string { return "" }); err == nil {
		t.Error("stray arguments must be refused")
	}
	if _, err := parseConfig(nil, func(k string) string { return map[string]string{"LOG_LEVEL": "loud"}[k] }); err == nil {
		t.Error("a bad LOG_LEVEL must be refused")
	}
}

// TestProgramFlagsReadParseConfigsEnvironment: a program's flag takes its
// default from the getenv ParseConfig was given (not os.Getenv), and the
// flag still wins over it.
func TestProgramFlagsReadParseConfigsEnvironment(t *testing.T) {
	var greeting string
	o := Options{Name: "greeter", Flags: func(fs *flag.FlagSet, getenv func(string) string) {
		fs.StringVar(&greeting, "greeting", getenv("GREETING"), "the `text` (env GREETING)")
	}}
	env := func(k string) string { return map[string]string{"GREETING": "bonjour"}[k] }
	if _, err := ParseConfig(o, nil, env); err != nil || greeting != "bonjour" {
		t.Errorf("from the environment: %q %v", greeting, err)
	}
	if _, err := ParseConfig(o, []string{"-greeting", "hej"}, env); err != nil || greeting != "hej" {
		t.Errorf("the flag must win: %q %v", greeting, err)
	}
}

func TestSecretsGeneratedOnceAndPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	log := slog.New(slog.DiscardHandler)
	first, err := loadSecrets(dir, nodeblocks.AuthSecrets{}, "test", log)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Enc) < minSecretLen || len(first.Sign) < minSecretLen || first.Enc == first.Sign {
		t.Fatalf("generated secrets %q %q", first.Enc, first.Sign)
	}
	fi, err := os.Stat(filepath.Join(dir, secretsFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file: %v %v", err, fi.Mode())
	}
	again, err := loadSecrets(dir, nodeblocks.AuthSecrets{}, "test", log)
	if err != nil || again != first {
		t.Fatalf("second start: %v, secrets changed: %v", err, again != first)
	}
	// Losing a race to create the file means using the winner's secrets.
	raced, err := createSecrets(filepath.Join(dir, secretsFile), "test")
	if err != nil || raced != first {
		t.Fatalf("lost race: %v, secrets differ: %v", err, raced != first)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestSecretsFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	log := slog.New(slog.DiscardHandler)
	env := nodeblocks.AuthSecrets{Enc: "an-encryption-secret-1", Sign: "a-signing-secret-12345"}
	got, err := loadSecrets(dir, env, "test", log)
	if err != nil || got != env {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no secrets file must be written when the environment has them (stat: %v)", err)
	}
	for _, bad := range []nodeblocks.AuthSecrets{{Enc: env.Enc}, {Sign: env.Sign}, {Enc: "short", Sign: env.Sign}} {
		if _, err := loadSecrets(dir, bad, "test", log); err == nil {
			t.Errorf("secrets %+v must be refused", bad)
		}
	}
}

func TestFilesBaseURL(t *testing.T) {
	for _, tc := range []struct{ public, addr, want string }{
		{"", "0.0.0.0:8080", "http://localhost:8080/files/"},
		{"", "[::]:8080", "http://localhost:8080/files/"},
		{"", "127.0.0.1:4321", "http://127.0.0.1:4321/files/"},
		{"https://api.example.com", "0.0.0.0:8080", "https://api.example.com/files/"},
		{"https://example.com/backend/", "0.0.0.0:8080", "https://example.com/backend/files/"},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		u, err := filesBaseURL(tc.public, addr)
		if err != nil || u.String() != tc.want {
			t.Errorf("filesBaseURL(%q, %s) = %v, %v; want %s", tc.public, tc.addr, u, err, tc.want)
		}
	}
	if _, err := filesBaseURL("example.com", &net.TCPAddr{}); err == nil {
		t.Error("a PUBLIC_URL without scheme must be refused")
	}
}

type pingFunc func(context.Context) error

func (f pingFunc) Ping(ctx context.Context) error { return f(ctx) }

func TestHealthProbes(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	for _, tc := range []struct {
		h    http.Handler
		want int
	}{
		{healthz(), http.StatusOK},
		{readyz(pingFunc(func(context.Context) error { return nil }), log), http.StatusOK},
		{readyz(pingFunc(func(context.Context) error { return errors.New("down") }), log), http.StatusServiceUnavailable},
	} {
		rec := httptest.NewRecorder()
		tc.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != tc.want || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("status %d (want %d), content type %q", rec.Code, tc.want, rec.Header().Get("Content-Type"))
		}
	}
}
