package terminators_test

import (
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

var kindGone = primitives.NewKind("Gone", primitives.KindBlock)

type item struct {
	B string `json:"b"`
	A int    `json:"a"`
}

func serve(t *testing.T, routes ...primitives.Route) *blockyardtest.Client {
	t.Helper()
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	parts := make([]primitives.Mountable, len(routes))
	for i, r := range routes {
		parts[i] = r
	}
	h, err := svc.Mount(context.Background(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	return blockyardtest.NewClient(t, h)
}

func route[T any](path string, res mo.Result[T], term primitives.Terminator) primitives.Route {
	return primitives.Route{Method: "POST", Path: path, Handler: primitives.Handle(func(*primitives.Request) mo.Result[T] { return res }, term)}
}

var errOrgNotFound = primitives.StatusError(404, "Organization not found")

// withErrors declares the status errors a route's blocks return, for the
// API document the test client checks answers against.
func withErrors(rt primitives.Route, errs ...*primitives.Error) primitives.Route {
	rt.Errors = errs
	return rt
}

func TestJSON(t *testing.T) {
	errs := primitives.ErrorMap{{Kind: kindGone, Status: http.StatusGone}}
	c := serve(t,
		route("/ok", mo.Ok(item{B: "x", A: 1}), terminators.JSON(http.StatusCreated, errs)),
		route("/mapped", mo.Err[item](primitives.NewError(kindGone, "gone").WithData("x")), terminators.JSON(200, errs)),
		withErrors(route("/status", mo.Err[item](errOrgNotFound), terminators.JSON(200, errs)), errOrgNotFound),
	)
	if r := c.Post("/ok", nil); r.Status != 201 || string(r.Body) != `{"b":"x","a":1}` {
		t.Errorf("ok: %d %s (struct field order must be kept)", r.Status, r.Body)
	}
	if r := c.Post("/mapped", nil); r.Status != 410 || string(r.Body) != `{"error":{"message":"gone"}}` {
		t.Errorf("mapped: %d %s", r.Status, r.Body)
	}
	c.Post("/status", nil).ExpectError(t, 404, "Organization not found")
}

func TestEmpty(t *testing.T) {
	c := serve(t,
		route("/204", mo.Ok(struct{}{}), terminators.Empty(http.StatusNoContent, nil)),
		route("/201", mo.Ok("ignored"), terminators.Empty(http.StatusCreated, nil)),
		route("/err", mo.Err[string](primitives.NewError(kindGone, "unmapped")), terminators.Empty(http.StatusNoContent, nil)),
	)
	if r := c.Post("/204", nil); r.Status != 204 || len(r.Body) != 0 {
		t.Errorf("204: %d %q", r.Status, r.Body)
	}
	// The reference's register: 201, JSON content type, zero-length body.
	r := c.Post("/201", nil)
	if r.Status != 201 || len(r.Body) != 0 || r.Header.Get("Content-Type") != "application/json; charset=utf-8" || r.Header.Get("Content-Length") != "0" {
		t.Errorf("201: %d %q %v", r.Status, r.Body, r.Header)
	}
	if r := c.Post("/err", nil); r.Status != 500 || string(r.Body) != `{"error":{"message":"unmapped","data":[]}}` {
		t.Errorf("unmapped error: %d %s", r.Status, r.Body)
	}
}
