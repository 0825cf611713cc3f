package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after SIGINT/SIGTERM; orchestrators usually kill after 30 s.
const shutdownTimeout = 25 * time.Second

// serve serves h on ln until ctx is cancelled, then stops accepting
// connections and waits for in-flight requests to finish. The caller closes
// the database afterwards, so no request loses it midway.
func serve(ctx context.Context, ln net.Listener, h http.Handler, api string, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// ReadTimeout bounds a whole request read, body included, for the
		// handlers that read bodies themselves: local file uploads of up to
		// files.MaxUploadSize (10 MB in 2 minutes is ~85 kB/s). The API's
		// JSON bodies are cut sooner, by Config.BodyReadTimeout.
		ReadTimeout: 2 * time.Minute,
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		// Requests get a context of their own, not ctx: a signal must let
		// them finish rather than cancel them.
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "api", api)

	select {
	case err := <-errc:
		return err // the listener failed; nothing to drain
	case <-ctx.Done():
	}
	log.Info("shutdown started: draining in-flight requests", "timeout", shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = errors.Join(errors.New("shutdown: requests still running after the timeout were cut off"), srv.Close())
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if err == nil {
		log.Info("shutdown: HTTP server stopped")
	}
	return err
}
