package blockyardtest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// echo answers with what it received, so tests can see exactly what the Client sent.
func echo() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", "yes")
		w.WriteHeader(http.StatusAccepted)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"method":        r.Method,
			"path":          r.URL.Path,
			"query":         r.URL.RawQuery,
			"contentType":   r.Header.Get("Content-Type"),
			"authorization": r.Header.Get("Authorization"),
			"custom":        r.Header.Get("X-Custom"),
			"remoteAddr":    r.RemoteAddr,
			"body":          string(body),
			"ctxAlive":      r.Context().Err() == nil,
		})
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":{"message":"Item not found","data":["id"]}}`)
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, "boom")
	})
	return mux
}

func TestClientRequests(t *testing.T) {
	c := blockyardtest.NewClient(t, echo())
	type item struct {
		Name string `json:"name"`
	}
	for _, tc := range []struct {
		name string
		res  *blockyardtest.Response
		want map[string]any
	}{
		{"get", c.Get("/echo?page=2"), map[string]any{
			"method": "GET", "path": "/echo", "query": "page=2", "contentType": "", "body": "",
			"authorization": "", "remoteAddr": "192.0.2.1:1234", "ctxAlive": true,
		}},
		{"delete", c.Delete("/echo"), map[string]any{"method": "DELETE", "body": "", "contentType": ""}},
		{"post value as JSON", c.Post("/echo", item{Name: "a"}), map[string]any{
			"method": "POST", "body": `{"name":"a"}`, "contentType": "application/json",
		}},
		{"put string raw", c.Put("/echo", `{"raw":`), map[string]any{
			"method": "PUT", "body": `{"raw":`, "contentType": "application/json",
		}},
		{"patch bytes raw", c.Patch("/echo", []byte("x=1"), blockyardtest.WithHeader("Content-Type", "text/plain")),
			map[string]any{"method": "PATCH", "body": "x=1", "contentType": "text/plain"}},
		{"bearer", c.Get("/echo", blockyardtest.WithBearer("tok123")), map[string]any{"authorization": "Bearer tok123"}},
		{"remote addr", c.Get("/echo", blockyardtest.WithRemoteAddr("203.0.113.7:5555")), map[string]any{"remoteAddr": "203.0.113.7:5555"}},
		{"custom method", c.Do("OPTIONS", "/echo", nil, blockyardtest.WithHeader("X-Custom", "v")), map[string]any{"method": "OPTIONS", "custom": "v"}},
		{"defaults", c.With(blockyardtest.WithBearer("admin")).Get("/echo", blockyardtest.WithHeader("X-Custom", "c")),
			map[string]any{"authorization": "Bearer admin", "custom": "c"}},
		{"per-call overrides defaults", c.With(blockyardtest.WithBearer("admin")).Get("/echo", blockyardtest.WithBearer("user")),
			map[string]any{"authorization": "Bearer user"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.res.ExpectStatus(t, http.StatusAccepted)
			if got := tc.res.Header.Get("X-Echo"); got != "yes" {
				t.Errorf("header X-Echo = %q, want yes", got)
			}
			got := tc.res.Map()
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s = %#v, want %#v (all: %v)", k, got[k], want, got)
				}
			}
		})
	}
}

func TestClientWithDoesNotChangeOriginal(t *testing.T) {
	c := blockyardtest.NewClient(t, echo())
	_ = c.With(blockyardtest.WithBearer("admin"))
	if got := c.Get("/echo").Map()["authorization"]; got != "" {
		t.Errorf("authorization = %v, want none", got)
	}
}

func TestResponseJSON(t *testing.T) {
	var got struct {
		Method string `json:"method"`
		Body   string `json:"body"`
	}
	blockyardtest.NewClient(t, echo()).Post("/echo", map[string]int{"n": 1}).JSON(t, &got)
	if got.Method != "POST" || got.Body != `{"n":1}` {
		t.Errorf("decoded %+v", got)
	}
}

func TestExpectErrorPasses(t *testing.T) {
	c := blockyardtest.NewClient(t, echo())
	res := c.Get("/missing").ExpectError(t, http.StatusNotFound, "Item not found")
	c.Get("/missing").ExpectError(t, http.StatusNotFound, "")
	if data, _ := res.Map()["error"].(map[string]any)["data"].([]any); len(data) != 1 || data[0] != "id" {
		t.Errorf("error data = %v", data)
	}
}

// fatalRecorder is a testing.TB whose Fatal records the message and ends only the calling goroutine,
// so that tests can check that an expectation fails and what it prints.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}
func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// failure runs check with a fatalRecorder and returns its Fatal message ("" if it passed).
func failure(t *testing.T, check func(testing.TB)) string {
	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(r)
	}()
	<-done
	return r.msg
}

func TestExpectationsFail(t *testing.T) {
	c := blockyardtest.NewClient(t, echo())
	for _, tc := range []struct {
		name  string
		check func(testing.TB)
		want  []string // substrings of the failure message; nil: must pass
	}{
		{"status passes", func(t testing.TB) { c.Get("/echo").ExpectStatus(t, http.StatusAccepted) }, nil},
		{"status", func(t testing.TB) { c.Get("/plain").ExpectStatus(t, http.StatusOK) },
			[]string{"GET /plain", "status 500, want 200", "body: boom"}},
		{"error status", func(t testing.TB) { c.Get("/missing").ExpectError(t, http.StatusBadRequest, "Item not found") },
			[]string{"status 404, want 400", "Item not found"}},
		{"error message", func(t testing.TB) { c.Get("/missing").ExpectError(t, http.StatusNotFound, "Other") },
			[]string{`error message "Item not found", want "Other"`}},
		{"no envelope", func(t testing.TB) { c.Get("/plain").ExpectError(t, http.StatusInternalServerError, "") },
			[]string{"not an error envelope", "body: boom"}},
		{"success is no envelope", func(t testing.TB) { c.Post("/echo", nil).ExpectError(t, http.StatusAccepted, "") },
			[]string{"not an error envelope"}},
		{"json", func(t testing.TB) { var v map[string]any; c.Get("/plain").JSON(t, &v) },
			[]string{"GET /plain: decode body", "body: boom"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := failure(t, tc.check)
			if tc.want == nil && msg != "" {
				t.Errorf("failed unexpectedly: %s", msg)
			}
			if tc.want != nil && msg == "" {
				t.Errorf("passed, want a failure")
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("failure message %q does not contain %q", msg, w)
				}
			}
		})
	}
}
