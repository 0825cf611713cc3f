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
