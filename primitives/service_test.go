package primitives_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

// requireHeader is a validator that answers 401 unless the header is set.
func requireHeader(name string) primitives.Validator {
	return func(r *primitives.Request) error {
		if r.HTTP.Header.Get(name) == "" {
			return primitives.StatusError(http.StatusUnauthorized, "token could not be verified")
		}
		return nil
	}
}

func fail(status int, msg string) primitives.Validator {
	return func(*primitives.Request) error { return primitives.StatusError(status, msg) }
}

type echo struct {
	ID string `json:"id"`
}

func echoRoute(method, path string, vs ...primitives.Validator) primitives.Route {
	return primitives.Route{
		Name: "echo", Method: method, Path: path, Validators: vs,
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[echo] {
			return mo.Ok(echo{ID: r.PathValue("id")})
		}, terminators.JSON(http.StatusOK, nil)),
	}
}

func mount(t *testing.T, svc *primitives.Service, parts ...primitives.Mountable) http.Handler {
	t.Helper()
	if svc.Logger == nil {
		svc.Logger = slog.New(slog.DiscardHandler)
	}
	h, err := svc.Mount(context.Background(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestTrailingSlashAndCaseAreOptional(t *testing.T) {
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, echoRoute("PATCH", "/admin/things/{id}/")))
	for _, p := range []string{"/admin/things/7", "/admin/things/7/", "/ADMIN/Things/7"} {
		var got echo
		c.Patch(p, nil).ExpectStatus(t, 200).JSON(t, &got)
		if got.ID != "7" {
			t.Errorf("PATCH %s: id = %q, want 7", p, got.ID)
		}
	}
}

func TestUndecodableParamIs400(t *testing.T) {
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, echoRoute("GET", "/things/{id}")))
	c.Get("/things/%FF").ExpectError(t, 400, "Failed to decode param '%FF'") // Express's decode_param
	var got echo
	c.Get("/things/%C3%A9").ExpectStatus(t, 200).JSON(t, &got)
	if got.ID != "é" {
		t.Fatalf("id = %q, want é", got.ID)
	}
}

func TestUnknownRouteIsJSON404(t *testing.T) {
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, echoRoute("GET", "/things/{id}")))
	c.Get("/nothing").ExpectError(t, 404, "Not Found")
	c.Post("/things/1", nil).ExpectError(t, 404, "Not Found") // wrong method: 404, never 405
	if r := c.Do(http.MethodHead, "/things/1", nil); r.Status != 200 {
		t.Errorf("HEAD on a GET route answered %d, want 200 as Express does", r.Status)
	}
}

func TestFirstRegisteredRouteWins(t *testing.T) {
	first := echoRoute("GET", "/organizations/members/{id}")
	second := primitives.Route{Name: "second", Method: "GET", Path: "/organizations/{id}/followers",
		Handler: primitives.Handle(func(*primitives.Request) mo.Result[echo] { return mo.Ok(echo{ID: "second"}) }, terminators.JSON(200, nil))}
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, first, second))
	var got echo
	c.Get("/organizations/members/followers").ExpectStatus(t, 200).JSON(t, &got)
	if got.ID != "followers" {
		t.Fatalf("got %+v, want the first route to answer", got)
	}
	c.Get("/organizations/x/followers").ExpectStatus(t, 200).JSON(t, &got)
	if got.ID != "second" {
		t.Fatalf("got %+v, want the second route", got)
	}
}

func TestMountUnderPrefixInsideAnotherMux(t *testing.T) {
	api := mount(t, &primitives.Service{}, echoRoute("GET", "/things/{id}"))
	inner := http.NewServeMux()
	inner.Handle("/v1/", http.StripPrefix("/v1", api))
	outer := http.NewServeMux()
	outer.Handle("/api/", http.StripPrefix("/api", inner))
	outer.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })

	c := blockyardtest.NewClient(t, outer)
	var got echo
	c.Get("/api/v1/things/abc").ExpectStatus(t, 200).JSON(t, &got)
	if got.ID != "abc" {
		t.Fatalf("id = %q", got.ID)
	}
	c.Get("/api/v1/nope").ExpectError(t, 404, "Not Found")
	if r := c.Get("/healthz"); r.Status != 200 || string(r.Body) != "ok" {
		t.Fatalf("host routes must keep working: %d %s", r.Status, r.Body)
	}
}

func TestValidatorsRunInOrderAndStopAtFirstError(t *testing.T) {
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{},
		echoRoute("GET", "/a/{id}", requireHeader("X-Token"), fail(403, "forbidden"))))
	c.Get("/a/1").ExpectError(t, 401, "token could not be verified")
	c.Get("/a/1", blockyardtest.WithHeader("X-Token", "x")).ExpectError(t, 403, "forbidden")
}

