package primitives_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// TestEveryAnswerCarriesSecurityHeaders: success, error, empty and 404
// answers, and the 500 of a panic, all carry X-Content-Type-Options:
// nosniff and X-Frame-Options: DENY.
func TestEveryAnswerCarriesSecurityHeaders(t *testing.T) {
	boom := primitives.Route{Method: "GET", Path: "/boom", Handler: primitives.HandlerFunc(func(*primitives.Request) { panic("kaboom") })}
	fail := primitives.Route{Method: "GET", Path: "/fail", Handler: primitives.HandlerFunc(func(r *primitives.Request) {
		r.Fail(primitives.StatusError(http.StatusConflict, "no"))
	})}
	c := blockyardtest.NewClient(t, mount(t, &primitives.Service{}, echoRoute("GET", "/things/{id}"), boom, fail))
	responses := []*blockyardtest.Response{
		c.Get("/things/1").ExpectStatus(t, http.StatusOK),
		c.Get("/nothing").ExpectStatus(t, http.StatusNotFound),
		c.Get("/boom").ExpectStatus(t, http.StatusInternalServerError),
		c.Get("/fail").ExpectStatus(t, http.StatusConflict),
		c.Post("/things/1", `{"a":`).ExpectStatus(t, http.StatusNotFound),
	}
	for _, res := range responses {
		checkSecurityHeaders(t, res.String(), res.Header)
	}
	for name, write := range map[string]func(http.ResponseWriter){
		"WriteJSON":     func(w http.ResponseWriter) { primitives.WriteJSON(w, http.StatusOK, map[string]int{"a": 1}) },
		"WriteError":    func(w http.ResponseWriter) { primitives.WriteError(w, errors.New("x")) },
		"WriteEmpty204": func(w http.ResponseWriter) { primitives.WriteEmpty(w, http.StatusNoContent) },
		"WriteEmpty201": func(w http.ResponseWriter) { primitives.WriteEmpty(w, http.StatusCreated) },
		"unencodable":   func(w http.ResponseWriter) { primitives.WriteJSON(w, http.StatusOK, func() {}) },
	} {
		rec := httptest.NewRecorder()
		write(rec)
		checkSecurityHeaders(t, name, rec.Header())
	}
}

func checkSecurityHeaders(t *testing.T, name string, h http.Header) {
	t.Helper()
	if got := h.Values("X-Content-Type-Options"); len(got) != 1 || got[0] != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q, want nosniff", name, got)
	}
	if got := h.Values("X-Frame-Options"); len(got) != 1 || got[0] != "DENY" {
		t.Errorf("%s: X-Frame-Options %q, want DENY", name, got)
	}
}
