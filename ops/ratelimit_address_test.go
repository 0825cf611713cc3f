package ops_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/blockyard/blockyard/ops"
)

// TestLimitAddressAcrossTenants: a client naming a new tenant id per
// request gets a fresh tenant and client bucket each time, but its
// address's bucket still runs out; another address is unaffected.
func TestLimitAddressAcrossTenants(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	srv := httptest.NewServer(ops.Limit(ops.RateLimit{
		Client:    ops.Rate{Burst: 2, Per: time.Minute},
		Address:   ops.Rate{Burst: 5, Per: time.Minute},
		ClientKey: func(r *http.Request) string { return r.Header.Get("X-Client") },
		Clock:     func() time.Time { return now },
	})(api))
	defer srv.Close()
	for i := range 5 {
		if res := get(t, srv.URL, "X-Tenant-Id", "made-up-"+strconv.Itoa(i), "X-Client", "c1"); res.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d", i, res.StatusCode)
		}
	}
	res := get(t, srv.URL, "X-Tenant-Id", "made-up-5", "X-Client", "c1")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "12" {
		t.Fatalf("address over its burst: %d Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if res := get(t, srv.URL, "X-Tenant-Id", "made-up-5", "X-Client", "c2"); res.StatusCode != http.StatusOK {
		t.Fatalf("another address: %d", res.StatusCode)
	}
}
