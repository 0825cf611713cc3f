package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestPagesAndRoot(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	r := a.anon.Get("/").ExpectStatus(t, http.StatusOK)
	if string(r.Body) != "B2B Management API (SQL) is up and running!" || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("GET /: %q %q", r.Body, r.Header.Get("Content-Type"))
	}
	page := a.anon.Get("/dashboard/").ExpectStatus(t, http.StatusOK)
	if !strings.Contains(string(page.Body), `<script src="app.js"`) || !strings.Contains(page.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("dashboard: %s %v", page.Body, page.Header)
	}
	for _, f := range []string{"app.js", "app.css"} {
		a.anon.Get("/dashboard/"+f).ExpectStatus(t, http.StatusOK)
	}
	// No file of the page asks for another origin.
	for _, f := range []string{"", "app.js", "app.css"} {
		body := string(a.anon.Get("/dashboard/" + f).Body)
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") || strings.Contains(body, "//cdn") {
			t.Errorf("dashboard/%s refers to another origin", f)
		}
	}
	a.anon.Get("/dashboard/missing.js").ExpectStatus(t, http.StatusNotFound)
}

// TestCORS: the dashboard's origin may call the API from a browser; other
// origins get no CORS header (the original allowed every origin).
func TestCORS(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	preflight := func(origin string) *blockyardtest.Response {
		return a.anon.Do(http.MethodOptions, "/api/organizations", nil,
			blockyardtest.WithHeader("Origin", origin), blockyardtest.WithHeader("Access-Control-Request-Method", "POST"),
			blockyardtest.WithHeader("Access-Control-Request-Headers", "authorization,content-type"))
	}
	r := preflight(testOrigin).ExpectStatus(t, http.StatusNoContent)
	if r.Header.Get("Access-Control-Allow-Origin") != testOrigin || !strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), "Authorization") ||
		!strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), "PUT") {
		t.Errorf("preflight of the dashboard's origin: %v", r.Header)
	}
	if got := preflight("https://evil.example").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("preflight of another origin: Allow-Origin %q", got)
	}
	get := a.admin.Get("/api/organizations", blockyardtest.WithHeader("Origin", testOrigin)).ExpectStatus(t, http.StatusOK)
	if get.Header.Get("Access-Control-Allow-Origin") != testOrigin || get.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("GET from the dashboard's origin: %v", get.Header)
	}
	if got := a.admin.Get("/api/organizations", blockyardtest.WithHeader("Origin", "https://evil.example")).Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("GET from another origin: Allow-Origin %q", got)
	}
}
