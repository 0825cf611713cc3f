package primitives_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// crmEnvelope is the {"success":…} shape of other APIs: successes wrap
// their value in data, errors carry only the message.
var crmEnvelope = primitives.EnvelopeFuncs{
	SuccessFunc: func(_ int, v any) any {
		return struct {
			Success bool `json:"success"`
			Data    any  `json:"data"`
		}{true, v}
	},
	FailureFunc: func(e *primitives.Error) any {
		return struct {
			Success bool   `json:"success"`
			Error   string `json:"error"`
		}{false, e.Message}
	},
}

var errThingNotFound = primitives.StatusError(http.StatusNotFound, "Thing not found")

// thingFeature serves the same four situations under prefix: success,
// validation error (the schema), auth error (a validator) and not-found (a
// block's error).
func thingFeature(name, prefix string, env primitives.Envelope) primitives.Feature {
	get := primitives.Route{
		Name: name + "Get", Method: http.MethodGet, Path: prefix + "/things/{id}",
		Validators: []primitives.Validator{requireHeader("X-Key")},
		Schema: &schema.Request{Params: []schema.Param{
			{Name: "id", In: schema.Path, Schema: schema.String()},
			{Name: "limit", In: schema.Query, Schema: schema.Integer().Maximum(5)},
		}},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[echo] {
			if r.PathValue("id") == "missing" {
				return mo.Err[echo](errThingNotFound)
			}
			return mo.Ok(echo{ID: r.PathValue("id")})
		}, terminators.JSON(http.StatusOK, nil)),
	}
	boom := primitives.Route{
		Name: name + "Boom", Method: http.MethodGet, Path: prefix + "/boom",
		Handler: primitives.HandlerFunc(func(*primitives.Request) { panic("boom") }),
	}
	return primitives.Feature{Name: name, Routes: []primitives.Route{get, boom}, Envelope: env}
}

func TestFeaturesKeepTheirOwnEnvelopes(t *testing.T) {
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	// Joined, as host apps bundle features: each part keeps its envelope.
	h, err := svc.Mount(context.Background(), primitives.Join("api",
		thingFeature("nodeblocks", "/nb", nil),
		thingFeature("crm", "/crm", crmEnvelope),
	))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		key        bool
		status     int
		body       string
	}{
		{"default success", "/nb/things/a", true, 200, `{"id":"a"}`},
		{"default validation", "/nb/things/a?limit=9", true, 400, `{"error":{"message":"Validation Error","data":["query parameter 'limit' must be <= 5"]}}`},
		{"default auth", "/nb/things/a", false, 401, `{"error":{"message":"token could not be verified"}}`},
		{"default not found", "/nb/things/missing", true, 404, `{"error":{"message":"Thing not found"}}`},
		{"custom success", "/crm/things/a", true, 200, `{"success":true,"data":{"id":"a"}}`},
		{"custom validation", "/crm/things/a?limit=9", true, 400, `{"success":false,"error":"Validation Error"}`},
		{"custom auth", "/crm/things/a", false, 401, `{"success":false,"error":"token could not be verified"}`},
		{"custom not found", "/crm/things/missing", true, 404, `{"success":false,"error":"Thing not found"}`},
		{"default panic", "/nb/boom", true, 500, `{"error":{"message":"Internal Server Error","data":[]}}`},
		{"custom panic", "/crm/boom", true, 500, `{"success":false,"error":"Internal Server Error"}`},
		// No route, no feature: the default envelope.
		{"unrouted", "/crm/nothing", true, 404, `{"error":{"message":"Not Found"}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, c.path, nil)
			if c.key {
				req.Header.Set("X-Key", "k")
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != c.status || strings.TrimSpace(w.Body.String()) != c.body {
				t.Errorf("GET %s = %d %s, want %d %s", c.path, w.Code, w.Body, c.status, c.body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestSharedSetupRunsOncePerMount(t *testing.T) {
	runs := 0
	indexes := primitives.NewSetup("thing indexes", func(context.Context, *primitives.Service) error {
		runs++
		return nil
	})
	other := 0
	otherSetup := primitives.NewSetup("other", func(context.Context, *primitives.Service) error {
		other++
		return nil
	})
	route := func(name, path string) primitives.Route {
		rt := echoRoute(http.MethodGet, path)
		rt.Name, rt.Setup = name, []*primitives.Setup{indexes}
		return rt
	}
	// Ten routes and two features list the same setup.
	var routes []primitives.Route
	for i := range 10 {
		routes = append(routes, route("r"+string(rune('a'+i)), "/r"+string(rune('a'+i))))
	}
	f1 := primitives.Feature{Name: "one", Routes: routes[:5], Setup: []*primitives.Setup{indexes, otherSetup}}
	f2 := primitives.Feature{Name: "two", Routes: routes[5:], Setup: []*primitives.Setup{indexes}}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	if _, err := svc.Mount(context.Background(), f1, f2); err != nil {
		t.Fatal(err)
	}
	if runs != 1 || other != 1 {
		t.Errorf("shared setup ran %d times, other setup %d times per Mount; want 1 and 1", runs, other)
	}
	// A second Mount runs them again (once).
	if _, err := svc.Mount(context.Background(), primitives.Join("all", f1, f2)); err != nil {
		t.Fatal(err)
	}
	if runs != 2 || other != 2 {
		t.Errorf("after a second Mount: %d and %d runs, want 2 and 2", runs, other)
	}
}

func TestSetupErrorNamesTheSetup(t *testing.T) {
	boom := primitives.NewSetup("thing indexes", func(context.Context, *primitives.Service) error {
		return errors.New("boom")
	})
	rt := echoRoute(http.MethodGet, "/x")
	rt.Setup = []*primitives.Setup{boom}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	_, err := svc.Mount(context.Background(), rt)
	if err == nil || !strings.Contains(err.Error(), "thing indexes") || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Mount error = %v, want one naming the setup and its cause", err)
	}
}

func TestHandleRefusesNilPartsAtStartUp(t *testing.T) {
	for name, build := range map[string]func(){
		"nil pipeline":   func() { primitives.Handle[echo](nil, terminators.JSON(http.StatusOK, nil)) },
		"nil terminator": func() { primitives.Handle(func(*primitives.Request) mo.Result[echo] { return mo.Ok(echo{}) }, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Handle built a handler that would fail every request", name)
				}
			}()
			build()
		}()
	}
}
