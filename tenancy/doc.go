// Package tenancy serves every Blockyard feature to many tenants at once:
// a registry of tenants, a resolver that finds the tenant of each request,
// and one database per tenant on one MongoDB client, so that nothing a
// request does in one tenant can read or change another.
//
// # The pieces
//
// A Tenancy is built by New from a template primitives.Service (whose DB
// holds the registry) and the features to serve per tenant. Registry
// returns the registry's routes (create, list, get; system administrators
// only; the MultiCRM envelope {"success": ..., "data"|"error": ...}), to
// mount on the template service next to the auth routes its
// administrators log in with. Handler resolves the tenant of each request
// (the x-tenant-id header, a subdomain or the access token's claim) and
// serves the request with that tenant's features.
//
//	tn, err := tenancy.New(ctx, tenancy.Options{
//		Service:  svc,
//		Features: []primitives.Mountable{features.Auth(), features.Organizations(), tenancy.Info},
//	})
//	root, err := svc.Mount(ctx, features.Auth(), tn.Registry())
//	mux.Handle("/api/tenant/", http.StripPrefix("/api/tenant", tn.Handler()))
//	mux.Handle("/api/", http.StripPrefix("/api", root))
//
// Routes lists the tenants' routes as they answer behind Handler (the
// resolver's errors included), for an API document: package openapi
// builds one from root.Routes() and them (with their paths under the
// tenant prefix), and the Envelope describes the registry's bodies to it.
// examples/multitenant serves such a document.
//
// # Isolation
//
// Each tenant gets a service of its own, a copy of the template whose DB
// is the tenant's database (see DatabaseName) on the template's client.
// The features are mounted once per tenant on that copy: mounting runs
// their setups, so creating a tenant creates its database with every
// index, and every block, validator and setup of a tenant's request sees
// only that database. The copy's tokens are bound to the tenant
// (nodeblocks.AuthSecrets.Tenant): a token issued in tenant A carries A
// and is refused in tenant B, and in the registry, though all share the
// same secrets; the template's own tokens carry no tenant and are the
// reference's, byte for byte.
//
// Files are not isolated by default: every tenant shares the template's
// files.Storage (its object names are random and its URLs signed). Give
// each tenant a storage of its own in Options.Configure if that matters.
//
// # Reading the tenant
//
// A validator or handler of a tenant's request reads the tenant with From;
// middleware with FromContext; a setup or a block that only has the
// service with ID.
//
// # Caching
//
// A resolved tenant is reused for Options.CacheTTL (30 s by default)
// without asking the registry; a deleted or renamed tenant is therefore
// seen within CacheTTL by every process, at once by the process that calls
// Forget. Unknown ids are not cached. Mounted tenants are kept up to
// Options.MaxMounted, least recently used first out. Both caches are in
// the process: several processes each keep their own.
package tenancy
