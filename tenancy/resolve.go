package tenancy

import (
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
)

// Handler resolves the tenant of each request and serves it with the
// tenant's mounted features (see Options.Features), the request's context
// carrying the tenant (see From). Mount it under the tenant prefix of the
// host's mux, with http.StripPrefix, like any mounted service.
//
// # Resolution
//
// A request names its tenant by the Options.Header header (the tenant's
// id), by its host name (Options.Subdomain: the tenant's Domain), or, with
// Options.FromToken, by the tenant claim of its access token. The header
// wins over the host name, which wins over the token. Answers, in the
// MultiCRM envelope:
//
//   - no tenant named: 400 "Missing x-tenant-id header";
//   - the header, the host and the token's claim (when the token carries
//     one: tokens issued by a tenant's auth routes do) name different
//     tenants: 403;
//   - no such tenant: 404 "Tenant not found";
//   - the registry does not answer within Options.LookupTimeout, or the
//     tenant's database cannot be prepared: 503.
//
// A resolved tenant is looked up in the registry at most once per
// Options.CacheTTL; its features are mounted once (see Options.MaxMounted).
func (t *Tenancy) Handler() http.Handler {
	return http.HandlerFunc(t.serveHTTP)
}

func (t *Tenancy) serveHTTP(w http.ResponseWriter, hr *http.Request) {
	tn, err := t.Resolve(hr)
	if err != nil {
		t.fail(w, err)
		return
	}
	h, merr := t.handler(hr.Context(), tn)
	if merr != nil {
		logger := t.o.Service.Logger
		if logger == nil {
			logger = slog.Default()
		}
		logger.ErrorContext(hr.Context(), "tenancy: mounting a tenant's features", "tenant", tn.ID, "error", merr)
		t.fail(w, ErrUnavailable.Wrap(merr))
		return
	}
	h.ServeHTTP(w, hr.WithContext(withTenant(hr.Context(), &tn)))
}

// fail answers err in the MultiCRM envelope.
func (t *Tenancy) fail(w http.ResponseWriter, err error) {
	e := registryErrors.Resolve(err)
	primitives.WriteJSON(w, e.Status, Envelope{}.Failure(e))
}

// Resolve returns the tenant hr names (see Handler for how), or the
// error to answer: ErrMissingTenant (400), ErrTenantMismatch (403),
// ErrNotFound (404) or ErrUnavailable (503).
func (t *Tenancy) Resolve(hr *http.Request) (Tenant, error) {
	ctx := hr.Context()
	id := strings.TrimSpace(hr.Header.Get(t.o.Header))
	claim := t.tokenTenant(hr)
	sub := t.subdomain(hr)
	if id != "" && claim != "" && id != claim {
		return Tenant{}, ErrTenantMismatch
	}
	var tn Tenant
	var err error
	switch {
	case id != "":
		tn, err = t.Get(ctx, id).Get()
	case sub != "":
		tn, err = t.GetByDomain(ctx, sub).Get()
	case claim != "" && t.o.FromToken:
		tn, err = t.Get(ctx, claim).Get()
	default:
		return Tenant{}, t.missing
	}
	if err != nil {
		return Tenant{}, err
	}
	if (claim != "" && claim != tn.ID) || (id != "" && sub != "" && sub != tn.Domain) {
		return Tenant{}, ErrTenantMismatch
	}
	return tn, nil
}

// subdomain returns the label of hr's host before Options.Subdomain, ""
// when the option is off or the host is not below it.
func (t *Tenancy) subdomain(hr *http.Request) string {
	if t.o.Subdomain == "" {
		return ""
	}
	host := hr.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	label, ok := strings.CutSuffix(host, "."+strings.ToLower(t.o.Subdomain))
	if !ok || label == "" {
		return ""
	}
	return label
}

// tokenTenant returns the tenant claim of hr's access token, "" when it
// has none or no valid token. The token is checked fully again (secrets,
// expiry, tenant, origin) by the tenant's own authenticator.
func (t *Tenancy) tokenTenant(hr *http.Request) string {
	if t.codec == nil {
		return ""
	}
	raw, err := blocks.AccessTokenOf(hr, t.authMode)
	if err != nil || raw == "" {
		return ""
	}
	c, err := t.codec.VerifyAnyTenant(raw, t.o.Service.Now())
	if err != nil {
		return ""
	}
	return c.Tenant
}
