package openapi_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// Greeting is what the example's route answers.
type Greeting struct {
	Text string `json:"text"`
}

var errNoName = primitives.StatusError(http.StatusNotFound, "nobody by that name")

// A service's document and page, served next to its API under /api.
func Example() {
	greet := primitives.Route{
		Name:   "greet",
		Method: http.MethodGet,
		Path:   "/greetings/{name}",
		Doc:    "Greets someone. Answers 404 for nobody.",
		Errors: []*primitives.Error{errNoName},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Greeting] {
			if r.PathValue("name") == "nobody" {
				return mo.Err[Greeting](errNoName)
			}
			return mo.Ok(Greeting{Text: "Hello, " + r.PathValue("name")})
		}, terminators.JSON(http.StatusOK, nil)),
	}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	api := svc.MustMount(context.Background(), primitives.Feature{Name: "greetings", Routes: []primitives.Route{greet}})
	docs, err := openapi.New(api.Routes(), openapi.Options{Title: "Greetings", Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", docs.Wrap(api)))

	op := docs.Document().Operation("GET", "/greetings/{name}")
	fmt.Println(op.OperationID, op.Tags, op.Summary)
	for _, status := range []string{"200", "400", "404", "500"} {
		fmt.Println(status, op.Responses[status].Description)
	}
	fmt.Println(string(docs.Document().Components.Schemas["Greeting"]))

	for _, path := range []string{"/api/openapi.json", "/api/docs", "/api/greetings/Ada"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		fmt.Println(path, rec.Code, strings.Split(rec.Header().Get("Content-Type"), ";")[0])
	}
	// Output:
	// greet [greetings] Greets someone.
	// 200 OK
	// 400 Bad Request (a path parameter that does not URL-decode)
	// 404 Not Found: "nobody by that name"
	// 500 Internal Server Error (an unexpected failure)
	// {"type":"object","properties":{"text":{"type":"string"}},"required":["text"],"additionalProperties":false}
	// /api/openapi.json 200 application/json
	// /api/docs 200 text/html
	// /api/greetings/Ada 200 application/json
}
