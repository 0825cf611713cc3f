package validators_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// A custom validator composes with the library's: Some passes when any
// alternative passes and otherwise answers with the FIRST alternative's
// error; All runs in order and stops at the first error.
func Example() {
	hasHeader := func(name string) primitives.Validator {
		return func(r *primitives.Request) error {
			if r.HTTP.Header.Get(name) == "" {
				return primitives.StatusError(http.StatusForbidden, "missing "+name)
			}
			return nil
		}
	}
	route := primitives.Route{
		Method:     http.MethodGet,
		Path:       "/reports/{id}",
		Validators: []primitives.Validator{validators.Some(hasHeader("X-Admin"), hasHeader("X-Owner"))},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[string] {
			return mo.Ok("report " + r.PathValue("id"))
		}, terminators.JSON(http.StatusOK, nil)),
	}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	h := svc.MustMount(context.Background(), route)

	for _, header := range []string{"X-Owner", "X-Nobody"} {
		req := httptest.NewRequest(http.MethodGet, "/reports/7", nil)
		req.Header.Set(header, "1")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Body.String())
	}
	// Output:
	// 200 "report 7"
	// 403 {"error":{"message":"missing X-Admin"}}
}
