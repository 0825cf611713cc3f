package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/tenancy"
)

// tenantPrefix is where the tenants' API is mounted, under /api.
const tenantPrefix = "/tenant"

// apiDocs builds the one API document of the program: the registry's
// routes (/api/auth/..., /api/tenants...) and every tenant's routes under
// /api/tenant/..., each with the x-tenant-id header and the resolver's
// answers (see tenancy.Tenancy.Routes). One document rather than two, because one server serves both
// and one page lets a reader log in as an administrator, create a tenant
// and try its routes; the registry's and the tenants' operations are told
// apart by their tags ("tenant: ...") and operation ids ("tenant...").
func apiDocs(registry, tenants []primitives.RouteInfo) (*openapi.Docs, error) {
	doc, err := openapi.Build(append(registry, tenantRoutes(tenants)...), openapi.Options{
		Title:   options.Name,
		Servers: []openapi.Server{{URL: "/api"}},
		Description: "The registry of tenants (system administrators only) and, under /tenant, " +
			"each tenant's API: name the tenant with the `" + tenancy.DefaultHeader + "` header " +
			"(or, signed in, by the tenant of the access token).",
	})
	if err != nil {
		return nil, err
	}
	describeHeader(doc)
	return openapi.NewFromDocument(doc)
}

// rateLimited is the answer of the rate limiter in front of the tenants
// (ops.Limit in mount).
var rateLimited = primitives.StatusError(http.StatusTooManyRequests, "Too Many Requests")

// tenantRoutes are the tenants' routes as the document lists them: under
// tenantPrefix, tagged and named apart from the registry's, with the rate
// limiter's 429.
func tenantRoutes(routes []primitives.RouteInfo) []primitives.RouteInfo {
	out := make([]primitives.RouteInfo, len(routes))
	for i, ri := range routes {
		ri.Path = tenantPrefix + ri.Path
		ri.Route.Errors = append(slices.Clone(ri.Route.Errors), rateLimited)
		ri.Feature = "tenant: " + ri.Feature
		ri.Name = "tenant" + strings.ToUpper(ri.Name[:1]) + ri.Name[1:]
		out[i] = ri
	}
	return out
}

// describeHeader adds the x-tenant-id header to every tenant operation
// (a route table has no header parameters; the resolver's answers are in
// tenancy's Routes already).
func describeHeader(doc *openapi.Document) {
	header := openapi.Parameter{
		Name: tenancy.DefaultHeader, In: "header", Schema: json.RawMessage(`{"type":"string"}`),
		Description: "The tenant's id. Optional when the access token was issued by the tenant.",
	}
	for path, item := range doc.Paths {
		if path != tenantPrefix && !strings.HasPrefix(path, tenantPrefix+"/") {
			continue
		}
		for _, op := range []*openapi.Operation{item.Get, item.Put, item.Post, item.Delete, item.Options, item.Head, item.Patch, item.Trace} {
			if op != nil {
				op.Parameters = append(op.Parameters, header)
			}
		}
	}
}