func TestErrorEnvelopeWithAndWithoutData(t *testing.T) {
	kind := primitives.NewKind("ThingBadRequest", primitives.KindBlock)
	route := func(path string, err error) primitives.Route {
		return primitives.Route{Method: "GET", Path: path, Handler: primitives.Handle(func(*primitives.Request) mo.Result[echo] {
			return mo.Err[echo](err)
		}, terminators.JSON(200, primitives.ErrorMap{{Kind: kind, Status: 400}})),
			Errors: []*primitives.Error{primitives.AsError(err)}} // for the API document
	}
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{},
		route("/mapped", primitives.NewError(kind, "Invalid audit status").WithData("dropped")),
		route("/status", primitives.StatusError(403, "Failed to fetch organization").WithData(map[string]string{"k": "v"})),
		route("/unmapped", primitives.NewError(primitives.KindBlock, "Failed to normalize file.")),
	))
	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"/mapped", `{"error":{"message":"Invalid audit status"}}`, 400},
		{"/status", `{"error":{"message":"Failed to fetch organization","data":{"k":"v"}}}`, 403},
		{"/unmapped", `{"error":{"message":"Failed to normalize file.","data":[]}}`, 500},
	} {
		r := c.Get(tc.path)
		if r.Status != tc.status || string(r.Body) != tc.want {
			t.Errorf("GET %s = %d %s, want %d %s", tc.path, r.Status, r.Body, tc.status, tc.want)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", tc.path, ct)
		}
	}
}

