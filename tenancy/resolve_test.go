package tenancy

import (
	"net/http"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// TestResolveHeader: the bare tenant path answers the original's
// {"success": true, "tenantId"}; no header 400, an unknown tenant 404, in
// the MultiCRM envelope.
func TestResolveHeader(t *testing.T) {
	e := newEnv(t, Options{}, nil)
	tn := e.createTenant(t, "Acme", "acme.example")
	for _, path := range []string{"/api/tenant", "/api/tenant/"} {
		res := e.tenant(tn.ID).Get(path).ExpectStatus(t, http.StatusOK)
		if got, want := string(res.Body), `{"success":true,"tenantId":"`+tn.ID+`"}`; got != want {
			t.Errorf("GET %s: %s, want %s", path, got, want)
		}
	}
	expectFailure(t, e.HTTP.Get("/api/tenant/").ExpectStatus(t, http.StatusBadRequest), "Missing x-tenant-id header")
	expectFailure(t, e.HTTP.Get("/api/tenant/auth/token/check").ExpectStatus(t, http.StatusBadRequest), "Missing x-tenant-id header")
	expectFailure(t, e.tenant("no-such-tenant").Get("/api/tenant/").ExpectStatus(t, http.StatusNotFound), "Tenant not found")
	// A tenant's other paths are its features'.
	e.tenant(tn.ID).Get("/api/tenant/no/such/route").ExpectStatus(t, http.StatusNotFound).ExpectError(t, http.StatusNotFound, "Not Found")
}

// TestResolveToken: a token issued in tenant A names A. With FromToken it
// resolves a request without header; a header or host naming another
// tenant is 403, whatever FromToken says.
func TestResolveToken(t *testing.T) {
	e := newEnv(t, Options{FromToken: true, Subdomain: "crm.test"}, nil)
	a := e.createTenant(t, "A", "a")
	b := e.createTenant(t, "B", "b")
	// The token alone names A.
	noHeader := e.HTTP.With(blockyardtest.WithBearer(bearerOf(t, e, a, "admin@a.test", "admin-a-password")))
	if got := string(noHeader.Get("/api/tenant/").ExpectStatus(t, http.StatusOK).Body); got != `{"success":true,"tenantId":"`+a.ID+`"}` {
		t.Errorf("by token: %s", got)
	}
	noHeader.Get("/api/tenant/identities").ExpectStatus(t, http.StatusOK)
	// A header naming B: 403 before anything of B runs.
	expectFailure(t, noHeader.Get("/api/tenant/identities", blockyardtest.WithHeader(DefaultHeader, b.ID)).ExpectStatus(t, http.StatusForbidden), ErrTenantMismatch.Message)
	// A host naming B: 403 too.
	expectFailure(t, noHeader.Get("/api/tenant/identities", withHost("b.crm.test")).ExpectStatus(t, http.StatusForbidden), ErrTenantMismatch.Message)
	// The host alone names its tenant.
	if got := string(e.HTTP.Get("/api/tenant/", withHost("B.crm.test:8080")).ExpectStatus(t, http.StatusOK).Body); got != `{"success":true,"tenantId":"`+b.ID+`"}` {
		t.Errorf("by host: %s", got)
	}
	expectFailure(t, e.HTTP.Get("/api/tenant/", withHost("zz.crm.test")).ExpectStatus(t, http.StatusNotFound), "Tenant not found")
	expectFailure(t, e.HTTP.Get("/api/tenant/", withHost("b.other.test")).ExpectStatus(t, http.StatusBadRequest), "Missing x-tenant-id header")
}

// TestResolveTokenWithoutFromToken: without FromToken a token does not
// name the tenant (400), but still refuses another tenant's header (403).
func TestResolveTokenWithoutFromToken(t *testing.T) {
	e := newEnv(t, Options{}, nil)
	a := e.createTenant(t, "A", "a")
	b := e.createTenant(t, "B", "b")
	c := e.HTTP.With(blockyardtest.WithBearer(bearerOf(t, e, a, "admin@a.test", "admin-a-password")))
	expectFailure(t, c.Get("/api/tenant/").ExpectStatus(t, http.StatusBadRequest), "Missing x-tenant-id header")
	expectFailure(t, c.Get("/api/tenant/identities", blockyardtest.WithHeader(DefaultHeader, b.ID)).ExpectStatus(t, http.StatusForbidden), ErrTenantMismatch.Message)
	c.Get("/api/tenant/identities", blockyardtest.WithHeader(DefaultHeader, a.ID)).ExpectStatus(t, http.StatusOK)
}

// TestResolveCache: a resolved tenant costs one registry lookup per
// CacheTTL, counted on the driver; an unknown one is asked every time.
func TestResolveCache(t *testing.T) {
	const ttl = 300 * time.Millisecond
	e := newEnv(t, Options{CacheTTL: ttl}, nil)
	tn := e.createTenant(t, "Acme", "acme.example")
	e.T.Forget(tn.ID) // start cold: the creation cached it
	lookups := func(mark int) int {
		n := 0
		for _, c := range e.Commands.since(mark) {
			if c.CommandName == "find" && c.DatabaseName == e.Service.DB.Name() {
				n++
			}
		}
		return n
	}
	mark := e.Commands.mark()
	start := time.Now()
	for range 20 {
		e.tenant(tn.ID).Get("/api/tenant/").ExpectStatus(t, http.StatusOK)
	}
	if time.Since(start) < ttl {
		if n := lookups(mark); n != 1 {
			t.Errorf("20 requests within the TTL looked the tenant up %d times, want 1", n)
		}
	}
	time.Sleep(ttl)
	mark = e.Commands.mark()
	e.tenant(tn.ID).Get("/api/tenant/").ExpectStatus(t, http.StatusOK)
	if n := lookups(mark); n != 1 {
		t.Errorf("after the TTL: %d lookups, want 1", n)
	}
	mark = e.Commands.mark()
	for range 3 {
		e.tenant("unknown").Get("/api/tenant/").ExpectStatus(t, http.StatusNotFound)
	}
	if n := lookups(mark); n != 3 {
		t.Errorf("unknown tenant: %d lookups, want 3 (not cached)", n)
	}
}

// TestResolveRegistryDown: the registry's database stopped, a tenant not
// in the cache is a 503 within the lookup timeout; back, the tenant and
// the registry answer again without a restart.
func TestResolveRegistryDown(t *testing.T) {
	p := blockyardtest.NewProxy(t)
	e := newEnv(t, Options{LookupTimeout: 300 * time.Millisecond, CacheTTL: time.Millisecond}, p.ClientOptions(t))
	tn := e.createTenant(t, "Acme", "acme.example")
	time.Sleep(2 * time.Millisecond)
	p.Stop()
	start := time.Now()
	expectFailure(t, e.tenant(tn.ID).Get("/api/tenant/").ExpectStatus(t, http.StatusServiceUnavailable), "Tenant registry unavailable")
	if d := time.Since(start); d > time.Second {
		t.Errorf("503 after %v", d)
	}
	// The registry routes authenticate first: the built-in validators
	// answer a caller they cannot load with 403 "Failed to fetch identity"
	// (the reference's answer), before the registry is asked.
	expectFailure(t, e.Admin.Post("/api/tenants", map[string]string{"name": "B", "domain": "b.example"}).ExpectStatus(t, http.StatusForbidden), "Failed to fetch identity")
	p.Restart()
	restarted := time.Now()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res := e.tenant(tn.ID).Get("/api/tenant/")
		if res.Status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("registry back, still %d %s", res.Status, res.Body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("answered again %v after the database came back", time.Since(restarted))
	e.Admin.Post("/api/tenants", map[string]string{"name": "B", "domain": "b.example"}).ExpectStatus(t, http.StatusCreated)
}

// withHost sets the request's Host.
func withHost(host string) blockyardtest.RequestOption {
	return func(r *http.Request) { r.Host = host }
}

// bearerOf makes an administrator in tenant tn and returns its access
// token.
func bearerOf(t *testing.T, e *env, tn Tenant, email, password string) string {
	t.Helper()
	e.tenantAdmin(t, tn, email, password)
	var got struct {
		AccessToken string `json:"accessToken"`
	}
	e.tenant(tn.ID).Post("/api/tenant/auth/login", map[string]string{"email": email, "password": password}).ExpectStatus(t, http.StatusOK).JSON(t, &got)
	return got.AccessToken
}

// TestForget: a renamed tenant is served from the cache until CacheTTL
// passes, or at once after Forget.
func TestForget(t *testing.T) {
	e := newEnv(t, Options{CacheTTL: time.Hour}, nil)
	tn := e.createTenant(t, "Acme", "acme.example")
	if _, err := e.Service.DB.Collection(DefaultCollection).UpdateOne(t.Context(),
		map[string]any{"id": tn.ID}, map[string]any{"$set": map[string]any{"name": "Acme Renamed"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.T.Get(t.Context(), tn.ID).Get(); got.Name != "Acme" {
		t.Errorf("within the TTL: %q, want the cached name", got.Name)
	}
	e.T.Forget(tn.ID)
	if got, _ := e.T.Get(t.Context(), tn.ID).Get(); got.Name != "Acme Renamed" {
		t.Errorf("after Forget: %q", got.Name)
	}
}

// TestMaxMounted: with room for one mounted tenant, two tenants in turn
// are each mounted again (their setups rerun, idempotently) and served.
func TestMaxMounted(t *testing.T) {
	e := newEnv(t, Options{MaxMounted: 1}, nil)
	a := e.createTenant(t, "A", "a")
	b := e.createTenant(t, "B", "b")
	for range 3 {
		for _, tn := range []Tenant{a, b} {
			if got := string(e.tenant(tn.ID).Get("/api/tenant/").ExpectStatus(t, http.StatusOK).Body); got != `{"success":true,"tenantId":"`+tn.ID+`"}` {
				t.Fatalf("%s: %s", tn.Name, got)
			}
		}
	}
	if n := e.T.mounted.len(); n != 1 {
		t.Errorf("%d mounted tenants kept, want 1", n)
	}
}
