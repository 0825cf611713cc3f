package terminators_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

var kindNoStock = primitives.NewKind("NoStock", primitives.KindBlock)

// A terminator writes the success status and body, or maps the error's kind
// to a status through the route's ErrorMap; kinds it does not map are 500s.
func Example() {
	reserve := func(r *primitives.Request) mo.Result[map[string]int] {
		if r.PathValue("sku") == "sold-out" {
			return mo.Err[map[string]int](primitives.NewError(kindNoStock, "Out of stock"))
		}
		return mo.Ok(map[string]int{"reserved": 1})
	}
	route := primitives.Route{
		Method:  http.MethodPost,
		Path:    "/reservations/{sku}",
		Handler: primitives.Handle(reserve, terminators.JSON(http.StatusCreated, primitives.ErrorMap{{Kind: kindNoStock, Status: http.StatusConflict}})),
	}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	h := svc.MustMount(context.Background(), route)
	for _, sku := range []string{"apple", "sold-out"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/reservations/"+sku, nil))
		fmt.Println(rec.Code, rec.Body.String())
	}
	// Output:
	// 201 {"reserved":1}
	// 409 {"error":{"message":"Out of stock"}}
}
