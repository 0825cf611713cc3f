package app

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// readyTimeout bounds the readiness probe's database ping, below the usual
// probe timeouts of orchestrators.
const readyTimeout = 2 * time.Second

// healthz answers 200 while the process serves HTTP: a liveness probe that
// never depends on the database, so a database outage does not get the
// process restarted.
func healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeStatus(w, http.StatusOK, "ok")
	})
}

// pinger is what readyz needs of the database.
type pinger interface {
	Ping(ctx context.Context) error
}

// readyz answers 200 when the database answers a ping, and 503 otherwise:
// a readiness probe, which takes the instance out of a load balancer
// without restarting it. The error is logged, not returned: probes are
// often reachable from outside.
func readyz(db pinger, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			log.Warn("readiness check failed", "error", err)
			writeStatus(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		writeStatus(w, http.StatusOK, "ok")
	})
}

// writeStatus writes {"status": status}, uncached.
func writeStatus(w http.ResponseWriter, code int, status string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(`{"status":"` + status + `"}` + "\n"))
}
