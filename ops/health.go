package ops

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// DefaultHealthTimeout bounds a health check's ping unless
// HealthOptions.Timeout says otherwise.
const DefaultHealthTimeout = 500 * time.Millisecond

// HealthOptions configure Health; the zero value is usable.
type HealthOptions struct {
	// Path is where the health answer is served; default "/health".
	Path string
	// Timeout bounds the ping (default 500ms), so that a stopped database
	// is a 503 within a second rather than after the driver's server
	// selection timeout.
	Timeout time.Duration
	// Clock tells the time of the answer; default time.Now.
	Clock func() time.Time
}

// healthAnswer is the MultiCRM health body.
type healthAnswer struct {
	Status    string `json:"status"`
	Timestamp string `json:"timestamp"`
	Database  string `json:"database"`
}

// Health answers GET (and HEAD) o.Path itself and passes every other
// request on:
//
//	200 {"status":"ok","timestamp":"2026-12-02T01:00:00.000Z","database":"connected"}
//	503 {"status":"error","timestamp":"...","database":"disconnected"}
//
// ping is asked on every health request (a load balancer's probe must see
// a stopped database at once, and the database's return without a
// restart): MongoPing(client) for a MongoDB client. The answer is never
// cached by clients (Cache-Control: no-store).
func Health(ping func(context.Context) error, o HealthOptions) Middleware {
	if o.Path == "" {
		o.Path = "/health"
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultHealthTimeout
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != o.Path || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), o.Timeout)
			err := ping(ctx)
			cancel()
			a, status := healthAnswer{Status: "ok", Database: "connected"}, http.StatusOK
			if err != nil {
				a, status = healthAnswer{Status: "error", Database: "disconnected"}, http.StatusServiceUnavailable
			}
			a.Timestamp = o.Clock().UTC().Format("2006-01-02T15:04:05.000Z")
			body, _ := json.Marshal(a)
			h := w.Header()
			h.Set("Content-Type", "application/json; charset=utf-8")
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(status)
			w.Write(body)
		})
	}
}

// MongoPing returns a ping of client's primary, for Health.
func MongoPing(client *mongo.Client) func(context.Context) error {
	return func(ctx context.Context) error { return client.Ping(ctx, nil) }
}
