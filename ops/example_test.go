package ops_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/blockyard/blockyard/ops"
)

// A host app's handler in the usual stack: security headers, CORS, the
// health answer and a rate limit of two requests a minute per client.
func Example() {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hello") })
	dbUp := true
	ping := func(context.Context) error {
		if !dbUp {
			return errors.New("no database")
		}
		return nil
	}
	at := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)
	h := ops.Chain(api,
		ops.Headers(ops.SecurityHeaders{}),
		ops.Cors(ops.CORS{Origins: []string{"https://app.example.com"}, Credentials: true}),
		ops.Health(ping, ops.HealthOptions{Clock: func() time.Time { return at }}),
		ops.Limit(ops.RateLimit{Client: ops.Rate{Burst: 2, Per: time.Minute}}),
	)
	call := func(method, path string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}

	res := call(http.MethodGet, "/api/x")
	fmt.Println(res.Code, res.Body, res.Header().Get("X-Frame-Options"))
	res = call(http.MethodOptions, "/api/x", "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST")
	fmt.Println(res.Code, res.Header().Get("Access-Control-Allow-Origin"), res.Header().Get("Access-Control-Allow-Credentials"))
	res = call(http.MethodGet, "/api/x")
	fmt.Println(res.Code, res.Body)
	res = call(http.MethodGet, "/api/x")
	fmt.Println(res.Code, res.Header().Get("Retry-After"), res.Body)
	fmt.Println(call(http.MethodGet, "/health").Body)
	dbUp = false
	res = call(http.MethodGet, "/health")
	fmt.Println(res.Code, res.Body)
	// Output:
	// 200 hello SAMEORIGIN
	// 204 https://app.example.com true
	// 200 hello
	// 429 30 {"error":{"message":"Too Many Requests"}}
	// {"status":"ok","timestamp":"2026-12-02T01:00:00.000Z","database":"connected"}
	// 503 {"status":"error","timestamp":"2026-12-02T01:00:00.000Z","database":"disconnected"}
}
