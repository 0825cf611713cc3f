package blockyardtest

import (
	"log/slog"
	"testing"
)

// Logger returns a logger that writes to the test's output at warn level
// and above (errors with their causes, lockouts), so that a service under
// test neither floods `go test -v` through slog.Default nor hides its
// failures:
//
//	svc := &primitives.Service{DB: db, Logger: blockyardtest.Logger(t)}
//
// Do not log through it after the test has finished.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}
