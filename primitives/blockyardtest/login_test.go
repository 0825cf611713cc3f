package blockyardtest_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestLoginReturnsABearerClient(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth/login", func(w http.ResponseWriter, r *http.Request) {
		var creds struct{ Email, Password string }
		_ = json.NewDecoder(r.Body).Decode(&creds)
		if creds.Email != "ann@example.com" || creds.Password != "pw" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"accessToken":"tok-1","id":"ann"}`))
	})
	mux.HandleFunc("GET /api/me", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.Header.Get("Authorization")))
	})
	c := blockyardtest.NewClient(t, mux)
	ann := c.Login(t, "/api/auth/login", "ann@example.com", "pw")
	if got := string(ann.Get("/api/me").Body); got != "Bearer tok-1" {
		t.Fatalf("Authorization = %q, want Bearer tok-1", got)
	}
	if got := string(c.Get("/api/me").Body); got != "" {
		t.Fatalf("the original client must stay anonymous, sent %q", got)
	}
}

func TestLoggerShowsWarningsOnly(t *testing.T) {
	l := blockyardtest.Logger(t)
	if l.Enabled(context.Background(), slog.LevelInfo) || !l.Enabled(context.Background(), slog.LevelWarn) {
		t.Fatal("Logger must keep request lines out and warnings in")
	}
	l.Warn("a warning reaches the test output")
}
