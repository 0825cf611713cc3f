package ops_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/ops"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// api is the wrapped handler of the tests: 200 "hello", with a header of
// its own.
var api = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Powered-By", "Express")
	w.Header().Set("X-Request-Id", "r-1")
	io.WriteString(w, "hello")
})

func do(t *testing.T, req *http.Request) *http.Response {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func get(t *testing.T, url string, headers ...string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req)
}

// TestHeaders: helmet's set by default on a real server, X-Powered-By
// removed, a field changed, a header turned Off, extra headers added.
func TestHeaders(t *testing.T) {
	srv := httptest.NewServer(ops.Headers(ops.SecurityHeaders{})(api))
	defer srv.Close()
	res := get(t, srv.URL)
	want := map[string]string{
		"Content-Security-Policy":           ops.DefaultContentSecurityPolicy,
		"Cross-Origin-Opener-Policy":        "same-origin",
		"Cross-Origin-Resource-Policy":      "same-origin",
		"Origin-Agent-Cluster":              "?1",
		"Referrer-Policy":                   "no-referrer",
		"Strict-Transport-Security":         "max-age=31536000; includeSubDomains",
		"X-Content-Type-Options":            "nosniff",
		"X-Dns-Prefetch-Control":            "off",
		"X-Download-Options":                "noopen",
		"X-Frame-Options":                   "SAMEORIGIN",
		"X-Permitted-Cross-Domain-Policies": "none",
		"X-Xss-Protection":                  "0",
		"X-Request-Id":                      "r-1",
	}
	for k, v := range want {
		if got := res.Header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	// X-Powered-By set by the handler survives (it runs after); the
	// middleware removes one set before it.
	srv2 := httptest.NewServer(ops.Headers(ops.SecurityHeaders{
		FrameOptions:            "DENY",
		StrictTransportSecurity: ops.Off,
		Extra:                   http.Header{"Permissions-Policy": {"camera=()"}},
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	defer srv2.Close()
	res = get(t, srv2.URL)
	if res.Header.Get("X-Frame-Options") != "DENY" || res.Header.Get("Strict-Transport-Security") != "" ||
		res.Header.Get("Permissions-Policy") != "camera=()" || res.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("configured headers %v", res.Header)
	}
}

// TestCors: a preflight from an allowed origin is answered 204 with the
// allowed methods, the asked headers, credentials and max age, and never
// reaches the API; one from another origin gets 204 without them; a
// simple request from an allowed origin carries the exposed headers.
func TestCors(t *testing.T) {
	reached := 0
	h := ops.Cors(ops.CORS{
		Origins:        []string{"https://app.example.com"},
		Credentials:    true,
		ExposedHeaders: []string{"Retry-After", "X-Request-Id"},
		MaxAge:         10 * time.Minute,
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached++; api(w, r) }))
	srv := httptest.NewServer(h)
	defer srv.Close()
	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/api/x", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "PATCH")
		req.Header.Set("Access-Control-Request-Headers", "authorization, x-tenant-id")
		return do(t, req)
	}
	res := preflight("https://app.example.com")
	want := map[string]string{
		"Access-Control-Allow-Origin":      "https://app.example.com",
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods":     "GET, HEAD, PUT, PATCH, POST, DELETE",
		"Access-Control-Allow-Headers":     "authorization, x-tenant-id",
		"Access-Control-Max-Age":           "600",
	}
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("preflight %d", res.StatusCode)
	}
	for k, v := range want {
		if got := res.Header.Get(k); got != v {
			t.Errorf("preflight %s: %q, want %q", k, got, v)
		}
	}
	if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Origin") {
		t.Errorf("Vary %v", res.Header.Values("Vary"))
	}
	res = preflight("https://evil.example.com")
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != "" || res.Header.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("foreign preflight %d %v", res.StatusCode, res.Header)
	}
	if reached != 0 {
		t.Errorf("a preflight reached the API")
	}
	res = get(t, srv.URL, "Origin", "https://app.example.com")
	if res.Header.Get("Access-Control-Allow-Origin") != "https://app.example.com" || res.Header.Get("Access-Control-Expose-Headers") != "Retry-After, X-Request-Id" ||
		res.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("simple request %v", res.Header)
	}
	res = get(t, srv.URL, "Origin", "https://evil.example.com")
	if res.Header.Get("Access-Control-Allow-Origin") != "" || reached != 2 {
		t.Errorf("foreign simple request %v (reached %d)", res.Header, reached)
	}

	// "*" without credentials answers "*"; with credentials, the origin.
	star := httptest.NewServer(ops.Cors(ops.CORS{Origins: []string{"*"}})(api))
	defer star.Close()
	if got := get(t, star.URL, "Origin", "https://a.test").Header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("star: %q", got)
	}
}

