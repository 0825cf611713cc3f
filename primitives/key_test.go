package primitives_test

import (
	"errors"
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/samber/mo"
)

var (
	countKey = primitives.NewKey[int]("count")
	docKey   = primitives.NewKey[string]("doc")
)

// TestKeyLoadsOncePerRequestAndID drives one request through validators
// and a handler that all ask the same keys.
func TestKeyLoadsOncePerRequestAndID(t *testing.T) {
	loads, docLoads := 0, map[string]int{}
	errNo := primitives.StatusError(http.StatusForbidden, "no")
	count := func(r *primitives.Request) mo.Result[int] {
		return countKey.Once(r, func() mo.Result[int] { loads++; return mo.Ok(loads) })
	}
	doc := func(r *primitives.Request, id string) mo.Result[string] {
		return docKey.OnceFor(r, id, func() mo.Result[string] {
			docLoads[id]++
			if id == "bad" {
				return mo.Err[string](errNo)
			}
			return mo.Ok("doc " + id)
		})
	}
	var got []string
	rt := primitives.Route{
		Name: "keys", Method: http.MethodGet, Path: "/k",
		Validators: []primitives.Validator{
			func(r *primitives.Request) error { return count(r).Error() },
			func(r *primitives.Request) error { return doc(r, "a").Error() },
		},
		Handler: primitives.HandlerFunc(func(r *primitives.Request) {
			n1, n2 := count(r).MustGet(), count(r).MustGet()
			a1, a2 := doc(r, "a").MustGet(), doc(r, "a").MustGet()
			b := doc(r, "b").MustGet()
			a3 := doc(r, "a").MustGet() // replaced by b: loaded again
			bad1, bad2 := doc(r, "bad").Error(), doc(r, "bad").Error()
			v, ok := docKey.Get(r)
			got = append(got, a1, a2, b, a3)
			if n1 != loads || n2 != loads || !errors.Is(bad1, errNo) || bad1 != bad2 || ok || v != "" {
				t.Errorf("count %d %d, bad %v %v, Get after an error %q %v", n1, n2, bad1, bad2, v, ok)
			}
			r.JSON(http.StatusOK, struct{}{})
		}),
	}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	c := blockyardtest.NewClient(t, mount(t, svc, rt))
	if res := c.Get("/k"); res.Status != http.StatusOK {
		t.Fatalf("GET /k = %d", res.Status)
	}
	if loads != 1 || docLoads["a"] != 2 || docLoads["b"] != 1 || docLoads["bad"] != 1 {
		t.Errorf("loads %d, doc loads %v; want 1 and a:2 b:1 bad:1", loads, docLoads)
	}
	if len(got) != 4 || got[0] != "doc a" || got[2] != "doc b" || got[3] != "doc a" {
		t.Errorf("values %q", got)
	}
	// A new request starts with nothing remembered.
	c.Get("/k")
	if loads != 2 {
		t.Errorf("second request: %d loads, want 2", loads)
	}
}
