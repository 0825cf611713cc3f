package routes

import (
	"net/http/httptest"
	"testing"
)

func TestRequestHostnameIsExpressHostname(t *testing.T) {
	for host, want := range map[string]string{
		"example.com":      "example.com",
		"example.com:8080": "example.com",
		"[::1]:8080":       "[::1]",
		"[::1]":            "[::1]",
		"127.0.0.1:80":     "127.0.0.1",
	} {
		r := httptest.NewRequest("POST", "/auth/token/refresh", nil)
		r.Host = host
		if got := requestHostname(r); got != want {
			t.Errorf("requestHostname(%q) = %q, want %q", host, got, want)
		}
	}
}