func TestBodyLimitsAndMalformedJSON(t *testing.T) {
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, echoRoute("POST", "/things/{id}"), echoRoute("GET", "/things/{id}")))
	big := `{"x":"` + strings.Repeat("a", primitives.MaxBodyBytes) + `"}`
	c.Post("/things/1", big).ExpectError(t, 413, "request entity too large")
	// JSON.parse's own words (cases checked against Node in jsonsyntax_cases_test.go).
	c.Post("/things/1", `{"a":1,}`).ExpectError(t, 400, "Expected double-quoted property name in JSON at position 7")
	c.Post("/things/1", `{"a":`).ExpectError(t, 400, "Unexpected end of JSON input")
	c.Post("/things/1", `{"a":1}}`).ExpectError(t, 400, "Unexpected non-whitespace character after JSON at position 7")
	c.Post("/things/1", `{"a":bad}`).ExpectError(t, 400, `Unexpected token 'b', "{"a":bad}" is not valid JSON`)
	// Strict mode: the top level must be an object or an array.
	c.Post("/things/1", `"just a string"`).ExpectError(t, 400, `Unexpected token '"', ""just a string"" is not valid JSON`)
	c.Post("/things/1", `   `).ExpectError(t, 400, "Unexpected end of JSON input")
	c.Post("/things/1", `{"a":1}`).ExpectStatus(t, 200)
	c.Post("/things/1", ``).ExpectStatus(t, 200)
	// Only application/json is parsed; other types leave the body {}.
	c.Post("/things/1", `{bad`, blockyardtest.WithHeader("Content-Type", "application/vnd.api+json")).ExpectStatus(t, 200)
	c.Post("/things/1", `{bad`, blockyardtest.WithHeader("Content-Type", "text/plain")).ExpectStatus(t, 200)
	c.Post("/things/1", `{}`, blockyardtest.WithHeader("Content-Type", "application/json; charset=latin1")).ExpectError(t, 415, `unsupported charset "LATIN1"`)
	c.Post("/things/1", `{}`, blockyardtest.WithHeader("Content-Encoding", "br")).ExpectError(t, 415, `unsupported content encoding "br"`)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"a":`))
	_ = zw.Close()
	c.Post("/things/1", gz.Bytes(), blockyardtest.WithHeader("Content-Encoding", "gzip")).ExpectError(t, 400, "Unexpected end of JSON input")
	// A GET body is read and may be refused, as Express does.
	c.Do("GET", "/things/1", `{bad`).ExpectError(t, 400, "Expected property name or '}' in JSON at position 1")
	c.Get("/things/1").ExpectStatus(t, 200)
	// Malformed JSON is rejected before validators run, as Express's body parser does.
	c2 := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, echoRoute("POST", "/things/{id}", requireHeader("X-Token"))))
	c2.Post("/things/1", `{`).ExpectStatus(t, 400)
}

func TestPanicBecomes500Envelope(t *testing.T) {
	var logs bytes.Buffer
	svc := &primitives.Service{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
	boom := primitives.Route{Method: "GET", Path: "/boom", Handler: primitives.HandlerFunc(func(*primitives.Request) { panic("kaboom") })}
	c := blockyardtest.NewClient(t, mount(t, svc, boom))
	r := c.Get("/boom")
	if r.Status != 500 || string(r.Body) != `{"error":{"message":"Internal Server Error","data":[]}}` {
		t.Fatalf("panic answered %d %s", r.Status, r.Body)
	}
	if !strings.Contains(logs.String(), "kaboom") {
		t.Fatalf("the panic must be logged: %s", logs.String())
	}
}

func TestErrAbortHandlerStillAborts(t *testing.T) {
	abort := primitives.Route{Method: "GET", Path: "/abort", Handler: primitives.HandlerFunc(func(*primitives.Request) { panic(http.ErrAbortHandler) })}
	h := mount(t, &primitives.Service{}, abort)
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler to reach net/http", p)
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/abort", nil))
	t.Fatal("the handler returned normally")
}

func TestRequestLogLineAndRedaction(t *testing.T) {
	var logs bytes.Buffer
	svc := &primitives.Service{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	traced := primitives.Route{Name: "traced", Method: "GET", Path: "/t/{id}", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[echo] {
		r.Service.Logger.Debug("inside", "password", "hunter2", "authorization", "Bearer abc", "user", slog.GroupValue(slog.String("email", "a@b.c"), slog.String("name", "Ann")))
		return primitives.Trace(r, "Echo", mo.Ok(echo{ID: r.PathValue("id")}))
	}, terminators.JSON(200, nil))}
	c := blockyardtest.NewClient(t, mount(t, svc, traced))
	r := c.Get("/t/9", blockyardtest.WithHeader("X-Request-Id", "req-123"))
	if got := r.Header.Get("X-Request-Id"); got != "req-123" {
		t.Errorf("X-Request-Id echoed as %q", got)
	}
	c.Get("/t/10")

	var lines []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatalf("log line %s: %v", l, err)
		}
		lines = append(lines, m)
	}
	var requests []map[string]any
	for _, m := range lines {
		if m["msg"] == "request" {
			requests = append(requests, m)
		}
	}
	if len(requests) != 2 {
		t.Fatalf("want one request line per request, got %d: %s", len(requests), logs.String())
	}
	first := requests[0]
	if first["method"] != "GET" || first["path"] != "/t/9" || first["status"] != float64(200) || first["requestId"] != "req-123" || first["route"] != "traced" || first["duration"] == nil {
		t.Errorf("request line = %v", first)
	}
	if id, _ := requests[1]["requestId"].(string); id == "" || id == "req-123" {
		t.Errorf("a request without X-Request-Id must get a generated id, got %q", id)
	}
	out := logs.String()
	for _, secret := range []string{"hunter2", "Bearer abc", "a@b.c"} {
		if strings.Contains(out, secret) {
			t.Errorf("secret %q leaked into the logs: %s", secret, out)
		}
	}
	if !strings.Contains(out, `"block":"Echo"`) || !strings.Contains(out, "Ann") {
		t.Errorf("debug block trace or non-secret attributes missing: %s", out)
	}
}

func TestMountRejectsASchemaPathParameterThePathLacks(t *testing.T) {
	rt := echoRoute("GET", "/things/{id}")
	rt.Schema = &schema.Request{Params: []schema.Param{{Name: "thingId", In: schema.Path, Schema: schema.String()}}}
	if _, err := (&primitives.Service{}).Mount(context.Background(), rt); err == nil || !strings.Contains(err.Error(), `"thingId"`) {
		t.Fatalf("Mount = %v, want an error naming thingId", err)
	}
}

func TestMountRejectsTheSameRouteTwice(t *testing.T) {
	svc := &primitives.Service{}
	if _, err := svc.Mount(context.Background(), echoRoute("GET", "/things/{id}"), echoRoute("GET", "/Things/{other}/")); err == nil {
		t.Error("two GET routes of the same shape were mounted")
	}
	if _, err := svc.Mount(context.Background(), echoRoute("GET", "/things/{id}"), echoRoute("DELETE", "/things/{id}")); err != nil {
		t.Errorf("two methods on one path: %v", err)
	}
}

func TestMountRejectsBadRoutes(t *testing.T) {
	svc := &primitives.Service{}
	for _, rt := range []primitives.Route{
		{Method: "GET", Path: "no-slash", Handler: primitives.HandlerFunc(func(*primitives.Request) {})},
		{Method: "GET", Path: "/x"},
		{Path: "/x", Handler: primitives.HandlerFunc(func(*primitives.Request) {})},
	} {
		if _, err := svc.Mount(context.Background(), rt); err == nil {
			t.Errorf("Mount(%+v) succeeded, want an error", rt)
		}
	}
}

var _ = httptest.NewRecorder

func TestAuthenticateRunsOncePerRequest(t *testing.T) {
	calls := 0
	svc := &primitives.Service{Auth: primitives.AuthenticatorFunc(func(r *primitives.Request) (*primitives.Principal, error) {
		calls++
		return &primitives.Principal{IdentityID: "i1", AccessType: "user"}, nil
	})}
	authed := func(r *primitives.Request) error { return primitives.Authenticate(r).Error() }
	c := blockyardtest.NewClient(t, mount(t, svc, echoRoute("GET", "/x/{id}", authed, authed, authed)))
	c.Get("/x/1").ExpectStatus(t, 200)
	c.Get("/x/2").ExpectStatus(t, 200)
	if calls != 2 {
		t.Fatalf("authenticator ran %d times for 2 requests, want 2", calls)
	}
}

func TestJSONIsNotHTMLEscaped(t *testing.T) {
	rt := primitives.Route{Method: "GET", Path: "/x", Handler: primitives.Handle(func(*primitives.Request) mo.Result[echo] {
		return mo.Err[echo](primitives.ValidationError([]string{"query parameter 'limit' must be <= 50 & >= 1"}))
	}, terminators.JSON(200, nil)), Errors: []*primitives.Error{primitives.ValidationError(nil)}}
	r := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, rt)).Get("/x")
	if want := `{"error":{"message":"Validation Error","data":["query parameter 'limit' must be <= 50 & >= 1"]}}`; string(r.Body) != want {
		t.Fatalf("body %s, want %s (JSON.stringify does not escape <, > and &)", r.Body, want)
	}
}

func TestUnencodableValueIsALogged500(t *testing.T) {
	var logs bytes.Buffer
	svc := &primitives.Service{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	rt := primitives.Route{Method: "GET", Path: "/nan", Handler: primitives.Handle(func(*primitives.Request) mo.Result[float64] {
		return mo.Ok(math.NaN())
	}, terminators.JSON(200, nil))}
	r := blockyardtest.NewClient(t, mount(t, svc, rt)).Get("/nan")
	if r.Status != 500 || !strings.Contains(logs.String(), "unsupported value") || !strings.Contains(logs.String(), `"requestId":"`) {
		t.Fatalf("answered %d %s; log %s", r.Status, r.Body, logs.String())
	}
}

