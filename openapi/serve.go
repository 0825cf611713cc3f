package openapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/blockyard/blockyard/primitives"
)

//go:embed ui/index.html ui/init.js ui/swagger-ui-bundle.js.gz ui/swagger-ui.css.gz ui/LICENSE ui/NOTICE
var ui embed.FS

// ContentSecurityPolicy is the policy of the docs page: scripts, styles,
// the document and "Try it out" requests from the page's own server only,
// and nothing from anywhere else (images only as data: URIs, which
// Swagger UI's stylesheet uses for its icons).
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// Docs serves a document and its page. Its ServeHTTP answers the default
// layout, relative to where it is mounted:
//
//	GET /openapi.json       the document, OpenAPI 3.1
//	GET /openapi-3.0.json   the same, OpenAPI 3.0.3
//	GET /docs               the page (Swagger UI), and its assets under /docs/
//
// A host app that wants them elsewhere, or some of them off, mounts
// Document31, Document30 and Page itself. All of it is built once, in New.
type Docs struct {
	doc    *Document
	v31    asset
	v30    asset
	assets map[string]asset // by path below /docs/
	page   asset
}

// asset is one file, gzip-compressed, with its ETag.
type asset struct {
	gz          []byte
	contentType string
	etag        string
	csp         bool
}

// New builds the document of routes (a Router's Routes()) and everything
// Docs serves.
func New(routes []primitives.RouteInfo, o Options) (*Docs, error) {
	doc, err := Build(routes, o)
	if err != nil {
		return nil, err
	}
	return NewFromDocument(doc)
}

// NewFromDocument serves a document built (and perhaps edited) by the
// caller.
func NewFromDocument(doc *Document) (*Docs, error) {
	d := &Docs{doc: doc, assets: map[string]asset{}}
	v31, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	v30, err := doc.OpenAPI30()
	if err != nil {
		return nil, err
	}
	const jsonType = "application/json; charset=utf-8"
	d.v31 = compress(v31, jsonType)
	d.v30 = compress(v30, jsonType)
	read := func(name string) []byte {
		b, err := ui.ReadFile("ui/" + name)
		if err != nil {
			panic(err) // embedded: present by construction
		}
		return b
	}
	d.page = compress(read("index.html"), "text/html; charset=utf-8")
	d.page.csp = true
	d.assets["init.js"] = compress(read("init.js"), "text/javascript; charset=utf-8")
	d.assets["swagger-ui-bundle.js"] = compressed(read("swagger-ui-bundle.js.gz"), "text/javascript; charset=utf-8")
	d.assets["swagger-ui.css"] = compressed(read("swagger-ui.css.gz"), "text/css; charset=utf-8")
	d.assets["LICENSE"] = compress(read("LICENSE"), "text/plain; charset=utf-8")
	d.assets["NOTICE"] = compress(read("NOTICE"), "text/plain; charset=utf-8")
	return d, nil
}

// Document returns the document (do not modify it: the served bytes were
// rendered in New).
func (d *Docs) Document() *Document { return d.doc }

// ServeHTTP serves the default layout (see Docs) and 404 elsewhere.
func (d *Docs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !d.serve(w, r) {
		http.NotFound(w, r)
	}
}

// Wrap returns a handler that serves the default layout and hands every
// other request to next, so a service and its documentation mount under
// one prefix:
//
//	mux.Handle("/api/", http.StripPrefix("/api", docs.Wrap(router)))
func (d *Docs) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !d.serve(w, r) {
			next.ServeHTTP(w, r)
		}
	})
}

// serve answers a request of the default layout; false when it is not
// one.
func (d *Docs) serve(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	switch p := r.URL.Path; {
	case p == "/openapi.json":
		d.v31.serve(w, r)
	case p == "/openapi-3.0.json":
		d.v30.serve(w, r)
	case p == "/docs":
		d.page.serve(w, r)
	case p == "/docs/":
		// Relative, so that it holds under any prefix (http.Redirect would
		// resolve it against the path a StripPrefix left).
		w.Header().Set("Location", "../docs")
		w.WriteHeader(http.StatusMovedPermanently)
	case strings.HasPrefix(p, "/docs/"):
		a, ok := d.assets[strings.TrimPrefix(p, "/docs/")]
		if !ok {
			return false
		}
		a.serve(w, r)
	default:
		return false
	}
	return true
}

// Document31 serves the OpenAPI 3.1 document at any path.
func (d *Docs) Document31() http.Handler { return d.v31 }

// Document30 serves the OpenAPI 3.0.3 rendition at any path.
func (d *Docs) Document30() http.Handler { return d.v30 }

// Page serves the docs page and its assets: mount it at ".../docs" and
// ".../docs/" next to the document at ".../openapi.json" (the page loads
// "openapi.json" and "docs/..." relative to its own URL).
func (d *Docs) Page() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if i := strings.LastIndex(p, "/docs/"); i >= 0 {
			if a, ok := d.assets[p[i+len("/docs/"):]]; ok {
				a.serve(w, r)
				return
			}
			http.NotFound(w, r)
			return
		}
		d.page.serve(w, r)
	})
}

func compress(b []byte, contentType string) asset {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return compressed(buf.Bytes(), contentType)
}

func compressed(gz []byte, contentType string) asset {
	sum := sha256.Sum256(gz)
	return asset{gz: gz, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// ServeHTTP writes the asset, compressed when the client accepts gzip.
func (a asset) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.serve(w, r) }

func (a asset) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	h.Set("X-Content-Type-Options", "nosniff")
	if a.csp {
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("Referrer-Policy", "no-referrer")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && match == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", fmt.Sprint(len(a.gz)))
		if r.Method != http.MethodHead {
			w.Write(a.gz)
		}
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(a.gz))
	if err != nil {
		http.Error(w, "corrupt asset", http.StatusInternalServerError)
		return
	}
	if r.Method != http.MethodHead {
		io.Copy(w, zr)
	}
}

// acceptsGzip reports whether Accept-Encoding lists gzip without q=0.
func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") || strings.TrimSpace(name) == "*" {
			return strings.ReplaceAll(params, " ", "") != "q=0"
		}
	}
	return false
}
