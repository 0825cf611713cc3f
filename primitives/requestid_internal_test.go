package primitives

import (
	"net/http/httptest"
	"regexp"
	"testing"
)

func TestGeneratedRequestIDsAreDistinctAndStable(t *testing.T) {
	form := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-z]+$`)
	seen := map[string]bool{}
	var ids []string
	for range 1000 {
		id, header := newRequestID(httptest.NewRequest("GET", "/", nil))
		if !form.MatchString(id) || len(header) != 1 || header[0] != id {
			t.Fatalf("id %q, header %q", id, header)
		}
		if seen[id] {
			t.Fatalf("id %q generated twice", id)
		}
		seen[id] = true
		ids = append(ids, id)
	}
	// Each id keeps its value after later ones are generated (its bytes are
	// never reused).
	for i, id := range ids {
		if i > 0 && id == ids[i-1] || !form.MatchString(id) {
			t.Fatalf("id %d changed to %q", i, id)
		}
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-Id", "client-1")
	if id, header := newRequestID(req); id != "client-1" || len(header) != 1 || header[0] != "client-1" {
		t.Errorf("client id echoed as %q %q", id, header)
	}
}
