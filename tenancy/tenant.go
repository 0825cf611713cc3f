package tenancy

import (
	"context"

	"github.com/blockyard/blockyard/primitives"
)

// Tenant is one customer of a multi-tenant service, as the registry stores
// it and the registry routes answer it. ID is what requests name the
// tenant by (the x-tenant-id header) and what its database name derives
// from; Domain is unique across the registry and names the tenant in a
// host name (see Options.Subdomain). The timestamps are JavaScript ISO
// strings, like every Blockyard document's.
type Tenant struct {
	ID        string `json:"id" bson:"id"`
	Name      string `json:"name" bson:"name"`
	Domain    string `json:"domain" bson:"domain"`
	CreatedAt string `json:"createdAt" bson:"createdAt"`
	UpdatedAt string `json:"updatedAt" bson:"updatedAt"`
}

type contextKey struct{}

// FromContext returns the tenant the request of ctx was resolved to by a
// Tenancy's Handler, for middleware and host code that has an
// http.Request rather than a primitives.Request.
func FromContext(ctx context.Context) (Tenant, bool) {
	t, ok := ctx.Value(contextKey{}).(*Tenant)
	if !ok {
		return Tenant{}, false
	}
	return *t, true
}

// From returns the tenant of a request a Tenancy's Handler dispatched: the
// validators and handlers of every feature mounted per tenant read it
// here. It is the registry's record as of the request (at most
// Options.CacheTTL old). A request outside any tenant (the registry's
// own routes, or a service that is not multi-tenant) has none.
func From(r *primitives.Request) (Tenant, bool) { return FromContext(r.Context()) }

// withTenant returns ctx carrying t.
func withTenant(ctx context.Context, t *Tenant) context.Context {
	return context.WithValue(ctx, contextKey{}, t)
}

// binding is the tenancy setting of a tenant's service: which tenant the
// service (its database, its tokens) belongs to.
type binding struct{ tenantID string }

// settings is the slot of binding in a tenant service's Settings.
var settings = primitives.NewSetting[binding]("tenancy", nil)

// ID returns the id of the tenant whose service svc is, "" for a service
// that belongs to no tenant. It is what a Setup (which runs at mount, with
// no request) or a block that only has the service can read: every
// service a Tenancy mounts is bound to one tenant for its whole life.
func ID(svc *primitives.Service) string { return settings.Of(svc).tenantID }