func TestServerErrorsAreLoggedWithTheirCause(t *testing.T) {
	var logs bytes.Buffer
	svc := &primitives.Service{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
	rt := primitives.Route{Name: "broken", Method: "GET", Path: "/broken", Handler: primitives.Handle(func(*primitives.Request) mo.Result[echo] {
		return mo.Err[echo](errors.New(`connection refused while looking up "ann@example.com"`))
	}, terminators.JSON(200, nil))}
	r := blockyardtest.NewClient(t, mount(t, svc, rt)).Get("/broken", blockyardtest.WithHeader("X-Request-Id", "req-9"))
	if r.Status != 500 || string(r.Body) != `{"error":{"message":"Internal Server Error","data":[]}}` {
		t.Fatalf("answered %d %s", r.Status, r.Body)
	}
	out := logs.String()
	for _, want := range []string{`"level":"ERROR"`, `"msg":"request failed"`, "connection refused", `"route":"broken"`, `"requestId":"req-9"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s: %s", want, out)
		}
	}
	if strings.Contains(out, "ann@example.com") {
		t.Errorf("an e-mail address reached the log: %s", out)
	}
}

func TestMaskEmails(t *testing.T) {
	for in, want := range map[string]string{
		`unable to register "ann@example.com"`: `unable to register "[REDACTED]"`,
		"no address here":                      "no address here",
		"a@b.c and x.y+z@sub.example.org":      "[REDACTED] and [REDACTED]",
	} {
		if got := primitives.MaskEmails(in); got != want {
			t.Errorf("MaskEmails(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLogRequestsForHostHandlers(t *testing.T) {
	var logs bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&logs, nil))
	files := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusCreated) })
	r := blockyardtest.NewClient(t, primitives.LogRequests(l, files)).Put("/files/x.png?signature=secret", "")
	if r.Status != 201 || r.Header.Get("X-Request-Id") == "" {
		t.Fatalf("answered %d, X-Request-Id %q", r.Status, r.Header.Get("X-Request-Id"))
	}
	out := logs.String()
	if !strings.Contains(out, `"method":"PUT"`) || !strings.Contains(out, `"path":"/files/x.png"`) || !strings.Contains(out, `"status":201`) {
		t.Errorf("log line: %s", out)
	}
	if strings.Contains(out, "secret") {
		t.Errorf("the query string reached the log: %s", out)
	}
}
