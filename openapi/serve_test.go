package openapi_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

func get(h http.Handler, path string, header ...string) *http.Response {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// The default layout: both documents and the page, compressed for a
// client that accepts gzip and plain for one that does not, the page under
// the Content-Security-Policy, and everything else handed to the API.
func TestDocsServesDocumentsAndPage(t *testing.T) {
	ok := primitives.Route{Name: "ping", Method: "GET", Path: "/ping", Handler: primitives.Handle(func(*primitives.Request) mo.Result[string] { return mo.Ok("pong") }, terminators.JSON(200, nil))}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	api := svc.MustMount(context.Background(), ok)
	docs, err := openapi.New(api.Routes(), openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := docs.Wrap(api)

	for path, version := range map[string]string{"/openapi.json": "3.1.0", "/openapi-3.0.json": "3.0.3"} {
		res := get(h, path)
		var doc struct{ OpenAPI string }
		if err := json.NewDecoder(res.Body).Decode(&doc); err != nil || res.StatusCode != 200 || doc.OpenAPI != version {
			t.Errorf("GET %s: %d %v openapi=%q", path, res.StatusCode, err, doc.OpenAPI)
		}
		gz := get(h, path, "Accept-Encoding", "gzip, br")
		zr, err := gzip.NewReader(gz.Body)
		if err != nil || gz.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("GET %s with gzip: %v %v", path, err, gz.Header)
		}
		body, _ := io.ReadAll(zr)
		if !strings.Contains(string(body), `"openapi":"`+version+`"`) {
			t.Errorf("GET %s with gzip: %.80s", path, body)
		}
		if again := get(h, path, "If-None-Match", gz.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: %d", path, again.StatusCode)
		}
	}
	page := get(h, "/docs")
	html, _ := io.ReadAll(page.Body)
	if page.StatusCode != 200 || page.Header.Get("Content-Security-Policy") != openapi.ContentSecurityPolicy || !strings.Contains(string(html), "docs/swagger-ui-bundle.js") {
		t.Errorf("GET /docs: %d %v\n%s", page.StatusCode, page.Header, html)
	}
	if !strings.Contains(openapi.ContentSecurityPolicy, "default-src 'none'") || strings.Contains(openapi.ContentSecurityPolicy, "http") {
		t.Errorf("the policy must allow nothing but 'self': %s", openapi.ContentSecurityPolicy)
	}
	for _, asset := range []string{"/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/init.js", "/docs/LICENSE"} {
		if res := get(h, asset, "Accept-Encoding", "gzip"); res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s: %d %v", asset, res.StatusCode, res.Header)
		}
	}
	if res := get(h, "/docs/"); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "../docs" {
		t.Errorf("GET /docs/: %d %v", res.StatusCode, res.Header)
	}
	if res := get(h, "/ping"); res.StatusCode != 200 {
		t.Errorf("the API behind Wrap: %d", res.StatusCode)
	}
	if res := get(h, "/docs/nope.js"); res.StatusCode != 404 {
		t.Errorf("an unknown asset: %d", res.StatusCode)
	}
}
