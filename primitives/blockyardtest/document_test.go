package blockyardtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// recorder is a testing.TB that records the failures of a Client instead
// of failing the test, to see what the document check reports.
type recorder struct {
	*testing.T
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.errors
	r.errors = nil
	return e
}

type item struct {
	Name string `json:"name"`
}

// liar says its bodies are strings, and writes them as they are.
type liar struct{ primitives.NodeblocksEnvelope }

func (liar) SuccessSchema(int, json.RawMessage) json.RawMessage {
	return json.RawMessage(`{"type":"string"}`)
}
func (liar) FailureSchema() json.RawMessage { return json.RawMessage(`{}`) }

var errTeapot = primitives.StatusError(http.StatusTeapot, "I'm a teapot")

// A Client on a Router checks each answer against the router's document:
// an undocumented status and a body the schema refuses fail the test;
// documented answers, unmatched paths and an Unchecked client pass.
func TestClientChecksAnswersAgainstTheDocument(t *testing.T) {
	ok := func(*primitives.Request) mo.Result[item] { return mo.Ok(item{Name: "a"}) }
	teapot := func(*primitives.Request) mo.Result[item] { return mo.Err[item](errTeapot) }
	routes := []primitives.Route{
		{Name: "ok", Method: "GET", Path: "/ok", Handler: primitives.Handle(ok, terminators.JSON(200, nil))},
		{Name: "teapot", Method: "GET", Path: "/teapot", Handler: primitives.Handle(teapot, terminators.JSON(200, nil))},
		{Name: "declared", Method: "GET", Path: "/declared", Errors: []*primitives.Error{errTeapot}, Handler: primitives.Handle(teapot, terminators.JSON(200, nil))},
		{Name: "lies", Method: "GET", Path: "/lies", Envelope: liar{}, Handler: primitives.Handle(ok, terminators.JSON(200, nil))},
	}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	h := svc.MustMount(context.Background(), primitives.Feature{Name: "items", Routes: routes})
	rec := &recorder{T: t}
	c := blockyardtest.NewClient(rec, h)

	c.Get("/ok").ExpectStatus(t, 200)
	c.Get("/declared").ExpectStatus(t, 418)
	c.Get("/nowhere").ExpectStatus(t, 404)
	c.Unchecked().Get("/teapot").ExpectStatus(t, 418)
	if errs := rec.take(); len(errs) > 0 {
		t.Errorf("documented answers were refused: %v", errs)
	}

	c.Get("/teapot").ExpectStatus(t, 418)
	if errs := rec.take(); len(errs) != 1 || !strings.Contains(errs[0], "does not list status 418 for GET /teapot") {
		t.Errorf("an undocumented status: %v", errs)
	}
	c.Get("/lies").ExpectStatus(t, 200)
	if errs := rec.take(); len(errs) != 1 || !strings.Contains(errs[0], "does not match the API document") {
		t.Errorf("a body the documented schema refuses: %v", errs)
	}
}