// TestHealth: 200 connected with the database up; 503 disconnected within
// a second of the database stopping; 200 again once it is back, with no
// restart of anything.
func TestHealth(t *testing.T) {
	p := blockyardtest.NewProxy(t)
	client, err := mongo.Connect(p.ClientOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	srv := httptest.NewServer(ops.Health(ops.MongoPing(client), ops.HealthOptions{})(api))
	defer srv.Close()
	health := func() (int, map[string]string) {
		res := get(t, srv.URL+"/health")
		var body map[string]string
		json.NewDecoder(res.Body).Decode(&body)
		return res.StatusCode, body
	}
	ts := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	status, body := health()
	if status != http.StatusOK || body["status"] != "ok" || body["database"] != "connected" || !ts.MatchString(body["timestamp"]) || len(body) != 3 {
		t.Fatalf("up: %d %v", status, body)
	}
	p.Stop()
	start := time.Now()
	status, body = health()
	if d := time.Since(start); status != http.StatusServiceUnavailable || body["status"] != "error" || body["database"] != "disconnected" || d > time.Second {
		t.Fatalf("down: %d %v after %v", status, body, d)
	}
	p.Restart()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if status, _ = health(); status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("database back, health still %d", status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Other paths pass through.
	if res := get(t, srv.URL+"/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz %d", res.StatusCode)
	}
}

// TestLimit: on a real server, a tenant's bucket empties into 429 with
// Retry-After while a second tenant is unaffected; a client's bucket
// within a tenant empties before the tenant's; both refill with time.
func TestLimit(t *testing.T) {
	var mu sync.Mutex
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	srv := httptest.NewServer(ops.Limit(ops.RateLimit{
		Tenant:    ops.Rate{Burst: 3, Per: 30 * time.Second},
		Client:    ops.Rate{Burst: 2, Per: 20 * time.Second},
		ClientKey: func(r *http.Request) string { return r.Header.Get("X-Client") },
		Clock:     clock,
	})(api))
	defer srv.Close()
	call := func(tenant, client string) *http.Response {
		return get(t, srv.URL, "X-Tenant-Id", tenant, "X-Client", client)
	}
	for i := range 2 {
		if res := call("a", "c1"); res.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d", i, res.StatusCode)
		}
	}
	res := call("a", "c1")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "10" ||
		string(bytes.TrimSpace(body)) != `{"error":{"message":"Too Many Requests"}}` {
		t.Fatalf("client over its burst: %d Retry-After %q %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if res := call("a", "c2"); res.StatusCode != http.StatusOK {
		t.Fatalf("another client of a: %d", res.StatusCode)
	}
	// Tenant a has spent its 3 tokens: every client of a waits.
	res = call("a", "c3")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "10" {
		t.Fatalf("tenant over its burst: %d Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// Tenant b is unaffected, even from a's client.
	for i := range 2 {
		if res := call("b", "c1"); res.StatusCode != http.StatusOK {
			t.Fatalf("tenant b request %d: %d", i, res.StatusCode)
		}
	}
	advance(10 * time.Second)
	if res := call("a", "c3"); res.StatusCode != http.StatusOK {
		t.Fatalf("after the refill: %d", res.StatusCode)
	}
}

// TestLog: one slog line per request with its facts, and the Apache
// combined line.
func TestLog(t *testing.T) {
	var lines, combined bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&lines, nil))
	at := time.Date(2026, 12, 2, 1, 2, 3, 0, time.UTC)
	srv := httptest.NewServer(ops.Log(ops.AccessLog{Logger: logger, Combined: &combined, Clock: func() time.Time { return at },
		Attrs: func(r *http.Request) []slog.Attr {
			return []slog.Attr{slog.String("tenant", r.Header.Get("X-Tenant-Id"))}
		}})(api))
	defer srv.Close()
	get(t, srv.URL+"/api/x?token=secret", "User-Agent", "probe/1", "Referer", "https://r.test/", "X-Tenant-Id", "t1")
	var line map[string]any
	if err := json.Unmarshal(lines.Bytes(), &line); err != nil {
		t.Fatalf("%v: %s", err, lines.String())
	}
	for k, v := range map[string]any{"msg": "access", "method": "GET", "path": "/api/x", "status": 200.0, "bytes": 5.0, "remote": "127.0.0.1", "userAgent": "probe/1", "tenant": "t1"} {
		if line[k] != v {
			t.Errorf("%s: %v, want %v", k, line[k], v)
		}
	}
	if strings.Contains(lines.String(), "secret") {
		t.Errorf("the query reached the slog line: %s", lines.String())
	}
	want := `127.0.0.1 - - [02/Dec/2026:01:02:03 +0000] "GET /api/x?token=secret HTTP/1.1" 200 5 "https://r.test/" "probe/1"` + "\n"
	if combined.String() != want {
		t.Errorf("combined\n got %q\nwant %q", combined.String(), want)
	}
}

// TestLimitMemoryIsBounded: past MaxBuckets the least recently used
// bucket is forgotten, so an exhausted client that was evicted starts
// again with a full bucket.
func TestLimitMemoryIsBounded(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	h := ops.Limit(ops.RateLimit{
		Client:     ops.Rate{Burst: 1, Per: time.Hour},
		Tenant:     ops.Rate{Burst: -1},
		ClientKey:  func(r *http.Request) string { return r.Header.Get("X-Client") },
		MaxBuckets: 2,
		Clock:      func() time.Time { return now },
	})(api)
	call := func(client string) int {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("X-Client", client)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if call("c1") != 200 || call("c1") != 429 {
		t.Fatal("c1 should be limited")
	}
	call("c2")
	if call("c1") != 429 {
		t.Fatal("c1 forgotten too early")
	}
	call("c2")
	call("c3") // evicts c1, the least recently used
	if got := call("c1"); got != 200 {
		t.Errorf("an evicted client: %d, want a fresh bucket", got)
	}
}
