package primitives_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// The benchmark route: an authenticated GET of a document through one
// validator, two blocks and a terminator, over an in-memory store (for this
// benchmark only: every other test uses a real database).

type benchThing struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Owner string `json:"owner"`
	Size  int    `json:"size"`
}

type benchView struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Owner string `json:"owner"`
	Size  int    `json:"size"`
	Label string `json:"label"`
}

type benchStore map[string]*benchThing

const benchToken = "0123456789abcdef0123456789abcdef"

var (
	kindBenchNotFound = primitives.NewKind("ThingNotFound", primitives.KindBlock)
	errBenchNotFound  = primitives.NewError(kindBenchNotFound, "Thing not found")
	errBenchToken     = primitives.StatusError(http.StatusUnauthorized, "token could not be verified")
)

// findThing and labelThing are the two blocks, shared by both handlers.
func findThing(_ context.Context, s benchStore, id string) (*benchThing, error) {
	if t, ok := s[id]; ok {
		return t, nil
	}
	return nil, errBenchNotFound
}

func labelThing(t *benchThing) benchView {
	return benchView{ID: t.ID, Name: t.Name, Owner: t.Owner, Size: t.Size, Label: t.Name + "#" + t.ID}
}

// benchAuth is the authentication both handlers run: a bearer token compared
// with a known one.
func benchAuth(h string) (string, bool) {
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return "identity-1", ok && tok == benchToken
}

func newBenchStore() benchStore {
	s := benchStore{}
	for i := range 100 {
		id := "thing-" + strconv.Itoa(i)
		s[id] = &benchThing{ID: id, Name: "Thing " + strconv.Itoa(i), Owner: "identity-1", Size: i}
	}
	return s
}

func blockyardBenchHandler(tb testing.TB, store benchStore) http.Handler {
	return blockyardBenchHandlerLogged(tb, store, slog.New(slog.DiscardHandler))
}

func blockyardBenchHandlerLogged(tb testing.TB, store benchStore, logger *slog.Logger) http.Handler {
	return blockyardBench(tb, store, logger, nil)
}

func blockyardBench(tb testing.TB, store benchStore, logger *slog.Logger, sch *schema.Request) http.Handler {
	svc := &primitives.Service{
		Logger: logger,
		Auth: primitives.AuthenticatorFunc(func(r *primitives.Request) (*primitives.Principal, error) {
			id, ok := benchAuth(r.HTTP.Header.Get("Authorization"))
			if !ok {
				return nil, errBenchToken
			}
			return &primitives.Principal{IdentityID: id, AccessType: "user"}, nil
		}),
	}
	route := primitives.Route{
		Name:   "getThing",
		Method: http.MethodGet,
		Path:   "/things/{id}",
		Validators: []primitives.Validator{
			func(r *primitives.Request) error { return primitives.Authenticate(r).Error() },
		},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[benchView] {
			thing := mo.TupleToResult(findThing(r.Context(), store, r.PathValue("id")))
			return primitives.Map(thing, labelThing)
		}, terminators.JSON(http.StatusOK, primitives.ErrorMap{{Kind: kindBenchNotFound, Status: http.StatusNotFound}})),
		Schema: sch,
	}
	h, err := svc.Mount(context.Background(), route)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func handWrittenBenchHandler(store benchStore) http.Handler {
	writeErr := func(w http.ResponseWriter, status int, msg string) {
		b, _ := json.Marshal(map[string]map[string]string{"error": {"message": msg}})
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := benchAuth(r.Header.Get("Authorization")); !ok {
			writeErr(w, http.StatusUnauthorized, "token could not be verified")
			return
		}
		t, err := findThing(r.Context(), store, r.PathValue("id"))
		if errors.Is(err, errBenchNotFound) {
			writeErr(w, http.StatusNotFound, "Thing not found")
			return
		}
		b, err := json.Marshal(labelThing(t))
		if err != nil {
			writeErr(w, http.StatusInternalServerError, "Internal Server Error")
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(b)
	})
	return mux
}

// benchWriter is a reusable ResponseWriter so that the benchmark measures
// the handlers, not the recorder.
type benchWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) WriteHeader(s int)           { w.status = s }
func (w *benchWriter) Write(b []byte) (int, error) { w.n += len(b); return len(b), nil }

func runBench(b *testing.B, h http.Handler) {
	req := httptest.NewRequest(http.MethodGet, "/things/thing-42", nil)
	req.Header.Set("Authorization", "Bearer "+benchToken)
	w := &benchWriter{h: http.Header{}}
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK {
		b.Fatalf("status %d", w.status)
	}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		w.n = 0
		h.ServeHTTP(w, req)
	}
}

// BenchmarkRoute compares one authenticated GET through Blockyard with the
// same logic hand-written on net/http. Budget: at most 2 allocations and
// 30% time above the hand-written handler (docs/performance.md).
func BenchmarkRoute(b *testing.B) {
	store := newBenchStore()
	b.Run("blockyard", func(b *testing.B) { runBench(b, blockyardBenchHandler(b, store)) })
	b.Run("net-http", func(b *testing.B) { runBench(b, handWrittenBenchHandler(store)) })
	// With the request schema a real route declares (path parameter, no
	// query allowed): the price of validation.
	b.Run("blockyard-schema", func(b *testing.B) {
		runBench(b, blockyardBench(b, store, slog.New(slog.DiscardHandler), &schema.Request{
			Params: []schema.Param{{Name: "id", In: schema.Path, Schema: schema.String()}},
		}))
	})
	// With the request log on (one JSON line per request, to io.Discard):
	// the price of the log line, the request id and the redaction.
	b.Run("blockyard-logged", func(b *testing.B) {
		runBench(b, blockyardBenchHandlerLogged(b, store, slog.New(slog.NewJSONHandler(io.Discard, nil))))
	})
}

// TestBenchHandlersAgree keeps the benchmark honest: both handlers give the
// same answers.
func TestBenchHandlersAgree(t *testing.T) {
	store := newBenchStore()
	for _, tc := range []struct{ path, auth string }{
		{"/things/thing-7", "Bearer " + benchToken},
		{"/things/nope", "Bearer " + benchToken},
		{"/things/thing-7", "Bearer wrong"},
	} {
		var bodies [2]string
		var statuses [2]int
		for i, h := range []http.Handler{blockyardBenchHandler(t, store), handWrittenBenchHandler(store)} {
			req := httptest.NewRequest(http.MethodGet, tc.path, nil)
			req.Header.Set("Authorization", tc.auth)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			bodies[i], statuses[i] = rec.Body.String(), rec.Code
		}
		if bodies[0] != bodies[1] || statuses[0] != statuses[1] {
			t.Errorf("%s %s: blockyard %d %s, net/http %d %s", tc.path, tc.auth, statuses[0], bodies[0], statuses[1], bodies[1])
		}
	}
}
