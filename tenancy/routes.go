package tenancy

import (
	"context"
	"net/http"
	"reflect"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// adminOnly guards every registry route: a user access token of the
// registry's own service (tokens of a tenant are refused: they are bound
// to their tenant) whose identity has the admin type.
var adminOnly = []primitives.Validator{
	validators.IsAuthenticated,
	validators.CheckIdentityType(validators.TypeAdmin),
}

// Registry returns the registry's routes, to mount on the registry's own
// service (usually Options.Service, next to the auth routes its system
// administrators log in with), in the MultiCRM envelope:
//
//	POST /tenants {"name", "domain"}  201 {"success":true,"data":Tenant,"message":"Tenant created successfully"}
//	                                  400 "Name and domain are required", 409 "Domain already in use"
//	GET  /tenants                     200 {"success":true,"data":[Tenant...]}, newest first
//	GET  /tenants/{tenantId}          200 {"success":true,"data":Tenant}, 404 "Tenant not found"
//
// Every route requires a system administrator (an identity of the
// registry's service with the admin type): 401/403 otherwise. A registry
// that does not answer is a 503 "Tenant registry unavailable".
func (t *Tenancy) Registry() primitives.Feature {
	setup := primitives.NewSetup("tenancy: registry indexes", func(ctx context.Context, _ *primitives.Service) error {
		return ensureRegistryIndexes(ctx, t.registry)
	})
	return primitives.Feature{
		Name:     "tenants",
		Envelope: Envelope{},
		Setup:    []*primitives.Setup{setup},
		Routes: []primitives.Route{
			{
				Name:       "createTenant",
				Method:     http.MethodPost,
				Path:       "/tenants",
				Validators: adminOnly,
				Handler:    createTenant(t),
			},
			{
				Name:       "listTenants",
				Method:     http.MethodGet,
				Path:       "/tenants",
				Validators: adminOnly,
				Handler: primitives.Handle(func(r *primitives.Request) mo.Result[[]Tenant] {
					return t.List(r.Context())
				}, terminators.JSON(http.StatusOK, registryErrors)),
			},
			{
				Name:       "getTenant",
				Method:     http.MethodGet,
				Path:       "/tenants/{tenantId}",
				Validators: adminOnly,
				Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Tenant] {
					return t.Get(r.Context(), r.PathValue("tenantId"))
				}, terminators.JSON(http.StatusOK, registryErrors)),
			},
		},
	}
}

// createTenant answers POST /tenants. Its value is a Message around the
// Tenant; the handler states Tenant as its Response, the type of "data",
// since the Message is the envelope's business (it adds "message").
func createTenant(t *Tenancy) primitives.Handler {
	h := primitives.Handle(func(r *primitives.Request) mo.Result[Message] {
		tn, err := t.Create(r.Context(), r.BodyString("name"), r.BodyString("domain")).Get()
		if err != nil {
			return mo.Err[Message](err)
		}
		return mo.Ok(Message{Data: tn, Text: "Tenant created successfully"})
	}, terminators.JSON(http.StatusCreated, registryErrors))
	h.Response = reflect.TypeFor[Tenant]()
	return h
}

// infoAnswer is the bare tenant path's answer.
type infoAnswer struct {
	Success  bool   `json:"success"`
	TenantID string `json:"tenantId"`
}

// Info is GET / of a tenant's features: {"success": true, "tenantId":
// "<id>"}, the MultiCRM original's answer once the tenant is resolved.
// Mount it among Options.Features to answer the bare tenant path; the
// original answered it for every path under the tenant prefix, Blockyard
// only for the bare one (other paths are the features' or 404).
var Info = primitives.Route{
	Name:     "tenantInfo",
	Method:   http.MethodGet,
	Path:     "/",
	Envelope: infoEnvelope{},
	Errors:   []*primitives.Error{ErrMissingTenant},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[infoAnswer] {
		tn, ok := From(r)
		if !ok {
			return mo.Err[infoAnswer](ErrMissingTenant)
		}
		return mo.Ok(infoAnswer{Success: true, TenantID: tn.ID})
	}, terminators.JSON(http.StatusOK, nil)),
}
