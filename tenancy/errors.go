package tenancy

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Error kinds of the registry. The registry routes map them to the
// spec's statuses (see registryErrors); a host app that calls Create, Get
// or List itself maps them in its own routes.
var (
	// KindTenancy is the parent of every registry error kind.
	KindTenancy = primitives.NewKind("TenancyError", primitives.KindBlock)
	// KindNotFound is a tenant id (or domain) the registry does not hold.
	KindNotFound = primitives.NewKind("TenantNotFoundError", KindTenancy)
	// KindConflict is a domain another tenant already has.
	KindConflict = primitives.NewKind("TenantConflictError", KindTenancy)
	// KindInvalid is a tenant's name or domain that cannot be stored.
	KindInvalid = primitives.NewKind("TenantInvalidError", KindTenancy)
	// KindUnavailable is a registry (or tenant database) that did not
	// answer: the database is down or too slow.
	KindUnavailable = primitives.NewKind("TenancyUnavailableError", KindTenancy)
)

// The registry's errors, with the spec's messages.
var (
	ErrNotFound    = primitives.NewError(KindNotFound, "Tenant not found")
	ErrConflict    = primitives.NewError(KindConflict, "Domain already in use")
	ErrRequired    = primitives.NewError(KindInvalid, "Name and domain are required")
	ErrNameTooLong = primitives.NewError(KindInvalid, "Name must have at most 200 characters")
	ErrBadDomain   = primitives.NewError(KindInvalid, "Domain must be a DNS name: letters, digits, hyphens and dots, at most 253 characters")
	ErrUnavailable = primitives.NewError(KindUnavailable, "Tenant registry unavailable")
)

// The resolver's errors (see Tenancy.Handler): they carry their status,
// since they mean the same thing on every tenant route.
var (
	// ErrMissingTenant: the request names no tenant.
	ErrMissingTenant = primitives.StatusError(http.StatusBadRequest, "Missing x-tenant-id header")
	// ErrTenantMismatch: two ways of naming the tenant (the header, the
	// host name, the access token's claim) name different tenants.
	ErrTenantMismatch = primitives.StatusError(http.StatusForbidden, "Tenant does not match the access token")
)

// registryErrors is the error map of the registry routes and the
// resolver.
var registryErrors = primitives.ErrorMap{
	{Kind: KindNotFound, Status: http.StatusNotFound},
	{Kind: KindConflict, Status: http.StatusConflict},
	{Kind: KindInvalid, Status: http.StatusBadRequest},
	{Kind: KindUnavailable, Status: http.StatusServiceUnavailable},
}
