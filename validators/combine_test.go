package validators_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

func fail(status int, msg string) primitives.Validator {
	return func(*primitives.Request) error { return primitives.StatusError(status, msg) }
}

func pass(*primitives.Request) error { return nil }

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

func mountCombine(t *testing.T, parts ...primitives.Mountable) http.Handler {
	t.Helper()
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(context.Background(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestSomeAnswersWithTheFirstAlternativesError(t *testing.T) {
	c := blockyardtest.NewClient(t, mountCombine(t,
		echoRoute("GET", "/fail/{id}", validators.Some(fail(403, "Invalid identity type ID"), fail(403, "Identity is not a member of the organization"))),
		echoRoute("GET", "/pass/{id}", validators.Some(fail(403, "Invalid identity type ID"), pass)),
		echoRoute("GET", "/kind/{id}", validators.Some(func(*primitives.Request) error { return primitives.NewError(primitives.KindBlock, "x") }, fail(403, "second"))),
		echoRoute("GET", "/plain/{id}", validators.Some(func(*primitives.Request) error { return errors.New("TypeError") }, fail(403, "second"))),
	))
	c.Get("/fail/1").ExpectError(t, 403, "Invalid identity type ID")
	c.Get("/pass/1").ExpectStatus(t, 200)
	c.Get("/kind/1").ExpectError(t, 500, "Unknown error")
	c.Get("/plain/1").ExpectError(t, 500, "Unknown error")
}

func TestAllStopsAtFirstError(t *testing.T) {
	calls := 0
	count := func(*primitives.Request) error { calls++; return nil }
	c := blockyardtest.NewClient(t, mountCombine(t,
		echoRoute("GET", "/all/{id}", validators.All(count, fail(403, "first"), count, fail(409, "second")))))
	c.Get("/all/1").ExpectError(t, 403, "first")
	if calls != 1 {
		t.Fatalf("All ran %d validators after the failing one, want none", calls-1)
	}
}

func TestSomeStopsAtFirstSuccess(t *testing.T) {
	calls := 0
	count := func(*primitives.Request) error { calls++; return nil }
	c := blockyardtest.NewClient(t, mountCombine(t, echoRoute("GET", "/s/{id}", validators.Some(fail(403, "no"), count, count))))
	c.Get("/s/1").ExpectStatus(t, 200)
	if calls != 1 {
		t.Fatalf("Some ran %d passing alternatives, want 1", calls)
	}
}
