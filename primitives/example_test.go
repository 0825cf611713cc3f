package primitives_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// A block is a plain function with explicit inputs that returns a Result;
// it knows nothing of HTTP. Errors are values with a kind: the route
// decides their status.
var kindBadName = primitives.NewKind("BadName", primitives.KindBlock)

func checkName(name string) mo.Result[string] {
	if strings.TrimSpace(name) == "" || len(name) > 20 {
		return mo.Err[string](primitives.NewError(kindBadName, "Invalid name"))
	}
	return mo.Ok(name)
}

type greeting struct {
	Message string `json:"message"`
}

func greet(name string) greeting { return greeting{Message: "Hello, " + name + "!"} }

// A route composes blocks into a pipeline and ends with a terminator that
// maps error kinds to statuses. The service mounts it on any mux, under any
// prefix.
func Example() {
	hello := primitives.Route{
		Name:   "hello",
		Method: http.MethodGet,
		Path:   "/hello/{name}",
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[greeting] {
			return primitives.Map(checkName(r.PathValue("name")), greet)
		}, terminators.JSON(http.StatusOK, primitives.ErrorMap{
			{Kind: kindBadName, Status: http.StatusBadRequest},
		})),
	}

	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	api := svc.MustMount(context.Background(), hello)
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", api))

	for _, path := range []string{"/api/hello/gopher", "/api/hello/aVeryVeryVeryLongName", "/api/bye"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		fmt.Println(rec.Code, rec.Body.String())
	}
	// Output:
	// 200 {"message":"Hello, gopher!"}
	// 400 {"error":{"message":"Invalid name"}}
	// 404 {"error":{"message":"Not Found"}}
}

// priceKey remembers, for one request, the price a validator looked up.
var priceKey = primitives.NewKey[int]("price")

// A Key shares one load between the validators and the handler of a
// request: the lookup runs once, however many steps ask.
func ExampleKey_Once() {
	lookups := 0
	price := func(r *primitives.Request) mo.Result[int] {
		return priceKey.Once(r, func() mo.Result[int] {
			lookups++
			return mo.Ok(42)
		})
	}
	route := primitives.Route{
		Method: http.MethodGet,
		Path:   "/price",
		Validators: []primitives.Validator{func(r *primitives.Request) error {
			return price(r).Error() // loads the price
		}},
		Handler: primitives.Handle(price, terminators.JSON(http.StatusOK, nil)), // reuses it
	}
	api := (&primitives.Service{Logger: slog.New(slog.DiscardHandler)}).MustMount(context.Background(), route)
	for range 2 {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/price", nil))
		fmt.Println(rec.Code, rec.Body.String())
	}
	fmt.Println("lookups:", lookups) // one per request
	// Output:
	// 200 42
	// 200 42
	// lookups: 2
}

// One service mounts features with different envelopes side by side: the
// statuses stay the same, the bodies take each feature's shape.
func ExampleFeature_envelope() {
	notFound := primitives.Route{
		Method: http.MethodGet,
		Path:   "/missing",
		Handler: primitives.Handle(func(*primitives.Request) mo.Result[greeting] {
			return mo.Err[greeting](primitives.StatusError(http.StatusNotFound, "No such thing"))
		}, terminators.JSON(http.StatusOK, nil)),
	}
	legacy := primitives.Feature{Name: "legacy", Routes: []primitives.Route{notFound}}
	modern := primitives.Feature{
		Name:   "modern",
		Routes: []primitives.Route{{Method: notFound.Method, Path: "/v2" + notFound.Path, Handler: notFound.Handler}},
		Envelope: primitives.EnvelopeFuncs{FailureFunc: func(e *primitives.Error) any {
			return struct {
				Success bool   `json:"success"`
				Error   string `json:"error"`
			}{false, e.Message}
		}},
	}
	api := (&primitives.Service{Logger: slog.New(slog.DiscardHandler)}).MustMount(context.Background(), legacy, modern)
	for _, path := range []string{"/missing", "/v2/missing"} {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		fmt.Println(rec.Code, rec.Body.String())
	}
	// Output:
	// 404 {"error":{"message":"No such thing"}}
	// 404 {"success":false,"error":"No such thing"}
}
