package main

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/blockyard/blockyard/ops"
)

// page holds the dashboard: one HTML page, its CSS and its JavaScript,
// written by hand (no build step) and compiled into the binary.
//
//go:embed dashboard
var page embed.FS

// pageHeaders are the page's security headers (package ops's set) with a
// Content-Security-Policy that allows nothing but this origin: the page
// loads no external resource and talks to no other server.
var pageHeaders = ops.Headers(ops.SecurityHeaders{
	ContentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
	FrameOptions:          "DENY",
	Extra:                 http.Header{"Cache-Control": {"no-cache"}},
})

// dashboard serves the page's files.
func dashboard() http.Handler {
	files, err := fs.Sub(page, "dashboard")
	if err != nil {
		panic(err) // the directory is embedded above
	}
	return pageHeaders(http.FileServerFS(files))
}
