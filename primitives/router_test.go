package primitives

import (
	"net/http/httptest"
	"testing"
)

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
		params        map[string]string
	}{
		{"/organizations", "/organizations", true, nil},
		{"/organizations", "/organizations/", true, nil},
		{"/organizations", "/Organizations", true, nil}, // Express paths are case-insensitive
		{"/organizations", "/organizations//", false, nil},
		{"/organizations", "/organizations/x", false, nil},
		{"/organizations/{organizationId}", "/organizations/abc", true, map[string]string{"organizationId": "abc"}},
		{"/organizations/{organizationId}", "/organizations/ABC/", true, map[string]string{"organizationId": "ABC"}},
		{"/organizations/{organizationId}", "/organizations/a%2Fb", true, map[string]string{"organizationId": "a/b"}},
		{"/organizations/{organizationId}", "/organizations/", false, nil},
		{"/organizations/{organizationId}", "/organizations", false, nil},
		{"/admin/organizations/{organizationId}/", "/admin/organizations/1", true, map[string]string{"organizationId": "1"}},
		{"/admin/organizations/{organizationId}/", "/admin/organizations/1/", true, map[string]string{"organizationId": "1"}},
		{"/o/{a}/m/{b}/role", "/o/1/m/2/role", true, map[string]string{"a": "1", "b": "2"}},
		{"/o/{a}/m/{b}/role", "/o/1/m/2", false, nil},
		{"/o/{a}/m/{b}/role", "/o/1/m//role", false, nil},
		{"/", "/", true, nil},
		{"/", "/x", false, nil},
	}
	for _, tt := range tests {
		pt, err := compilePattern(tt.pattern)
		if err != nil {
			t.Fatalf("compile %q: %v", tt.pattern, err)
		}
		var r Request
		r.HTTP = httptest.NewRequest("GET", "/", nil)
		u := httptest.NewRequest("GET", tt.path, nil).URL
		if got := pt.match(u.EscapedPath(), &r); got != tt.want {
			t.Errorf("%q ~ %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
			continue
		}
		for k, v := range tt.params {
			if got := r.PathValue(k); got != v {
				t.Errorf("%q ~ %q: %s = %q, want %q", tt.pattern, tt.path, k, got, v)
			}
		}
	}
}

func TestCompilePatternRejects(t *testing.T) {
	for _, p := range []string{"organizations", "/a//b", "/a/{}", "/a/x{id}", "/a/{id}/{id}", "/a/{b.c}"} {
		if _, err := compilePattern(p); err == nil {
			t.Errorf("compilePattern(%q) succeeded, want an error", p)
		}
	}
}
