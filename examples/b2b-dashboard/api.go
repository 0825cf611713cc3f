package main

import (
	"context"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/ops"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/store"
	"github.com/blockyard/blockyard/validators"
)

// adminsOnly lets through administrators only (identities whose typeId is
// the configured admin type, "100" by default): the original had no
// authentication at all.
var adminsOnly = []primitives.Validator{validators.IsAuthenticated, validators.CheckIdentityType(validators.TypeAdmin)}

// idParam is the {id} of a path.
var idParam = schema.Param{Name: "id", In: schema.Path, Schema: schema.String().MinLength(1).MaxLength(128)}

// pageParams are a list's optional page and limit.
var pageParams = []schema.Param{
	{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1)},
	{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(maxLimit)},
}

// setup creates the indexes the routes' queries and the uniqueness rules
// need, once per Mount.
var setup = []*primitives.Setup{primitives.NewSetup("b2b indexes", func(ctx context.Context, s *primitives.Service) error {
	if err := store.EnsureIndexes(ctx, organizations(s), store.Unique[Organization]("email"),
		store.Unique[Organization]("slug"), store.Index[Organization]{Fields: []string{"name"}}); err != nil {
		return err
	}
	return store.EnsureIndexes(ctx, users(s), store.Index[User]{Fields: []string{"organizationId", "createdAt"}},
		store.Index[User]{Fields: []string{"createdAt"}})
})}

// B2B is the app's API: the organizations and their users.
func B2B() primitives.Feature {
	return primitives.Feature{
		Name: "b2b",
		Routes: []primitives.Route{
			ListOrganizations, GetOrganization, CreateOrganization, UpdateOrganization,
			ListOrganizationUsers, CreateUser, ListUsers, GetUser, UpdateUser, DeleteUser,
		},
		Envelope: envelope,
	}
}

// upText is GET /'s answer, the original's.
const upText = "B2B Management API (SQL) is up and running!"

// newAPI mounts the API on svc: login (Blockyard's auth feature) and the
// app's routes, with their OpenAPI document and its page (openapi.json,
// openapi-3.0.json, docs), answering CORS requests of corsOrigins. It is
// app.Features plus CORS, written out so that the tests mount the same
// handler on a service of their own.
func newAPI(ctx context.Context, svc *primitives.Service, corsOrigins []string) (http.Handler, error) {
	api, err := svc.Mount(ctx, features.Auth(), B2B())
	if err != nil {
		return nil, err
	}
	docs, err := openapi.New(api.Routes(), openapi.Options{Title: appOptions.Name, Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		return nil, err
	}
	return cors(corsOrigins)(docs.Wrap(api)), nil
}

// cors lets pages of the listed origins call the API from a browser (the
// dashboard hosted apart from the API, e.g. on a development server). The
// original answered every origin; here an origin not listed gets no CORS
// header, so a browser keeps other sites from reading the answers. The
// page served at /dashboard/ is same-origin and needs none. Tokens travel
// in the Authorization header, not in cookies: no credentials.
func cors(origins []string) ops.Middleware {
	return ops.Cors(ops.CORS{
		Origins: origins,
		Methods: []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		Headers: []string{"Authorization", "Content-Type"},
		MaxAge:  10 * time.Minute,
	})
}

// pages registers what is served beside the API: the dashboard under
// /dashboard/ and the original's GET / text.
func pages(handle func(pattern string, h http.Handler)) {
	handle("GET /dashboard/", http.StripPrefix("/dashboard/", dashboard()))
	handle("GET /{$}", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte(upText))
	}))
}
