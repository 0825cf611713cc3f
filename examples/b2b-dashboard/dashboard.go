package main

import (
	"embed"
	"io/fs"
	"net/http"
)

// page holds the dashboard: one HTML page, its CSS and its JavaScript,
// written by hand (no build step) and compiled into the binary.
//
//go:embed dashboard
var page embed.FS

// dashboard serves the page's files. Its Content-Security-Policy allows
// nothing but this origin: the page loads no external resource and talks
// to no other server.
func dashboard() http.Handler {
	files, err := fs.Sub(page, "dashboard")
	if err != nil {
		panic(err) // the directory is embedded above
	}
	fileServer := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		fileServer.ServeHTTP(w, r)
	})
}
